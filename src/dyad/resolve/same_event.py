"""One real event reported by several articles becomes one event with all its sources.

ICEWS writes one meeting as two rows and GDELT keeps a separate mentions table; dyad keeps one
event with the list of its sources. Two coded events are the same real event when they have the
same PLOVER type and factuality, the same participants after cross-document resolution (a
meeting is symmetric; other types keep their direction), compatible dates (the intervals
overlap, with a day's slack for time zones and "yesterday"), and places that do not contradict.
Two meetings of the same pair a month apart stay two events.

>>> a = {"id": "a", "type": "CONSULT", "factuality": "asserted", "date": "2025-11-02", "date_end": None,
...      "source": [{"id": "x"}], "target": [{"id": "y"}], "place": None, "sources": [{"document": "1"}]}
>>> b = dict(a, id="b", source=[{"id": "y"}], target=[{"id": "x"}], sources=[{"document": "2"}])
>>> same_event_pairs([a, b])
[('a', 'b')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
_SLACK = timedelta(days=1)
_ID, _DOCUMENT = itemgetter("id"), itemgetter("document")


def _sides(kind: str, source: Iterable[Mapping[str, str]], target: Iterable[Mapping[str, str]]
           ) -> tuple[frozenset[str], ...]:
    """The participants that put an event in a block: one set for a symmetric type, else two."""
    sources = frozenset(map(_ID, source))  # map over itemgetter: no Python call per participant
    targets = frozenset(map(_ID, target))
    if kind in _SYMMETRIC:
        return (sources | targets,)
    return sources, targets


class _Report(NamedTuple):
    """What folding compares of one dated event, read once from its mapping (not at each comparison)."""

    id: str
    start: date
    end: date
    country: str | None
    documents: frozenset[str]


# A block member: (date as written or "", id, event). Sorting these sorts by date, then id (ids are
# unique, so the event itself is never compared); the fields are read from the event once.
_Member = tuple[str, str, Mapping[str, Any]]


def _reports(members: list[_Member], days: dict[str, date]) -> list[_Report]:
    """A block's dated events as reports, in the folding order: by date, then id.

    ``days`` caches parsed dates across blocks: a large store has a few thousand distinct days
    and hundreds of thousands of events. Undated events are left out: they match nothing.
    """
    reports = []
    for text, event_id, event in sorted(members):
        if not text:
            continue
        start = days[text] if text in days else days.setdefault(text, date.fromisoformat(text))
        stop = event.get("date_end")
        end = (days[stop] if stop in days else days.setdefault(stop, date.fromisoformat(stop))) if stop else start
        place = event.get("place") or {}
        documents = frozenset(map(_DOCUMENT, event["sources"]))  # no Python call per source
        reports.append(_Report(event_id, start, end, place.get("country"), documents))
    return reports


def same_event_pairs(
    events: Sequence[Mapping[str, Any]], fresh: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """(keep, drop) pairs: ``drop`` reports the same real event as ``keep`` from another document.

    With ``fresh`` (ids of new events and of events whose participants were relinked), only the
    blocks holding a fresh event are folded: the others were folded when they last changed.
    """
    blocks: dict[tuple[Any, ...], list[_Member]] = defaultdict(list)
    for event in events:
        if event["factuality"] == "asserted":
            block = blocks[(kind := event["type"], *_sides(kind, event["source"], event["target"]))]
            block.append((event.get("date") or "", event["id"], event))
    pairs: list[tuple[str, str]] = []
    days: dict[str, date] = {}
    for members in blocks.values():
        if fresh is not None and not any(event_id in fresh for _, event_id, _ in members):
            continue
        pairs += _fold(_reports(members, days))
    return pairs


def _fold(members: Sequence[_Report]) -> list[tuple[str, str]]:
    """Fold one block's dated reports, taken in date order, into the first earlier report they match.

    A report whose interval ended (with the slack) before the current one starts can match no
    later report either, so it leaves the open list: a pair of actors reported daily for years
    costs one pass, not a comparison of every day with every other.
    """
    pairs: list[tuple[str, str]] = []
    open_: list[_Report] = []
    for event in members:
        open_ = [k for k in open_ if k.end + _SLACK >= event.start]
        home = next((k for k in open_ if _matches(k, event)), None)
        if home is None:
            open_.append(event)
        else:
            pairs.append((home.id, event.id))
    return pairs


def _matches(a: _Report, b: _Report) -> bool:
    """Intervals that overlap (with the slack), countries that do not contradict, and no document in
    common: two reports in one article are two events."""
    if a.start > b.end + _SLACK or b.start > a.end + _SLACK:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return a.documents.isdisjoint(b.documents)
