"""The table rows of ``Coded`` records, gathered in Python so a whole batch is written at once.

``Rows.add`` checks a record and turns it into rows of every table; ``writing.write_rows`` writes
them. Document actors get their ids here (counting up from ``first_actor_id``), so mentions and
event participants can point at them before anything is written.

>>> from dyad.types import Actor, Article, Mention
>>> rows = Rows(first_actor_id=7, now="2025-11-02T00:00:00+00:00")
>>> rows.add(Coded(Article("d1", "a.txt", "Syria."), mentions=(Mention(0, 5, "Syria", "COUNTRY", 0, key="SYR"),),
...                actors=(Actor("SYR", "Syria", "country", aliases=("Syrie",), mentions=((0, 5),)),)))
{'SYR': 7}
>>> rows.doc_actors[0][-2:], rows.mentions[0][-1]
(('["Syrie"]', '[[0, 5]]'), 7)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from json.encoder import encode_basestring_ascii
from typing import Any

from dyad.errors import StoreError
from dyad.store.records import contract_precision, event_id
from dyad.types import Actor, Article, Coded, Event

Row = tuple[Any, ...]


class Rows:
    """Rows for the tables a ``Coded`` record fills, in the order the records were added."""

    def __init__(self, first_actor_id: int, now: str) -> None:
        self.next_actor_id = first_actor_id
        self.now = now
        self.documents: list[Row] = []
        self.sentences: list[Row] = []
        self.doc_actors: list[Row] = []
        self.mentions: list[Row] = []
        self.events: list[Row] = []
        self.participants: list[Row] = []
        self.sources: list[Row] = []

    def add(self, coded: Coded) -> dict[str, int]:
        """Add one record's rows; return {actor key: doc_actor id}. Nothing is added if it is refused."""
        doc_id = coded.article.id
        keys = self._keys(coded)
        events = [(eid, e) for eid, e in zip(_event_ids(doc_id, coded.events), coded.events, strict=True)]
        participants = [(eid, _actor(keys, key, doc_id), side, n) for eid, e in events
                        for side, members in (("source", e.source), ("target", e.target))
                        for n, key in enumerate(members)]
        self.documents.append(_document(coded.article, self.now))
        self.sentences.extend((doc_id, s.index, s.start, s.end) for s in coded.sentences)
        self.doc_actors.extend(_doc_actor(keys[a.key], doc_id, a) for a in coded.actors)
        self.mentions.extend((doc_id, m.start, m.end, m.text, m.label, m.sentence, m.country, m.sector, m.role,
                              keys.get(m.key) if m.key else None) for m in coded.mentions)
        self.events.extend((eid, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.factuality, *_when(e),
                            *_place(e), e.confidence) for eid, e in events)
        self.participants.extend(participants)
        self.sources.extend((eid, doc_id, e.sentence, e.start, e.end, e.trigger[0], e.trigger[1])
                            for eid, e in events)
        self.next_actor_id += len(keys)
        return keys

    def _keys(self, coded: Coded) -> dict[str, int]:
        keys: dict[str, int] = {}
        for n, a in enumerate(coded.actors, start=self.next_actor_id):
            if a.key in keys:
                raise StoreError(f"document {coded.article.name!r} defines actor key {a.key!r} twice")
            keys[a.key] = n
        return keys


def _document(doc: Article, now: str) -> Row:
    start, end = doc.dateline_span or (None, None)
    return (doc.id, doc.name, doc.origin, doc.title, doc.published.isoformat() if doc.published else None,
            doc.dateline, start, end, doc.url, doc.source, doc.text, _json_strings(doc.notes), now)


def _doc_actor(row_id: int, doc_id: str, a: Actor) -> Row:
    return (row_id, doc_id, a.key, a.name, a.kind, a.country, a.sector, a.role, _json_strings(a.aliases),
            _json_spans(a.mentions))


# ``json.dumps`` of a short list costs more than the rest of its row; these write the same text
# (``", "`` between items, non-ASCII escaped) for the two shapes stored: strings and integer pairs.
def _json_strings(items: Sequence[str]) -> str:
    return "[" + ", ".join(map(encode_basestring_ascii, items)) + "]"


def _json_spans(spans: Sequence[tuple[int, int]]) -> str:
    return "[" + ", ".join(f"[{a}, {b}]" for a, b in spans) + "]"


def _event_ids(document_id: str, events: Sequence[Event]) -> Iterator[str]:
    seen: dict[str, int] = {}
    for e in events:
        base = event_id(document_id, e.sentence, e.trigger[0], e.type)
        seen[base] = seen.get(base, -1) + 1
        yield base if seen[base] == 0 else event_id(document_id, e.sentence, e.trigger[0], e.type, seen[base])


def _actor(keys: Mapping[str, int], key: str, document_id: str) -> int:
    if key not in keys:
        raise StoreError(
            f"an event of document {document_id} names actor key {key!r}, which it does not define"
        )
    return keys[key]


def _when(e: Event) -> tuple[Any, ...]:
    if e.date is None:
        return (None, None, None)
    return (e.date.start.isoformat(), e.date.end.isoformat(), contract_precision(e.date.precision))


def _place(e: Event) -> tuple[Any, ...]:
    p = e.place
    return (None,) * 5 if p is None else (p.name, p.country, p.kind, p.lat, p.lon)
