"""A ``Coded`` record as the table rows the store writes: what workers send the single writer.

A ``Coded`` record is some 260 small objects (sentences, mentions, actors, events, dates). The
single writer spent more time unpickling them and turning them into rows than SQLite spent
writing the rows, and one writer serves every worker. ``pack`` does that work where the record is
coded: a ``Packed`` record is one object holding lists of plain tuples, cheap to send and to read.
Document actors are numbered from 0 in it; ``writing.insert_packed`` shifts those numbers past the
store's last actor id, so mentions and event participants point at their actors before anything
is written.

>>> from dyad.types import Actor, Article, Mention
>>> packed = pack(Coded(Article("d1", "a.txt", "Syria."), mentions=(Mention(0, 5, "Syria", "COUNTRY", 0, key="SYR"),),
...                     actors=(Actor("SYR", "Syria", "country", aliases=("Syrie",), mentions=((0, 5),)),)))
>>> packed.keys, packed.doc_actors[0][-2:], packed.mentions[0][-1]
({'SYR': 0}, ('["Syrie"]', '[[0, 5]]'), 0)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any

from dyad.errors import StoreError
from dyad.store.records import contract_precision, event_id
from dyad.types import Actor, Article, Coded, Event

Row = tuple[Any, ...]
# The shape of the rows below. A writer refuses records packed with another: a worker of a remote
# cluster running another dyad version would otherwise fill the wrong columns without a word.
LAYOUT = 1


@dataclass(frozen=True)
class Packed:
    """The rows of one coded document, document actors numbered from 0 (``keys``: actor key → number).

    ``document`` lacks the time of storing, which the writer adds. ``doc_actors`` rows lack their id
    (a row's number is its place in the list); the last column of ``mentions`` and the second of
    ``participants`` hold actor numbers. ``error`` says why the record cannot be stored: the writer
    refuses its batch with it, as if the record had been checked there. ``layout`` is the
    ``LAYOUT`` of the code that packed it.
    """

    id: str
    name: str
    notes: tuple[str, ...]
    keys: dict[str, int]
    document: Row
    sentences: list[Row]
    doc_actors: list[Row]
    mentions: list[Row]
    events: list[Row]
    participants: list[Row]
    sources: list[Row]
    error: str | None = None
    layout: int = LAYOUT


def pack(coded: Coded) -> Packed:
    """The rows of ``coded``; a record that names an actor it does not define, or defines one twice,
    comes back empty with its ``error``."""
    article = coded.article
    try:
        keys = _keys(coded)
        events = [(eid, e) for eid, e in zip(_event_ids(article.id, coded.events), coded.events, strict=True)]
        participants = [(eid, _actor(keys, key, article.id), side, n) for eid, e in events
                        for side, members in (("source", e.source), ("target", e.target))
                        for n, key in enumerate(members)]
    except StoreError as exc:
        return Packed(id=article.id, name=article.name, notes=article.notes, keys={}, document=(), sentences=[],
                      doc_actors=[], mentions=[], events=[], participants=[], sources=[], error=str(exc))
    doc_id = article.id
    return Packed(
        id=doc_id, name=article.name, notes=article.notes, keys=keys,
        document=_document(article),
        sentences=[(doc_id, s.index, s.start, s.end) for s in coded.sentences],
        doc_actors=[_doc_actor(doc_id, a) for a in coded.actors],
        mentions=[(doc_id, m.start, m.end, m.text, m.label, m.sentence, m.country, m.sector, m.role,
                   keys.get(m.key) if m.key else None) for m in coded.mentions],
        events=[(eid, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.factuality, *_when(e), *_place(e),
                 e.confidence) for eid, e in events],
        participants=participants,
        sources=[(eid, doc_id, e.sentence, e.start, e.end, e.trigger[0], e.trigger[1]) for eid, e in events],
    )


def _keys(coded: Coded) -> dict[str, int]:
    keys: dict[str, int] = {}
    for n, a in enumerate(coded.actors):
        if a.key in keys:
            raise StoreError(f"document {coded.article.name!r} defines actor key {a.key!r} twice")
        keys[a.key] = n
    return keys


def _document(doc: Article) -> Row:
    start, end = doc.dateline_span or (None, None)
    return (doc.id, doc.name, doc.origin, doc.title, doc.published.isoformat() if doc.published else None,
            doc.dateline, start, end, doc.url, doc.source, doc.text, _json_strings(doc.notes))


def _doc_actor(doc_id: str, a: Actor) -> Row:
    return (doc_id, a.key, a.name, a.kind, a.country, a.sector, a.role, _json_strings(a.aliases),
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
