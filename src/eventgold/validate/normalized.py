"""Checks for normalized values, one per normalization kind of the schema table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

import pycountry

QUANTITY_RE = re.compile(r"^(~|>=|<=|>|<)?\d+(\.\d+)?(\.\.\d+(\.\d+)?)?( [a-z][a-z_]*)?$")
MONEY_RE = re.compile(r"^(~|>=|<=|>|<)?\d+(\.\d+)? ([A-Z]{3})$")
_DATE_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


@lru_cache(maxsize=1)
def place_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 and ISO 3166-2 subdivision codes."""
    countries = {c.alpha_3 for c in pycountry.countries}
    subdivisions = {s.code for s in pycountry.subdivisions}
    return frozenset(countries | subdivisions)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date/month/year/week denotes, or None if malformed."""
    match = _DATE_PART.match(value)
    if not match:
        return None
    year_s, month_s, day_s, week_s = match.groups()
    year = int(year_s)
    try:
        if week_s is not None:
            first = dt.date.fromisocalendar(year, int(week_s), 1)
            return first, first + dt.timedelta(days=6)
        if day_s is not None:
            day = dt.date(year, int(month_s), int(day_s))
            return day, day
        if month_s is not None:
            first = dt.date(year, int(month_s), 1)
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of an ISO 8601 date, month, year, week or interval ``A/B`` (None if malformed)."""
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = _date_bounds(left), _date_bounds(right)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1]
    return _date_bounds(value)


def check_place(value: str) -> str | None:
    if value in place_codes():
        return None
    return f"{value!r} is not an ISO 3166-1 alpha-3 or ISO 3166-2 code"


def check_date(value: str) -> str | None:
    if date_bounds(value) is not None:
        return None
    return f"{value!r} is not an ISO 8601 date, month, year, week or interval"


def check_quantity(value: str) -> str | None:
    if QUANTITY_RE.match(value):
        return None
    return f"{value!r} is not a quantity like '10000', '~10000', '>=1000' or '1000..9999 troops'"


def check_money(value: str) -> str | None:
    match = MONEY_RE.match(value)
    if match and match.group(3) in currency_codes():
        return None
    return f"{value!r} is not '<amount> <ISO 4217 currency>'"


def check_name(value: str) -> str | None:
    return None if value.strip() else "normalized name is empty"


CHECKS: dict[str, tuple[str, Callable[[str], str | None]]] = {
    "place": ("EG211", check_place),
    "date": ("EG212", check_date),
    "quantity": ("EG213", check_quantity),
    "money": ("EG214", check_money),
    "name": ("EG218", check_name),
}
