"""The differentiation rule (digital plan l.1124 "최대 20%"): the cap is never exceeded and
reachable exactly, budget-neutral keeps the total to the last 0.01억원, bad input refused."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dream.allocation.rules import (
    PROVINCE_NAMES,
    allocate,
    cap_checked,
    changes,
    linear_scaled,
    performance_scores,
)
from dream.cycle.errors import InvalidInput

D = Decimal
CAPS = st.decimals(min_value=0, max_value=D("0.20"), places=4)
SCORES = st.decimals(min_value=0, max_value=1, places=4)
BASES = st.decimals(min_value=0, max_value=D("100000"), places=2)
BIG_BASES = st.decimals(min_value=100, max_value=D("100000"), places=2)


def provinces(bases=BASES):
    return st.lists(st.sampled_from(PROVINCE_NAMES), min_size=1, max_size=17, unique=True).flatmap(
        lambda names: st.tuples(
            st.fixed_dictionaries({n: bases for n in names}),
            st.fixed_dictionaries({n: SCORES for n in names}),
        )
    )


@settings(max_examples=300, deadline=None)
@given(provinces(), CAPS, st.booleans())
def test_the_cap_is_never_exceeded_by_the_rule_or_the_rounded_amount(data, cap, neutral):
    base, scores = data
    result = allocate(base, scores, cap=cap, budget_neutral=neutral)
    for share in result.shares:
        assert abs(share.change) <= Fraction(cap)
        assert abs(share.change_percent) <= cap * 100
        assert share.base * (1 - cap) <= share.amount <= share.base * (1 + cap)


@settings(max_examples=300, deadline=None)
@given(provinces(), CAPS)
def test_budget_neutral_keeps_the_total_exactly_with_any_remainder_reported(data, cap):
    base, scores = data
    result = allocate(base, scores, cap=cap, budget_neutral=True)
    exact = sum(Fraction(s.base) * s.change for s in result.shares)
    assert exact == 0
    assert result.amount_total + result.remainder == result.base_total
    assert sum(s.amount for s in result.shares) == result.amount_total


@settings(max_examples=200, deadline=None)
@given(provinces(BIG_BASES), st.decimals(min_value=D("0.01"), max_value=D("0.20"), places=2))
def test_budget_neutral_leaves_no_remainder_when_bases_are_at_least_100_eok(data, cap):
    base, scores = data
    result = allocate(base, scores, cap=cap, budget_neutral=True)
    assert result.remainder == 0
    assert result.amount_total == result.base_total


def test_the_boundary_20_percent_is_reached_exactly_both_ways():
    linear = allocate(
        {"부산": 100, "대구": 100, "광주": 100},
        {"부산": 1, "대구": 0, "광주": D("0.5")},
        cap=D("0.20"),
        budget_neutral=False,
    )
    assert [(s.change_percent, s.amount) for s in linear.shares] == [
        (D("20.00"), D("120.00")),
        (D("-20.00"), D("80.00")),
        (D("0.00"), D("100.00")),
    ]
    neutral = allocate(
        {"부산": 100, "대구": 100}, {"부산": 1, "대구": 0}, cap="0.2", budget_neutral=True
    )
    assert [s.amount for s in neutral.shares] == [D("120.00"), D("80.00")]
    assert neutral.amount_total == D("200.00")


def test_a_cap_above_20_percent_is_refused_and_a_lower_one_accepted():
    assert cap_checked("0.20") == D("0.20")
    assert cap_checked("0.1") == D("0.1")
    with pytest.raises(InvalidInput, match="20%"):
        cap_checked("0.2001")
    with pytest.raises(InvalidInput, match="20%"):
        allocate({"부산": 1}, {"부산": 1}, cap="0.21", budget_neutral=False)


def test_neutral_slope_is_at_most_twice_the_cap():
    """Small differences stay small: 0.49 and 0.51 move ±0.4 %p at a 20 % cap, not ±20 %."""
    change, mean = changes(
        {"부산": D(1), "대구": D(1)}, {"부산": D("0.51"), "대구": D("0.49")}, D("0.2"), True
    )
    assert mean == Fraction(1, 2)
    assert change == {"부산": Fraction(4, 1000), "대구": Fraction(-4, 1000)}


def test_all_equal_scores_change_nothing_when_neutral():
    result = allocate(
        {"부산": 10, "대구": 30}, {"부산": "0.7", "대구": "0.7"}, cap="0.2", budget_neutral=True
    )
    assert [s.amount for s in result.shares] == [D("10.00"), D("30.00")]


@pytest.mark.parametrize(
    ("base", "scores", "message"),
    [
        ({"부산": 1}, {"부산": "1.01"}, "0 이상 1 이하"),
        ({"부산": 1}, {"부산": -0.1}, "0 이상 1 이하"),
        ({"부산": -1}, {"부산": 1}, "0억원 이상"),
        ({"부산": 1, "대구": 1}, {"부산": 1}, "한쪽에만 있음: 대구"),
        ({"부싼": 1}, {"부싼": 1}, "알 수 없는 시·도 이름: 부싼"),
        ({"부산": "많이"}, {"부산": 1}, "숫자로 읽을 수 없습니다"),
        ({"부산": True}, {"부산": 1}, "숫자여야"),
        ({"부산": "NaN"}, {"부산": 1}, "유한한"),
        ({"부산": "1.001"}, {"부산": 1}, "2자리"),
        ({}, {}, "하나도 없습니다"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(base, scores, message):
    with pytest.raises(InvalidInput, match=message):
        allocate(base, scores, cap="0.2", budget_neutral=True)


def test_absurd_magnitudes_are_refused_and_absurd_precision_rounded():
    with pytest.raises(InvalidInput, match="너무 큽니다"):
        allocate({"부산": 1}, {"부산": "1e16"}, cap="0.2", budget_neutral=True)
    tiny = allocate(
        {"부산": 1, "대구": 1}, {"부산": "1e-999999999", "대구": 1}, cap="0.2", budget_neutral=False
    )
    assert [s.score for s in tiny.shares] == [D("0E-12"), D(1)]


def test_more_than_17_provinces_is_refused():
    many = {f"x{i}": 1 for i in range(18)}
    with pytest.raises(InvalidInput, match="17곳까지"):
        allocate(many, many, cap="0.2", budget_neutral=True)


def test_scaling_is_min_max_and_all_equal_gives_the_middle():
    assert linear_scaled({"a": D(10), "b": D(20), "c": D(15)}) == {
        "a": D(0),
        "b": D(1),
        "c": D("0.5"),
    }
    assert linear_scaled({"a": D(3), "b": D(3)}) == {"a": D("0.5"), "b": D("0.5")}


def test_a_measure_without_data_is_left_out_not_counted_as_zero():
    measures = {"m1": {"부산": D(10), "대구": D(20)}, "m2": {"대구": D(5), "광주": D(1)}}
    scores = performance_scores(
        measures, {"m1": D(1), "m2": D(1)}, ["부산", "대구", "광주", "울산"]
    )
    assert scores["부산"].score == D(0)  # m1 only: lowest
    assert scores["대구"].score == D(1)  # both: highest of each
    assert scores["광주"].score == D(0)
    assert scores["울산"].score is None
    assert scores["부산"].parts[1] == ("m2", None, D(1), None)


def test_a_weight_changes_the_score():
    measures = {"m1": {"부산": D(10), "대구": D(20)}, "m2": {"부산": D(5), "대구": D(1)}}
    even = performance_scores(measures, {"m1": D(1), "m2": D(1)}, ["부산"])
    tilted = performance_scores(measures, {"m1": D(1), "m2": D(3)}, ["부산"])
    assert (even["부산"].score, tilted["부산"].score) == (D("0.5"), D("0.75"))
