"""Agreement figures against small cases computed by hand."""

from __future__ import annotations

import pytest

from eventgold.gold.agreement import agreement, cohen_kappa, krippendorff_alpha
from eventgold.schema import AnnotationInfo, DocumentRecord
from eventgold.testing import RecordBuilder

TEXT = "Russia vetoed the resolution on Monday while China abstained and France voted for it."


def by(record: DocumentRecord, annotator: str, source: str = "labelstudio") -> DocumentRecord:
    info = AnnotationInfo(source=source, annotator=annotator)  # type: ignore[arg-type]
    return record.model_copy(update={"annotation": info})


def test_cohen_kappa_textbook_case() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None  # one value only: undefined
    assert cohen_kappa([]) is None


def test_krippendorff_alpha_by_hand() -> None:
    # Coincidences o_aa=2, o_ab=o_ba=1, o_bb=4; n=8, n_a=3, n_b=5:
    # Do = 2/8, De = 2*3*5/(8*7) -> alpha = 1 - 0.25/(30/56) = 8/15
    two = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]]
    assert krippendorff_alpha(two) == pytest.approx(8 / 15)
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]) == pytest.approx(0.5)
    # Three annotators with a missing value; same coincidence matrix as above.
    three: list[list[str | None]] = [["a", "a", None], ["a", "b", "b"], ["b", "b", "b"]]
    assert krippendorff_alpha(three) == pytest.approx(8 / 15)
    assert krippendorff_alpha([["a", None], ["b", None]]) is None  # nothing pairable


def two_annotations() -> tuple[DocumentRecord, DocumentRecord]:
    a = RecordBuilder(TEXT, "d1")
    russia = a.mention("Russia", "GPE", normalized="RUS")
    resolution = a.mention("resolution", "LEGAL_INSTRUMENT")
    china = a.mention("China", "GPE", normalized="CHN")
    a.event("un_action", "vetoed", {"actor": [russia], "instrument": [resolution]}, action="veto")
    a.event("un_action", "abstained", {"actor": [china]}, action="abstain", tense="past")
    b = RecordBuilder(TEXT, "d1")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    resolution = b.mention("the resolution", "LEGAL_INSTRUMENT")
    china = b.mention("China", "GPE", normalized="CHN")
    france = b.mention("France", "GPE", normalized="FRA")
    b.event("un_action", "vetoed", {"actor": [russia], "instrument": [resolution]}, action="veto")
    b.event("un_action", "abstained", {"actor": [china]}, action="abstain", tense="present")
    b.event("un_action", "voted for", {"actor": [france]}, action="vote_for")
    return by(a.build(), "alice"), by(b.build(), "bob")


def test_span_f1_between_two_annotators() -> None:
    alice, bob = two_annotations()
    report = agreement([alice, bob])
    assert report.annotators == ["alice", "bob"]
    strict, overlap = report.spans("strict"), report.spans("overlap")
    # Mentions: alice 3, bob 4; strict matches Russia, China -> F1 = 2*2/7
    assert strict["mentions"].total.f1 == pytest.approx(4 / 7)
    # overlap also pairs "resolution" with "the resolution" -> 2*3/7
    assert overlap["mentions"].total.f1 == pytest.approx(6 / 7)
    # Triggers: 2 of alice's, 3 of bob's, 2 matched -> 4/5
    assert strict["triggers"].total.f1 == pytest.approx(0.8)
    # Arguments: alice 3, bob 4; strict: 2 actors; overlap: + instrument
    assert strict["arguments"].total.f1 == pytest.approx(4 / 7)
    assert overlap["arguments"].total.f1 == pytest.approx(6 / 7)
    assert report.by_event_type("strict")["un_action"]["triggers"].f1 == pytest.approx(0.8)
    # F1 does not depend on who is taken as reference
    reverse = agreement([by(bob, "alice"), by(alice, "bob")])
    assert reverse.spans("overlap")["arguments"].total.f1 == pytest.approx(6 / 7)


def test_attribute_agreement_on_aligned_events() -> None:
    alice, bob = two_annotations()
    report = agreement([alice, bob])
    # Two events aligned. action: (veto, veto), (abstain, abstain) -> kappa 1, alpha 1
    assert report.attributes["action"].units == 2
    assert report.attributes["action"].kappa == pytest.approx(1.0)
    assert report.attributes["action"].alpha == pytest.approx(1.0)
    # tense: (unspecified, unspecified), (past, present): po 1/2, pe 1/4 -> kappa 1/3
    assert report.attributes["tense"].kappa == pytest.approx(1 / 3)
    # alpha: n=4, o_uu=2, o_pp'=1 each way -> Do 2/4, De (2*2 + 2*1*1... ) by formula:
    # n_unspec=2, n_past=1, n_present=1: De = (2*1+2*1+1*1)*2/(4*3) = 10/12 -> 1 - 0.5/(10/12)
    assert report.attributes["tense"].alpha == pytest.approx(1 - 0.5 / (10 / 12))
    # polarity always positive: undefined rather than a misleading number
    assert report.attributes["polarity"].kappa is None
    assert report.attributes_by_type["un_action"]["tense"].units == 2
    pair = report.pairs[0]
    assert (pair.a, pair.b, pair.documents) == ("alice", "bob", 1)
    assert pair.kappa()["tense"] == pytest.approx(1 / 3)


def test_three_annotators_and_non_human_records_ignored() -> None:
    alice, bob = two_annotations()
    carol = by(alice, "carol")
    rules = by(alice, "rules", source="rules")
    report = agreement([alice, bob, carol, rules])
    assert report.annotators == ["alice", "bob", "carol"]
    assert [(p.a, p.b) for p in report.pairs] == [
        ("alice", "bob"),
        ("alice", "carol"),
        ("bob", "carol"),
    ]
    assert report.pairs[1].spans["strict"]["mentions"].total.f1 == 1.0
    assert report.attributes["tense"].kappa is None  # kappa is for exactly two annotators
    # tense units: (u,u,u) and (past, present, past): alpha defined and below 1
    alpha = report.attributes["tense"].alpha
    assert alpha is not None and 0 < alpha < 1
    data = report.to_dict()
    # micro over pairs: 6 matched triggers, 5 + 4 + 5 annotated -> 12/14
    assert data["span_f1"]["strict"]["triggers"]["matched"] == 6
    assert data["span_f1"]["strict"]["triggers"]["f1"] == pytest.approx(12 / 14, abs=1e-4)
    assert data["multiply_annotated_documents"] == 1


def test_seed_passes_match_the_independent_agreement_script() -> None:
    # seeds/passes/agreement.py computes the same figures with its own code (its table in the
    # guidelines): mentions 73 of 75/76, arguments 53 of 55/56, triggers 17/17.
    from pathlib import Path

    from eventgold.gold.io import read_inputs

    root = Path(__file__).resolve().parent.parent
    report = agreement(read_inputs([root / "seeds" / "passes"]).documents)
    strict, overlap = report.spans("strict"), report.spans("overlap")
    counts = {k: (s.total.tp, s.total.gold, s.total.predicted) for k, s in strict.items()}
    assert counts == {"mentions": (73, 75, 76), "triggers": (17, 17, 17), "arguments": (53, 55, 56)}
    assert round(overlap["mentions"].total.f1, 3) == 0.993
    assert round(overlap["arguments"].total.f1, 3) == 0.973
    assert report.attributes["genericity"].kappa is None  # one value only
    assert report.attributes["tense"].units == 17
