"""Canonical actors and merged events: what cross-document resolution writes back.

The linker (``dyad.resolve.linking``) reads every document actor, decides which are one entity and
hands the answer to ``set_canonical``; same-event detection hands pairs to ``merge_events``. Both
run inside the caller's transaction.

>>> from dyad.store import Store
>>> doc_actor_rows(Store().conn)
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from typing import cast

from dyad.errors import NotFound
from dyad.store.records import CanonicalActor, DocActorRow
from dyad.types import Kind


def doc_actor_rows(conn: sqlite3.Connection) -> list[DocActorRow]:
    """Every document actor. Repeated strings (document ids, kinds, countries, names) are shared, not
    copied per row: a store of 100k articles holds well over a million rows."""
    rows = conn.execute(
        "SELECT da.id, da.document_id, d.name AS document_name, da.key, da.name, da.kind, da.country, "
        "da.sector, da.role, da.aliases, da.actor_id, d.published "
        "FROM doc_actors da JOIN documents d ON d.id = da.document_id ORDER BY da.id"
    )
    shared: dict[str, str] = {}
    dates: dict[str, date] = {}

    def one(text: str) -> str:
        return shared.setdefault(text, text)

    def maybe(text: str | None) -> str | None:
        return None if text is None else shared.setdefault(text, text)

    def day(text: str | None) -> date | None:
        return None if text is None else dates.setdefault(text, date.fromisoformat(text))

    return [
        DocActorRow(
            id=r[0], document_id=one(r[1]), document_name=one(r[2]), key=one(r[3]), name=one(r[4]),
            kind=cast(Kind, one(r[5])), country=maybe(r[6]), sector=maybe(r[7]), role=maybe(r[8]),
            aliases=_aliases(r[9]), actor_id=maybe(r[10]), published=day(r[11]),
        )
        for r in rows
    ]


def _aliases(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def set_canonical(
    conn: sqlite3.Connection, assignments: Mapping[int, str], actors: Sequence[CanonicalActor]
) -> None:
    """Upsert ``actors`` with their aliases, point document actors at them, rebuild their roles.

    Canonical actors that are left without any document actor are deleted (their aliases and
    roles go with them through the foreign keys).
    """
    conn.executemany(
        "INSERT INTO actors (id, name, kind, country, sector) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "country = excluded.country, sector = excluded.sector",
        [(a.id, a.name, a.kind, a.country, a.sector) for a in actors],
    )
    conn.executemany("DELETE FROM aliases WHERE actor_id = ?", [(a.id,) for a in actors])
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (actor_id, alias) VALUES (?, ?)",
        [(a.id, alias) for a in actors for alias in a.aliases],
    )
    conn.executemany(
        "UPDATE doc_actors SET actor_id = ? WHERE id = ? AND actor_id IS NOT ?",
        [(actor, doc_actor, actor) for doc_actor, actor in assignments.items()],
    )
    _rebuild_roles(conn, {a.id for a in actors} | set(assignments.values()))
    conn.execute(
        "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM doc_actors WHERE actor_id IS NOT NULL)"
    )


def _rebuild_roles(conn: sqlite3.Connection, actor_ids: set[str]) -> None:
    """One role row per document that gave the actor a role or sector, dated by its publication."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched_actors (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM touched_actors")
    conn.executemany("INSERT OR IGNORE INTO touched_actors (id) VALUES (?)", [(i,) for i in actor_ids])
    conn.execute("DELETE FROM actor_roles WHERE actor_id IN (SELECT id FROM touched_actors)")
    conn.execute(
        "INSERT INTO actor_roles (actor_id, role, country, sector, document_id, date) "
        "SELECT DISTINCT da.actor_id, da.role, da.country, da.sector, da.document_id, d.published "
        "FROM doc_actors da JOIN documents d ON d.id = da.document_id "
        "WHERE da.actor_id IN (SELECT id FROM touched_actors) "
        "AND (da.role IS NOT NULL OR da.sector IS NOT NULL)"
    )
    conn.execute("DELETE FROM touched_actors")


def merge_events(conn: sqlite3.Connection, keep: str, drop: str) -> None:
    """Make ``drop`` a further report of ``keep``: its sources and participants move, then it goes.

    Participants of ``drop`` come after those of ``keep`` on their side; readers show each
    canonical actor once per side. ``keep`` takes the higher confidence and, if it had no place,
    the place of ``drop``.
    """
    found = {r[0] for r in conn.execute("SELECT id FROM events WHERE id IN (?, ?)", (keep, drop))}
    for missing in {keep, drop} - found:
        raise NotFound(f"no event with id {missing!r}")
    if keep != drop:
        merge_event_pairs(conn, [(keep, drop)])


def merge_event_pairs(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """``merge_events`` for many ``(keep, drop)`` pairs at once, one statement per step for all pairs.

    The steps run pair by pair in the given order within each statement, so the result is that of
    merging the pairs one after the other, as long as no dropped event is kept by a later pair
    (``same_event_pairs`` never does that: an event it drops was never a candidate to keep).
    """
    named = [{"keep": keep, "drop": drop} for keep, drop in pairs]
    conn.executemany("UPDATE event_sources SET event_id = :keep WHERE event_id = :drop", named)
    conn.executemany(
        "UPDATE event_participants SET event_id = :keep, position = position + "
        "(SELECT COALESCE(MAX(position) + 1, 0) FROM event_participants p "
        " WHERE p.event_id = :keep AND p.side = event_participants.side) WHERE event_id = :drop",
        named,
    )
    conn.executemany(
        "UPDATE events SET confidence = MAX(confidence, (SELECT confidence FROM events WHERE id = :drop)) "
        "WHERE id = :keep", named,
    )
    conn.executemany(
        "UPDATE events SET (place_name, place_country, place_kind, lat, lon) = "
        "(SELECT place_name, place_country, place_kind, lat, lon FROM events WHERE id = :drop) "
        "WHERE id = :keep AND place_name IS NULL", named,
    )
    conn.executemany("DELETE FROM events WHERE id = :drop", named)
