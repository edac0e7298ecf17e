"""Date resolution as a property: any interval has start <= end, and the past is not in the future.

Expressions are built from words a reporter uses for the past ("last Tuesday", "two days ago",
"in March", "on Sunday"); with a publication day, none may end after that day (plus one, for a
story filed across midnight); a period may contain that day, so it must start by it.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.resolve.dates import resolve_expression

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_PAST = st.one_of(
    st.sampled_from(_DAYS).map(lambda d: f"on {d}"),
    st.sampled_from(_DAYS).map(lambda d: f"last {d}"),
    st.sampled_from(_MONTHS).map(lambda m: f"in {m}"),
    st.sampled_from(_MONTHS).map(lambda m: f"last {m}"),
    st.sampled_from(["yesterday", "last week", "last month", "last year", "earlier this week", "two days ago",
                     "three weeks ago", "on Sunday night", "this morning", "today"]),
)
_PUBLISHED = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=200, deadline=None)
@given(expr=_PAST, published=_PUBLISHED)
def test_past_expressions_end_by_publication_day(expr: str, published: date) -> None:
    when = resolve_expression(expr, published)
    if when is not None:
        assert when.start <= when.end, (expr, published, when)
        # A period ("in January", "this week") may contain the publication day, so it must start by
        # then; a single past day must end by then.
        assert when.start <= published + timedelta(days=1), (expr, published, when)
        if when.precision == "day":
            assert when.end <= published + timedelta(days=1), (expr, published, when)


@settings(max_examples=200, deadline=None)
@given(expr=st.one_of(_PAST, st.text(max_size=30)), published=st.one_of(st.none(), _PUBLISHED))
def test_any_resolved_interval_has_start_not_after_end(expr: str, published: date | None) -> None:
    when = resolve_expression(expr, published)
    if when is not None:
        assert when.start <= when.end, (expr, published, when)
