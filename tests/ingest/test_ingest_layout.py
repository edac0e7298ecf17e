"""Headlines, the `` date`` marker and datelines of several shapes."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.errors import InputError
from dyad.ingest import article_from_text


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("BEIRUT — Ministers met on Sunday.", "BEIRUT"),
        ("TRIPOLI, Libya — Ministers met on Sunday.", "TRIPOLI, Libya"),
        ("RIYADH: Ministers met on Sunday.", "RIYADH"),
        ("PARIS (Reuters) - Ministers met on Sunday.", "PARIS"),
        ("NEW YORK (AP) — Ministers met on Sunday.", "NEW YORK"),
        ("BEIRUT, Nov 3 (Reuters) - Ministers met on Sunday.", "BEIRUT"),
        ("DAMASCUS– Ministers met on Sunday.", "DAMASCUS"),
    ],
)
def test_dateline_shapes_give_the_place_and_its_span(opening: str, place: str) -> None:
    article = article_from_text(f"Ministers meet\n date 2025-11-02 {opening}", "a.txt")
    assert article.dateline == place
    assert article.dateline_span is not None
    assert article.text[slice(*article.dateline_span)] == place


@pytest.mark.parametrize(
    "opening",
    [
        "Syria and Lebanon held talks on Sunday.",
        "AL-QAEDA fighters attacked a checkpoint.",
        "Interior Minister: we will act.",
        "UN: talks will resume.",
        "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use.",
        "Beirut, Lebanon — ministers met.",  # a dateline's city is written in capitals
    ],
)
def test_sentences_are_not_datelines(opening: str) -> None:
    assert article_from_text(opening, "a.txt").dateline is None


def test_marker_alone_on_its_line_is_removed_with_the_line() -> None:
    article = article_from_text("Talks resume\n\n date 2025-11-02\n\nBEIRUT — Ministers met.", "a.txt")
    assert article.text == "Talks resume\n\nBEIRUT — Ministers met."
    assert (article.title, article.published) == ("Talks resume", date(2025, 11, 2))
    assert article.dateline == "BEIRUT"


def test_an_absurd_marker_date_is_kept_undated_with_a_note() -> None:
    article = article_from_text(" date 2025-13-45 BEIRUT — Ministers met.", "a.txt")
    assert article.published is None
    assert article.text == "BEIRUT — Ministers met."
    (note,) = article.notes
    assert "2025-13-45" in note and "not a real date" in note


def test_a_date_given_by_the_caller_wins_over_the_marker() -> None:
    article = article_from_text(" date 2025-11-02 Ministers met.", "a.txt", published=date(2024, 1, 1))
    assert article.published == date(2024, 1, 1)


def test_a_marker_after_the_body_has_started_is_text() -> None:
    raw = "Ministers met.\nThey talked.\nThey agreed.\nThey left.\n date 2025-11-02 Later."
    assert article_from_text(raw, "a.txt").published is None


def test_a_sentence_is_not_a_headline_but_a_short_unpunctuated_first_line_is() -> None:
    assert article_from_text("Ministers met on Sunday.\nThey agreed.", "a.txt").title is None
    headline = "Ministers meet in Manama"
    assert article_from_text(f"{headline}\nThey agreed.", "a.txt").title == headline
    assert article_from_text("Ministers meet in Manama", "a.txt").title is None  # nothing after it


def test_a_given_title_matching_the_first_line_finds_the_dateline_after_it() -> None:
    raw = "Talks end in Manama.\nMANAMA — Ministers met."
    article = article_from_text(raw, "a.txt", title="Talks end in Manama.")
    assert (article.title, article.dateline) == ("Talks end in Manama.", "MANAMA")


def test_metadata_is_carried_and_blank_metadata_is_none() -> None:
    article = article_from_text("Ministers met.", "a.txt", "in/a.txt", url="", source="NNA", title="  ")
    assert (article.origin, article.url, article.source, article.title) == ("in/a.txt", None, "NNA", None)


@pytest.mark.parametrize("raw", ["", "   \n\t\n", "Advertisement\n\nShare this article\n"])
def test_nothing_left_after_cleaning_is_an_input_error(raw: str) -> None:
    with pytest.raises(InputError, match="empty document"):
        article_from_text(raw, "a.txt")
