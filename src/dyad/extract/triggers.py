"""Trigger matching: the verb phrases and nouns of ``verbs.yaml`` as one spaCy Matcher.

Verbs are inflected from their lemma (regular rules plus ``irregular_verbs.tsv``), so the data
file lists "meet" once and dyad finds "met", "meets" and "meeting".

>>> sorted(inflect("occupy", {}))
['occupied', 'occupies', 'occupy', 'occupying']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from dyad.knowledge.loader import Knowledge, TriggerRule

_VOWELS = set("aeiou")
_OPTIONAL: dict[str, object] = {"LOWER": {"IN": ["a", "an", "the", "its", "their", "his", "her"]}, "OP": "?"}
_STOPS = ["and", "but", "said", "to", "that", ",", ".", ";", ":", "(", ")", "“", "”", '"', "«", "»"]
_GAP: dict[str, object] = {"LOWER": {"NOT_IN": _STOPS}, "OP": "{0,4}"}
# Verb particles stay next to their verb: "call on", "hand over", "blow up".
_PARTICLES = frozenset({"on", "upon", "over", "up", "out", "down", "in", "into", "to", "off", "with", "for"})


def _double(lemma: str) -> bool:
    """Short consonant-vowel-consonant verbs double their last letter (ban → banned)."""
    return (
        len(lemma) <= 4 and len(lemma) >= 3 and lemma[-1] not in _VOWELS | set("wxy")
        and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS
    )


def inflect(lemma: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """All forms of an English verb: base, -s, past/participle, -ing."""
    stem = lemma + lemma[-1] if _double(lemma) else lemma
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma[:-1] if not lemma.endswith("ee") else lemma) + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    forms = {lemma, third, ing}
    forms |= set(irregular[lemma]) if lemma in irregular else {past}
    return forms


@dataclass(frozen=True)
class TriggerMatch:
    rule: TriggerRule
    start: int
    end: int


class Triggers:
    def __init__(self, matcher: Matcher, rules: dict[str, TriggerRule]) -> None:
        self.matcher, self.rules = matcher, rules

    @classmethod
    def build(cls, nlp: Language, knowledge: Knowledge) -> Triggers:
        return _build(nlp, knowledge)

    def find(self, doc: Doc) -> list[list[TriggerMatch]]:
        """Candidate triggers grouped by position, longest first; positions do not overlap.

        "meeting" is both the noun of "a meeting with" and a form of "meet": the extractor tries
        the candidates of a position in turn and codes the first one whose reading holds.
        """
        at: dict[int, list[TriggerMatch]] = {}
        for match_id, start, end in self.matcher(doc):
            at.setdefault(start, []).append(TriggerMatch(self.rules[doc.vocab.strings[match_id]], start, end))
        chosen, last_end = [], -1
        for start in sorted(at):
            if start >= last_end:
                group = sorted(at[start], key=lambda m: (-(m.end - m.start), not m.rule.nominal))
                chosen.append(group)
                last_end = group[0].end
        return chosen


def _pattern(rule: TriggerRule, knowledge: Knowledge) -> list[dict[str, object]]:
    first, *rest = rule.words
    forms: object = first if rule.nominal else {"IN": sorted(inflect(first, knowledge.irregular))}
    head: dict[str, object] = {"LOWER": forms}
    pattern: list[dict[str, object]] = [head]
    for n, word in enumerate(rest):
        if word in ("a", "an", "the", "its", "their"):
            pattern.append(_OPTIONAL)
            continue
        if n == 0 and not rule.nominal and word not in _PARTICLES:
            # "held their first meeting", "lifted Friday a day-old blockade": a few words may intervene
            pattern.append(_GAP)
        pattern.append({"LOWER": word})
    return pattern


@cache
def _build(nlp: Language, knowledge: Knowledge) -> Triggers:
    matcher = Matcher(nlp.vocab)
    rules: dict[str, TriggerRule] = {}
    for n, rule in enumerate(knowledge.triggers):
        key = f"T{n}:{rule.code}:{' '.join(rule.words)}"
        rules[key] = rule
        matcher.add(key, [_pattern(rule, knowledge)])
    return Triggers(matcher, rules)
