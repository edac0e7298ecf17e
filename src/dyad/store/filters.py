"""``EventFilter`` and the parameterised SQL it becomes; values never enter the SQL text.

An actor is matched by its canonical id, name or any alias (case-insensitive); a document actor
not linked yet is matched by its own name or its ``doc:<id>``. A dyad side is an ISO 3166
alpha-3 code (any participant of that country) or an actor.

>>> sql, params = event_where(EventFilter(type="ASSAULT", country="LBN"))
>>> params
['ASSAULT', 'LBN']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

SqlPart = tuple[str, list[Any]]


@dataclass(frozen=True)
class EventFilter:
    """What ``find_events`` and ``count_events`` select; ``limit=None`` means every event."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    dyad: tuple[str, str] | None = None
    document: str | None = None
    factuality: str | None = None
    limit: int | None = 100
    offset: int = 0


# A participant row: p = event_participants, da = doc_actors, a = actors (NULL until linked).
_PARTICIPANT = (
    "event_participants {p} JOIN doc_actors {da} ON {da}.id = {p}.doc_actor_id "
    "LEFT JOIN actors {a} ON {a}.id = {da}.actor_id"
)


def actor_match(value: str, da: str = "da") -> SqlPart:
    """A document actor (alias ``da``) that is, or is linked to, the actor named ``value``."""
    sql = (
        f"({da}.actor_id IN (SELECT id FROM actors WHERE id = ? OR name = ? COLLATE NOCASE "
        f"UNION SELECT actor_id FROM aliases WHERE alias = ? COLLATE NOCASE) "
        f"OR ({da}.actor_id IS NULL AND ({da}.name = ? COLLATE NOCASE OR 'doc:' || {da}.id = ?)))"
    )
    return sql, [value] * 5


def country_match(code: str, da: str = "da", a: str = "a") -> SqlPart:
    return f"COALESCE({a}.country, {da}.country) = ?", [code.upper()]


def side_match(value: str, da: str, a: str) -> SqlPart:
    """A dyad side: a country code or an actor (an acronym such as IMF is tried as both)."""
    sql, params = actor_match(value, da)
    if len(value) == 3 and value.isalpha():
        country, more = country_match(value, da, a)
        return f"({country} OR {sql})", more + params
    return sql, params


def _any_participant(match: SqlPart) -> SqlPart:
    # An uncorrelated IN is computed once, from the doc_actors index when an actor is named.
    join = _PARTICIPANT.format(p="p", da="da", a="a")
    return f"e.id IN (SELECT p.event_id FROM {join} WHERE {match[0]})", match[1]


def dyad_match(first: str, second: str) -> SqlPart:
    """Events between ``first`` and ``second``: two participants on opposite sides.

    A reciprocal event lists every party as a source and has no target (PLOVER's rule for a
    meeting), so two sources count as a dyad too when the event has no target.
    """
    (one, p1), (two, p2) = side_match(first, "d1", "a1"), side_match(second, "d2", "a2")
    sql = (
        f"e.id IN (SELECT p1.event_id FROM {_PARTICIPANT.format(p='p1', da='d1', a='a1')}, "
        f"{_PARTICIPANT.format(p='p2', da='d2', a='a2')} "
        f"WHERE p2.event_id = p1.event_id AND p1.rowid != p2.rowid AND {one} AND {two} "
        "AND (p1.side != p2.side OR NOT EXISTS (SELECT 1 FROM event_participants t "
        "WHERE t.event_id = p1.event_id AND t.side = 'target')))"
    )
    return sql, p1 + p2


def _document_match(ref: str) -> SqlPart:
    return (
        "e.id IN (SELECT es.event_id FROM event_sources es JOIN documents d ON d.id = es.document_id "
        "WHERE d.id = ? OR d.name = ?)",
        [ref, ref],
    )


def event_where(f: EventFilter) -> SqlPart:
    """The WHERE clause (over ``events e``) for every filter that is set; ``1`` when none is."""
    parts: list[SqlPart] = []
    if f.type:
        parts.append(("e.type = ?", [f.type]))
    if f.factuality:
        parts.append(("e.factuality = ?", [f.factuality]))
    if f.since:  # an interval that ends on or after ``since`` overlaps the period
        parts.append(("COALESCE(e.date_end, e.date) >= ?", [f.since.isoformat()]))
    if f.until:
        parts.append(("e.date <= ?", [f.until.isoformat()]))
    if f.actor:
        parts.append(_any_participant(actor_match(f.actor)))
    if f.country:
        parts.append(_any_participant(country_match(f.country)))
    if f.dyad:
        parts.append(dyad_match(*f.dyad))
    if f.document:
        parts.append(_document_match(f.document))
    if not parts:
        return "1", []
    return " AND ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]
