"""The report as plain text (``dyad eval``) and as a JSON-ready dict (``dyad eval --json``).

Every ratio is printed beside the counts it comes from; "—" stands for a ratio with nothing
to measure (a zero denominator).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dyad.evaluate.report import Accuracy, Counts, LevelScore, MissedEvent, PairScore, Report

_HEADER = f"{'':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>8}"


def render_text(report: Report) -> str:
    """A readable report: event scores, per-type scores, missed events, negatives, actors."""
    lines = [f"dyad eval: gold documents {report.documents}; {report.system_events} system events cite them, "
             f"{report.asserted} asserted (only asserted events are scored)", "", "Events" + _HEADER[6:]]
    lines += [_row(f"  {level.level}", level.overall) for level in (report.relaxed, report.strict)]
    lines.append(f"  matching only optional gold events (not counted): relaxed {report.relaxed.optional}, "
                 f"strict {report.strict.optional}")
    lines += ["", "By PLOVER type" + _HEADER[14:], *_by_type(report.relaxed), *_by_type(report.strict)]
    lines += ["", f"Missed core events (strict): {len(report.missed)}", *map(_missed, report.missed)]
    lines += ["", f"Negatives hit: {len(report.negatives)}"]
    lines += [f"  {n.document}  {n.type}  {_pair(n.source, n.target, True)}  (event {n.event_id}) — {n.note}"
              for n in report.negatives]
    lines += ["", "Actors", *_pairs("same pairs", report.same, "found with one id"),
              *_pairs("different pairs", report.different, "wrongly merged"),
              *_pairs("different in a document", report.different_within, "wrongly merged"),
              *_accuracy("person country", report.person_country),
              *_accuracy("person sector", report.person_sector),
              f"  no_actor strings made actors: {len(report.no_actor)}"]
    lines += [f"    - {h.document}: {h.text!r} -> {h.actor_id} ({h.actor_name})" for h in report.no_actor]
    return "\n".join(lines) + "\n"


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (ratios as floats or null)."""
    return {
        "documents": report.documents, "system_events": report.system_events, "asserted": report.asserted,
        "events": {level.level: _level_json(level) for level in (report.relaxed, report.strict)},
        "missed": [_plain(m) for m in report.missed],
        "negatives": [_plain(n) for n in report.negatives],
        "actors": {
            "same": _plain(report.same), "different": _plain(report.different),
            "different_within": _plain(report.different_within),
            "person_country": {**_plain(report.person_country), "ratio": report.person_country.ratio},
            "person_sector": {**_plain(report.person_sector), "ratio": report.person_sector.ratio},
            "no_actor": [_plain(h) for h in report.no_actor],
        },
    }


def _level_json(level: LevelScore) -> dict[str, Any]:
    return {**_counts_json(level.overall), "optional": level.optional,
            "by_type": {name: _counts_json(counts) for name, counts in level.by_type.items()}}


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn,
            "precision": counts.precision, "recall": counts.recall, "f1": counts.f1}


def _plain(record: Any) -> dict[str, Any]:
    # asdict keeps tuples (also nested ones it rebuilds); JSON wants lists.
    return {key: _lists(value) for key, value in asdict(record).items()}


def _lists(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value


def _row(label: str, counts: Counts) -> str:
    widths = ((counts.precision, 11), (counts.recall, 8), (counts.f1, 8))
    ratios = "".join(f"{_percent(ratio):>{width}}" for ratio, width in widths)
    return f"{label:<22}{counts.tp:>5}{counts.fp:>5}{counts.fn:>5}{ratios}"


def _by_type(level: LevelScore) -> list[str]:
    return [f"  {level.level}", *(_row(f"    {name}", counts) for name, counts in level.by_type.items())]


def _missed(event: MissedEvent) -> str:
    found = f"found relaxed; strict fails {', '.join(event.failed)}" if event.found_relaxed else "not found"
    note = f" — {event.note}" if event.note else ""
    actors = _pair(event.actors[:1], event.actors[1:], event.directed)
    return f"  {event.document} events[{event.index}]  {event.type}  {actors}  [{found}]{note}"


def _pair(source: tuple[str, ...], target: tuple[str, ...], directed: bool) -> str:
    if not directed:
        return ", ".join((*source, *target))
    return f"{', '.join(source) or '?'} -> {', '.join(target) or '?'}" if target else ", ".join(source)


def _pairs(label: str, pairs: PairScore, meaning: str) -> list[str]:
    head = f"  {label:<26}{pairs.together}/{pairs.total} {meaning} ({pairs.found} with both actors found)"
    return [head, *(f"    - {i.first} ~ {i.second}: {i.problem}" for i in pairs.issues)]


def _accuracy(label: str, accuracy: Accuracy) -> list[str]:
    head = f"  {label:<26}{accuracy.correct}/{accuracy.total} correct ({_percent(accuracy.ratio)})"
    return [head, *(f"    - {m.document}: {m.actor}: expected {m.expected}, found {m.found}"
                    for m in accuracy.misses)]


def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{100 * ratio:.1f}%"
