"""Trigger matching: the verb phrases and nouns of ``verbs.yaml``, indexed by their first word.

Verbs are inflected from their lemma (regular rules plus ``irregular_verbs.tsv``), so the data
file lists "meet" once and dyad finds "met", "meets" and "meeting".

>>> sorted(inflect("occupy", {}))
['occupied', 'occupies', 'occupy', 'occupying']
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from dyad.analyse.tokens import Tokens
from dyad.knowledge.loader import Knowledge, TriggerRule

_VOWELS = set("aeiou")
# Words that may stand between a verb and its noun ("held *their first* meeting", "lifted *Friday a
# day-old* blockade") — at most _GAP_MAX of them, and never across these stop words.
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
_STOPS = frozenset({"and", "but", "said", "to", "that", ",", ".", ";", ":", "(", ")", "“", "”", '"', "«", "»"})
_GAP_MAX = 4
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


class TriggerMatch(NamedTuple):
    """Rule ``rule`` matched over tokens ``start:end``. A named tuple: one is made at every candidate
    position of every article, in half the time a frozen dataclass takes."""

    rule: TriggerRule
    start: int
    end: int


class Triggers:
    """Trigger rules indexed by the word forms they start with.

    A spaCy ``Matcher`` with optional gaps was the slowest stage by far (three quarters of the
    coding time on FA-KES): every token opened partial states for hundreds of patterns. Here a
    rule is tried only where its first word stands, and the rest of the phrase is checked in a
    short window.
    """

    def __init__(self, index: dict[str, list[_Entry]]) -> None:
        self.index = index
        # Heads whose rules are all one word ("killed", "attack": half the heads in news) match
        # wherever they stand, in an order known beforehand: nominal rules first, as ``_at`` sorts.
        self.one_word = {
            head: sorted((rule for rule, _, _ in entries), key=lambda rule: not rule.nominal)
            for head, entries in index.items()
            if all(not steps for _, steps, _ in entries)
        }
        # Heads all of whose rules go on with a given word ("were" opens five "be …" rules, "forces"
        # only "force out"): the words one of which must follow, so that most such heads are passed
        # over with one test.
        self.next_words = {
            head: frozenset(second for _, _, second in entries if second is not None)
            for head, entries in index.items()
            if all(second is not None for _, _, second in entries)
        }

    @classmethod
    def build(cls, nlp: Language, knowledge: Knowledge) -> Triggers:
        return _build(knowledge)

    def find(self, doc: Doc) -> list[list[TriggerMatch]]:
        """Candidate triggers grouped by position, longest first; positions do not overlap.

        "meeting" is both the noun of "a meeting with" and a form of "meet": the extractor tries
        the candidates of a position in turn and codes the first one whose reading holds.
        """
        words = Tokens.of(doc).lowers
        index = self.index
        chosen: list[list[TriggerMatch]] = []
        last_end = -1
        for i in [n for n, word in enumerate(words) if word in index]:
            if i < last_end:
                continue
            group = self._at(words, i)
            if group:
                chosen.append(group)
                last_end = group[0].end
        return chosen

    def _at(self, words: list[str], i: int) -> list[TriggerMatch]:
        """The rules that match at head word ``i``, longest first (nominal first among equals)."""
        head = words[i]
        if head in self.one_word:
            return [TriggerMatch(rule, i, i + 1) for rule in self.one_word[head]]
        needed = self.next_words.get(head)
        if needed is not None and needed.isdisjoint(words[i + 1:i + 2 + _GAP_MAX]):
            return []
        # The words that may follow within the longest gap: a rule whose second word is not among
        # them cannot match here ("were" opens five "be …" rules; few of their words ever follow).
        near = set(words[i + 1:i + 2 + _GAP_MAX])
        group = [
            TriggerMatch(rule, i, end) for rule, steps, second in self.index[head]
            if (second is None or second in near) and (end := _rest(words, i + 1, steps)) > 0
        ]
        group.sort(key=lambda m: (-(m.end - m.start), not m.rule.nominal))
        return group


# One word of a rule after its first: the word, whether it is an optional determiner, and how many
# words may stand before it (the gap).
Step = tuple[str, bool, int]
# A rule as the index holds it: the rule, the rest of its phrase, and the word that must come next
# within the gap (None when the rule ends with its first word or goes on with a determiner).
_Entry = tuple[TriggerRule, tuple[Step, ...], str | None]


def _steps(rule: TriggerRule) -> tuple[Step, ...]:
    """The rest of ``rule``'s phrase, read once when the index is built."""
    return tuple(
        (wanted, wanted in _DETERMINERS, _GAP_MAX if n == 0 and not rule.nominal and wanted not in _PARTICLES else 0)
        for n, wanted in enumerate(rule.words[1:])
    )


def _rest(words: list[str], i: int, steps: tuple[Step, ...]) -> int:
    """The end of a phrase whose first word stands just before ``i`` and whose other words are
    ``steps``; 0 when it does not match."""
    for wanted, determiner, gap in steps:
        if determiner:
            if i < len(words) and words[i] in _DETERMINERS:
                i += 1
            continue
        for skip in range(gap + 1):
            if i + skip < len(words) and words[i + skip] == wanted:
                i += skip + 1
                break
            if i + skip >= len(words) or words[i + skip] in _STOPS:
                return 0
        else:
            return 0
    return i


def _entry(rule: TriggerRule) -> _Entry:
    steps = _steps(rule)
    return rule, steps, steps[0][0] if steps and not steps[0][1] else None


def _heads(rule: TriggerRule, knowledge: Knowledge) -> set[str]:
    first = rule.words[0]
    return {first} if rule.nominal else inflect(first, knowledge.irregular)


@cache
def _build(knowledge: Knowledge) -> Triggers:
    index: dict[str, list[_Entry]] = {}
    for rule in knowledge.triggers:
        for form in _heads(rule, knowledge):
            index.setdefault(form, []).append(_entry(rule))
    return Triggers(index)
