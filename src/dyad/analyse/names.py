"""Capitalised name sequences, and what kind of thing each one names.

Names no dictionary knows are still found: a capitalised run after a title or honorific, before
an apposition that starts with a title, or starting with a known given name is a person; a run
ending in an organisation head word ("… Council", "… Forces", "Ministry of …") is an organisation.
Arabic name particles (al-, Al, El, bin, ibn, Abdel-, Abu) and hyphens stay inside the name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyad.analyse.lexicon import Hit
from dyad.knowledge.loader import Knowledge

# Lower-case particles that may stand inside a name ("Hamad bin Isa Al Khalifa", "Abd al-Aziz").
PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "du", "la", "van", "von", "der", "di", "da"}
)
_DASHES = frozenset({"-", "‐"})


def _is_cap(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def name_runs(doc: Doc, covered: set[int], knowledge: Knowledge) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with particles and hyphens) not covered by the lexicon."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if i in covered or not _is_cap(doc[i].text) or doc[i].text in knowledge.name_stopwords:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in covered and not doc[j - 1].whitespace_.count("\n"):
            text = doc[j].text
            if _is_cap(text) and text not in knowledge.name_stopwords:
                j += 1
            elif (text.lower() in PARTICLES or text in _DASHES) and j + 1 < len(doc) and _is_cap(doc[j + 1].text):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and text.isalnum()


def org_run(doc: Doc, start: int, end: int, knowledge: Knowledge) -> tuple[int, str | None] | None:
    """If ``start:end`` names an organisation, its end (extended over "of X") and sector."""
    last = doc[end - 1].text
    if last in knowledge.org_heads:
        return end, knowledge.org_heads[last]
    first = doc[start].text
    if first in knowledge.org_heads and end < len(doc) - 1 and doc[end].lower_ == "of" and _is_cap(doc[end + 1].text):
        stop = end + 1
        while stop < len(doc) and (_is_cap(doc[stop].text) or doc[stop].lower_ in ("and", "the")):
            stop += 1
        return stop, knowledge.org_heads[first]
    return None


def looks_like_person(doc: Doc, start: int, end: int, hits_before: Hit | None, knowledge: Knowledge) -> bool:
    """A capitalised run is a person when a title, an honorific or a given name says so."""
    if hits_before is not None and hits_before.label == "TITLE" and hits_before.end == start:
        return True
    if doc[start].text in knowledge.given_names or doc[start].text.split("-")[0] in knowledge.given_names:
        return True
    tokens = [t.text for t in doc[start:end] if t.text not in _DASHES and t.lower_ not in PARTICLES]
    # Two or more capitalised words, none of them a known non-name word, read as a full name.
    return len(tokens) >= 2 and not doc[start].is_sent_start and all(not is_acronym(t) for t in tokens)
