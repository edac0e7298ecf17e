"""``Store``: one SQLite file (or ``:memory:``) holding documents, actors, events and decisions.

Every write of a document happens in one transaction, so a crash never leaves half a document;
``transaction()`` nests (inner blocks become savepoints), so a caller may group many documents.

>>> with Store() as store:
...     store.counts()
{'documents': 0, 'events': 0, 'actors': 0, 'rejections': 0}
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from dyad.errors import InputError, StoreError
from dyad.store import canonical
from dyad.store.records import CanonicalActor, DocActorRow
from dyad.store.rows import Packed, pack
from dyad.store.schema import migrate
from dyad.store.writing import insert_packed
from dyad.types import Coded, Rejection

DECISIONS = ("merge", "split", "never")
# UPDATE ... FROM (relinking) came with SQLite 3.33; Python 3.11 builds bundle a newer one, but a
# Python linked against an old system SQLite would fail half-way through a link instead of here.
SQLITE_AT_LEAST = (3, 33, 0)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The SQLite store; ``Store()`` is an empty in-memory one, ``Store("dyad.db")`` a file."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self._depth = 0
        if sqlite3.sqlite_version_info < SQLITE_AT_LEAST:
            raise StoreError(f"dyad needs SQLite {'.'.join(map(str, SQLITE_AT_LEAST))} or newer; this Python has "
                             f"{sqlite3.sqlite_version}")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: ids are hashes, so inserts land anywhere
            if self.path != ":memory:":
                # WAL lets readers (the web app, an export) run while the one writer ingests.
                self.conn.execute("PRAGMA busy_timeout = 30000")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # Copy the log into the database every ~40 MB rather than every 4 MB (SQLite's default):
                # fewer, larger checkpoints; storing 15,780 articles went from 17.5 s to 14.1 s.
                self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
            migrate(self.conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc

    @staticmethod
    def default_path() -> Path:
        """``$DYAD_DB``, else ``./dyad.db``."""
        return Path(os.environ.get("DYAD_DB") or "dyad.db")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; an inner ``transaction()`` is a savepoint of the outer one."""
        savepoint = f"sp{self._depth}"
        self.conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            self.conn.execute("ROLLBACK" if self._depth == 0 else f"ROLLBACK TO {savepoint}")
            if self._depth:
                self.conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        self.conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {savepoint}")

    # --- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_coded(self, coded: Coded) -> dict[str, int] | None:
        """Store one coded document; {actor key: doc_actor id}, or None if it was already stored."""
        return self.add_coded_many([coded])[0]

    def add_coded_many(self, batch: Sequence[Coded]) -> list[dict[str, int] | None]:
        """Store a batch in one transaction: per record what ``add_coded`` returns, in order.

        One commit for the batch is what makes storing cheap; a crash loses the whole batch, never
        part of a document. A record that cannot be stored (``StoreError``) stores none of the batch.
        """
        return self.add_packed_many([pack(c) for c in batch])

    def add_packed_many(self, batch: Sequence[Packed]) -> list[dict[str, int] | None]:
        """``add_coded_many`` for records already packed into rows (``rows.pack``, done by workers)."""
        if not batch:
            return []
        try:
            with self.transaction() as conn:
                return insert_packed(conn, batch, _now())
        except sqlite3.Error as exc:
            names = ", ".join(repr(p.name) for p in batch[:3]) + (", ..." if len(batch) > 3 else "")
            raise StoreError(f"cannot store document{'s' if len(batch) > 1 else ''} {names}: {exc}") from exc

    def add_rejection(self, r: Rejection) -> None:
        """Record a document that could not be stored; the same rejection again only updates its time."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO rejections (origin, name, reason, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (origin, name, reason) DO UPDATE SET at = excluded.at",
                (r.origin, r.name, r.reason, _now()),
            )

    def rejections(self) -> list[Rejection]:
        rows = self.conn.execute("SELECT origin, name, reason FROM rejections ORDER BY id")
        return [Rejection(origin=r["origin"], reason=r["reason"], name=r["name"]) for r in rows]

    # --- canonical actors and merged events -----------------------------------------------------
    def doc_actor_rows(self) -> list[DocActorRow]:
        return canonical.doc_actor_rows(self.conn)

    def set_canonical(self, assignments: Mapping[int, str], actors: Sequence[CanonicalActor]) -> None:
        with self.transaction() as conn:
            canonical.set_canonical(conn, assignments, actors)

    def merge_events(self, keep: str, drop: str) -> None:
        with self.transaction() as conn:
            canonical.merge_events(conn, keep, drop)

    def merge_event_pairs(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Merge many ``(keep, drop)`` pairs found together (see ``canonical.merge_event_pairs``)."""
        with self.transaction() as conn:
            canonical.merge_event_pairs(conn, pairs)

    def add_decision(self, kind: str, a: str, b: str) -> None:
        """Record a user decision on document actors: ``merge``, ``split`` or ``never``."""
        if kind not in DECISIONS:
            raise InputError(f"a decision is one of {', '.join(DECISIONS)}, not {kind!r}")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO actor_decisions (kind, a, b, at) VALUES (?, ?, ?, ?)", (kind, a, b, _now())
            )

    def decisions(self) -> list[tuple[str, str, str]]:
        rows = self.conn.execute("SELECT kind, a, b FROM actor_decisions ORDER BY id")
        return [(r["kind"], r["a"], r["b"]) for r in rows]

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("documents", "events", "actors", "rejections")
        }
