"""Cleaning: boilerplate, repeated lines, Unicode and whitespace; idempotent and id-stable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.ingest import content_id
from dyad.ingest.clean import Boilerplate, clean_text


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "  ADVERTISEMENT  ",
        "Read more: Lebanon and Syria sign border deal",
        "Share this article",
        "Subscribe to our newsletter for daily updates",
        "Follow us on Twitter",
        "We use cookies to improve your experience. By continuing you accept them.",
        "Accept all cookies",
        "© 2025 The National. All rights reserved",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert clean_text(f"Ministers met.\n{line}\nThey agreed.") == "Ministers met.\nThey agreed."


@pytest.mark.parametrize(
    "line",
    [
        "Police seized cookies laced with drugs, and said they would not accept bribes.",
        "Readers subscribe to many views on the war.",
        "Copyright law was changed last year.",
        "Follow-up talks are planned for next week.",
        "Advertisement " + "revenue fell sharply as the war went on, " * 6,  # a long line is a paragraph
    ],
)
def test_article_lines_that_mention_boilerplate_words_stay(line: str) -> None:
    assert line.rstrip() in clean_text(f"Ministers met.\n{line}\nThey agreed.")


def test_boilerplate_patterns_are_data_and_can_be_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("# my site\nPUBLICITÉ\n", encoding="utf-8")
    mine = Boilerplate.load(tmp_path / "mine.txt")
    assert clean_text("Publicité\nAdvertisement", mine) == "Advertisement"


def test_shipped_patterns_all_compile() -> None:
    shipped = Boilerplate.load()
    assert len(shipped.patterns) > 20 and all(isinstance(p, re.Pattern) for p in shipped.patterns)


def test_line_endings_unicode_and_blank_runs_are_normalised() -> None:
    raw = "\ufeffCafe\u0301 talks  \r\n\r\n\r\n\r\nMinisters\x07 met.\rThey agreed.\t\n\n"
    assert clean_text(raw) == "Café talks\n\nMinisters met.\nThey agreed."


def test_repeated_lines_keep_one_copy_even_across_blank_lines() -> None:
    raw = "Talks end\n\nTalks end\nTalks end\n\nMinisters met.\n\nMinisters met again."
    assert clean_text(raw) == "Talks end\n\nMinisters met.\n\nMinisters met again."


def test_leading_spaces_of_a_line_are_kept_for_the_date_marker() -> None:
    assert clean_text("\n\n date 2025-11-02 Ministers met.") == " date 2025-11-02 Ministers met."


# Text with the characters that cleaning acts on: line breaks of every kind, spaces, controls,
# combining accents, and lines the boilerplate file knows.
PIECES = st.sampled_from(
    ["Talks", "end", " ", "\n", "\r\n", "\r", "\t", "\x0b", "\u2028", "\x00", "\ufeff", "e\u0301", "\u00a0",
     "Advertisement", "\nAdvertisement\n", "Read more: x", "\n\n\n", "é", " date 2025-01-02 ", "—"]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@given(TEXTS)
def test_cleaning_clean_text_changes_nothing(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@given(TEXTS, st.text(alphabet=" \t\n\r\u00a0", max_size=6))
def test_content_id_ignores_trailing_whitespace(raw: str, tail: str) -> None:
    text = clean_text(raw)
    assert content_id(text + tail) == content_id(text)
    assert content_id(clean_text(raw + tail)) == content_id(text)
