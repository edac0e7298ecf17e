"""Factuality: did the coded act happen, and is a statement of intent itself the event?

PLOVER and CAMEO code a promise ("Finland will give Tanzania a grant") as AGREE and a threat
("will withdraw its force unless …") as THREATEN: the statement happened, the act did not. A
request reported ("called on France to pressure Israel") makes the request the event, never the
pressure. A schedule reported by others ("is expected to meet") is planned; "is not expected to
meet" is negated; an infinitive after "paved the way for X to" or "continues to" happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dyad.analyse.tokens import Tokens
from dyad.extract.triggers import TriggerMatch
from dyad.knowledge.loader import Modality

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "this", "that", "our", "my"})
_INTENT_CODE = {"CONSULT": "036", "AID": "033", "COOPERATE": "031"}


@dataclass(frozen=True)
class Reading:
    """How one trigger is to be coded: skip it, or code it with this factuality.

    ``recode`` is the CAMEO code of a statement event (AGREE/THREATEN/REJECT) that the modality
    makes asserted in its own right, beside the underlying act.
    """

    skip: bool
    factuality: str = "asserted"
    recode: str | None = None


def _window(tokens: Tokens, start: int, size: int) -> list[str]:
    sent_start = tokens.sent_bounds(start)[0]
    return tokens.lowers[max(sent_start, start - size):start]


def _has(words: list[str], phrases: tuple[str, ...], at_end: bool = False) -> bool:
    """Whether one of ``phrases`` stands in ``words`` as whole words (at their end, if ``at_end``)."""
    return _holds(_padded(words), phrases, at_end)


def _padded(words: list[str]) -> str:
    return " " + " ".join(words) + " "


def _holds(padded: str, phrases: tuple[str, ...], at_end: bool = False) -> bool:
    """``_has`` over words already joined by ``_padded``: a window read several times is joined once."""
    return bool(phrases) and bool(_pattern(phrases, at_end).search(padded))


@cache
def _pattern(phrases: tuple[str, ...], at_end: bool) -> re.Pattern[str]:
    # One regular expression per phrase list: a single search instead of a loop over the phrases.
    either = "|".join(re.escape(f" {p} ") for p in phrases)
    return re.compile(f"(?:{either})\\Z" if at_end else either)


# The two readings most triggers get, made once.
_SKIP = Reading(skip=True)
_ASSERTED = Reading(skip=False)


def read(tokens: Tokens, match: TriggerMatch, plover: str, modality: Modality) -> Reading:
    """The factuality of the act a trigger names, from the words before it in its clause."""
    start, rule = match.start, match.rule
    left = _window(tokens, start, 8)
    near = left[-3:]
    if rule.nominal:
        return _ASSERTED if _nominal_ok(tokens, match) else _SKIP
    if _in_noun_phrase(near):
        return _SKIP  # "the attack", "the internationally recognized": not a verb
    if tokens.lowers[start].endswith("ing") and not _progressive(near):
        return _SKIP  # a gerund ("the need to continue supporting …") reports no act
    if near and near[-1] == "to":
        return _infinitive(left, modality, plover)
    window, last4, last3 = _padded(left), _padded(left[-4:]), _padded(near)
    negated = _holds(last3, modality.negation) or _holds(window, ("denied", "denies"))
    conditional = _holds(window, modality.condition)
    if _holds(last4, modality.expected):
        return Reading(skip=False, factuality="negated" if negated else "planned")
    if _holds(last4, modality.future):
        return _future(plover, negated, conditional)
    if _holds(last3, modality.possible):
        return Reading(skip=False, factuality="hypothetical")  # "their countries should cooperate"
    if negated:
        return Reading(skip=False, factuality="negated")
    return Reading(skip=False, factuality="hypothetical") if conditional and _holds(window, ("if",)) else _ASSERTED


def _in_noun_phrase(near: list[str]) -> bool:
    """A determiner right before the word, or before an adverb before it."""
    if near and near[-1] in _DETERMINERS:
        return True
    return len(near) >= 2 and near[-2] in _DETERMINERS and near[-1].endswith("ly")


def _progressive(near: list[str]) -> bool:
    """"were holding", "are also taking": a form of *be* right before, or before one adverb."""
    if near and near[-1] in _BE:
        return True
    return len(near) >= 2 and near[-2] in _BE and (near[-1].endswith("ly") or near[-1] in ("also", "still", "now"))


def _infinitive(left: list[str], modality: Modality, plover: str) -> Reading:
    if _has(left, modality.threat) and plover not in COOPERATIVE:
        # "have sworn to fight": the threat is the event; the fighting has not happened
        return Reading(skip=False, factuality="hypothetical", recode="138" if plover == "ASSAULT" else "130")
    if _has(left, modality.implicative):
        return Reading(skip=False)
    if _has(left, modality.expected, at_end=True):
        return Reading(skip=False, factuality="negated" if "not" in left[-4:] else "planned")
    # Requests, intents, threats, refusals and purposes: the governing verb is the event, if any.
    return Reading(skip=True)


def _future(plover: str, negated: bool, conditional: bool) -> Reading:
    """A future act: the statement of intent is the event (AGREE, REJECT or THREATEN)."""
    if plover in COOPERATIVE:
        if negated:
            return Reading(skip=False, factuality="negated", recode="120")
        return Reading(skip=False, factuality="planned", recode=_INTENT_CODE.get(plover, "030"))
    if negated:
        return Reading(skip=False, factuality="negated")
    act = "hypothetical" if conditional else "planned"
    return Reading(skip=False, factuality=act, recode="138" if plover == "ASSAULT" else "130")


def _nominal_ok(tokens: Tokens, match: TriggerMatch) -> bool:
    """A nominal trigger needs its linking word: "a meeting *with* X", "exchange of fire *between*"."""
    rule, end = match.rule, match.end
    window = slice(end, end + 4)
    after = [word for word, alpha in zip(tokens.lowers[window], tokens.is_alpha[window], strict=True) if alpha]
    wanted = ("between",) if rule.between else rule.prep
    return bool(set(after[:3]) & set(wanted))
