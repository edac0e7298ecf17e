"""Write ``Coded`` records: documents, sentences, actors, mentions and events, a batch at a time.

The rows of a whole batch are built in Python first and then written with one ``executemany``
per table: a statement per row (or per document) cost more than the rows themselves. ``insert_batch``
runs inside the caller's transaction (``Store.add_coded_many`` opens it), so a failure anywhere
leaves nothing of the batch behind. The stored rows, ids included, are the same as writing the
records one by one in order.

>>> from dyad.store import Store
>>> from dyad.types import Actor, Article
>>> syria = Coded(Article("d1", "a.txt", "Syria."), actors=(Actor("SYR", "Syria", "country"),))
>>> insert_batch(Store().conn, [syria, syria], "2025-11-02T00:00:00+00:00")
[{'SYR': 1}, None]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from dyad.store.rows import Rows
from dyad.types import Coded

_DOCUMENTS = (
    "INSERT INTO documents (id, name, origin, title, published, dateline, dateline_start, dateline_end, "
    "url, source, text, notes, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SENTENCES = 'INSERT INTO sentences (document_id, idx, start, "end") VALUES (?, ?, ?, ?)'
_DOC_ACTORS = (
    "INSERT INTO doc_actors (id, document_id, key, name, kind, country, sector, role, aliases, spans) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_MENTIONS = (
    'INSERT INTO mentions (document_id, start, "end", text, label, sentence, country, sector, role, '
    "doc_actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_EVENTS = (
    "INSERT INTO events (id, type, mode, cameo, quad_class, goldstein, factuality, date, date_end, "
    "date_precision, place_name, place_country, place_kind, lat, lon, confidence) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_PARTICIPANTS = "INSERT INTO event_participants (event_id, doc_actor_id, side, position) VALUES (?, ?, ?, ?)"
_SOURCES = (
    'INSERT INTO event_sources (event_id, document_id, sentence, start, "end", trigger_start, trigger_end) '
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
# SQLite's default cap on ``?`` parameters in one statement is 32766; stay far below it.
_IDS_PER_QUERY = 500


def insert_batch(conn: sqlite3.Connection, batch: Sequence[Coded], now: str) -> list[dict[str, int] | None]:
    """Store the records of ``batch`` in order; per record {actor key: doc_actor id}, None if already stored.

    A record whose document is stored already, or comes earlier in the batch, is skipped. A record
    that names an actor key it does not define raises ``StoreError`` before anything is written.
    """
    stored = _stored_ids(conn, [c.article.id for c in batch])
    rows = Rows(_next_doc_actor_id(conn), now)
    keys: list[dict[str, int] | None] = []
    for coded in batch:
        fresh = coded.article.id not in stored
        stored.add(coded.article.id)
        keys.append(rows.add(coded) if fresh else None)
    write_rows(conn, rows)
    return keys


def write_rows(conn: sqlite3.Connection, rows: Rows) -> None:
    """Parents before children, so every reference points at a row that is already there."""
    conn.executemany(_DOCUMENTS, rows.documents)
    conn.executemany(_SENTENCES, rows.sentences)
    conn.executemany(_DOC_ACTORS, rows.doc_actors)
    conn.executemany(_MENTIONS, rows.mentions)
    conn.executemany(_EVENTS, rows.events)
    conn.executemany(_PARTICIPANTS, rows.participants)
    conn.executemany(_SOURCES, rows.sources)


def _stored_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    stored: set[str] = set()
    for at in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[at:at + _IDS_PER_QUERY]
        marks = ", ".join("?" * len(chunk))
        stored.update(r[0] for r in conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
    return stored


def _next_doc_actor_id(conn: sqlite3.Connection) -> int:
    """The id SQLite would give the next document actor (one past the largest, as without AUTOINCREMENT).

    Giving the ids ourselves lets one ``executemany`` write all actors of a batch while mentions
    and events still learn their actors' ids; the caller's write lock keeps another writer out.
    """
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM doc_actors").fetchone()[0])

