"""Benchmark corpora made from FA-KES: the original 804 articles, or N distinct copies of them.

A copy keeps each article's text and adds one marker sentence at its end ("Copy 3 of the
benchmark corpus."), and gets its own id: the content hash then differs, so deduplication
cannot short-cut the work, while the coding work per article stays the same.

>>> rows = [{"unit_id": "7", "article_content": "Talks ended."}]
>>> [r["unit_id"] for r in copies(rows, 2)]
['7', '7-c1']
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from dyad.ingest import CsvOptions

FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "fakes" / "FA-KES-Dataset.csv"
# FA-KES columns: unit_id, article_title, article_content, source, date (m/d/Y), location, labels.
FAKES_OPTIONS = CsvOptions(
    text_col="article_content", title_col="article_title", date_col="date", id_col="unit_id",
    date_format="%m/%d/%Y",
)


def fakes_rows(path: Path = FAKES) -> list[dict[str, str]]:
    """The FA-KES rows as dictionaries (the file is 1.6 MB: reading it whole is fine)."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def copies(rows: list[dict[str, str]], n: int) -> Iterator[dict[str, str]]:
    """``n`` copies of ``rows``; copy 0 is the original, later ones carry an id suffix and a marker."""
    for k in range(n):
        for row in rows:
            if k == 0:
                yield row
            else:
                text = f"{row['article_content'].rstrip()} Copy {k} of the benchmark corpus."
                yield {**row, "unit_id": f"{row['unit_id']}-c{k}", "article_content": text}


def write_corpus(dest: Path, repeat: int = 1, limit: int | None = None, source: Path = FAKES) -> int:
    """Write ``repeat`` copies of FA-KES (at most ``limit`` rows) to ``dest``; return the row count."""
    rows = fakes_rows(source)
    if limit is not None and repeat * len(rows) < limit:
        repeat = -(-limit // len(rows))  # enough copies to reach the limit
    return _write(dest, list(rows[0].keys()), islice(copies(rows, repeat), limit))


def _write(dest: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    count = 0
    with dest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
