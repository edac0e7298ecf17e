"""Phrase lexicon: every known organisation, title, country form, place and sector noun, matched at once.

One spaCy ``PhraseMatcher`` (on lower-cased tokens) holds all the knowledge phrases. Overlaps are
settled longest first, so "Libyan National Army" is one organisation rather than a demonym and a
sector noun, and "Interior Minister" one title rather than "Minister".

>>> from dyad.knowledge.loader import Knowledge
>>> from dyad.analyse.nlp import make_nlp
>>> lex = Lexicon.build(make_nlp(), Knowledge.load())
>>> [(h.label, h.value) for h in lex.hits(make_nlp()("French President Emmanuel Macron"))]
[('COUNTRY', 'FRA'), ('TITLE', 'president')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from dyad.knowledge.loader import Knowledge

# When two phrases cover the same tokens, the more specific kind wins.
_PRIORITY = {"ORG": 5, "TITLE": 4, "COUNTRY": 3, "PLACE": 2, "SECTOR": 1}
# Kinds that are proper names: they must be written with a capital ("Chad", not "chad").
_PROPER = {"ORG", "COUNTRY", "PLACE"}


@dataclass(frozen=True)
class Hit:
    """A matched knowledge phrase over tokens ``start:end``.

    ``value`` is the organisation name, title phrase, ISO3 code, place key or sector code;
    ``extra`` says how a country was written (name, demonym, metonym).
    """

    start: int
    end: int
    label: str
    value: str
    extra: str = ""
    sector: str = ""


class Lexicon:
    def __init__(self, matcher: PhraseMatcher, table: dict[int, tuple[str, str, str, str]]) -> None:
        self.matcher = matcher
        self.table = table

    @classmethod
    def build(cls, nlp: Language, knowledge: Knowledge) -> Lexicon:
        return _build(nlp, knowledge)

    def hits(self, doc: Doc) -> list[Hit]:
        """Non-overlapping hits, longest and most specific first, in text order."""
        found = []
        for match_id, start, end in self.matcher(doc):
            label, value, extra, sector = self.table[match_id]
            if label in _PROPER and not _capitalised(doc[start].text):
                continue
            value = value or doc[start:end].text
            found.append(Hit(start, end, label, value, extra, sector))
        found.sort(key=lambda h: (-(h.end - h.start), -_PRIORITY[h.label], h.start))
        taken: set[int] = set()
        chosen = []
        for hit in found:
            span = set(range(hit.start, hit.end))
            if not span & taken:
                chosen.append(hit)
                taken |= span
        return sorted(chosen, key=lambda h: h.start)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() or not text[:1].isalpha()


Row = tuple[str, str, str, str, str]


def _phrases(knowledge: Knowledge) -> list[Row]:
    """(surface form, label, value, extra, sector) for every knowledge phrase."""
    rows: list[Row] = []
    for org in knowledge.orgs:
        for surface in (org.name, *org.aliases):
            rows.append((surface, "ORG", org.name, org.country or "", org.sector or ""))
    rows += [(t.phrase, "TITLE", t.phrase, t.cls, t.sector or "") for t in knowledge.titles.values()]
    rows += [(s, "COUNTRY", iso3, kind, "") for s, iso3, kind in knowledge.geo.country_terms()]
    # All places share one match id (55k ids build slowly); the hit text is the place name.
    rows += [(s, "PLACE", "", "", "") for s, _ in knowledge.geo.place_terms()]
    rows += [(noun, "SECTOR", sector, "", sector) for noun, sector in knowledge.sector_nouns.items()]
    return rows


@cache
def _build(nlp: Language, knowledge: Knowledge) -> Lexicon:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    table: dict[int, tuple[str, str, str, str]] = {}
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    for surface, label, value, extra, sector in _phrases(knowledge):
        grouped.setdefault((label, value, extra, sector), []).append(surface)
    for (label, value, extra, sector), surfaces in grouped.items():
        key = f"{label}|{value}|{extra}|{sector}"
        match_id = nlp.vocab.strings.add(key)
        table[match_id] = (label, value, extra, sector)
        tokenizer: Any = nlp.tokenizer
        matcher.add(key, list(tokenizer.pipe(surfaces)))
    return Lexicon(matcher, table)
