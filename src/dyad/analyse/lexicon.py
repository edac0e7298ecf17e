"""Phrase lexicon: every known organisation, title, country form, place and sector noun, matched at once.

One ``PhraseIndex`` (lower-cased token tuples, see ``phrases``) holds all the knowledge phrases. Overlaps are
settled longest first, so "Libyan National Army" is one organisation rather than a demonym and a
sector noun, and "Interior Minister" one title rather than "Minister".

>>> from dyad.knowledge.loader import Knowledge
>>> from dyad.analyse.nlp import make_nlp
>>> lex = Lexicon.build(make_nlp(), Knowledge.load())
>>> [(h.label, h.value) for h in lex.hits(make_nlp()("French President Emmanuel Macron"))]
[('COUNTRY', 'FRA'), ('TITLE', 'president')]
"""

from __future__ import annotations

from functools import cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from dyad.analyse.phrases import PhraseIndex
from dyad.analyse.tokens import Tokens
from dyad.collector import fewer_collections
from dyad.knowledge.built import digest, load_or_build
from dyad.knowledge.loader import Knowledge

# When two phrases cover the same tokens, the more specific kind wins.
_PRIORITY = {"ORG": 5, "TITLE": 4, "COUNTRY": 3, "PLACE": 2, "SECTOR": 1}
# Kinds that are proper names: they must be written with a capital ("Chad", not "chad").
_PROPER = {"ORG", "COUNTRY", "PLACE"}


class Hit(NamedTuple):
    """A matched knowledge phrase over tokens ``start:end``.

    ``value`` is the organisation name, title phrase, ISO3 code, place key or sector code;
    ``extra`` says how a country was written (name, demonym, metonym). A named tuple rather than a
    frozen dataclass: a document has a hit every ten tokens, and a frozen dataclass takes three
    times as long to make.
    """

    start: int
    end: int
    label: str
    value: str
    extra: str = ""
    sector: str = ""


class Lexicon:
    def __init__(self, index: PhraseIndex, table: dict[int, tuple[str, str, str, str]]) -> None:
        self.index = index
        self.table = table

    @classmethod
    def build(cls, nlp: Language, knowledge: Knowledge) -> Lexicon:
        return _build(nlp, knowledge)

    def hits(self, doc: Doc) -> list[Hit]:
        """Non-overlapping hits, longest and most specific first, in text order."""
        tokens = Tokens.of(doc)
        # (minus length, minus priority, start, end, row): the order in which overlaps are settled
        found: list[tuple[int, int, int, int, tuple[str, str, str, str]]] = []
        for match_id, start, end in self.index.matches(tokens.lowers):
            row = self.table[match_id]
            if row[0] in _PROPER and not _capitalised(tokens.texts[start]):
                continue
            found.append((start - end, -_PRIORITY[row[0]], start, end, row))
        found.sort(key=itemgetter(0, 1, 2))
        taken = bytearray(len(tokens))  # 1 where a chosen hit covers the token
        chosen = []
        for _, _, start, end, (label, value, extra, sector) in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append(Hit(start, end, label, value or tokens.span_text(start, end), extra, sector))
        chosen.sort(key=attrgetter("start"))
        return chosen


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
    """The lexicon of ``knowledge`` as ``nlp`` tokenizes it, from the disk cache when built before.

    Its phrases are cut by the tokenizer, so the cache key holds the tokenizer's settings (its
    rules, special cases and language) besides the knowledge's own key. Knowledge made by hand, or
    a tokenizer that cannot say what its settings are, is built every time.
    """
    settings = _tokenizer_settings(nlp)
    if not knowledge.built_from or settings is None:
        return _index(nlp, knowledge)
    key = digest("lexicon", knowledge.built_from, nlp.lang or "", settings)
    return load_or_build("lexicon", lambda: key, Lexicon, lambda _: _index(nlp, knowledge))


def _tokenizer_settings(nlp: Language) -> bytes | None:
    tokenizer: Any = nlp.tokenizer
    try:
        return bytes(tokenizer.to_bytes(exclude=["vocab"]))
    except (AttributeError, NotImplementedError, TypeError, ValueError):  # a custom tokenizer
        return None


def _index(nlp: Language, knowledge: Knowledge) -> Lexicon:
    with fewer_collections():  # some 60,000 phrases, every one kept (see dyad.collector)
        table: dict[int, tuple[str, str, str, str]] = {}
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        for surface, label, value, extra, sector in _phrases(knowledge):
            grouped.setdefault((label, value, extra, sector), []).append(surface)
        groups: list[tuple[int, list[str]]] = []
        for match_id, (row, surfaces) in enumerate(grouped.items()):
            table[match_id] = row
            groups.append((match_id, surfaces))
        return Lexicon(PhraseIndex.build(nlp, groups), table)
