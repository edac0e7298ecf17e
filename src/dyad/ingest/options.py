"""What a user can tell the readers: how a CSV file maps to article fields (limits: ``limits``).

>>> CsvOptions(text_col="article_content", date_format="%m/%d/%Y").text_col
'article_content'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CsvOptions:
    """Which CSV column holds which field; a ``None`` column (or one the file lacks) is not read.

    ``date_format`` is a ``strptime`` format such as ``%m/%d/%Y``; without one, dates are tried
    as ISO 8601 and then as a few common formats (see ``dyad.ingest.dates``).
    """

    text_col: str = "text"
    title_col: str | None = "title"
    date_col: str | None = "published"
    id_col: str | None = "id"
    date_format: str | None = None
    url_col: str | None = "url"
    source_col: str | None = "source"
