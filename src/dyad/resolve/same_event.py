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
from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
_SLACK = timedelta(days=1)


def _interval(event: Mapping[str, Any]) -> tuple[date, date] | None:
    if not event.get("date"):
        return None
    start = date.fromisoformat(event["date"])
    end = date.fromisoformat(event["date_end"]) if event.get("date_end") else start
    return start, end


def _participants(event: Mapping[str, Any]) -> tuple[frozenset[str], ...]:
    sources = frozenset(a["id"] for a in event["source"])
    targets = frozenset(a["id"] for a in event["target"])
    if event["type"] in _SYMMETRIC:
        return (sources | targets,)
    return sources, targets


def _compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False  # undated events cannot be told apart from a different occasion
    if ia[0] > ib[1] + _SLACK or ib[0] > ia[1] + _SLACK:
        return False
    pa, pb = a.get("place") or {}, b.get("place") or {}
    return not (pa.get("country") and pb.get("country") and pa["country"] != pb["country"])


def _documents(event: Mapping[str, Any]) -> set[str]:
    return {s["document"] for s in event["sources"]}


def same_event_pairs(
    events: Sequence[Mapping[str, Any]], fresh: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """(keep, drop) pairs: ``drop`` reports the same real event as ``keep`` from another document.

    With ``fresh`` (ids of new events and of events whose participants were relinked), only the
    blocks holding a fresh event are folded: the others were folded when they last changed.
    """
    blocks: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for event in events:
        if event["factuality"] == "asserted":
            blocks[(event["type"], *_participants(event))].append(event)
    pairs: list[tuple[str, str]] = []
    for members in blocks.values():
        if fresh is not None and not any(e["id"] in fresh for e in members):
            continue
        pairs += _fold(sorted(members, key=lambda e: (e.get("date") or "", e["id"])))
    return pairs


def _fold(members: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Fold one block's events, taken in date order, into the first earlier event they match.

    An event whose interval ended (with the slack) before the current one starts can match no
    later event either, so it leaves the open list: a pair of actors reported daily for years
    costs one pass, not a comparison of every day with every other.
    """
    pairs: list[tuple[str, str]] = []
    open_: list[tuple[Mapping[str, Any], set[str], date]] = []
    for event in members:
        span, documents = _interval(event), _documents(event)
        if span is None:
            continue  # an undated report cannot be told apart from another occasion
        open_ = [k for k in open_ if k[2] + _SLACK >= span[0]]
        home = next((k for k, docs, _ in open_ if _compatible(k, event) and not docs & documents), None)
        if home is None:
            open_.append((event, documents, span[1]))
        else:
            pairs.append((home["id"], event["id"]))
    return pairs
