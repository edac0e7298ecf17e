"""``score``: a gold file against system output in the public export shapes.

An event belongs to every gold document named in its ``sources`` (an event merged across
documents counts in each); documents are scored one by one and the counts summed. Events that
cite no gold document are not scored. How each number is computed:

- **tp / fp / fn** (per level, see :mod:`dyad.evaluate.documents`): tp = core gold events
  assigned one-to-one to asserted system events; fp = asserted system events neither assigned
  nor matching an optional gold event; fn = core gold events left unassigned.
- **by type**: a tp and an fp count under the system event's type, an fn under the gold
  event's first listed type, so the rows add up to the overall counts.
- **missed**: the core gold events that are fn at the strict level.
- **negatives**: every (asserted system event, negative entry) pair that matches: type (any
  type for ``"any"``), actors as at the relaxed level, and the negative's date and
  place country when it gives them.
- **actors**: see :mod:`dyad.evaluate.resolution`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dyad.evaluate.documents import DocumentOutcome, LevelOutcome, SystemEvent, document_outcome
from dyad.evaluate.gold import Gold
from dyad.evaluate.match import failures, hits_negative
from dyad.evaluate.report import Counts, LevelScore, MissedEvent, NegativeHit, Report
from dyad.evaluate.resolution import ActorIndex, no_actor_hits, pair_score, person_accuracy


def score(gold: Gold, events: Sequence[Mapping[str, Any]], actors: Sequence[Mapping[str, Any]]) -> Report:
    """Score ``events`` and ``actors`` (export shapes) against ``gold``; see the module docstring."""
    cited = events_by_document(events, gold.documents)
    asserted = {name: [e for e in found if e.get("factuality") == "asserted"]
                for name, found in cited.items()}
    outcomes = {name: document_outcome(doc, asserted[name]) for name, doc in gold.documents.items()}
    index = ActorIndex(actors)
    within = [((name, a), (name, b)) for name, doc in gold.documents.items() for a, b in doc.different]
    return Report(
        documents=len(gold.documents),
        system_events=len(_distinct(cited.values())),
        asserted=len(_distinct(asserted.values())),
        relaxed=_level_score("relaxed", [o.relaxed for o in outcomes.values()]),
        strict=_level_score("strict", [o.strict for o in outcomes.values()]),
        missed=_missed(gold, outcomes),
        negatives=_negatives(gold, asserted),
        same=pair_score(gold, index, gold.same, same=True),
        different=pair_score(gold, index, gold.different, same=False),
        different_within=pair_score(gold, index, within, same=False),
        person_country=person_accuracy(gold, index, "country"),
        person_sector=person_accuracy(gold, index, "sector"),
        no_actor=no_actor_hits(gold, index),
    )


def events_by_document(events: Iterable[SystemEvent],
                       documents: Iterable[str]) -> dict[str, list[SystemEvent]]:
    """The system events citing each of ``documents`` (an event citing two is in both lists, once each).

    >>> e = {"sources": [{"document": "a"}, {"document": "b"}, {"document": "a"}]}
    >>> {name: len(found) for name, found in events_by_document([e], ["a", "c"]).items()}
    {'a': 1, 'c': 0}
    """
    cited: dict[str, list[SystemEvent]] = {name: [] for name in documents}
    for event in events:
        for name in dict.fromkeys(source.get("document") for source in event.get("sources") or []):
            if name in cited:
                cited[name].append(event)
    return cited


def _level_score(level: str, outcomes: Iterable[LevelOutcome]) -> LevelScore:
    tally: dict[str, Counts] = defaultdict(Counts)
    optional = 0
    for outcome in outcomes:
        for _, event in outcome.tp:
            tally[str(event.get("type"))] += Counts(tp=1)
        for event in outcome.fp:
            tally[str(event.get("type"))] += Counts(fp=1)
        for gold in outcome.fn:
            tally[gold.types[0]] += Counts(fn=1)
        optional += outcome.optional
    return LevelScore(level, sum(tally.values(), Counts()), dict(sorted(tally.items())), optional)


def _missed(gold: Gold, outcomes: Mapping[str, DocumentOutcome]) -> tuple[MissedEvent, ...]:
    missed = []
    for name, doc in gold.documents.items():
        outcome = outcomes[name]
        for event in outcome.strict.fn:
            partner = outcome.relaxed_partner.get(event.index)
            failed = failures(event, doc.actors, partner) if partner is not None else ()
            names = tuple(doc.actors[key].name for key in event.actors)
            missed.append(MissedEvent(name, event.index, event.label, names, event.directed, event.note,
                                      found_relaxed=partner is not None, failed=failed))
    return tuple(missed)


def _negatives(gold: Gold, asserted: Mapping[str, Sequence[SystemEvent]]) -> tuple[NegativeHit, ...]:
    hits = []
    for name, doc in gold.documents.items():
        for event in asserted[name]:
            for negative in doc.negative:
                if hits_negative(negative, doc.actors, event):
                    hits.append(NegativeHit(name, str(event.get("id")), str(event.get("type")),
                                            _names(event.get("source")), _names(event.get("target")),
                                            negative.note))
    return tuple(hits)


def _distinct(lists: Iterable[Sequence[SystemEvent]]) -> set[int]:
    # An event citing two gold documents sits in both lists: count the object once.
    return {id(event) for found in lists for event in found}


def _names(participants: Sequence[Mapping[str, Any]] | None) -> tuple[str, ...]:
    return tuple(str(p.get("name")) for p in participants or ())
