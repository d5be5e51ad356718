"""DATE, QUANTITY and MONEY normalizers produce values the validator accepts, or None."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventgold.annotate.normalize import normalize_date, normalize_money, normalize_quantity
from eventgold.validate.normalized import check_date, check_money, check_quantity

WEDNESDAY = dt.date(2024, 10, 30)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("Tuesday", "2024-10-29"),
        ("Wednesday", "2024-10-30"),  # the dateline's own weekday is that day
        ("Thursday", "2024-10-24"),  # a bare weekday is the most recent one
        ("last week", "2024-W43"),
        ("next month", "2024-11"),
        ("this year", "2024"),
        ("in March", "2024-03"),
        ("yesterday", "2024-10-29"),
        ("October 29, 2024", "2024-10-29"),
        ("Tuesday (October 29, 2024)", "2024-10-29"),
        ("2022", "2022"),
        ("the next few weeks", None),
    ],
)
def test_dates_resolve_against_the_anchor(expr: str, expected: str | None) -> None:
    assert normalize_date(expr, WEDNESDAY) == expected


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]


@given(
    anchor=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    expr=st.sampled_from([*MONTHS, "march", "in June", "yesterday", "today", "Tomorrow"]),
)
def test_month_names_and_nearby_days_read_as_dateparser_reads_them(
    anchor: dt.date, expr: str
) -> None:
    """The fast paths for a bare month and yesterday/today/tomorrow agree with dateparser."""
    from eventgold.annotate.normalize import _parse_date

    text = expr.removeprefix("in ")
    # dateparser keeps the anchor's day when it reads a bare month, so on day 29-31 it may
    # jump to another year for a month that lacks that day: the fast path does not.
    if anchor.day <= 28 or text.lower() not in {m.lower() for m in MONTHS}:
        assert normalize_date(expr, anchor) == _parse_date(text, anchor)


def test_relative_dates_need_an_anchor() -> None:
    assert normalize_date("last week", None) is None
    assert normalize_date("Tuesday", None) is None
    assert normalize_date("March 3, 2021", None) == "2021-03-03"


def test_year_boundary_of_iso_weeks() -> None:
    assert normalize_date("last week", dt.date(2021, 1, 6)) == "2020-W53"


@pytest.mark.parametrize(
    ("expr", "unit", "expected"),
    [
        ("around 10,000", "troops", "~10000 troops"),
        ("about 2,000", None, "~2000"),
        ("4,800", "troops", "4800 troops"),
        ("thousands", "troops", ">=1000 troops"),
        ("hundreds of thousands", "shells", ">=100000 shells"),
        ("2.5 million", None, "2500000"),
        ("at least 100", None, ">=100"),
        ("more than 300", None, ">300"),
        ("relatively small number", "troops", None),
    ],
)
def test_quantities(expr: str, unit: str | None, expected: str | None) -> None:
    assert normalize_quantity(expr, unit) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("$5.8 billion", "5800000000 USD"),
        ("$1.5 million", "1500000 USD"),
        ("200 million euros", "200000000 EUR"),
        ("€200m", "200000000 EUR"),
        ("£40", "40 GBP"),
        ("5 million", None),  # no currency: not money
    ],
)
def test_money(expr: str, expected: str | None) -> None:
    assert normalize_money(expr) == expected


words = st.sampled_from(
    [
        "about",
        "around",
        "some",
        "last",
        "next",
        "this",
        "week",
        "month",
        "year",
        "Monday",
        "Friday",
        "March",
        "May",
        "2019",
        "2024",
        "October",
        "3",
        ",",
        "(",
        ")",
        "million",
        "billion",
        "thousands",
        "of",
        "hundreds",
        "$",
        "€",
        "euros",
        "dollars",
        "troops",
        "10,000",
        "1.5",
        "at",
        "least",
        "more",
        "than",
        "nearly",
        "the",
        "in",
        "on",
    ]
)
phrases = st.lists(words, min_size=1, max_size=5).map(" ".join)


@given(phrases)
def test_any_output_is_valid_for_the_validator(expr: str) -> None:
    date = normalize_date(expr, WEDNESDAY)
    assert date is None or check_date(date) is None
    quantity = normalize_quantity(expr, "troops")
    assert quantity is None or check_quantity(quantity) is None
    money = normalize_money(expr)
    assert money is None or check_money(money) is None
