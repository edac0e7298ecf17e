"""The few fields of every event that same-event detection compares, read without the export contract.

Cross-source merging (``dyad.resolve.same_event``) needs each event's type, factuality, dates,
place country, canonical participants and source documents — not its sentences, codes or actor
details. Reading just those in three flat queries keeps relinking a large store cheap; the
shape is the export contract's, cut down to what ``same_event_pairs`` reads.

>>> from dyad.store import Store
>>> event_keys(Store())
[]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from dyad.store.canonical import plain_rows, scratch
from dyad.store.store import Store


class EventKey(Mapping[str, Any]):
    """One event's comparison fields, read like the export contract's event dict.

    A slotted record rather than a dict: relinking a 100k-article store holds some 400k of them
    at once, and a dict of nine keys costs several times the memory.
    """

    __slots__ = ("id", "type", "factuality", "date", "date_end", "place", "source", "target", "sources")

    def __init__(self, id: str, type: str, factuality: str, date: str | None, date_end: str | None,
                 place: dict[str, str] | None, source: tuple[dict[str, str], ...],
                 target: tuple[dict[str, str], ...], sources: tuple[dict[str, str], ...]) -> None:
        self.id, self.type, self.factuality, self.date, self.date_end = id, type, factuality, date, date_end
        self.place, self.source, self.target, self.sources = place, source, target, sources

    def __getitem__(self, key: str) -> Any:
        if key in _FIELDS:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """As ``Mapping.get``, in one call: same-event detection reads a few fields of every event."""
        return getattr(self, key) if key in _FIELDS else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.__slots__)

    def __len__(self) -> int:
        return len(self.__slots__)


_FIELDS = frozenset(EventKey.__slots__)


def event_keys(store: Store) -> list[EventKey]:
    """Every event as ``{id, type, factuality, date, date_end, place, source, target, sources}``.

    ``source``/``target`` hold ``{"id": canonical actor id}`` entries (document actors not yet
    linked are left out), ``sources`` holds ``{"document": id}`` entries, ``place`` the country.
    The events come in storage order, not sorted.
    """
    conn = store.conn
    share = sys.intern  # one string per event id across the three queries
    # One small dict per actor, document and country, shared by all the events that name it (read-only).
    actors: dict[str, dict[str, str]] = {}
    sides: dict[str, tuple[list[dict[str, str]], list[dict[str, str]]]] = {}
    for event_id, target, actor_id in plain_rows(
        conn, "SELECT p.event_id, p.side = 'target', da.actor_id FROM event_participants p "
        "JOIN doc_actors da ON da.id = p.doc_actor_id WHERE da.actor_id IS NOT NULL"
    ):  # in storage order, not by position: same-event detection compares participants as sets
        # (the side comes as 0 or 1, an index: no string made and compared per participant)
        both = sides.get(event_id) or sides.setdefault(share(event_id), ([], []))
        both[target].append(actors.get(actor_id) or actors.setdefault(actor_id, {"id": actor_id}))
    sources: dict[str, dict[str, str]] = {}
    documents: dict[str, list[dict[str, str]]] = defaultdict(list)
    for event_id, document_id in plain_rows(conn, "SELECT event_id, document_id FROM event_sources"):
        documents[share(event_id)].append(
            sources.get(document_id) or sources.setdefault(document_id, {"document": document_id})
        )
    places: dict[str | None, dict[str, str] | None] = {None: None}
    nobody: tuple[list[dict[str, str]], list[dict[str, str]]] = ([], [])
    keys = []
    # In storage order: folding sorts each block's events by date and id itself, and reports of
    # different blocks never merge into one event, so the order of the list does not matter.
    for event_id, kind, factuality, start, end, country in plain_rows(
        conn, "SELECT id, type, factuality, date, date_end, place_country FROM events"
    ):
        source, target = sides.pop(event_id, nobody)
        place = places[country] if country in places else places.setdefault(country, {"country": country})
        keys.append(EventKey(share(event_id), share(kind), share(factuality), start and share(start),
                             end and share(end), place, tuple(source), tuple(target),
                             tuple(documents.pop(event_id, ()))))
    return keys


def events_of(store: Store, doc_actor_ids: Collection[int] | None) -> set[str]:
    """Ids of the events in which any of ``doc_actor_ids`` takes part (None: any document actor)."""
    conn = store.conn
    if doc_actor_ids is None:
        return {row[0] for row in conn.execute("SELECT DISTINCT event_id FROM event_participants")}
    scratch(conn, "asked_doc_actors", ("id INTEGER PRIMARY KEY",), ((i,) for i in sorted(doc_actor_ids)))
    found = {
        row[0] for row in conn.execute(
            "SELECT DISTINCT event_id FROM event_participants WHERE doc_actor_id IN (SELECT id FROM asked_doc_actors)"
        )
    }
    conn.execute("DELETE FROM asked_doc_actors")
    return found
