"""``dyad eval``: code a gold file's documents in a fresh in-memory store and score them.

The system output is read back through the same query functions as the exports, so what is
scored is exactly what users get from ``dyad export``.
"""

from __future__ import annotations

from pathlib import Path

from dyad.errors import GoldError
from dyad.evaluate import Report, load_gold, score
from dyad.pipeline import ingest
from dyad.store import Store
from dyad.store.queries import EventFilter, find_actors, find_events


def run_eval(gold_path: Path, docs: Path | None = None) -> Report:
    """Score the coder on ``gold_path``; its documents are read from ``docs`` (default: beside it)."""
    gold = load_gold(gold_path)
    folder = docs or gold_path.parent
    paths = [folder / name for name in sorted(gold.documents)]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise GoldError(f"{len(missing)} gold documents are not in {folder}: {', '.join(missing[:3])}")
    with Store(":memory:") as store:
        ingest([str(p) for p in paths], store)
        events = find_events(store, EventFilter(limit=None))
        actors = find_actors(store, None, limit=1_000_000)
    return score(gold, events, actors)
