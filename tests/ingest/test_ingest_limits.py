"""Limits: validated values, sizes with units, and the notes that say a limit was hit."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest

from dyad.errors import DyadError
from dyad.ingest import Limits, iter_documents, limits_hit, parse_size, record_limits
from dyad.types import Article, IngestSummary, Rejection


@pytest.mark.parametrize("values", [{"max_bytes": 0}, {"max_sentence_tokens": -3}, {"max_bytes": True},
                                    {"max_sentence_tokens": "20"}, {"max_bytes": 1.5}])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused_by_name(values: dict[str, Any]) -> None:
    (name,) = values
    with pytest.raises(DyadError, match=f"{name} must be a whole number of at least 1"):
        Limits(**values)


def test_the_defaults_are_twenty_megabytes_and_two_hundred_tokens() -> None:
    assert (Limits().max_bytes, Limits().max_sentence_tokens) == (20_000_000, 200)


@pytest.mark.parametrize(("text", "size"), [("2000", 2000), ("50MB", 50_000_000), ("50 mb", 50_000_000),
                                            ("1kB", 1000), ("2GiB", 2 * 2**30), ("7b", 7), (" 3KiB ", 3072)])
def test_sizes_are_bytes_or_a_number_with_a_unit(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "5XB", "-5", "1.5MB", "50 M B"])
def test_what_is_not_a_size_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(DyadError, match="e.g. 50MB"):
        parse_size(text)


def test_the_cut_note_names_the_count_the_limit_and_how_to_raise_it() -> None:
    limits = Limits(max_sentence_tokens=20)
    assert limits.sentences_cut(0) is None
    assert limits.sentences_cut(1) == (
        "1 sentence cut at 20 tokens (raise it with --max-sentence-tokens or Limits(max_sentence_tokens=...))")
    assert (limits.sentences_cut(3) or "").startswith("3 sentences cut at 20 tokens")


def test_only_limit_notes_are_limits_hit_and_each_is_listed_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    note = Limits(max_sentence_tokens=20).sentences_cut(2) or ""
    article = Article("id1", "table.txt", "text", notes=("decoded as cp1252 (not valid UTF-8)", note))
    assert limits_hit(article) == [note]
    summary = IngestSummary()
    with caplog.at_level(logging.WARNING, logger="dyad.ingest"):
        record_limits(summary, article)
        record_limits(summary, Article("id2", "plain.txt", "text"))
    assert summary.limited == [("table.txt", note)]
    assert [r.getMessage() for r in caplog.records] == [f"table.txt: {note}"]


def test_standard_input_over_the_size_limit_is_rejected_with_the_limit() -> None:
    (item,) = iter_documents(["-"], limits=Limits(max_bytes=10), stdin=io.StringIO("Ministers met in Doha."))
    assert isinstance(item, Rejection)
    assert "22 bytes, over the limit of 10 bytes" in item.reason and "--max-bytes" in item.reason
