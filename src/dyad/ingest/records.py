"""Documents from JSONL and CSV files: every record becomes one ``Article`` or one ``Rejection``.

A bad record (malformed JSON, no text, too big) is rejected with its line or row number and the
reading goes on, so one broken line never costs the rest of a corpus.

>>> from dyad.ingest.lines import Lines
>>> lines = Lines(['{"id": "a1", "text": "Talks ended."}\\n', '{oops\\n'])
>>> items = list(read_jsonl(lines, "x.jsonl", Limits()))
>>> items[0].name, items[1].reason
('a1', 'line 2 of x.jsonl is not valid JSON: Expecting property name enclosed in double quotes (column 2)')
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.ingest.article import article_from_text
from dyad.ingest.dates import parse_published
from dyad.ingest.limits import Limits
from dyad.ingest.lines import Lines
from dyad.ingest.options import CsvOptions
from dyad.types import Article, Rejection

Item = Article | Rejection
CSV_FIELD_LIMIT = 2**31 - 1  # the largest value the csv module accepts on every platform


@dataclass(frozen=True)
class Record:
    """One record's fields as found; ``where`` says which line or row of which file it is."""

    where: str  # "line 3 of x.jsonl", "row 12 of y.csv"
    origin: str  # "path:3"
    name: str  # the record's id, or "file:3"
    text: Any
    fields: dict[str, str | None]  # title, published, url, source
    notes: tuple[str, ...] = ()


def read_jsonl(lines: Lines, origin: str, limits: Limits) -> Iterator[Item]:
    """One document per non-blank line, with the fields ``id``, ``text``, ``title``, ``published``,
    ``url`` and ``source``."""
    label = Path(origin).name
    for number, line in enumerate(lines, 1):
        notes = lines.take_notes()
        if line.strip():
            yield _jsonl_item(line, number, origin, label, limits, notes)


def _jsonl_item(
    line: str, number: int, origin: str, label: str, limits: Limits, notes: tuple[str, ...]
) -> Item:
    where, name = f"line {number} of {label}", f"{label}:{number}"
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"{where} is not valid JSON: {error.msg} (column {error.colno})"
        return Rejection(f"{origin}:{number}", reason, name)
    if not isinstance(value, dict):
        return Rejection(f"{origin}:{number}", f"{where} is not a JSON object", name)
    fields = {key: _text(value.get(key)) for key in ("title", "published", "url", "source")}
    name = _text(value.get("id")) or name
    record = Record(where, f"{origin}:{number}", name, value.get("text"), fields, notes)
    return _to_item(record, limits, None)


def read_csv(lines: Lines, origin: str, options: CsvOptions, limits: Limits) -> Iterator[Item]:
    """One document per row, columns mapped by ``options``; the ``csv`` module keeps embedded newlines."""
    label = Path(origin).name
    # The csv module stops a whole file at its first field over 128 KB; lift that (process-wide, to
    # a constant, so reading never depends on what ran before) and reject big records one by one.
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(lines)
    header = [column.strip() for column in next(reader, [])]
    if options.text_col not in header:
        found = ", ".join(header) or "none"
        reason = f"no column {options.text_col!r} in {label} (columns: {found}); name it with --text-col"
        yield Rejection(origin, reason, label)
        return
    columns = _columns(header, options)
    for number, row in enumerate(reader, 1):
        notes = lines.take_notes()
        if row:  # the csv module returns [] for a blank line: not a record
            yield _csv_item(row, columns, number, origin, label, options, limits, notes)


def _columns(header: list[str], options: CsvOptions) -> dict[str, int]:
    wanted = {"text": options.text_col, "id": options.id_col, "title": options.title_col,
              "published": options.date_col, "url": options.url_col, "source": options.source_col}
    return {field: header.index(column) for field, column in wanted.items() if column in header}


def _csv_item(
    row: list[str], columns: dict[str, int], number: int, origin: str, label: str,
    options: CsvOptions, limits: Limits, notes: tuple[str, ...],
) -> Item:
    cells = {field: (row[index] if index < len(row) else None) for field, index in columns.items()}
    name = _text(cells.pop("id", None)) or f"{label}:{number}"
    text = cells.pop("text")
    record = Record(f"row {number} of {label}", f"{origin}:{number}", name, text, cells, notes)
    return _to_item(record, limits, options.date_format)


def _to_item(record: Record, limits: Limits, date_format: str | None) -> Item:
    """The article for one record, or why there is none."""
    if not isinstance(record.text, str) or not record.text.strip():
        return Rejection(record.origin, f"{record.where}: no text", record.name)
    too_big = limits.too_big(len(record.text.encode("utf-8")))
    if too_big is not None:
        return Rejection(record.origin, f"{record.where}: {too_big}", record.name)
    fields = record.fields
    published, date_note = parse_published(fields.get("published"), date_format)
    try:
        article = article_from_text(
            record.text, record.name, record.origin, published=published,
            title=fields.get("title"), url=fields.get("url"), source=fields.get("source"),
        )
    except InputError as error:
        return Rejection(record.origin, f"{record.where}: {error}", record.name)
    notes = record.notes + ((date_note,) if date_note else ()) + article.notes
    return replace(article, notes=notes) if notes else article


def _text(value: Any) -> str | None:
    """A field as text: numbers become strings (JSON ids), empty values None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
