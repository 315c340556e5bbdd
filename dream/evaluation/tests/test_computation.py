"""The formulas of computation.py (ADR 0008 "Scoring, normalisation, roll-up"), as properties."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dream.evaluation.computation import (
    Child,
    CriterionSpec,
    band_for,
    evaluator_leaf_score,
    mean,
    panel_z,
    rolled_up,
)

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
weights = st.decimals(min_value="0.1", max_value=10, places=1)
panels = st.sampled_from(["가", "나", "다"])
raw_maps = st.dictionaries(st.integers(0, 60), st.tuples(panels, scores), min_size=1)


def test_an_evaluator_leaf_score_is_the_weighted_share_of_the_maximum():
    criteria = [
        CriterionSpec("a", Decimal(1), Decimal(10)),
        CriterionSpec("b", Decimal(3), Decimal(100)),
    ]
    # (1 × 5/10 + 3 × 80/100) ÷ 4 × 100 = (0.5 + 2.4) ÷ 4 × 100 = 72.5
    assert evaluator_leaf_score({"a": Decimal(5), "b": Decimal(80)}, criteria) == Decimal("72.5")
    assert evaluator_leaf_score({"a": Decimal(5)}, criteria) is None


@given(st.lists(st.tuples(weights, scores), min_size=1, max_size=6))
def test_an_evaluator_leaf_score_stays_within_0_and_100(pairs):
    criteria = [CriterionSpec(i, w, Decimal(100)) for i, (w, _s) in enumerate(pairs)]
    value = evaluator_leaf_score({i: s for i, (_w, s) in enumerate(pairs)}, criteria)
    assert 0 <= value <= 100


@given(raw_maps, st.integers(1, 5))
def test_normalised_scores_stay_within_0_and_100(raw, min_units):
    for result in panel_z(raw, min_units=min_units).values():
        assert result.value is None or 0 <= result.value <= 100


@given(raw_maps)
def test_normalisation_keeps_the_order_inside_a_panel(raw):
    result = panel_z(raw, min_units=1)
    for a, (panel_a, raw_a) in raw.items():
        for b, (panel_b, raw_b) in raw.items():
            if panel_a == panel_b and raw_a < raw_b and result[a].value is not None:
                assert result[a].value <= result[b].value


@given(st.lists(scores, min_size=3, max_size=8))
def test_a_panel_of_equal_scores_keeps_raw_with_the_reason(values):
    same = values[0]
    raw = {i: ("가", same) for i in range(len(values))}
    raw.update({100 + i: ("나", v) for i, v in enumerate(values)})
    result = panel_z(raw, min_units=3)
    for i in range(len(values)):
        assert result[i].value is None
        assert result[i].note == "표준화 안 함 (평가반 점수의 표준편차 0)"


def test_a_small_panel_keeps_raw_and_a_large_one_is_moved_to_the_round():
    raw = {1: ("가", Decimal(90)), 2: ("가", Decimal(70)), 3: ("가", Decimal(80))}
    raw[4] = ("나", Decimal(40))
    result = panel_z(raw, min_units=3)
    assert result[4].value is None and "최소 3개" in result[4].note
    # round mean 70, panel 가 mean 80: the middle leaf lands on the round mean
    assert result[3].value == Decimal(70)
    assert result[1].value > result[3].value > result[2].value


@given(st.lists(scores, min_size=1, max_size=8))
def test_equal_weights_give_the_mean(values):
    children = [Child(i, None, v) for i, v in enumerate(values)]
    assert rolled_up(children).value == mean(values)
    ones = [Child(i, Decimal(1), v) for i, v in enumerate(values)]
    assert rolled_up(ones).value == mean(values)


def test_children_without_a_score_are_listed_not_zeroed():
    result = rolled_up(
        [
            Child("a", Decimal(2), Decimal(90)),
            Child("b", None, None),
            Child("c", Decimal(1), Decimal(60)),
        ]
    )
    assert result.value == Decimal(80)
    assert result.missing == ("b",)
    assert rolled_up([Child("b", None, None)]).value is None


def test_the_band_holds_the_score_with_one_decimal():
    bands = [("우수", Decimal(80)), ("보통", Decimal(60)), ("미흡", Decimal(0))]
    assert band_for(Decimal("79.96"), bands) == "우수"
    assert band_for(Decimal("79.94"), bands) == "보통"
    assert band_for(Decimal(0), bands) == "미흡"
    assert band_for(None, bands) is None
