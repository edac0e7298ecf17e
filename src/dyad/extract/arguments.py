"""Who did it and to whom: source and target of a trigger, without a parser.

The subject of a verb is the nearest actor before it in its clause that is not the object of a
preposition ("pressuring Israel" is not a subject of "met"; "in Tripoli" is a place); a
nominal trigger ("during a meeting with X") takes the clause's first actor. A pronoun closer
to the verb than any name is the subject and is resolved. The object is the first actor after
the trigger, and coordinated actors ("X and Y") come along. A sentence-final ", X said" names
the reporter, never a participant; "X said Y met Z" starts Y's clause after "said".
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from dyad.analyse.found import DESC, PLACE, Found
from dyad.analyse.tokens import Tokens

PREPOSITIONS = frozenset({
    "in", "of", "to", "from", "at", "with", "for", "by", "on", "into", "near", "against", "between", "over",
    "under", "across", "within", "about", "toward", "towards", "since", "until", "during", "after", "before",
    "outside", "inside", "through", "among", "amid", "via", "like", "than", "throughout",
})
_CLAUSE_OPENERS = frozenset({"where", "while", "whereas", "but", ";", "whom", "although", "though"})
_COORD = frozenset({"and", ",", "both", "&", "the", "his", "her", "its", "their"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
QUANTITIES = frozenset({
    "group", "groups", "thousands", "hundreds", "dozens", "millions", "scores", "number", "members", "tens",
    "patch", "delegation", "contingent", "team", "band", "crowd", "crowds", "some", "most", "many", "all", "deployment",
})


class Part(NamedTuple):
    """A participant candidate: an actor key over tokens ``start:end`` (its name with its role).

    A named tuple rather than a frozen dataclass: every actor mention of an article becomes one, and
    a tuple is made in half the time.
    """

    key: str
    start: int
    end: int
    label: str


def participants(found: list[Found]) -> list[Part]:
    """Actor mentions that can take part in events (places and embedded persons cannot)."""
    parts = [
        Part(f.key, f.outer[0], f.outer[1], f.label)
        for f in found
        if f.key and f.label != PLACE and not f.embedded and not (f.label == DESC and f.key is None)
    ]
    return sorted(parts, key=lambda p: p.start)


def reporting_tail(tokens: Tokens, sent_end: int, after: int, reporting: Collection[str]) -> int:
    """Token index where a trailing ", X said …" or "according to …" begins (``sent_end`` if none)."""
    lowers, texts = tokens.lowers, tokens.texts
    for i in range(after, sent_end):
        word = lowers[i]
        if word == "according" or (word in reporting and "," in texts[after:i]):
            comma = max((j for j in range(after, i) if texts[j] == ","), default=i)
            return comma
    return sent_end


def clause_start(tokens: Tokens, sent_start: int, trigger: int, reporting: Collection[str]) -> int:
    """Where the trigger's clause begins: after "said"/"where"/";" and the like, if any."""
    begin = sent_start
    for i in range(sent_start, trigger):
        word = tokens.lowers[i]
        if word in _CLAUSE_OPENERS or (word in reporting and i < trigger - 1):
            begin = i + 1
    return begin


def _free(tokens: Tokens, part: Part, trigger: int) -> bool:
    """Not the object of a preposition — except "for X to visit", whose X is the subject."""
    lowers = tokens.lowers
    before = lowers[part.start - 1] if part.start > 0 else ""
    if before == "the" and part.start > 1:
        before = lowers[part.start - 2]
    if before == "of" and part.start > 1 and lowers[part.start - 2] in QUANTITIES:
        return True  # "A group of Moroccan diplomats", "Thousands of Iraqi Kurds": the head is the group
    if before in PREPOSITIONS:
        return part.end < len(lowers) and lowers[part.end] == "to" and part.end == trigger - 1
    return True


def coordinated(tokens: Tokens, chosen: Part, pool: list[Part], leftward: bool) -> list[Part]:
    """``chosen`` plus actors joined to it by "and" or commas ("Syria and Lebanon", "A, …, and B")."""
    group = [chosen]
    ordered = sorted(pool, key=lambda p: p.start, reverse=leftward)
    for part in ordered:
        edge = group[-1]
        gap = tokens.lowers[part.end:edge.start] if leftward else tokens.lowers[edge.end:part.start]
        if (part.start < edge.start) != leftward or part in group:
            continue
        words = set(gap)
        if gap and words <= _COORD and "and" in words | {","} and len(gap) <= 3:
            group.append(part)
        elif gap:
            break
    return group


def subject(tokens: Tokens, parts: list[Part], begin: int, trigger: int, nominal: bool) -> list[Part]:
    """The subject actors of a trigger at token ``trigger`` whose clause starts at ``begin``."""
    pool = [p for p in parts if begin <= p.start and p.end <= trigger and _free(tokens, p, trigger)]
    if not pool:
        return []
    if nominal:
        chosen = pool[0]
    else:
        # "Pakistan, a key U.S. ally in the war, has refused": a name followed by a comma before the
        # verb sits in an aside; the subject is then the clause's first actor.
        direct = [p for p in pool if "," not in tokens.texts[p.end:trigger]]
        chosen = direct[-1] if direct else pool[0]
    return coordinated(tokens, chosen, pool, leftward=True)


def passive_subject(parts: list[Part], begin: int, trigger: int) -> list[Part]:
    """Who suffered a passive act: the nearest actor before it, even inside a phrase ("a camp for
    Congolese refugees was attacked by …": the refugees)."""
    pool = [p for p in parts if begin <= p.start and p.end <= trigger]
    return pool[-1:]


def objects(tokens: Tokens, parts: list[Part], after: int, stop: int, preps: tuple[str, ...]) -> list[Part]:
    """The first actor after the trigger (and those coordinated with it), before ``stop``."""
    pool = [p for p in parts if after <= p.start and p.end <= stop]
    for part in pool:
        before = tokens.lowers[part.start - 1] if part.start > 0 else ""
        if before == "the" and part.start > 1:
            before = tokens.lowers[part.start - 2]
        if before in ("in", "at", "near", "during", "since", "until", "between", "than") and before not in preps:
            continue
        return coordinated(tokens, part, pool, leftward=False)
    return []


def by_phrase(tokens: Tokens, parts: list[Part], after: int, stop: int) -> list[Part]:
    """The agent of a passive or nominal trigger: "attacked by X", "a visit to Paris by X"."""
    for part in parts:
        if not (after <= part.start < stop and part.start > 0):
            continue
        before = tokens.lowers[part.start - 1]
        if before == "by" or (before == "the" and part.start > 1 and tokens.lowers[part.start - 2] == "by"):
            return [part]
    return []


def between(tokens: Tokens, parts: list[Part], after: int, stop: int) -> list[Part]:
    """Both sides of "between A and B"."""
    for i in range(after, min(after + 4, stop)):
        if tokens.lowers[i] == "between":
            first = [p for p in parts if i < p.start < stop]
            return coordinated(tokens, first[0], first, leftward=False) if first else []
    return []


def is_passive(tokens: Tokens, start: int) -> bool:
    """"was attacked", "were killed", "has been killed": a form of *be* before a past participle."""
    words = tokens.lowers[max(0, start - 3):start]
    return bool(words) and tokens.lowers[start].endswith(("ed", "en", "wn", "ot", "ne")) and bool(
        set(words) & {"was", "were", "been", "be", "is", "are", "being"}
    )
