"""Write coded documents: documents, sentences, actors, mentions and events, a batch at a time.

Records arrive packed (``rows.pack``: plain row tuples, made where they were coded); the rows of a
whole batch are gathered and written with one ``executemany`` per table: a statement per row (or
per document) cost more than the rows themselves. ``insert_packed`` runs inside the caller's
transaction (``Store.add_packed_many`` opens it), so a failure anywhere leaves nothing of the batch
behind. The stored rows, ids included, are the same as writing the records one by one in order.

>>> from dyad.store import Store
>>> from dyad.store.rows import pack
>>> from dyad.types import Actor, Article, Coded
>>> syria = pack(Coded(Article("d1", "a.txt", "Syria."), actors=(Actor("SYR", "Syria", "country"),)))
>>> insert_packed(Store().conn, [syria, syria], "2025-11-02T00:00:00+00:00")
[{'SYR': 1}, None]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from dyad.errors import StoreError
from dyad.store.records import marks
from dyad.store.rows import LAYOUT, Packed, Row

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


class _Batch:
    """The rows of a batch's new records, document actors given their store ids."""

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

    def add(self, p: Packed) -> dict[str, int]:
        """Add one record's rows, its actor numbers shifted to store ids; {actor key: doc_actor id}."""
        first = self.next_actor_id
        self.documents.append((*p.document, self.now))
        self.sentences += p.sentences
        self.doc_actors += [(first + n, *row) for n, row in enumerate(p.doc_actors)]
        self.mentions += [row if row[-1] is None else (*row[:-1], first + row[-1]) for row in p.mentions]
        self.events += p.events
        self.participants += [(event, first + actor, side, n) for event, actor, side, n in p.participants]
        self.sources += p.sources
        self.next_actor_id += len(p.doc_actors)
        return {key: first + n for key, n in p.keys.items()}

    def write(self, conn: sqlite3.Connection) -> None:
        """Parents before children, so every reference points at a row that is already there."""
        conn.executemany(_DOCUMENTS, self.documents)
        conn.executemany(_SENTENCES, self.sentences)
        conn.executemany(_DOC_ACTORS, self.doc_actors)
        conn.executemany(_MENTIONS, self.mentions)
        conn.executemany(_EVENTS, self.events)
        conn.executemany(_PARTICIPANTS, self.participants)
        conn.executemany(_SOURCES, self.sources)


def insert_packed(conn: sqlite3.Connection, batch: Sequence[Packed], now: str) -> list[dict[str, int] | None]:
    """Store the records of ``batch`` in order; per record {actor key: doc_actor id}, None if already stored.

    A record whose document is stored already, or comes earlier in the batch, is skipped. A new
    record that cannot be stored (it names an actor key it does not define), or any record packed
    by another version of the row layout, raises ``StoreError`` before anything is written.
    """
    for p in batch:
        if p.layout != LAYOUT:
            raise StoreError(f"document {p.name!r} was packed with row layout {p.layout}, this writer "
                             f"stores layout {LAYOUT}: run the same dyad version on every worker")
    stored = _stored_ids(conn, [p.id for p in batch])
    rows = _Batch(_next_doc_actor_id(conn), now)
    keys: list[dict[str, int] | None] = []
    for p in batch:
        fresh = p.id not in stored
        stored.add(p.id)
        if fresh and p.error:
            raise StoreError(p.error)
        keys.append(rows.add(p) if fresh else None)
    rows.write(conn)
    return keys


def _stored_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    stored: set[str] = set()
    for at in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[at:at + _IDS_PER_QUERY]
        stored.update(r[0] for r in conn.execute(f"SELECT id FROM documents WHERE id IN ({marks(len(chunk))})", chunk))
    return stored


def _next_doc_actor_id(conn: sqlite3.Connection) -> int:
    """The id SQLite would give the next document actor (one past the largest, as without AUTOINCREMENT).

    Giving the ids ourselves lets one ``executemany`` write all actors of a batch while mentions
    and events still learn their actors' ids; the caller's write lock keeps another writer out.
    """
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM doc_actors").fetchone()[0])

