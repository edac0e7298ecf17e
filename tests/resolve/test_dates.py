"""Date resolution: time expressions found in sentences and resolved against the publication day."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.resolve.dates import find_dates, resolve_expression
from dyad.resolve.dates_words import TimeWords

MONDAY = date(2025, 11, 3)  # the publication day of most cases below
FRIDAY = date(2025, 10, 31)
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# expression, published, expected start, end, precision
CASES = [
    ("on Sunday", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("on Friday", FRIDAY, "2025-10-31", "2025-10-31", "day"),
    ("Wednesday", MONDAY, "2025-10-29", "2025-10-29", "day"),
    ("on Tuesday", MONDAY, "2025-10-28", "2025-10-28", "day"),
    ("on Monday", MONDAY, "2025-11-03", "2025-11-03", "day"),
    ("late on Friday", MONDAY, "2025-10-31", "2025-10-31", "day"),
    ("early Sunday", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("on Saturday night", MONDAY, "2025-11-01", "2025-11-01", "day"),
    ("last Friday", FRIDAY, "2025-10-24", "2025-10-24", "day"),
    ("last Friday", MONDAY, "2025-10-31", "2025-10-31", "day"),
    ("this Friday", MONDAY, "2025-11-07", "2025-11-07", "day"),
    ("next Monday", MONDAY, "2025-11-10", "2025-11-10", "day"),
    ("this weekend", MONDAY, "2025-11-08", "2025-11-09", "range"),
    ("over the weekend", MONDAY, "2025-11-01", "2025-11-02", "range"),
    ("last weekend", MONDAY, "2025-11-01", "2025-11-02", "range"),
    ("last week", MONDAY, "2025-10-27", "2025-11-02", "week"),
    ("this week", MONDAY, "2025-11-03", "2025-11-09", "week"),
    ("next week", MONDAY, "2025-11-10", "2025-11-16", "week"),
    ("earlier this week", FRIDAY, "2025-10-27", "2025-10-31", "range"),
    ("last month", MONDAY, "2025-10-01", "2025-10-31", "month"),
    ("next month", MONDAY, "2025-12-01", "2025-12-31", "month"),
    ("earlier this month", MONDAY, "2025-11-01", "2025-11-03", "range"),
    ("in September", MONDAY, "2025-09-01", "2025-09-30", "month"),
    ("in November", MONDAY, "2025-11-01", "2025-11-30", "month"),
    ("in December", MONDAY, "2024-12-01", "2024-12-31", "month"),
    ("last March", MONDAY, "2025-03-01", "2025-03-31", "month"),
    ("next March", MONDAY, "2026-03-01", "2026-03-31", "month"),
    ("in November 2024", MONDAY, "2024-11-01", "2024-11-30", "month"),
    ("November 2024", MONDAY, "2024-11-01", "2024-11-30", "month"),
    ("since March 2011", MONDAY, "2011-03-01", "2011-03-31", "month"),
    ("in December last year", MONDAY, "2024-12-01", "2024-12-31", "month"),
    ("December of last year", MONDAY, "2024-12-01", "2024-12-31", "month"),
    ("early this year", MONDAY, "2025-01-01", "2025-04-30", "range"),
    ("later this year", MONDAY, "2025-11-03", "2025-12-31", "range"),
    ("late last year", MONDAY, "2024-09-01", "2024-12-31", "range"),
    ("at the end of last year", MONDAY, "2024-09-01", "2024-12-31", "range"),
    ("mid-August", MONDAY, "2025-08-11", "2025-08-20", "range"),
    ("in early September", MONDAY, "2025-09-01", "2025-09-10", "range"),
    ("late March 2024", MONDAY, "2024-03-21", "2024-03-31", "range"),
    ("late 2022", MONDAY, "2022-09-01", "2022-12-31", "range"),
    ("in early 2022", MONDAY, "2022-01-01", "2022-04-30", "range"),
    ("mid-2011", MONDAY, "2011-05-01", "2011-08-31", "range"),
    ("last year", MONDAY, "2024-01-01", "2024-12-31", "year"),
    ("this year", MONDAY, "2025-01-01", "2025-12-31", "year"),
    ("next year", MONDAY, "2026-01-01", "2026-12-31", "year"),
    ("on February 2", MONDAY, "2025-02-02", "2025-02-02", "day"),
    ("2 February", MONDAY, "2025-02-02", "2025-02-02", "day"),
    ("on September 29", MONDAY, "2025-09-29", "2025-09-29", "day"),
    ("November 3", MONDAY, "2025-11-03", "2025-11-03", "day"),
    ("November 4", MONDAY, "2024-11-04", "2024-11-04", "day"),
    ("February 29", MONDAY, "2024-02-29", "2024-02-29", "day"),
    ("February 2, 2024", MONDAY, "2024-02-02", "2024-02-02", "day"),
    ("on Sunday, November 2", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("Nov. 2, 2025", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("Sun. 2 Nov. 2025", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("since Sept. 2015", MONDAY, "2015-09-01", "2015-09-30", "month"),
    ("the 3rd of March 2024", MONDAY, "2024-03-03", "2024-03-03", "day"),
    ("2024-02-02", MONDAY, "2024-02-02", "2024-02-02", "day"),
    ("13/02/2024", MONDAY, "2024-02-13", "2024-02-13", "day"),
    ("02/13/2024", MONDAY, "2024-02-13", "2024-02-13", "day"),
    ("today", MONDAY, "2025-11-03", "2025-11-03", "day"),
    ("tonight", MONDAY, "2025-11-03", "2025-11-03", "day"),
    ("yesterday", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("last night", MONDAY, "2025-11-02", "2025-11-02", "day"),
    ("tomorrow", MONDAY, "2025-11-04", "2025-11-04", "day"),
    ("three days ago", MONDAY, "2025-10-31", "2025-10-31", "day"),
    ("two weeks ago", MONDAY, "2025-10-20", "2025-10-26", "week"),
    ("six months ago", MONDAY, "2025-05-01", "2025-05-31", "month"),
    ("a year ago", MONDAY, "2024-01-01", "2024-12-31", "year"),
    ("in the past two weeks", MONDAY, "2025-10-20", "2025-11-03", "range"),
    ("since 2011", MONDAY, "2011-01-01", "2011-12-31", "year"),
    ("until 2005", MONDAY, "2005-01-01", "2005-12-31", "year"),
    ("in 1988", MONDAY, "1988-01-01", "1988-12-31", "year"),
    ("post-2011", MONDAY, "2011-01-01", "2011-12-31", "year"),
    ("in the 1990s", MONDAY, "1990-01-01", "1999-12-31", "range"),
    ("the mid-1990s", MONDAY, "1994-01-01", "1996-12-31", "range"),
    ("from 2011 to 2015", MONDAY, "2011-01-01", "2015-12-31", "range"),
    ("between 2011 and 2015", MONDAY, "2011-01-01", "2015-12-31", "range"),
]


@pytest.mark.parametrize(("expr", "published", "start", "end", "precision"), CASES)
def test_expression_interval(expr: str, published: date, start: str, end: str, precision: str) -> None:
    when = resolve_expression(expr, published)
    assert when is not None
    assert (when.start.isoformat(), when.end.isoformat(), when.precision) == (start, end, precision)


@pytest.mark.parametrize(("expr", "published", "start", "end", "precision"), CASES)
def test_every_case_is_found_whole_inside_a_sentence(
    expr: str, published: date, start: str, end: str, precision: str
) -> None:
    sentence = f"The ministry said the talks took place {expr}, officials added."
    [mention] = find_dates(sentence, published, offset=7)
    assert (mention.start - 7, mention.end - 7) == (sentence.index(expr), sentence.index(expr) + len(expr))
    assert mention.text == expr and mention.when is not None and mention.when.text == expr
    assert mention.when.start.isoformat() == start


@pytest.mark.parametrize(
    ("expr", "iso", "precision"),
    [("in November 2024", "2024-11", "month"), ("in 1988", "1988", "year"),
     ("February 2, 2024", "2024-02-02", "day"), ("2024-02-02", "2024-02-02", "day"),
     ("in the 1990s", "1990-01-01", "range"), ("late 2022", "2022-09-01", "range")],
)  # fmt: skip
def test_absolute_expressions_need_no_publication_day(expr: str, iso: str, precision: str) -> None:
    when = resolve_expression(expr, None)
    assert when is not None and (when.iso, when.precision) == (iso, precision)


@pytest.mark.parametrize(
    "expr",
    ["on Sunday", "last week", "in September", "yesterday", "early this year", "in December last year",
     "February 2", "two weeks ago", "this weekend", "last March"],
)  # fmt: skip
def test_relative_expressions_are_found_but_unresolved_without_publication_day(expr: str) -> None:
    assert resolve_expression(expr, None) is None
    [mention] = find_dates(f"They met {expr} in Beirut.", None)
    assert mention.text == expr and mention.when is None


def test_spans_inside_a_sentence_are_shifted_by_the_offset() -> None:
    sentence = "Last week, Syria seized about 11 million of Captagon pills"
    [mention] = find_dates(sentence, MONDAY, offset=40)
    assert (mention.start, mention.end, mention.text) == (40, 49, "Last week")
    assert mention.when is not None and mention.when.precision == "week"


def test_several_expressions_come_in_order_and_the_longest_wins() -> None:
    sentence = "Al Shara, in power since late 2024, ended Assad's rule in December last year, met on Sunday."
    found = find_dates(sentence, MONDAY)
    assert [m.text for m in found] == ["since late 2024", "in December last year", "on Sunday"]
    assert [sentence[m.start : m.end] for m in found] == [m.text for m in found]
    assert [m.when.iso for m in found if m.when] == ["2024-09-01", "2024-12", "2025-11-02"]


@pytest.mark.parametrize(
    "sentence",
    ["After 13 months of war the sides met.", "Aid worth 1.5 million dollars arrived.",
     "Syria seized about 11 million of Captagon pills.", "The 6+6 committee met again.",
     "The council has 30 members.", "About 80 percent of the city was destroyed.",
     "UNSC resolution 2254 calls for elections.", "A total of 2000 fighters were deployed.",
     "The town was taken by 2000 soldiers.", "From 2000 to 3000 troops may deploy.",
     "Iran may strike back, and protesters march on the capital.", "Theresa May said the talks failed.",
     "Memories of the 2011 uprising remain.", "The year was hard for everyone.",
     "They met 02/03/2024 in Rome.", "The report 2025-13-45 was filed.",
     "Syria's sun and sat imagery were shared.", "The population fell from 2000 to a few hundred.",
     "Last updated at Feb 022015 Beirut.", "Food may run out in the coming weeks.",
     "Assad faces two challengers in next months vote.", "The army made progress in the past days.",
     "The story ran in The Sun.", "Officials met at Sept talks."],
)  # fmt: skip
def test_numbers_and_words_that_are_not_dates_are_not_found(sentence: str) -> None:
    assert find_dates(sentence, MONDAY) == []


def test_a_year_after_a_weak_word_counts_when_a_date_word_or_punctuation_follows() -> None:
    sentence = "Resolution 1701 of 2006, the plan of 2030 goals and a pledge by 2030 when talks end."
    found = find_dates(sentence, MONDAY)
    assert [(m.text, m.when.iso if m.when else None) for m in found] == [
        ("of 2006", "2006"),
        ("by 2030", "2030"),
    ]


_WORDS = TimeWords.load()
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_PUBLISHED = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@given(published=_PUBLISHED, index=st.integers(0, 6))
def test_on_weekday_is_that_weekday_within_the_week_up_to_publication(published: date, index: int) -> None:
    when = resolve_expression(f"on {_WEEKDAYS[index]}", published)
    assert when is not None and when.start == when.end and when.precision == "day"
    assert when.start.weekday() == index == _WORDS.weekdays[_WEEKDAYS[index].lower()]
    assert timedelta(0) <= published - when.start < timedelta(days=7)


@given(published=_PUBLISHED, index=st.integers(0, 11))
def test_in_month_is_that_month_not_after_publication(published: date, index: int) -> None:
    when = resolve_expression(f"in {_MONTHS[index]}", published)
    assert when is not None and when.precision == "month"
    assert (when.start.month, when.start.day, when.end.month) == (index + 1, 1, index + 1)
    assert when.start <= published < date(when.start.year + 1, when.start.month, 1)


@given(published=_PUBLISHED)
def test_last_week_is_the_monday_to_sunday_week_before_publication(published: date) -> None:
    when = resolve_expression("last week", published)
    assert when is not None and when.start.weekday() == 0 and when.end - when.start == timedelta(days=6)
    assert when.end < published <= when.end + timedelta(days=7)


def test_the_rules_do_not_need_dateparser_but_other_phrasings_fall_back_to_it() -> None:
    when = resolve_expression("noon on Tuesday", MONDAY)  # not a pattern of time_words.yaml as a whole
    assert when is not None and when.iso == "2025-10-28"
    assert resolve_expression("the weather", MONDAY) is None
    assert resolve_expression("noon on Tuesday", None) is None  # relative: two bases, two answers
    when = resolve_expression("noon on March 3, 2024", None)
    assert when is not None and (when.iso, when.precision) == ("2024-03-03", "day")


def test_seed_gold_dates_are_each_covered_by_a_found_expression() -> None:
    gold_path, seeds = SHARED / "gold" / "seeds.json", SHARED / "seeds"
    if not gold_path.exists():
        pytest.skip("shared seeds are not here")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for name, doc in gold["documents"].items():
        published = date.fromisoformat(doc["published"]) if doc["published"] else None
        found = [m.when for m in find_dates((seeds / name).read_text(encoding="utf-8"), published) if m.when]
        for event in doc["events"]:
            if event.get("date"):
                low, high = _bounds(event["date"])
                assert any(low <= w.start and w.end <= high for w in found), (name, event["date"])


def _bounds(gold: str | list[str]) -> tuple[date, date]:
    """The first and last day of a gold date: "2025-11-02", "2025-10", "2005" or a ["from", "to"] pair."""
    first, last = (gold, gold) if isinstance(gold, str) else gold
    low = date.fromisoformat((first + "-01-01")[:10] if len(first) == 4 else (first + "-01")[:10])
    if len(last) == 4:
        return low, date(int(last), 12, 31)
    if len(last) == 7:
        year, month = int(last[:4]), int(last[5:])
        return low, date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return low, date.fromisoformat(last)
