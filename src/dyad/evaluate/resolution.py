"""Actor scores from the actors export: cross-document pairs, person attributes, ``no_actor``.

A gold actor is **found** in its document when some system actor whose ``documents`` include
that document is it: for a gold ``country`` actor, a system actor of kind country with that
code; for any other, one whose name or an alias equals the gold name or an alias (after
:func:`~dyad.evaluate.names.normalise_name`). Several system actors may qualify; they are
ranked canonical name equal to the gold name, then canonical name equal to a gold alias, then
alias matches, then by id, and the first is "the" system actor where one is needed.

- **same pairs**: ``together`` = both found and some found system actor is shared (one id).
- **different pairs** (cross-document and, separately, within documents): ``together`` =
  some found system actor is shared: the two were wrongly merged.
- **person country / sector accuracy**: over gold persons found in their document whose gold
  country (sector) is not null, the share whose first-ranked system actor has that country
  (sector, compared on the CAMEO role code as in :func:`~dyad.evaluate.match.sector_code`).
- **no_actor**: every system actor of the document whose name or an alias equals the string.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from dyad.evaluate.gold import ActorRef, Gold, GoldActor
from dyad.evaluate.match import sector_code
from dyad.evaluate.names import name_forms, normalise_name
from dyad.evaluate.report import Accuracy, AccuracyMiss, NoActorHit, PairIssue, PairScore

SystemActor = Mapping[str, Any]


class ActorIndex:
    """The system actors of each document, and which of them a gold actor is."""

    def __init__(self, actors: Iterable[SystemActor]) -> None:
        self._by_document: dict[str, list[SystemActor]] = defaultdict(list)
        for actor in actors:
            for name in dict.fromkeys(actor.get("documents") or ()):
                self._by_document[name].append(actor)

    def in_document(self, document: str) -> list[SystemActor]:
        return self._by_document.get(document, [])

    def found(self, document: str, gold: GoldActor) -> list[SystemActor]:
        """The system actors of ``document`` that are ``gold``, best first (see the module docstring)."""
        if gold.kind == "country":
            return sorted((a for a in self.in_document(document)
                           if a.get("kind") == "country" and a.get("country") == gold.country), key=_id)
        present = [a for a in self.in_document(document) if not gold.forms.isdisjoint(_forms(a))]
        return sorted(present, key=lambda a: (_rank(gold, a), _id(a)))


def pair_score(gold: Gold, index: ActorIndex, pairs: Sequence[tuple[ActorRef, ActorRef]],
               same: bool) -> PairScore:
    """Count the pairs found and given one system id; list the failures (same) or merges (different)."""
    found = together = 0
    issues = []
    for first, second in pairs:
        a, b = (index.found(doc, gold.documents[doc].actors[key]) for doc, key in (first, second))
        shared = sorted({_id(x) for x in a} & {_id(x) for x in b})
        found, together = found + bool(a and b), together + bool(shared)
        problem = _same_problem(first, a, second, b, shared) if same else _merged(shared)
        if problem:
            issues.append(PairIssue(":".join(first), ":".join(second), problem))
    return PairScore(len(pairs), found, together, tuple(issues))


def person_accuracy(gold: Gold, index: ActorIndex, field: Literal["country", "sector"]) -> Accuracy:
    """Over found gold persons with a non-null ``field``: does the system actor carry the same value?"""
    correct, misses = 0, []
    for name, doc in gold.documents.items():
        for actor in doc.actors.values():
            expected = _attribute(actor.country if field == "country" else actor.sector, field)
            found = index.found(name, actor) if actor.kind == "person" and expected else []
            if not found:
                continue
            value = found[0].get(field)
            if _attribute(value, field) == expected:
                correct += 1
            else:
                misses.append(AccuracyMiss(name, actor.name, str(expected), value))
    return Accuracy(correct, correct + len(misses), tuple(misses))


def no_actor_hits(gold: Gold, index: ActorIndex) -> tuple[NoActorHit, ...]:
    """The system actors named by a document's ``no_actor`` strings."""
    hits = []
    for name, doc in gold.documents.items():
        for text in doc.no_actor:
            form = normalise_name(text)
            hits += [NoActorHit(name, text, _id(a), str(a.get("name"))) for a in index.in_document(name)
                     if form in _forms(a)]
    return tuple(hits)


def _attribute(value: str | None, field: str) -> str | None:
    return value if field == "country" else sector_code(value)


def _same_problem(first: ActorRef, a: list[SystemActor], second: ActorRef, b: list[SystemActor],
                  shared: list[str]) -> str | None:
    missing = [":".join(ref) for ref, found in ((first, a), (second, b)) if not found]
    if missing:
        return "neither found" if len(missing) == 2 else f"{missing[0]} not found"
    if not shared:
        return f"two ids: {', '.join(_id(x) for x in a)} / {', '.join(_id(x) for x in b)}"
    return None


def _merged(shared: list[str]) -> str | None:
    return f"merged as {', '.join(shared)}" if shared else None


def _forms(actor: SystemActor) -> frozenset[str]:
    return name_forms((actor.get("name"), *(actor.get("aliases") or ())))


def _rank(gold: GoldActor, actor: SystemActor) -> int:
    name = normalise_name(str(actor.get("name") or ""))
    return 0 if name == normalise_name(gold.name) else 1 if name in gold.forms else 2


def _id(actor: SystemActor) -> str:
    return str(actor.get("id"))
