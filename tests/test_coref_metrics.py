"""Coreference metrics against hand-computed cases from the literature."""

from __future__ import annotations

import pytest

from eventgold.evaluate.coref import b_cubed, ceaf_e, coref_scores, muc, with_singletons

# Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions", Figure 1:
# key {a b c} {d e f g}; response {a b} {c d} {f g h i}. Published figures: MUC 40.0/40.0,
# B3 R 41.67 P 50.0 F 45.45, CEAF-e R 65.0 P 43.33 F 52.0.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_reference_example() -> None:
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 5)
    assert score.precision == pytest.approx(2 / 5)
    assert score.f1 == pytest.approx(0.4)


def test_b_cubed_reference_example() -> None:
    score = b_cubed(KEY, RESPONSE)
    # recall: a,b 2/3 each, c 1/3, d 1/4, e 0, f,g 2/4 each -> (35/12) / 7
    assert score.recall == pytest.approx(35 / 84)
    # precision: a,b 1 each, c,d 1/2 each, f,g 1/2 each, h,i 0 -> 4 / 8
    assert score.precision == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.4545, abs=1e-4)


def test_ceaf_e_reference_example() -> None:
    score = ceaf_e(KEY, RESPONSE)
    # best alignment {abc}-{ab} (phi4 4/5) + {defg}-{fghi} (4/8) = 1.3
    assert score.recall == pytest.approx(1.3 / 2)
    assert score.precision == pytest.approx(1.3 / 3)
    assert score.f1 == pytest.approx(0.52)


def test_conll_is_mean_of_three_f1() -> None:
    scores = coref_scores(KEY, RESPONSE)
    assert scores.conll_f1 == pytest.approx((0.4 + 0.454545 + 0.52) / 3, abs=1e-5)


def test_muc_vilain_example_split_cluster() -> None:
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: one link missing.
    score = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(1.0)


def test_muc_ignores_singletons_but_b_cubed_does_not() -> None:
    key = [{"a", "b"}, {"c"}]
    response = [{"a", "b"}, {"c"}, {"x"}]
    assert muc(key, response).f1 == pytest.approx(1.0)
    assert b_cubed(key, response).precision == pytest.approx(3 / 4)


def test_perfect_and_all_singleton_responses() -> None:
    key = [{"a", "b", "c"}, {"d", "e"}]
    assert coref_scores(key, key).conll_f1 == pytest.approx(1.0)
    singletons = with_singletons([], "abcde")
    scores = coref_scores(key, singletons)
    assert scores.muc.f1 == 0.0  # no links predicted
    assert scores.b_cubed.precision == pytest.approx(1.0)
    assert scores.b_cubed.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)


def test_b_cubed_all_in_one_cluster() -> None:
    # Bagga and Baldwin's over-merging case: precision suffers, recall is perfect.
    key = [{"a", "b", "c"}, {"d", "e"}]
    score = b_cubed(key, [set("abcde")])
    assert score.recall == pytest.approx(1.0)
    assert score.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_item_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([{"a", "b"}, {"b", "c"}], [{"a"}])


def test_with_singletons_adds_missing_items_only() -> None:
    clusters = with_singletons([{"a", "b"}], ["a", "b", "c"])
    assert sorted(sorted(c) for c in clusters) == [["a", "b"], ["c"]]
