"""Concurrency: the web app answers reads while another process ingests into the same store.

WAL mode lets readers run beside the one writer; under a bounded load on loopback there must be
no 5xx and no "database is locked". Requests per second and the 99th percentile latency are
printed (run with ``-s``) as measurements, not asserted.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from dyad.store import Store

DYAD = Path(sys.executable).parent / "dyad"
PATHS = ("/api/events", "/api/stats")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _corpus(root: Path, n: int = 30) -> None:
    """``n`` ten-sentence articles, each dated a different day, so their talks stay distinct events."""
    root.mkdir()
    for i in range(n):
        body = " ".join(f"Syria and Lebanon held talks in Beirut, round {i}-{k}." for k in range(10))
        day = date(2015, 1, 1) + timedelta(days=i)
        (root / f"d{i:04d}.txt").write_text(f"Talks {i}\n date {day.isoformat()} {body}\n")


def _wait_up(port: int, proc: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"dyad serve did not start (exit code {proc.poll()})")


def _hammer(port: int, until: float, latencies: list[float], failures: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    n = 0
    while time.monotonic() < until:
        path = PATHS[n % len(PATHS)]
        n += 1
        began = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
        except OSError as exc:  # a timeout or a dropped connection is a failure too, not a dead thread
            failures.append(f"{path}: {exc!r} after {time.perf_counter() - began:.1f} s")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append(time.perf_counter() - began)
        if response.status >= 500 or b"database is locked" in body:
            failures.append(f"{path}: {response.status} {body[:200]!r}")
    conn.close()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# The default run: a short load. The slow run: the "50 clients for 20 seconds". Each corpus is
# big enough that the writer is still committing when the load ends (checked, or the run proves nothing).
LOADS = [
    pytest.param(8, 5, 3000, id="8-clients-5s"),
    pytest.param(50, 20, 15000, id="50-clients-20s", marks=pytest.mark.slow),
]


@pytest.mark.skipif(not DYAD.exists(), reason="the dyad console script is not installed")
@pytest.mark.parametrize(("clients", "seconds", "documents"), LOADS)
def test_reads_during_an_ingest_get_no_server_error_and_no_lock(
    tmp_path: Path, clients: int, seconds: int, documents: int
) -> None:
    db, folder, port = tmp_path / "load.db", tmp_path / "docs", _free_port()
    _corpus(folder, documents)
    Store(db).close()  # serve opens an existing store only
    server = subprocess.Popen([str(DYAD), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer: subprocess.Popen[bytes] | None = None
    try:
        _wait_up(port, server)
        writer = subprocess.Popen([str(DYAD), "ingest", str(folder), "--db", str(db)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(3)  # let the writer load its model and start committing documents
        latencies, failures = _load(port, threads=clients, seconds=seconds)
        writing_throughout = writer.poll() is None
        writer_code = writer.wait(timeout=600)
    finally:
        for proc in (writer, server):
            if proc is not None:
                _stop(proc)
    assert failures == [], failures[:5]
    assert writer_code == 0
    assert len(latencies) > 50
    assert writing_throughout, "the ingest ended before the load did: use a bigger corpus"
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(f"\nload: {len(ordered) / seconds:.0f} requests/s, p99 {p99 * 1000:.1f} ms, median "
          f"{ordered[len(ordered) // 2] * 1000:.1f} ms over {len(ordered)} requests ({clients} clients, "
          f"{seconds} s; writer still writing at the end: {writing_throughout})")
    with Store(db) as store:
        assert store.counts()["documents"] == documents


def _load(port: int, threads: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    failures: list[str] = []
    until = time.monotonic() + seconds
    workers = [threading.Thread(target=_hammer, args=(port, until, latencies, failures)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, failures
