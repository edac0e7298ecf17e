"""The gold's own core events, written as system output, score perfectly on both shared gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyad.evaluate import Gold, GoldActor, GoldEvent, load_gold, score

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def as_participant(actor: GoldActor) -> dict[str, Any]:
    return {"id": actor.key, "name": actor.name, "aliases": list(actor.aliases), "kind": actor.kind,
            "country": actor.country, "sector": actor.sector, "role": actor.role}


def as_system_event(document: str, event: GoldEvent, actors: dict[str, GoldActor]) -> dict[str, Any]:
    first, *others = (as_participant(actors[key]) for key in event.actors)
    start, end = event.date or (None, None)
    return {"id": f"{document}#{event.index}", "type": event.types[0], "factuality": "asserted",
            "date": start and start.isoformat(), "date_end": end and end.isoformat(), "date_precision": "day",
            "source": [first], "target": others,
            "place": {"name": "", "country": event.place_country} if event.place_country else None,
            "sources": [{"document": document, "sentence": 0, "start": 0, "end": 1}]}


@pytest.mark.parametrize("relative", ["gold/seeds.json", "external/plover-gsr-dev/gold.json"])
def test_the_truth_scores_perfectly(relative: str) -> None:
    if not (SHARED / relative).exists():
        pytest.skip(f"{relative} is not in ../shared")
    gold: Gold = load_gold(SHARED / relative)
    events = [as_system_event(name, event, doc.actors)
              for name, doc in gold.documents.items() for event in doc.events if event.core]
    report = score(gold, events, [])
    assert report.strict.overall.tp == len(events) > 0
    assert (report.strict.overall.fp, report.strict.overall.fn, report.negatives) == (0, 0, ())
