"""Achievement of an indicator (ADR 0008): the defaults DREAM computes with, and what it
refuses to compute. Examples use indicator shapes printed in the 2024 plan."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dream.results.achievement import (
    DEFAULT_ACHIEVEMENT_RULES,
    PROGRESS_RULE,
    RATIO_HIGHER_RULE,
    RATIO_LOWER_RULE,
    Achievement,
    AchievementRules,
    AchievementStatus,
    achievement,
    level_for,
)

PROGRESS = AchievementRules(formula="progress")
ANY_DECIMAL = st.none() | st.decimals(allow_nan=True, allow_infinity=True)
FINITE = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12)


def numeric(
    actual, target, direction="higher", baseline=None, rules=DEFAULT_ACHIEVEMENT_RULES, **kw
):
    return achievement(
        target_value=None if target is None else Decimal(target),
        target_text=str(target),
        baseline_value=None if baseline is None else Decimal(baseline),
        actual_value=None if actual is None else Decimal(actual),
        actual_text="" if actual is None else str(actual),
        direction=direction,
        rules=rules,
        **kw,
    )


# 부산 청년고용률 % 42.1 → 42.3 (l.1782): higher is better once the body says so.
def test_ratio_higher_is_actual_over_target():
    result = numeric("42.0", "42.3")
    assert result.status == AchievementStatus.COMPUTED
    assert result.percent == Decimal("99.3")
    assert result.exact_percent == Decimal("42.0") / Decimal("42.3") * 100
    assert result.level == "부분 달성"
    assert result.rule == RATIO_HIGHER_RULE == "실적 ÷ 목표 × 100"


def test_ratio_lower_is_target_over_actual():
    result = numeric("50", "40", direction="lower")
    assert (result.percent, result.level, result.rule) == (
        Decimal("80.0"),
        "부분 달성",
        RATIO_LOWER_RULE,
    )


def test_percent_is_rounded_half_up_to_one_place_and_level_read_from_it():
    # 99.95 % shows as 100.0 %, and what is shown is what the level says.
    result = numeric("99.95", "100")
    assert result.percent == Decimal("100.0")
    assert result.exact_percent == Decimal("99.95")
    assert result.level == "달성"


def test_below_every_level_is_not_achieved():
    assert numeric("1", "100").level == "미달성"


def test_cap_limits_the_percent_and_says_so():
    result = numeric("300", "100", rules=AchievementRules(cap=Decimal("120")))
    assert result.percent == Decimal("120.0")
    assert "상한 120% 적용" in result.note


# 가덕도 신공항 건설: 목표 "공사 착공", 실적(2023) "기본계획 고시" (l.1784).
def test_text_target_goes_to_the_evaluators():
    result = achievement(
        target_value=None,
        target_text="공사 착공",
        baseline_value=None,
        actual_value=None,
        actual_text="기본계획 고시 완료",
        direction="higher",
    )
    assert result.status == AchievementStatus.TEXT_TARGET
    assert result.status_label == "글로 된 목표 — 평가위원 판단"
    assert result.percent is None
    assert result.needs_judgement


def test_no_direction_gives_no_number():
    result = numeric("1237", "1237", direction="")
    assert result.status == AchievementStatus.NO_DIRECTION
    assert result.status_label == "방향 미정 — 평가위원 판단"
    assert result.percent is None


def test_no_actual_is_not_zero():
    result = numeric(None, "1237")
    assert result.status == AchievementStatus.NO_ACTUAL
    assert result.status_label == "실적 없음"
    assert result.percent is None
    assert not result.needs_judgement


def test_text_actual_against_numeric_target_is_not_computable():
    result = achievement(
        target_value=Decimal("1237"),
        target_text="1,237",
        baseline_value=Decimal("733"),
        actual_value=None,
        actual_text="확충 중",
        direction="higher",
    )
    assert result.status == AchievementStatus.NOT_COMPUTABLE
    assert "글로만" in result.note


def test_lower_is_better_with_actual_zero_is_not_computable():
    result = numeric("0", "5", direction="lower")
    assert result.status == AchievementStatus.NOT_COMPUTABLE
    assert result.status_label == "계산 불가"


def test_zero_or_negative_target_does_not_raise():
    assert numeric("3", "0").status == AchievementStatus.NOT_COMPUTABLE
    assert numeric("3", "-2").status == AchievementStatus.NOT_COMPUTABLE


# 부산 돌봄교실 수 개 733 → 1,237 (l.1780).
def test_progress_measures_the_way_from_baseline_to_target():
    result = numeric("985", "1237", baseline="733", rules=PROGRESS)
    assert result.percent == Decimal("50.0")
    assert result.rule == PROGRESS_RULE


def test_progress_works_for_lower_is_better():
    result = numeric("15", "10", direction="lower", baseline="20", rules=PROGRESS)
    assert result.percent == Decimal("50.0")


# 전년대비 사업체 증감률 % 0.3 → 0.3 (l.3400): nothing to progress over.
def test_progress_with_baseline_equal_to_target_is_not_computable():
    result = numeric("0.3", "0.3", baseline="0.3", rules=PROGRESS)
    assert result.status == AchievementStatus.NOT_COMPUTABLE
    assert "기준값과 목표가 같아" in result.note


def test_progress_without_baseline_is_not_computable():
    assert numeric("5", "10", rules=PROGRESS).status == AchievementStatus.NOT_COMPUTABLE


def test_progress_on_a_new_indicator_falls_back_to_ratio_and_says_so():
    result = numeric("5", "10", rules=PROGRESS, is_new=True)
    assert (result.percent, result.rule) == (Decimal("50.0"), RATIO_HIGHER_RULE)
    assert "신규 지표" in result.note


def test_unknown_formula_is_not_computable():
    result = numeric("5", "10", rules=AchievementRules(formula="weighted"))
    assert result.status == AchievementStatus.NOT_COMPUTABLE


@given(
    target=ANY_DECIMAL,
    baseline=ANY_DECIMAL,
    actual=ANY_DECIMAL,
    actual_text=st.sampled_from(["", "12", "기본계획 고시"]),
    direction=st.sampled_from(["higher", "lower", "", "sideways"]),
    formula=st.sampled_from(["ratio", "progress", "other"]),
    cap=st.none() | st.decimals(allow_nan=True),
    is_new=st.booleans(),
)
def test_never_raises(target, baseline, actual, actual_text, direction, formula, cap, is_new):
    result = achievement(
        target_value=target,
        target_text="",
        baseline_value=baseline,
        actual_value=actual,
        actual_text=actual_text,
        direction=direction,
        rules=AchievementRules(formula=formula, cap=cap),
        is_new=is_new,
    )
    assert isinstance(result, Achievement)
    assert (result.percent is None) == (result.status != AchievementStatus.COMPUTED)


@given(a=FINITE, t=FINITE)
def test_higher_and_lower_mirror_each_other(a, t):
    higher = numeric(a, t, direction="higher")
    lower = numeric(t, a, direction="lower")
    assert higher.status == lower.status
    assert higher.exact_percent == lower.exact_percent


@given(target=ANY_DECIMAL, direction=st.sampled_from(["higher", "lower", ""]))
def test_no_actual_never_yields_a_percent(target, direction):
    result = achievement(
        target_value=target,
        target_text="",
        baseline_value=None,
        actual_value=None,
        actual_text="  ",
        direction=direction,
    )
    assert result.status == AchievementStatus.NO_ACTUAL
    assert result.percent is None


@given(low=FINITE, high=FINITE)
def test_level_is_monotone_in_percent(low, high):
    low, high = sorted((low, high))
    rank = {"미달성": 0, "부분 달성": 1, "달성": 2}
    assert rank[level_for(low)] <= rank[level_for(high)]
