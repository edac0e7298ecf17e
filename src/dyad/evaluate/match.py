"""Whether one system event matches one gold event (or negative entry), check by check.

The rules are FORMAT.md's, read literally. Relaxed: the type, and every gold actor matched by
some participant of the system event (one participant may match two gold actors: FORMAT.md asks
for "some participant", not a distinct one). Strict adds the sector of ``country`` actors that carry one,
the date (the system interval inside the gold one) and the country of the place.

>>> from dyad.evaluate.gold import GoldActor, GoldEvent
>>> actors = {"lbn": GoldActor("lbn", "Lebanon", "country", "LBN", "GOV")}
>>> gold = GoldEvent(("REQUEST",), ("lbn",), place_country="BHR")
>>> event = {"type": "REQUEST", "source": [{"name": "Lebanon", "country": "LBN", "sector": None}],
...          "target": [], "date": None, "place": None}
>>> failures(gold, actors, event)
('sector', 'place')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dyad.evaluate.gold import GoldActor, GoldEvent
from dyad.evaluate.intervals import system_interval, within
from dyad.evaluate.names import name_forms

RELAXED_CHECKS = frozenset({"type", "actors"})


def sector_code(sector: str | None) -> str | None:
    """The primary CAMEO role of a sector code; None when there is none or it is unspecified.

    CAMEO appends ethnic or religious codes to the role (``CVLalb``: Albanian civilians,
    ``RELCHR``: Christian clergy) and writes ``***`` for "unspecified". dyad codes the role
    only, so sectors are compared on their first three letters, and ``***`` checks nothing.

    >>> sector_code("CVLalb"), sector_code("GOV"), sector_code("***"), sector_code(None)
    ('CVL', 'GOV', None, None)
    """
    code = (sector or "")[:3].upper()
    return code if len(code) == 3 and code.isalpha() else None


def actor_matches(gold: GoldActor, participant: Mapping[str, Any], strict: bool) -> bool:
    """A ``country`` actor by its code (and, strictly, its sector); any other by a name or alias."""
    if gold.kind == "country":
        if participant.get("country") != gold.country:
            return False
        wanted = sector_code(gold.sector)
        return not strict or wanted is None or sector_code(participant.get("sector")) == wanted
    names = name_forms((participant.get("name"), *(participant.get("aliases") or ())))
    return not gold.forms.isdisjoint(names)


def actors_match(gold: GoldEvent, actors: Mapping[str, GoldActor], event: Mapping[str, Any],
                 strict: bool) -> bool:
    """Every gold actor matched by some participant; with ``directed``, on the right side."""
    sources: Sequence[Mapping[str, Any]] = event.get("source") or []
    slots = [*sources, *(event.get("target") or [])]

    def allowed(position: int) -> range:
        if not gold.directed:
            return range(len(slots))
        return range(len(sources)) if position == 0 else range(len(sources), len(slots))

    wanted = [actors[key] for key in gold.actors]
    adjacent = [[s for s in allowed(i) if actor_matches(actor, slots[s], strict)]
                for i, actor in enumerate(wanted)]
    return all(adjacent)


def failures(gold: GoldEvent, actors: Mapping[str, GoldActor], event: Mapping[str, Any]) -> tuple[str, ...]:
    """The checks ``event`` fails against ``gold``, in order: type, actors, sector, date, place.

    ``"sector"`` means the actors match only when sectors are ignored. A null gold date or
    place checks nothing; a null system date or place fails a non-null gold one.
    """
    failed = []
    if gold.types and event.get("type") not in gold.types:
        failed.append("type")
    if not actors_match(gold, actors, event, strict=False):
        failed.append("actors")
    elif not actors_match(gold, actors, event, strict=True):
        failed.append("sector")
    span = system_interval(event)
    if gold.date is not None and (span is None or not within(span, gold.date)):
        failed.append("date")
    place = event.get("place") or {}
    if gold.place_country is not None and place.get("country") != gold.place_country:
        failed.append("place")
    return tuple(failed)


def matches(gold: GoldEvent, actors: Mapping[str, GoldActor], event: Mapping[str, Any], strict: bool) -> bool:
    """Whether ``event`` matches ``gold`` at the strict level, or (``strict=False``) the relaxed one."""
    failed = failures(gold, actors, event)
    return not failed if strict else RELAXED_CHECKS.isdisjoint(failed)


def hits_negative(negative: GoldEvent, actors: Mapping[str, GoldActor], event: Mapping[str, Any]) -> bool:
    """Whether ``event`` is an event the gold forbids: type (or "any"), actors, and the date/country given."""
    return set(failures(negative, actors, event)) <= {"sector"}
