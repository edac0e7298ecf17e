"""Golden files: the whole coded output of the bundled example articles.

A change in the coder that changes any event, actor or date shows here as a diff. When the change
is intended, regenerate on purpose and review the diff in the commit:

    DYAD_REGEN=1 .venv/bin/pytest tests/extract/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from dyad.ingest import article_from_text
from dyad.knowledge.loader import Knowledge
from dyad.pipeline import code_article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


def summary(path: Path, knowledge: Knowledge) -> dict[str, Any]:
    coded = code_article(article_from_text(path.read_text(encoding="utf-8"), path.name), knowledge)
    names = {a.key: a.name for a in coded.actors}
    return {
        "actors": sorted(f"{a.kind}: {a.name} ({a.country or '-'} {a.sector or '-'})" for a in coded.actors),
        "events": [
            {"type": e.type, "cameo": e.cameo, "factuality": e.factuality,
             "source": [names[k] for k in e.source], "target": [names[k] for k in e.target],
             "date": [e.date.start.isoformat(), e.date.end.isoformat()] if e.date else None,
             "place": [e.place.name, e.place.country] if e.place else None,
             "sentence": coded.article.text[e.start:e.end].strip()}
            for e in coded.events
        ],
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_article_codes_as_recorded(path: Path, knowledge: Knowledge) -> None:
    golden = GOLDEN / f"{path.stem}.json"
    found = summary(path, knowledge)
    if os.environ.get("DYAD_REGEN") or not golden.exists():
        golden.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))
