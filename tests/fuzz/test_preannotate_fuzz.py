"""Fuzzing pre-annotation: on any text it never crashes and always emits schema-valid records.

Two kinds of text: arbitrary Unicode (no lone surrogates: a document comes from UTF-8 files or
JSON, which cannot hold them), and news-like text assembled from words the rules react to
(states, capitals, forces, numbers, dates, trigger verbs, quotes, CRLF, emoji) so that
mentions, events, arguments and normalized values are actually produced and checked.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

import jsonschema
from fuzz_support import load_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.annotate import Annotator
from eventgold.schema import new_document
from eventgold.testing import record_json
from eventgold.validate import validate_record

REFERENCE = jsonschema.Draft202012Validator(load_schema())
FUZZ = settings(
    max_examples=int(os.environ.get("EVENTGOLD_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
WORDS = [
    "North Korea",
    "Russia",
    "Moscow",
    "Pyongyang",
    "Seoul",
    "Kursk",
    "Ukraine",
    "the Pentagon",
    "the UN Security Council",
    "the European Union",
    "Washington",
    "Beijing",
    "Kyiv",
    "troops",
    "soldiers",
    "10,000",
    "about 3,000",
    "thousands of",
    "$1.5 billion",
    "artillery shells",
    "missiles",
    "sent",
    "deployed",
    "vetoed",
    "imposed sanctions on",
    "met",
    "held talks with",
    "supplied",
    "denied",
    "refused to supply",
    "said",
    "reportedly",
    "allegedly",
    "will",
    "not",
    "on Tuesday",
    "last week",
    "in March",
    "October 30, 2024",
    "(October 29, 2024)",
    "2024",
    "Foreign Minister Choe Son Hui",
    "Main Normal Pat Ryder",
    "prime diplomat",
    "the resolution",
    "a treaty",
    ",",
    ".",
    "\u201c",
    "\u201d",
    "\r\n",
    "\n\n",
    "\U0001f680",
    "e\u0301",
    "\u00a0",
]
news_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400)
published = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).map(str)


@cache
def annotator() -> Annotator:
    return Annotator()


def check_output(text: str, date: str | None) -> None:
    record = annotator().annotate(new_document("fuzz-1", text, published=date))
    data = record_json(record)
    assert REFERENCE.is_valid(data)
    problems = validate_record(data)
    assert not problems, [str(p) for p in problems]
    assert record.document.text == text  # the text is never altered
    for item in [*record.mentions, *record.events]:
        assert item.provenance is not None and item.provenance.origin == "rule"
        assert item.provenance.rule_id and 0.0 <= (item.provenance.score or 0.0) <= 1.0


@FUZZ
@given(text=news_text, date=published)
def test_news_like_text_gives_schema_valid_records(text: str, date: str | None) -> None:
    check_output(text, date)


@FUZZ
@given(text=any_text, date=published)
def test_arbitrary_text_never_crashes_and_stays_valid(text: str, date: str | None) -> None:
    check_output(text, date)
