"""The CLI end to end on the seeds: ingest twice, list, show, export every format, eval."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from dyad.cli import app

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
