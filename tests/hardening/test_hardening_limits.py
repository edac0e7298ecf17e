"""Limits through a whole ingest: a too-big document is rejected with the limit in the reason; a run of
text with no sentence breaks is cut, still stored, and listed in the summary and the logs. Also: a
file the reader is not allowed to read (simulated, since chmod 000 does not stop root) is a rejection.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from dyad.ingest import Limits
from dyad.parallel import ingest_parallel
from dyad.pipeline import ingest
from dyad.store import Store

TABLE = " ".join(f"cell{n}" for n in range(65))  # a scraped table: 65 tokens and no sentence break
LIMITS = Limits(max_bytes=1000, max_sentence_tokens=20)
CUT = "3 sentences cut at 20 tokens (raise it with --max-sentence-tokens or Limits(max_sentence_tokens=...))"


def write_corpus(root: Path) -> Path:
    root.mkdir()
    (root / "table.txt").write_text(f"Syria and Lebanon held talks in Beirut on Sunday.\n\n{TABLE}\n")
    (root / "big.txt").write_text("Syria met Lebanon. " * 60)  # 1,140 bytes
    (root / "talks.txt").write_text("Jordan and Egypt met in Amman on Monday.")
    return root


def test_limits_reach_the_reader_and_the_coder(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus = write_corpus(tmp_path / "in")
    with Store(tmp_path / "l.db") as store, caplog.at_level(logging.WARNING, logger="dyad.ingest"):
        summary = ingest([str(corpus)], store, limits=LIMITS)
        notes = dict(store.conn.execute("SELECT name, notes FROM documents").fetchall())
    assert (summary.read, summary.new, len(summary.rejected)) == (3, 2, 1)
    assert "1140 bytes, over the limit of 1000 bytes" in summary.rejected[0].reason
    assert summary.limited == [("table.txt", CUT)]  # cut, yet coded and stored
    assert json.loads(notes["table.txt"]) == [CUT] and json.loads(notes["talks.txt"]) == []
    assert f"table.txt: {CUT}" in caplog.messages


def test_with_the_default_limits_nothing_is_cut(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    with Store(tmp_path / "d.db") as store:
        summary = ingest([str(corpus)], store)
    assert (summary.new, summary.rejected, summary.limited) == (3, [], [])


def test_the_parallel_ingest_reports_the_limits_hit_like_the_serial_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    reports = []
    for run, function in enumerate((ingest, ingest_parallel)):
        options: dict[str, Any] = {"workers": 1, "batch_size": 1} if function is ingest_parallel else {}
        with Store(tmp_path / f"{run}.db") as store:
            summary = function([str(corpus)], store, limits=LIMITS, **options)
        reports.append((summary.limited, [r.reason for r in summary.rejected], summary.new, summary.events))
    assert reports[0] == reports[1] and reports[0][0] == [("table.txt", CUT)]


@pytest.mark.parametrize(("name", "method"), [("locked.txt", "read_bytes"), ("locked.jsonl", "open")])
def test_a_file_the_reader_may_not_read_is_rejected_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, method: str
) -> None:
    corpus = write_corpus(tmp_path / "in")
    (corpus / name).write_text(json.dumps({"text": "Qatar and Oman met in Doha."}) + "\n")
    real = getattr(Path, method)

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == name:  # what reading a chmod 000 file does for anyone but root
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refuse)
    with Store(tmp_path / "p.db") as store:
        summary = ingest([str(corpus)], store, limits=Limits(max_bytes=1000))
        kept = {r.name: r.reason for r in store.rejections()}
    assert summary.read == summary.offered == 4 and summary.new == 2
    assert kept[name] == "cannot read: Permission denied"
    assert {r.name for r in summary.rejected} == {name, "big.txt"}
