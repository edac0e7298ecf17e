"""Reading what the user offers: files, folders, JSONL, CSV, HTML and standard input.

Every offered document yields exactly one ``Article`` or one ``Rejection``, so an ingest run can
account for all of them. Folders are read recursively in sorted order (the same corpus gives the
same run), following symbolic links but never the same folder twice.

>>> import io
>>> [a.name for a in iter_documents(["-"], stdin=io.StringIO("Syria and Lebanon held talks."))]
['stdin']
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from dyad.errors import InputError
from dyad.ingest.article import article_from_text
from dyad.ingest.decode import Decoded, decode_bytes
from dyad.ingest.limits import Limits
from dyad.ingest.lines import Lines
from dyad.ingest.options import CsvOptions
from dyad.ingest.records import Item, read_csv, read_jsonl
from dyad.ingest.webpage import html_text
from dyad.types import Rejection

SUFFIXES = frozenset({".txt", ".jsonl", ".csv", ".html", ".htm"})  # what a folder walk picks up
HTML = frozenset({".html", ".htm"})


def iter_documents(
    paths: Sequence[str],
    csv: CsvOptions | None = None,
    limits: Limits = Limits(),
    stdin: TextIO | None = None,
) -> Iterator[Item]:
    """Articles and rejections from ``paths``: files, folders, or ``-`` for standard input."""
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin or sys.stdin, limits)
        elif os.path.isdir(path):
            yield from _read_folder(Path(path), csv or CsvOptions(), limits)
        else:
            yield from read_file(Path(path), csv or CsvOptions(), limits)


def _read_folder(root: Path, options: CsvOptions, limits: Limits) -> Iterator[Item]:
    for found in walk(root):
        if isinstance(found, Rejection):
            yield found
        else:
            yield from read_file(found, options, limits)


def walk(root: Path) -> Iterator[Path | Rejection]:
    """The files under ``root`` with a known suffix, sorted; a rejection for each unreadable folder.

    Links are followed (corpora are often assembled from linked folders), but a folder reached a
    second time, as in a link loop, is not entered again.
    """
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append, followlinks=True):
        yield from _unreadable(errors)
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            subfolders.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders.sort()
        yield from (Path(folder) / name for name in sorted(files) if Path(name).suffix.lower() in SUFFIXES)
    yield from _unreadable(errors)


def _unreadable(errors: list[OSError]) -> Iterator[Rejection]:
    for error in errors:
        yield Rejection(str(error.filename), _reason(error), Path(str(error.filename)).name)
    errors.clear()


def read_file(path: Path, options: CsvOptions, limits: Limits) -> Iterator[Item]:
    """The documents in one file; a file that cannot be read (or read on) becomes one rejection."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".csv"):
            yield from _read_records(path, suffix, options, limits)
        else:
            yield _read_document(path, limits, html=suffix in HTML)
    except (OSError, InputError, UnicodeDecodeError, csv.Error) as error:
        yield Rejection(str(path), _reason(error), path.name)


def _read_records(path: Path, suffix: str, options: CsvOptions, limits: Limits) -> Iterator[Item]:
    with path.open("rb") as handle:
        lines = Lines.open(handle)
        if suffix == ".jsonl":
            yield from read_jsonl(lines, str(path), limits)
        else:
            yield from read_csv(lines, str(path), options, limits)


def _read_document(path: Path, limits: Limits, html: bool) -> Item:
    too_big = limits.too_big(path.stat().st_size)
    if too_big is not None:
        return Rejection(str(path), too_big, path.name)
    decoded = decode_bytes(path.read_bytes())
    text, title = decoded.text, None
    if html:
        page = html_text(decoded.text)
        text, title = page.text, page.title
    article = article_from_text(text, path.name, str(path), title=title)
    return replace(article, notes=decoded.notes + article.notes)


def read_stdin(stream: TextIO, limits: Limits) -> Iterator[Item]:
    """Standard input: JSONL when its first non-blank character is ``{``, else one plain-text document."""
    try:
        decoded = _stdin_text(stream)
    except InputError as error:
        yield Rejection("stdin", str(error), "stdin")
        return
    if decoded.text.lstrip().startswith("{"):
        yield from read_jsonl(Lines(decoded.text.splitlines(keepends=True)), "stdin", limits)
    else:
        yield _stdin_document(decoded, limits)


def _stdin_document(decoded: Decoded, limits: Limits) -> Item:
    too_big = limits.too_big(len(decoded.text.encode("utf-8")))
    if too_big is not None:
        return Rejection("stdin", too_big, "stdin")
    try:
        article = article_from_text(decoded.text, "stdin", "stdin")
    except InputError as error:
        return Rejection("stdin", str(error), "stdin")
    return replace(article, notes=decoded.notes + article.notes)


def _stdin_text(stream: TextIO) -> Decoded:
    """The real standard input is read as bytes, so it gets the same decoding as a file."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        return Decoded(stream.read())
    data: bytes = raw.read()
    return decode_bytes(data)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"cannot read: {error.strerror or error}"
    if isinstance(error, InputError):
        return str(error)
    # A decoding or CSV error part-way through a file: the records before it were read.
    return f"stopped reading part-way: {error}"
