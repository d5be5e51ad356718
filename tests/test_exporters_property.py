"""Property: any text (CRLF, emoji, combining marks, odd whitespace) and any spans export
without an exception in every format, and the offsets still point at the right text."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.gold.exporters import EXPORTERS
from eventgold.gold.exporters.brat import brat_text, parse_ann
from eventgold.gold.exporters.tokens import Tokenized
from eventgold.schema import DocumentRecord, Event, Mention, Span, default_table, new_document

TABLE = default_table()
PIECES = [
    "Kim",
    "Seoul",
    " ",
    "  ",
    "\r\n",
    "\n\n",
    "\r",
    ".",
    ",",
    "é",
    "e\u0301",
    "🇷🇺",
    "👋🏽",
    "\u00a0",
    "’s",
    "10,000",
]


@st.composite
def records(draw: st.DrawFn) -> DocumentRecord:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12)).map(
                lambda p: (p[0], min(len(text), p[0] + p[1]))
            ),
            min_size=1,
            max_size=6,
        )
    )
    mentions = [
        Mention(id=f"m{i}", start=s, end=e, text=text[s:e], type="GPE")
        for i, (s, e) in enumerate(spans)
    ]
    ts, te = spans[0]
    events = [
        Event(
            id="e1",
            type="diplomatic_meeting",
            trigger=Span(start=ts, end=te, text=text[ts:te]),
            arguments={"participants": [m.id for m in mentions[1:]]},
            attributes={"polarity": "positive"},
            attribution=mentions[-1].id,
        )
    ]
    return DocumentRecord(
        schema_name=TABLE.name,
        schema_version=TABLE.version,
        document=new_document("d1", text),
        mentions=mentions,
        events=events,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_text_and_spans_export_everywhere(record: DocumentRecord) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        results = {
            name: fn([record], {"d1": "dev"}, TABLE, out / name) for name, fn in EXPORTERS.items()
        }

        # brat: every mention with text on one line or more is written at the shifted offsets
        text, offsets = brat_text(record.document.text)
        assert (out / "brat" / "dev" / "d1.txt").read_bytes() == text.encode("utf-8")
        ann = parse_ann((out / "brat" / "dev" / "d1.ann").read_text(encoding="utf-8"))
        for entity in ann.entities.values():
            assert entity.text == " ".join(text[s:e] for s, e in entity.fragments)
        written = {(e.start, e.end) for e in ann.entities.values() if e.type == "GPE"}
        for mention in record.mentions:
            if text[offsets[mention.start] : offsets[mention.end]].strip("\n"):
                assert any(
                    s >= offsets[mention.start] and e <= offsets[mention.end] for s, e in written
                )

        # token formats: a mention appears iff it overlaps a word, covering it
        tokens = Tokenized(record.document.text)
        doc = json.loads((out / "dygiepp" / "dev.jsonl").read_text(encoding="utf-8"))
        assert [w for s in doc["sentences"] for w in s] == [w.text for w in tokens.words]
        ner = [
            (tokens.words[s].start, tokens.words[e].end) for sent in doc["ner"] for s, e, _ in sent
        ]
        mapped = [m for m in record.mentions if tokens.span(m.start, m.end) is not None]
        assert len(ner) == len(mapped)
        for mention in mapped:
            span = tokens.span(mention.start, mention.end)
            assert span is not None
            covering = (tokens.words[span.first].start, tokens.words[span.last].end)
            assert covering in ner
            # covering: starts at or before the first non-space char, ends at or after the last
            inner = record.document.text[mention.start : mention.end]
            first = mention.start + len(inner) - len(inner.lstrip())
            last = mention.start + len(inner.rstrip())
            assert covering[0] <= first and covering[1] >= last
        left_out = len(record.mentions) - len(mapped)
        assert results["dygiepp"].report.notes_by_code().get("EG655", 0) >= left_out
