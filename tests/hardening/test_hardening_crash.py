"""Crash safety: ``dyad ingest`` killed with SIGKILL mid-write, then rerun, leaves a whole store.

One transaction per document means a kill loses at most the document being written; the rerun
stores the rest, each exactly once, and no row points at a document that is not there.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DYAD = Path(sys.executable).parent / "dyad"
COUNTRIES = ["Syria", "Lebanon", "Jordan", "Egypt", "Iraq", "Iran", "Turkey", "Qatar", "Oman", "Kuwait"]


N = 300  # several store batches, so the kills land between and inside batch commits


def _corpus(root: Path, n: int = N) -> None:
    root.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        body = " ".join(f"{a} and {b} held talks on day {i}-{k} in the capital." for k in range(12))
        (root / f"a{i:03d}.txt").write_text(f"Talks number {i}\n date 2025-10-{1 + i % 28:02d} {body}\n")


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _run_and_kill(folder: Path, db: Path, at_least: int) -> int:
    """Start an ingest, kill it once ``at_least`` documents are stored; the count then.

    Kills are placed by what has been written, not by a timer, so a faster coder still gets
    killed part-way instead of after the last commit.
    """
    proc = subprocess.Popen([str(DYAD), "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while _documents(db) < at_least and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return _documents(db)


def _orphans(conn: sqlite3.Connection) -> dict[str, int]:
    queries = {
        "event_sources": "SELECT count(*) FROM event_sources WHERE document_id NOT IN (SELECT id FROM documents)",
        "doc_actors": "SELECT count(*) FROM doc_actors WHERE document_id NOT IN (SELECT id FROM documents)",
        "mentions": "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)",
        "events": "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)",
        "no_sentences": "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM sentences)",
    }
    return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in queries.items()}


@pytest.mark.skipif(not DYAD.exists(), reason="the dyad console script is not installed")
def test_sigkill_during_ingest_then_rerun_leaves_every_document_stored_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "crash.db"
    _corpus(folder)
    started = time.monotonic()
    counts = [_run_and_kill(folder, db, at_least) for at_least in (1, 100, 200)]
    assert counts == sorted(counts) and 0 < counts[0] < N, counts  # killed while still writing, never lost
    done = subprocess.run([str(DYAD), "ingest", str(folder), "--db", str(db)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        names = [r[0] for r in conn.execute("SELECT name FROM documents")]
        orphans = _orphans(conn)
    assert sorted(names) == [f"a{i:03d}.txt" for i in range(N)]
    assert orphans == dict.fromkeys(orphans, 0), orphans
    assert time.monotonic() - started < 90
