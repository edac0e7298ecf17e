"""Capitalised name sequences, and what kind of thing each one names.

Names no dictionary knows are still found: a capitalised run after a title or honorific, before
an apposition that starts with a title, or starting with a known given name is a person; a run
ending in an organisation head word ("… Council", "… Forces", "Ministry of …") is an organisation.
Arabic name particles (al-, Al, El, bin, ibn, Abdel-, Abu) and hyphens stay inside the name.
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from dyad.analyse.lexicon import Hit
from dyad.analyse.tokens import Tokens
from dyad.knowledge.loader import Knowledge

# Lower-case particles that may stand inside a name ("Hamad bin Isa Al Khalifa", "Abd al-Aziz").
PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "du", "la", "van", "von", "der", "di", "da"}
)
_DASHES = frozenset({"-", "‐"})
# A token's first character ("" for an empty token), taken in a C loop (``map``).
_first_character = itemgetter(slice(None, 1))


def _is_cap(text: str) -> bool:
    first = text[:1]
    # An upper-case first character is nearly always a letter; only "Ⅻ" and the like need the scan.
    return first.isupper() and (first.isalpha() or any(c.isalpha() for c in text))


def name_runs(tokens: Tokens, covered: set[int], knowledge: Knowledge) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with particles and hyphens) not covered by the lexicon."""
    texts, lowers, stopwords = tokens.texts, tokens.lowers, knowledge.name_stopwords
    runs: list[tuple[int, int]] = []
    i = 0  # the first token not yet inside a run
    # Most tokens are lower-case: visit only those that may start a name, found without a Python
    # step per token. A token's trailing whitespace is one space at most (spaCy makes a token of any
    # other), and a line-break token is not capitalised: no run goes over a line break.
    for start in compress(range(len(texts)), map(str.isupper, map(_first_character, texts))):
        if start < i or start in covered or not _is_cap(texts[start]) or texts[start] in stopwords:
            continue
        j = start + 1
        while j < len(texts) and j not in covered:
            text = texts[j]
            if _is_cap(text) and text not in stopwords:
                j += 1
            elif (lowers[j] in PARTICLES or text in _DASHES) and j + 1 < len(texts) and _is_cap(texts[j + 1]):
                j += 2
            else:
                break
        runs.append((start, j))
        i = j
    return runs


def is_acronym(text: str) -> bool:
    """Two to six letters, all upper-case, digits allowed among them: "LNA", "UK2"; not "G20" (one
    letter), "Haftar" or "U.S.".

    >>> [is_acronym(t) for t in ("LNA", "UK2", "G20", "Haftar", "U.S.")]
    [True, True, False, False, False]
    """
    if not text.isalnum():  # the cheap test first: most words fail here or on their letters' case
        return False
    # Each letter is tested by a C loop (``map``), not a generator: a lone name is tested on every run.
    letters = text if text.isalpha() else "".join(filter(str.isalpha, text))
    return 2 <= len(letters) <= 6 and all(map(str.isupper, letters))


def org_run(tokens: Tokens, start: int, end: int, knowledge: Knowledge) -> tuple[int, str | None] | None:
    """If ``start:end`` names an organisation, its end (extended over "of X") and sector."""
    texts, lowers = tokens.texts, tokens.lowers
    last = texts[end - 1]
    if last in knowledge.org_heads:
        return end, knowledge.org_heads[last]
    first = texts[start]
    if first in knowledge.org_heads and end < len(texts) - 1 and lowers[end] == "of" and _is_cap(texts[end + 1]):
        stop = end + 1
        while stop < len(texts) and (_is_cap(texts[stop]) or lowers[stop] in ("and", "the")):
            stop += 1
        return stop, knowledge.org_heads[first]
    return None


def looks_like_person(tokens: Tokens, start: int, end: int, hits_before: Hit | None, knowledge: Knowledge) -> bool:
    """A capitalised run is a person when a title, an honorific or a given name says so."""
    if hits_before is not None and hits_before.label == "TITLE" and hits_before.end == start:
        return True
    first = tokens.texts[start]
    if first in knowledge.given_names or first.split("-")[0] in knowledge.given_names:
        return True
    if end - start < 2 or tokens.is_sent_start(start):
        return False
    words = [
        text for text, lower in zip(tokens.texts[start:end], tokens.lowers[start:end], strict=True)
        if text not in _DASHES and lower not in PARTICLES
    ]
    # Two or more capitalised words, none of them a known non-name word, read as a full name.
    return len(words) >= 2 and all(not is_acronym(t) for t in words)
