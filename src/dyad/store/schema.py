"""The SQLite schema as an ordered list of migrations; ``PRAGMA user_version`` counts the ones applied.

A later change appends a script to ``MIGRATIONS`` and never edits an earlier one, so a store made
by any older dyad is brought up to date when it is opened. Each migration runs in one transaction
(an interrupted upgrade leaves the store at the previous version, not half-way).

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(conn) == len(MIGRATIONS)
True
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from dyad.errors import StoreError

_V1 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,               -- content hash of the cleaned text: re-ingest is a no-op
    name TEXT NOT NULL,                -- file name, or row id for JSONL/CSV input
    origin TEXT NOT NULL DEFAULT '',
    title TEXT, published TEXT,        -- ISO date
    dateline TEXT, dateline_start INTEGER, dateline_end INTEGER,
    url TEXT, source TEXT,
    text TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '[]',  -- JSON list
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);

CREATE TABLE sentences (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE actors (                  -- canonical actors, across documents
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, sector TEXT
);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);

CREATE TABLE doc_actors (              -- one in-document actor (a coreference cluster)
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, sector TEXT, role TEXT,
    aliases TEXT NOT NULL DEFAULT '[]', spans TEXT NOT NULL DEFAULT '[]',   -- JSON lists
    actor_id TEXT REFERENCES actors(id) ON DELETE SET NULL,
    UNIQUE (document_id, key)
);
CREATE INDEX doc_actors_actor ON doc_actors(actor_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL,
    sentence INTEGER NOT NULL, country TEXT, sector TEXT, role TEXT,
    doc_actor_id INTEGER REFERENCES doc_actors(id) ON DELETE SET NULL
);
CREATE INDEX mentions_document ON mentions(document_id);

CREATE TABLE aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    UNIQUE (actor_id, alias)
);
CREATE INDEX aliases_alias ON aliases(alias COLLATE NOCASE);

CREATE TABLE actor_roles (             -- what each document said the actor was, and when
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    role TEXT, country TEXT, sector TEXT,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT
);
CREATE INDEX actor_roles_actor ON actor_roles(actor_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL, mode TEXT, cameo TEXT NOT NULL, quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL, factuality TEXT NOT NULL,
    date TEXT, date_end TEXT, date_precision TEXT,     -- precision as the export contract names it
    place_name TEXT, place_country TEXT, place_kind TEXT, lat REAL, lon REAL,
    confidence REAL NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type);

CREATE TABLE event_participants (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_actor_id INTEGER NOT NULL REFERENCES doc_actors(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position INTEGER NOT NULL           -- order within its side, as the coder listed them
);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_actor ON event_participants(doc_actor_id);

CREATE TABLE event_sources (           -- every sentence that reports the event
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL
);
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE INDEX event_sources_document ON event_sources(document_id);

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY, origin TEXT NOT NULL, name TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
    UNIQUE (origin, name, reason)
);

CREATE TABLE actor_decisions (         -- the user's merge / split / never-merge decisions
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'never')),
    a TEXT NOT NULL, b TEXT NOT NULL, at TEXT NOT NULL
);
"""

MIGRATIONS: list[str] = [_V1]


def statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (``executescript`` would commit half-way)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:60]!r}")


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations, each in its own transaction; return the schema version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). ``BEGIN IMMEDIATE`` takes the
    write lock before the version is read again, so two processes opening a new file at once
    cannot both apply the same migration.
    """
    if _version(conn) == len(MIGRATIONS):
        return len(MIGRATIONS)
    for number, script in enumerate(MIGRATIONS, start=1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _version(conn) < number:
                for statement in statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return _version(conn)


def _version(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the store is at schema version {version}, newer than this dyad knows ({len(MIGRATIONS)}): "
            "upgrade dyad to open it"
        )
    return version
