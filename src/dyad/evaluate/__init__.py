"""Evaluation against gold: ``dyad eval GOLD`` scores the coder's output on hand-made truth.

The gold format is ``dyad-gold/1`` (FORMAT.md beside the gold files). System output comes in
the public export shapes (events and actors as ``dyad export`` writes them), so what is scored
is exactly what users get.

>>> from pathlib import Path
>>> import tempfile, json
>>> doc = {"actors": {"fra": {"name": "France", "kind": "country", "country": "FRA"}},
...        "events": [{"type": "AGREE", "actors": ["fra"]}]}
>>> path = Path(tempfile.mkdtemp()) / "gold.json"
>>> _ = path.write_text(json.dumps({"schema": "dyad-gold/1", "documents": {"a.txt": doc}}))
>>> event = {"id": "e1", "type": "AGREE", "factuality": "asserted", "source": [{"country": "FRA"}],
...          "target": [], "sources": [{"document": "a.txt"}]}
>>> report = score(load_gold(path), [event], [])
>>> report.strict.overall
Counts(tp=1, fp=0, fn=0)
"""

from dyad.evaluate.gold import Gold, GoldActor, GoldDocument, GoldEvent
from dyad.evaluate.gold_read import load_gold, parse_gold
from dyad.evaluate.names import normalise_name
from dyad.evaluate.render import render_text, report_json
from dyad.evaluate.report import Report
from dyad.evaluate.score import score

__all__ = [
    "Gold",
    "GoldActor",
    "GoldDocument",
    "GoldEvent",
    "Report",
    "load_gold",
    "normalise_name",
    "parse_gold",
    "render_text",
    "report_json",
    "score",
]
