"""The text and JSON reports, and the docstring examples of dyad.evaluate."""

from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
from typing import Any

import pytest

import dyad.evaluate
from dyad.evaluate import parse_gold, render_text, report_json, score
from dyad.evaluate.report import Report

GOLD = parse_gold({"schema": "dyad-gold/1", "documents": {"a.txt": {
    "actors": {"hajjar": {"name": "Ahmad Hajjar", "kind": "person", "country": "LBN", "sector": "GOV"},
               "fra": {"name": "France", "kind": "country", "country": "FRA"},
               "isr": {"name": "Israel", "kind": "country", "country": "ISR"}},
    "events": [{"type": "REQUEST", "actors": ["hajjar", "fra"], "directed": True, "date": "2025-10",
                "note": "called on France"},
               {"type": "ASSAULT", "actors": ["isr"], "note": "strikes"}],
    "negative": [{"type": "any", "actors": ["fra"], "note": "France only hosts"}],
    "no_actor": ["Advertisement"]}}})


def participant(name: str, country: str, kind: str = "person") -> dict[str, Any]:
    return {"id": name, "name": name, "aliases": [], "kind": kind, "country": country, "sector": None}


EVENTS = [
    {"id": "e1", "type": "REQUEST", "factuality": "asserted", "date": "2025-11-02", "date_precision": "day",
     "source": [participant("Ahmad Hajjar", "LBN")], "target": [participant("France", "FRA", "country")],
     "place": None, "sources": [{"document": "a.txt"}]},
    {"id": "e2", "type": "CONSULT", "factuality": "asserted", "date": None,
     "source": [participant("France", "FRA", "country")], "target": [], "place": None,
     "sources": [{"document": "a.txt"}]},
]
ACTORS = [{"id": "ad", "name": "Advertisement", "aliases": [], "kind": "organization", "country": None,
           "sector": None, "roles": [], "documents": ["a.txt"]}]


@pytest.fixture(scope="module")
def report() -> Report:
    return score(GOLD, EVENTS, ACTORS)


def test_the_text_report_prints_counts_beside_ratios(report: Report) -> None:
    text = render_text(report)
    assert "  relaxed                 1    1    1      50.0%   50.0%   50.0%" in text
    assert "  strict                  0    2    2       0.0%    0.0%    0.0%" in text
    assert "a.txt events[0]  REQUEST  Ahmad Hajjar -> France  [found relaxed; strict fails date]" in text
    assert "a.txt events[1]  ASSAULT  Israel  [not found] — strikes" in text
    assert "a.txt  CONSULT  France  (event e2) — France only hosts" in text
    assert "a.txt: 'Advertisement' -> ad (Advertisement)" in text


def test_the_json_report_is_plain_json_with_ratios(report: Report) -> None:
    data = json.loads(json.dumps(report_json(report)))
    assert data["events"]["relaxed"]["tp"] == 1 and data["events"]["strict"]["f1"] == 0.0
    assert data["events"]["relaxed"]["by_type"]["CONSULT"] == {"tp": 0, "fp": 1, "fn": 0, "precision": 0.0,
                                                               "recall": None, "f1": None}
    assert data["missed"][0]["failed"] == ["date"] and data["missed"][1]["actors"] == ["Israel"]
    assert [n["event_id"] for n in data["negatives"]] == ["e1", "e2"]
    assert data["actors"]["person_country"] == {"correct": 0, "total": 0, "misses": [], "ratio": None}
    assert data["actors"]["no_actor"][0]["actor_id"] == "ad"


SUBMODULES = pkgutil.iter_modules(dyad.evaluate.__path__)
MODULES = ["dyad.evaluate", *(f"dyad.evaluate.{module.name}" for module in SUBMODULES)]


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
