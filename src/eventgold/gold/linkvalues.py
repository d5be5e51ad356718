"""Comparable forms of normalized argument values for cross-document linking.

Two reports of one event rarely use the same words but, once normalized, name the same
states, dates and people. This module turns a mention into a *value key* that can be compared
across documents (``place:RUS``, ``name:choe son hui``, ``text:russian officials``), knows that
a province lies inside its country (``RU-KRS`` within ``RUS``), and reads ISO 8601 dates and
intervals into day ranges.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

import pycountry

from eventgold.schema import Mention, SchemaTable

DayRange = tuple[dt.date, dt.date]
"""Inclusive first and last day of a normalized date value."""

# Key prefix per normalization kind of the mention type (the table says which types are
# places, dates, ...); a quantity and a sum of money are both amounts. Other kinds are names.
_KEY_PREFIX = {"place": "place", "date": "date", "quantity": "amount", "money": "amount"}
_LEADING_DETERMINER = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def value_key(mention: Mention, table: SchemaTable) -> str:
    """A key that is equal for two mentions naming the same thing (normalized when possible)."""
    if mention.normalized:
        mention_type = table.mention_types.get(mention.type)
        prefix = _KEY_PREFIX.get(mention_type.normalization) if mention_type else None
        if prefix is not None:
            return f"{prefix}:{mention.normalized}"
        return f"name:{_fold(mention.normalized)}"
    return f"text:{_LEADING_DETERMINER.sub('', _fold(mention.text))}"


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.casefold().replace("’", "'")).strip()


def is_normalized(key: str) -> bool:
    return not key.startswith("text:")


@lru_cache(maxsize=4096)
def _country_of(code: str) -> str:
    """ISO 3166-1 alpha-3 of a place code (a subdivision maps to its country)."""
    if "-" not in code:
        return code
    country = pycountry.countries.get(alpha_2=code.split("-", 1)[0])
    return country.alpha_3 if country is not None else code


def index_key(key: str) -> str:
    """The coarser key used to find candidate documents (subdivisions index as their country)."""
    if key.startswith("place:"):
        return "place:" + _country_of(key[6:])
    return key


def values_match(a: str, b: str) -> bool:
    """Equal keys, or two places one of which lies within the other."""
    if a == b:
        return True
    if a.startswith("place:") and b.startswith("place:"):
        code_a, code_b = a[6:], b[6:]
        # RU-KRS lies within RUS; two different subdivisions of one country do not match.
        return ("-" in code_a) != ("-" in code_b) and _country_of(code_a) == _country_of(code_b)
    return False


def any_match(value: str, others: frozenset[str]) -> bool:
    return value in others or any(values_match(value, other) for other in others)


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def day_range(value: str) -> DayRange | None:
    """First and last day of an ISO 8601 date, month, year, week or interval ``A/B``."""
    if "/" in value:
        start, _, end = value.partition("/")
        first, last = day_range(start), day_range(end)
        if first is None or last is None:
            return None
        return first[0], last[1]
    try:
        if len(value) == 4 and value.isdigit():
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        week = _WEEK.match(value)
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last_day = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last_day)
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day, day


def ranges_within(a: DayRange, b: DayRange, window_days: int) -> bool:
    """Whether two day ranges overlap once each is widened by ``window_days``."""
    slack = dt.timedelta(days=window_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
