"""The read queries that the CLI, the web app, the exports and the eval share (one query, many renderers).

Everything returned follows the export contract (see ``dyad.store.contract``): events ordered by
date (undated last), then id.

>>> from dyad.store import Store
>>> find_events(Store(), EventFilter(type="CONSULT"))
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dyad.store.contract import actors_from_rows, events_from_rows
from dyad.store.filters import EventFilter, dyad_match, event_where

if TYPE_CHECKING:
    from dyad.store.store import Store

__all__ = [
    "EventFilter", "count_events", "dyad_counts", "find_actors", "find_events", "get_actor", "get_document",
    "get_event", "iter_actors", "iter_events", "list_documents", "stats",
]
Dict = dict[str, Any]
BATCH = 500


def _batches(cursor: sqlite3.Cursor, size: int) -> Iterator[list[sqlite3.Row]]:
    while rows := cursor.fetchmany(size):
        yield rows


def iter_events(store: Store, f: EventFilter, batch: int = BATCH) -> Iterator[Dict]:
    """Events matching ``f`` as a stream: a batch of rows in memory at a time."""
    where, params = event_where(f)
    sql = (f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date IS NULL, e.date, e.id "
           "LIMIT ? OFFSET ?")
    cursor = store.conn.execute(sql, [*params, -1 if f.limit is None else f.limit, f.offset])
    for rows in _batches(cursor, batch):
        yield from events_from_rows(store.conn, rows)


def find_events(store: Store, f: EventFilter) -> list[Dict]:
    return list(iter_events(store, f))


def count_events(store: Store, f: EventFilter) -> int:
    where, params = event_where(f)
    return int(store.conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", params).fetchone()[0])


def get_event(store: Store, event_id: str) -> Dict | None:
    rows = store.conn.execute("SELECT e.* FROM events e WHERE e.id = ?", (event_id,)).fetchall()
    found = events_from_rows(store.conn, rows)
    return found[0] if found else None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def iter_actors(store: Store, query: str | None = None, limit: int | None = None, offset: int = 0,
                batch: int = BATCH) -> Iterator[Dict]:
    """Canonical actors whose id is ``query`` or whose name or an alias contains it (any case)."""
    where, params = "1", []
    if query:
        where = ("(a.id = ? OR a.name LIKE ? ESCAPE '\\' OR a.id IN "
                 "(SELECT actor_id FROM aliases WHERE alias LIKE ? ESCAPE '\\'))")
        params = [query, _like(query), _like(query)]
    cursor = store.conn.execute(
        f"SELECT a.* FROM actors a WHERE {where} ORDER BY a.name COLLATE NOCASE, a.id LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, offset],
    )
    for rows in _batches(cursor, batch):
        yield from actors_from_rows(store.conn, rows)


def find_actors(store: Store, query: str | None = None, limit: int = 100, offset: int = 0) -> list[Dict]:
    return list(iter_actors(store, query, limit, offset))


def get_actor(store: Store, actor_id: str) -> Dict | None:
    """One actor with ``n_events``, ``counterparts`` (actors met in its events, with counts) and roles."""
    rows = store.conn.execute("SELECT a.* FROM actors a WHERE a.id = ?", (actor_id,)).fetchall()
    if not rows:
        return None
    actor = actors_from_rows(store.conn, rows)[0]
    actor["n_events"] = store.conn.execute(
        "SELECT COUNT(DISTINCT p.event_id) FROM event_participants p "
        "JOIN doc_actors da ON da.id = p.doc_actor_id WHERE da.actor_id = ?", (actor_id,),
    ).fetchone()[0]
    counterparts = store.conn.execute(
        "SELECT COALESCE(a2.id, 'doc:' || d2.id) AS id, COALESCE(a2.name, d2.name) AS name, "
        "COUNT(DISTINCT p2.event_id) AS count "
        "FROM doc_actors d1 JOIN event_participants p1 ON p1.doc_actor_id = d1.id "
        "JOIN event_participants p2 ON p2.event_id = p1.event_id "
        "JOIN doc_actors d2 ON d2.id = p2.doc_actor_id "
        "LEFT JOIN actors a2 ON a2.id = d2.actor_id "
        "WHERE d1.actor_id = ? AND d2.actor_id IS NOT ? GROUP BY 1, 2 ORDER BY count DESC, name",
        (actor_id, actor_id),
    )
    actor["counterparts"] = [dict(r) for r in counterparts]
    return actor


def _document_row(store: Store, ref: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = store.conn.execute("SELECT * FROM documents WHERE id = ?", (ref,)).fetchone()
    if row is None:  # a name: several files may share one; the first stored wins
        row = store.conn.execute(
            "SELECT * FROM documents WHERE name = ? ORDER BY rowid LIMIT 1", (ref,)
        ).fetchone()
    return row


def get_document(store: Store, ref: str) -> Dict | None:
    """A document by id or name: metadata, text, sentences, mentions, its actors and its events."""
    row = _document_row(store, ref)
    if row is None:
        return None
    doc = _document_meta(row) | {"text": row["text"], "dateline_span": _span(row)}
    doc["sentences"] = [dict(r) for r in store.conn.execute(
        'SELECT idx AS "index", start, "end" FROM sentences WHERE document_id = ? ORDER BY idx',
        (row["id"],))]
    doc["mentions"] = [dict(r) for r in store.conn.execute(
        'SELECT m.start, m."end", m.text, m.label, m.sentence, m.country, m.sector, m.role, da.key, '
        "COALESCE(da.actor_id, 'doc:' || da.id) AS actor_id "
        "FROM mentions m LEFT JOIN doc_actors da ON da.id = m.doc_actor_id WHERE m.document_id = ? "
        "ORDER BY m.start, m.id", (row["id"],))]
    doc["actors"] = [dict(r) for r in store.conn.execute(
        "SELECT key, name, kind, country, sector, role, COALESCE(actor_id, 'doc:' || id) AS actor_id "
        "FROM doc_actors WHERE document_id = ? ORDER BY id", (row["id"],))]
    doc["events"] = find_events(store, EventFilter(document=row["id"], limit=None))
    return doc


def _span(row: sqlite3.Row) -> list[int] | None:
    return None if row["dateline_start"] is None else [row["dateline_start"], row["dateline_end"]]


def _document_meta(row: sqlite3.Row) -> Dict:
    keys = ("id", "name", "origin", "title", "published", "dateline", "url", "source", "ingested_at")
    return {k: row[k] for k in keys} | {"notes": json.loads(row["notes"])}


def list_documents(store: Store, limit: int | None = 100, offset: int = 0) -> list[Dict]:
    rows = store.conn.execute(
        "SELECT d.*, (SELECT COUNT(DISTINCT es.event_id) FROM event_sources es WHERE es.document_id = d.id) "
        "AS n_events FROM documents d ORDER BY d.name COLLATE NOCASE, d.id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [_document_meta(r) | {"n_events": r["n_events"]} for r in rows]


def dyad_counts(store: Store, a: str, b: str) -> list[Dict]:
    """Monthly event counts by PLOVER type and quad class between ``a`` and ``b`` (countries or actors)."""
    where, params = dyad_match(a, b)
    rows = store.conn.execute(
        "SELECT substr(e.date, 1, 7) AS month, e.type, e.quad_class, COUNT(*) AS count FROM events e "
        f"WHERE e.date IS NOT NULL AND {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", params,
    )
    return [dict(r) for r in rows]


def stats(store: Store) -> Dict:
    """What the store holds, the period its events cover, and events by type, quad class and factuality."""
    numbers: Dict = dict(store.counts())
    first, last = store.conn.execute("SELECT MIN(date), MAX(COALESCE(date_end, date)) FROM events").fetchone()
    numbers |= {"first_event": first, "last_event": last}
    for column in ("type", "quad_class", "factuality"):
        rows = store.conn.execute(f"SELECT {column}, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
        numbers[f"events_by_{column}"] = {str(key): n for key, n in rows}
    return numbers
