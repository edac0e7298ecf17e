"""--spacy-model: a user's statistical NER feeds mention finding. Tested with a tiny pipeline made here."""

from __future__ import annotations

import random
from pathlib import Path

import spacy
from spacy.training import Example

from dyad.analyse.nlp import make_nlp
from dyad.ingest import article_from_text
from dyad.pipeline import code_article

TEXT = "Zarko Vell met Ilse Moravec in Vienna on Monday."


def _tiny_ner(folder: Path) -> Path:
    """Train a blank NER on one sentence until it tags its two names, and save it."""
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("PERSON")
    doc = nlp.make_doc(TEXT)
    example = Example.from_dict(doc, {"entities": [(0, 10, "PERSON"), (15, 27, "PERSON")]})
    optimizer = nlp.initialize(lambda: [example])
    random.seed(0)
    for _ in range(40):
        nlp.update([example], sgd=optimizer)
    nlp.to_disk(folder)
    return folder


def test_a_saved_pipeline_loads_and_its_entities_become_persons(tmp_path: Path) -> None:
    path = str(_tiny_ner(tmp_path / "tiny"))
    nlp = make_nlp(path)
    assert "ner" in nlp.pipe_names and [e.text for e in nlp(TEXT).ents] == ["Zarko Vell", "Ilse Moravec"]
    coded = code_article(article_from_text(TEXT, "m.txt"), model=path)
    persons = {a.name for a in coded.actors if a.kind == "person"}
    assert {"Zarko Vell", "Ilse Moravec"} <= persons
    without = code_article(article_from_text(TEXT, "m.txt"))
    assert not {"Zarko Vell", "Ilse Moravec"} <= {a.name for a in without.actors if a.kind == "person"}
