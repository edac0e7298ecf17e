"""The CLI end to end on the seeds: ingest twice, list, show, export every format, eval."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyad import cli
from dyad.cli import app
from dyad.ingest import Limits, parse_size

runner = CliRunner()


def test_ingest_twice_then_explore_and_export(shared: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    first = runner.invoke(app, ["ingest", str(shared / "seeds"), "--db", db])
    again = runner.invoke(app, ["ingest", str(shared / "seeds"), "--db", db])
    assert first.exit_code == 0, first.output
    assert "new" in first.output and "5" in first.output
    assert again.exit_code == 0
    lines = {line.split("│")[1].strip(): line.split("│")[2].strip()
             for line in again.output.splitlines() if line.count("│") >= 3}
    assert lines["new"] == "0" and lines["duplicate"] == "5"
    events = runner.invoke(app, ["events", "--db", db, "--country", "LBY", "--format", "json"])
    rows = [json.loads(line) for line in events.output.splitlines() if line.startswith("{")]
    assert rows and all(any(a["country"] == "LBY" for a in r["source"] + r["target"]) for r in rows)
    for fmt in ("jsonl", "csv", "parquet", "plover", "icews"):
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(
        (tmp_path / "events.jsonl").read_text().splitlines())
    shown = runner.invoke(app, ["show", "002_1146c6607c360666.txt", "--db", db])
    assert shown.exit_code == 0 and "Shibani" in shown.output


def test_eval_prints_json(shared: Path) -> None:
    gold, docs = str(shared / "gold" / "seeds.json"), str(shared / "seeds")
    result = runner.invoke(app, ["eval", gold, "--docs", docs, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["documents"] == 5


def test_bad_date_filter_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "x.db"), "--since", "yesterday"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def _limit_corpus(root: Path) -> Path:
    root.mkdir()
    table = " ".join(f"cell{n}" for n in range(65))  # 65 tokens without a sentence break
    (root / "table.txt").write_text(f"Syria and Lebanon held talks in Beirut on Sunday.\n\n{table}\n")
    (root / "big.txt").write_text("Syria met Lebanon. " * 60)  # 1,140 bytes
    (root / "talks.txt").write_text("Jordan and Egypt met in Amman on Monday.")
    return root


def _reported(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith(("rejected ", "limit hit ")))


def test_ingest_limits_are_set_from_the_command_line_and_reported(tmp_path: Path) -> None:
    corpus = str(_limit_corpus(tmp_path / "in"))
    flags = ["--max-bytes", "1KB", "--max-sentence-tokens", "20"]
    one = runner.invoke(app, ["ingest", corpus, "--db", str(tmp_path / "1.db"), *flags])
    two = runner.invoke(app, ["ingest", corpus, "--db", str(tmp_path / "2.db"), "--workers", "2", *flags])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert _reported(one.output) == [
        "limit hit table.txt: 3 sentences cut at 20 tokens (raise it with --max-sentence-tokens or "
        "Limits(max_sentence_tokens=...))",
        "rejected " + str(Path(corpus) / "big.txt") + ": document is 1140 bytes, over the limit of 1000 bytes "
        "per document (raise it with --max-bytes or Limits(max_bytes=...))",
    ]
    assert _reported(two.output) == _reported(one.output)
    assert "stored, limit hit │ 1" in one.output
    shown = runner.invoke(app, ["show", "table.txt", "--db", str(tmp_path / "1.db")])
    assert "note: 3 sentences cut at 20 tokens" in shown.output


@pytest.mark.parametrize("flags", [["--max-bytes", "lots"], ["--max-bytes", "0"], ["--max-bytes", "1.5MB"],
                                   ["--max-sentence-tokens", "0"], ["--max-sentence-tokens", "ten"]])
def test_an_impossible_limit_is_a_usage_error_without_a_traceback(tmp_path: Path, flags: list[str]) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), *flags])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Invalid value" in result.output and flags[0] in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.db").exists()


def test_the_ingest_help_documents_the_limits_and_their_defaults_match_the_library() -> None:
    help_text = runner.invoke(app, ["ingest", "--help"], terminal_width=200).output
    assert "--max-bytes" in help_text and "--max-sentence-tokens" in help_text
    defaults = inspect.signature(cli.ingest).parameters
    limits = Limits(max_bytes=parse_size(defaults["max_bytes"].default),
                    max_sentence_tokens=defaults["max_sentence_tokens"].default)
    assert limits == Limits()
