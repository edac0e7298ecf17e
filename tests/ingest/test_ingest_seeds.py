"""The five seed articles parse into the right fields, and reading a stored text again changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.ingest import article_from_text, iter_documents
from dyad.types import Article

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    items = list(iter_documents([str(SEEDS)]))
    assert all(isinstance(item, Article) for item in items)
    return {item.name[:3]: item for item in items if isinstance(item, Article)}


def test_every_seed_is_read_in_file_order(seeds: dict[str, Article]) -> None:
    assert list(seeds) == ["000", "001", "002", "003", "004"]
    assert seeds["000"].name == "000_6a667a71d10399ab.txt"


def test_seed_000_has_date_dateline_and_body(seeds: dict[str, Article]) -> None:
    article = seeds["000"]
    assert article.published == date(2025, 10, 31)
    assert article.dateline == "BEIRUT"
    assert article.dateline_span is not None
    assert article.text[slice(*article.dateline_span)] == "BEIRUT"
    assert " date " not in article.text
    body = article.text[article.dateline_span[1] :].lstrip(" —")
    assert body.startswith("Interior Minister Ahmad Hajjar")


def test_seed_001_keeps_its_thrice_repeated_headline_once(seeds: dict[str, Article]) -> None:
    article = seeds["001"]
    headline = "French Envoy Discusses Counter-Terrorism with Haftar"
    assert article.title == headline
    assert article.published is None
    assert article.text.count(headline) == 1
    assert article.text.startswith(headline + "\n\nOn Sunday, the General Commander")


def test_seed_002_is_dated_without_a_dateline(seeds: dict[str, Article]) -> None:
    article = seeds["002"]
    assert article.published == date(2025, 11, 3)
    assert article.dateline is None and article.dateline_span is None
    assert article.text.startswith("Syria and Lebanon were holding talks")


def test_undated_seeds_start_with_their_body(seeds: dict[str, Article]) -> None:
    assert seeds["003"].text.startswith("The Libyan National Army (LNA) has expressed")
    assert seeds["003"].text.endswith("regional challenges.")  # the trailing blank lines are gone
    assert (seeds["004"].published, seeds["004"].title, seeds["004"].dateline) == (None, None, None)


def test_reading_the_stored_text_again_gives_the_same_article(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        again = article_from_text(article.text, article.name)
        assert (again.id, again.text, again.title) == (article.id, article.text, article.title)
        assert (again.dateline, again.dateline_span) == (article.dateline, article.dateline_span)


def test_ids_are_distinct_content_hashes(seeds: dict[str, Article]) -> None:
    ids = [a.id for a in seeds.values()]
    assert len(set(ids)) == 5 and all(len(i) == 16 and int(i, 16) >= 0 for i in ids)
