"""One document's text to one ``Article``: clean, read the layout, hash the content.

>>> a = article_from_text(" date 2025-10-31 BEIRUT \u2014 The minister met the envoy.", "000.txt")
>>> a.text, a.published.isoformat(), a.dateline, a.id == content_id(a.text)
('BEIRUT \u2014 The minister met the envoy.', '2025-10-31', 'BEIRUT', True)
"""

from __future__ import annotations

import hashlib
from datetime import date

from dyad.errors import InputError
from dyad.ingest.clean import clean_text
from dyad.ingest.layout import read_layout
from dyad.types import Article


def article_from_text(
    raw: str,
    name: str,
    origin: str = "",
    *,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """The cleaned article; what the caller passes (a CSV date, an HTML title) wins over what the text says.

    Raise ``InputError`` when nothing is left after cleaning (an empty or boilerplate-only document).
    """
    layout = read_layout(clean_text(raw), title)
    if not layout.text.strip():
        raise InputError("empty document: no text left after cleaning")
    return Article(
        id=content_id(layout.text),
        name=name,
        text=layout.text,
        title=(title or "").strip() or layout.title,
        published=published or layout.published,
        dateline=layout.dateline,
        dateline_span=layout.dateline_span,
        url=url or None,
        source=source or None,
        origin=origin,
        notes=layout.notes,
    )


def content_id(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of ``text`` with its whitespace folded.

    Folding makes the id survive re-wrapping and trailing spaces, so re-ingesting the same
    article is recognised as a duplicate.

    >>> content_id("Talks ended.\\n") == content_id("Talks   ended.")
    True
    """
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]
