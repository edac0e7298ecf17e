"""Imported once by the fork server of the ``processes`` engine: load everything a worker needs.

Coding needs the knowledge base, the spaCy pipeline, the phrase lexicon (every place, title and
organisation name) and the trigger index: some hundred MB, built in 1.5–2.5 s or read back from
the start-up cache (``dyad.knowledge.built``) in about 0.2 s, besides 1 s of imports.
The ``processes`` engine starts a fork server that imports this module, so that work is done
once; every worker is then forked from that warm process and shares its memory pages instead of
building its own copy. ``gc.freeze`` moves the loaded objects out of the garbage collector's
reach, so its scans do not write to (and so copy) the shared pages.
"""

from __future__ import annotations

import gc

from dyad.collector import fewer_collections
from dyad.ingest import article_from_text
from dyad.pipeline import code_article


def warm_up() -> None:
    """Code one small article: every per-process cache (knowledge, nlp, lexicon, triggers) is filled."""
    with fewer_collections():  # everything built here stays alive (see dyad.collector)
        code_article(article_from_text("Syria and Lebanon held talks in Beirut on Sunday.", "warm-up.txt"))


warm_up()
gc.collect()  # what the warm-up left behind, before the rest is frozen for good
gc.freeze()
