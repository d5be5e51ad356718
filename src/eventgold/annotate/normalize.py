"""Normalizers for DATE, QUANTITY and MONEY mentions (the validator's formats).

Dates are resolved with dateparser against the document's publication date; the period
dateparser reports (day, week, month, year) decides the ISO granularity. Results are cached
because news repeats the same few expressions ("Tuesday", "last week") millions of times.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DAYS_FROM_TODAY = {"yesterday": -1, "today": 0, "tomorrow": 1}
_DATE_NOISE = re.compile(r"^(on|in|since|by|during|from|until|the)\s+", re.IGNORECASE)
# "final week" is how synonym spinners rewrite "last week".
_RELATIVE_UNIT = re.compile(
    r"^(last|this|next|past|coming|final)\s+(week|month|year)$", re.IGNORECASE
)


def import_dateparser() -> None:
    """Import dateparser now, e.g. before forking workers so that they share it.

    Otherwise it is imported on first use: it takes most of a second to import (it compiles
    its timezone patterns), which every command paid even without a date to resolve.
    """
    import dateparser.date  # noqa: F401


# One parser per anchor date (dateparser fixes the relative base per parser). Building one
# costs ~4 ms and keeps ~15 KB: a corpus spanning months of publication dates in any order
# would rebuild them all the time with a small cache.
@lru_cache(maxsize=512)
def _parser(anchor: dt.date) -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def _iso(day: dt.date, period: str) -> str:
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def _relative_unit(expr: str, anchor: dt.date) -> str | None:
    match = _RELATIVE_UNIT.match(expr)
    if not match:
        return None
    which, unit = match.group(1).lower(), match.group(2).lower()
    step = {"last": -1, "past": -1, "final": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "week":
        return _iso(anchor + dt.timedelta(weeks=step), "week")
    if unit == "month":
        month = anchor.month - 1 + step
        return _iso(dt.date(anchor.year + month // 12, month % 12 + 1, 1), "month")
    return f"{anchor.year + step:04d}"


@lru_cache(maxsize=20_000)
def normalize_date(expr: str, anchor: dt.date | None) -> str | None:
    """ISO 8601 value of a date expression, or None when it cannot be resolved.

    Without an ``anchor`` only absolute expressions ("October 29, 2024", "2022") resolve.
    """
    text = _DATE_NOISE.sub("", " ".join(expr.replace("(", " ").replace(")", " ").split()))
    if not text:
        return None
    if re.fullmatch(r"(19|20)\d\d", text):
        return text
    has_year = re.search(r"\b(19|20)\d\d\b", text) is not None
    if anchor is None and not has_year:
        return None
    base = anchor or _ABSOLUTE_BASE
    relative = _relative_unit(text, base)
    if relative:
        return relative
    lower = text.lower()
    if lower in _WEEKDAYS:
        # News uses a bare weekday for the most recent one (the day itself counts as "today").
        delta = (base.weekday() - _WEEKDAYS.index(lower)) % 7
        return (base - dt.timedelta(days=delta)).isoformat()
    if lower in _MONTHS:
        # A bare month is the most recent one, the current month included (as dateparser
        # reads it with dates preferred from the past).
        month = _MONTHS[lower]
        return f"{base.year if month <= base.month else base.year - 1:04d}-{month:02d}"
    if lower in _DAYS_FROM_TODAY:
        return (base + dt.timedelta(days=_DAYS_FROM_TODAY[lower])).isoformat()
    if has_year:
        # An explicit year leaves nothing to the anchor: one parse per text, whatever the
        # publication date (a corpus spanning many dates would otherwise parse it per date).
        return _parse_date(text, _ABSOLUTE_BASE)
    return _parse_date(text, base)


_ABSOLUTE_BASE = dt.date(2000, 1, 1)


@lru_cache(maxsize=20_000)
def _parse_date(text: str, base: dt.date) -> str | None:
    """dateparser's reading of ``text`` relative to ``base``, as ISO 8601."""
    parser = _parser(base)  # outside the try: a missing dateparser is an error, not "no date"
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; treat as unresolved
        return None
    if data.date_obj is None:
        return None
    return _iso(data.date_obj.date(), data.period or "day")


# --- quantities and money ----------------------------------------------------------------

_SCALE = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
_APPROX = {
    "about": "~",
    "around": "~",
    "some": "~",
    "roughly": "~",
    "approximately": "~",
    "nearly": "~",
    "almost": "~",
    "an estimated": "~",
    "estimated": "~",
    "up to": "<=",
    "at most": "<=",
    "at least": ">=",
    "more than": ">",
    "over": ">",
    "fewer than": "<",
    "less than": "<",
    "under": "<",
}
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "won": "KRW",
}


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _amount(words: list[str]) -> tuple[str, float] | None:
    """(prefix, value) of e.g. ['about', '10,000'] or ['2.5', 'million'] (None if no number)."""
    prefix = ""
    joined = " ".join(words)
    for cue, sign in _APPROX.items():
        if joined.startswith(cue + " "):
            prefix = sign
            words = words[len(cue.split()) :]
            break
    value: float | None = None
    for word in words:
        clean = word.lower().rstrip("s") if word.lower() not in ("tens",) else "ten"
        if _NUMBER.fullmatch(word):
            value = float(word.replace(",", ""))
        elif word.lower() in _WORD_NUMBERS:
            value = float(_WORD_NUMBERS[word.lower()])
        elif clean in _SCALE:
            value = (value or 1.0) * _SCALE[clean]
    if value is None:
        return None
    return prefix, value


@lru_cache(maxsize=20_000)
def normalize_quantity(expr: str, unit: str | None = None) -> str | None:
    """``~10000 troops``, ``>=1000``; None for vague amounts ("a small number")."""
    words = expr.lower().replace("-", " ").split()
    if not words:
        return None
    suffix = f" {unit}" if unit and re.fullmatch(r"[a-z][a-z_]*", unit) else ""
    # "thousands of", "hundreds of thousands of": a lower bound, not a number.
    plural_scales = [w for w in words if w.endswith("s") and w[:-1] in _SCALE]
    if plural_scales and not _NUMBER.search(expr):
        bound = 1
        for word in words:
            if word.rstrip("s") in _SCALE:
                bound *= _SCALE[word.rstrip("s")]
        return f">={bound}{suffix}"
    amount = _amount(words)
    if amount is None:
        return None
    prefix, value = amount
    return f"{prefix}{_fmt(value)}{suffix}"


@lru_cache(maxsize=5_000)
def normalize_money(expr: str) -> str | None:
    """``1500000 USD`` from "$1.5 million", "1.5 million dollars", "€200m"."""
    text = expr.lower().strip()
    currency = None
    for symbol, code in _CURRENCIES.items():
        if text.startswith(symbol):
            currency, text = code, text[len(symbol) :]
            break
    words = text.replace("bn", " billion").replace("m ", " million ").split()
    if words and words[-1].endswith("m") and _NUMBER.fullmatch(words[-1][:-1]):
        words = [*words[:-1], words[-1][:-1], "million"]
    for word in list(words):
        if word in _CURRENCY_WORDS:
            currency = currency or _CURRENCY_WORDS[word]
            words.remove(word)
    if currency is None:
        return None
    amount = _amount(words)
    if amount is None:
        return None
    prefix, value = amount
    return f"{prefix}{_fmt(value)} {currency}"
