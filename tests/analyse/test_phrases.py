"""The phrase index tokenizes knowledge phrases as spaCy does and matches what a PhraseMatcher matches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.matcher import PhraseMatcher

from dyad.analyse.lexicon import _phrases
from dyad.analyse.nlp import make_nlp
from dyad.analyse.phrases import PhraseIndex, phrase_tokens
from dyad.knowledge.loader import Knowledge


def test_every_knowledge_phrase_is_cut_as_the_tokenizer_cuts_it(knowledge: Knowledge) -> None:
    nlp = make_nlp()
    tokenizer: Any = nlp.tokenizer
    surfaces = sorted({row[0] for row in _phrases(knowledge)})
    assert len(surfaces) > 10_000
    spacy_cut = [tuple(t.lower_ for t in doc) for doc in tokenizer.pipe(surfaces)]
    assert phrase_tokens(nlp, surfaces) == spacy_cut


@pytest.mark.parametrize("surface", ["cannot", "Gonna Falls", "U.S.", "Saint-Denis", "al-Bayda", "New  York", " x"])
def test_special_cases_and_punctuation_go_through_the_tokenizer(surface: str) -> None:
    nlp = make_nlp()
    assert phrase_tokens(nlp, [surface]) == [tuple(t.lower_ for t in nlp.make_doc(surface))]


def test_matches_equal_a_phrase_matcher_on_real_text(knowledge: Knowledge, shared: Path) -> None:
    nlp = make_nlp()
    groups: dict[str, list[str]] = {}
    for surface, label, value, *_ in _phrases(knowledge):
        groups.setdefault(f"{label}|{value}", []).append(surface)
    ids = {key: nlp.vocab.strings.add(key) for key in groups}
    index = PhraseIndex.build(nlp, [(ids[key], surfaces) for key, surfaces in groups.items()])
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    tokenizer: Any = nlp.tokenizer
    for key, surfaces in groups.items():
        matcher.add(key, list(tokenizer.pipe(surfaces)))
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    texts.append("The Libyan National Army entered Tripoli; the U.S. envoy met the Interior Minister in Saint-Denis.")
    checked = 0
    for doc in nlp.pipe(texts):
        expected = sorted((m, s, e) for m, s, e in matcher(doc))
        assert sorted(index.matches([t.lower_ for t in doc])) == expected
        checked += len(expected)
    assert checked > 100
