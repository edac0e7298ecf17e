"""Write one ``Coded`` record: its document, sentences, actors, mentions and events.

``insert_coded`` runs inside the caller's transaction (``Store.add_coded`` opens it), so a failure
anywhere leaves nothing of the document behind.

>>> from dyad.store import Store
>>> from dyad.types import Actor, Article
>>> insert_coded(Store().conn, Coded(Article("d1", "a.txt", "Syria."), actors=(Actor("SYR", "Syria", "country"),)),
...              "2025-11-02T00:00:00+00:00")
{'SYR': 1}
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from dyad.errors import StoreError
from dyad.store.records import contract_precision, event_id
from dyad.types import Article, Coded, Event


def insert_coded(conn: sqlite3.Connection, coded: Coded, now: str) -> dict[str, int]:
    """Store ``coded``; return {actor key: doc_actor id}. The document must not be stored yet."""
    doc = coded.article
    _insert_document(conn, doc, now)
    conn.executemany(
        'INSERT INTO sentences (document_id, idx, start, "end") VALUES (?, ?, ?, ?)',
        [(doc.id, s.index, s.start, s.end) for s in coded.sentences],
    )
    keys = _insert_actors(conn, coded)
    conn.executemany(
        'INSERT INTO mentions (document_id, start, "end", text, label, sentence, country, sector, role, '
        "doc_actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, m.start, m.end, m.text, m.label, m.sentence, m.country, m.sector, m.role,
          keys.get(m.key) if m.key else None) for m in coded.mentions],
    )
    for eid, event in zip(_event_ids(doc.id, coded.events), coded.events, strict=True):
        _insert_event(conn, doc.id, eid, event, keys)
    return keys


def _insert_document(conn: sqlite3.Connection, doc: Article, now: str) -> None:
    start, end = doc.dateline_span or (None, None)
    conn.execute(
        "INSERT INTO documents (id, name, origin, title, published, dateline, dateline_start, dateline_end, "
        "url, source, text, notes, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.name, doc.origin, doc.title, doc.published.isoformat() if doc.published else None,
         doc.dateline, start, end, doc.url, doc.source, doc.text, json.dumps(list(doc.notes)), now),
    )


def _insert_actors(conn: sqlite3.Connection, coded: Coded) -> dict[str, int]:
    keys: dict[str, int] = {}
    for a in coded.actors:
        if a.key in keys:
            raise StoreError(f"document {coded.article.name!r} defines actor key {a.key!r} twice")
        cursor = conn.execute(
            "INSERT INTO doc_actors (document_id, key, name, kind, country, sector, role, aliases, spans) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (coded.article.id, a.key, a.name, a.kind, a.country, a.sector, a.role,
             json.dumps(list(a.aliases)), json.dumps([list(s) for s in a.mentions])),
        )
        keys[a.key] = int(cursor.lastrowid or 0)
    return keys


def _event_ids(document_id: str, events: Sequence[Event]) -> Iterator[str]:
    seen: dict[str, int] = {}
    for e in events:
        base = event_id(document_id, e.sentence, e.trigger[0], e.type)
        seen[base] = seen.get(base, -1) + 1
        yield base if seen[base] == 0 else event_id(document_id, e.sentence, e.trigger[0], e.type, seen[base])


def _insert_event(
    conn: sqlite3.Connection, document_id: str, eid: str, e: Event, keys: Mapping[str, int]
) -> None:
    conn.execute(
        "INSERT INTO events (id, type, mode, cameo, quad_class, goldstein, factuality, date, date_end, "
        "date_precision, place_name, place_country, place_kind, lat, lon, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (eid, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.factuality, *_when(e), *_place(e),
         e.confidence),
    )
    conn.executemany(
        "INSERT INTO event_participants (event_id, doc_actor_id, side, position) VALUES (?, ?, ?, ?)",
        [(eid, _actor(keys, key, document_id), side, n)
         for side, members in (("source", e.source), ("target", e.target)) for n, key in enumerate(members)],
    )
    conn.execute(
        "INSERT INTO event_sources "
        '(event_id, document_id, sentence, start, "end", trigger_start, trigger_end) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (eid, document_id, e.sentence, e.start, e.end, e.trigger[0], e.trigger[1]),
    )


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
