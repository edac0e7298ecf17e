"""Ingest: documents in, cleaned ``Article`` records (or ``Rejection``s, with a reason) out.

Readers (``readers``, ``records``, ``webpage``, ``lines``, ``decode``) turn files, folders, JSONL,
CSV, HTML and standard input into text; ``clean`` makes the text every later offset points into;
``layout`` and ``dateline`` read the headline, the `` date`` marker and the dateline; ``article``
hashes the content so re-ingesting is a no-op; ``limits`` holds the per-document limits.

>>> article = article_from_text("Talks in Manama\\n\\nRIYADH: Ministers met on Sunday.", "a.txt")
>>> article.title, article.dateline, article.text[slice(*article.dateline_span)]
('Talks in Manama', 'RIYADH', 'RIYADH')
"""

from dyad.ingest.article import article_from_text, content_id
from dyad.ingest.limits import Limits, limits_hit, parse_size, record_limits
from dyad.ingest.options import CsvOptions
from dyad.ingest.readers import iter_documents

__all__ = [
    "CsvOptions", "Limits", "article_from_text", "content_id", "iter_documents", "limits_hit", "parse_size",
    "record_limits",
]
