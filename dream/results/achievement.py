"""Achievement of an indicator: actual against target, with its direction.

The 2024 plan prints no formula, level or cap for achievement (ADR 0008): every value here is
a default the Committee may change for a round, and each result names the rule it used.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from dream.indicators.choices import IndicatorDirection


@dataclass(frozen=True)
class AchievementRules:
    """The rule values achievement is computed with; defaults are DREAM's, not the plan's."""

    formula: str = "ratio"
    levels: tuple[tuple[str, Decimal], ...] = (
        ("달성", Decimal("100")),
        ("부분 달성", Decimal("80")),
    )
    below_label: str = "미달성"
    cap: Decimal | None = None


DEFAULT_ACHIEVEMENT_RULES = AchievementRules()


class AchievementStatus(models.TextChoices):
    """Why an indicator has, or has not, a computed achievement."""

    COMPUTED = "computed", "계산"
    NO_ACTUAL = "no_actual", "실적 없음"
    NO_DIRECTION = "no_direction", "방향 미정 — 평가위원 판단"
    TEXT_TARGET = "text_target", "글로 된 목표 — 평가위원 판단"
    NOT_COMPUTABLE = "not_computable", "계산 불가"


RATIO_HIGHER_RULE = "실적 ÷ 목표 × 100"
RATIO_LOWER_RULE = "목표 ÷ 실적 × 100"
PROGRESS_RULE = "(실적 − 기준) ÷ (목표 − 기준) × 100"
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Achievement:
    """One indicator's achievement: `percent` is rounded half-up to one place, as shown,
    and the level is read from it; `exact_percent` keeps the unrounded value (after any cap).
    `rule` names the formula used, `note` says why nothing or something unusual was done."""

    status: str
    percent: Decimal | None = None
    exact_percent: Decimal | None = None
    level: str = ""
    rule: str = ""
    note: str = ""

    @property
    def status_label(self) -> str:
        return AchievementStatus(self.status).label

    @property
    def needs_judgement(self) -> bool:
        """An actual is there but DREAM computes nothing: an evaluator judges it."""
        return self.status in (
            AchievementStatus.NO_DIRECTION,
            AchievementStatus.TEXT_TARGET,
            AchievementStatus.NOT_COMPUTABLE,
        )


def _finite(value: Decimal | None) -> bool:
    return value is not None and value.is_finite()


def _not_computable(note: str, rule: str = "") -> Achievement:
    return Achievement(AchievementStatus.NOT_COMPUTABLE, rule=rule, note=note)


def level_for(percent: Decimal, rules: AchievementRules = DEFAULT_ACHIEVEMENT_RULES) -> str:
    """The label of the highest level whose minimum `percent` reaches, else the label below
    every level."""
    for label, minimum in sorted(rules.levels, key=lambda level: level[1], reverse=True):
        if percent >= minimum:
            return label
    return rules.below_label


def _ratio(actual: Decimal, target: Decimal, direction: str) -> tuple[Decimal | None, str, str]:
    """(percent, rule, note): higher is better → actual ÷ target; lower → target ÷ actual.
    Both need the divisor above zero and the other value not negative, so that the two
    directions mirror each other exactly."""
    if direction == IndicatorDirection.HIGHER:
        if target <= 0 or actual < 0:
            return None, RATIO_HIGHER_RULE, "목표가 0 이하이거나 실적이 음수라 비율을 낼 수 없음"
        return actual / target * 100, RATIO_HIGHER_RULE, ""
    if actual <= 0 or target < 0:
        return (
            None,
            RATIO_LOWER_RULE,
            "낮을수록 좋은 지표의 실적이 0 이하이거나 목표가 음수라 비율을 낼 수 없음",
        )
    return target / actual * 100, RATIO_LOWER_RULE, ""


def _progress(
    actual: Decimal, target: Decimal, baseline: Decimal | None
) -> tuple[Decimal | None, str, str]:
    if not _finite(baseline):
        return None, PROGRESS_RULE, "기준값이 없어 진척률을 낼 수 없음"
    if baseline == target:
        return None, PROGRESS_RULE, "기준값과 목표가 같아 진척률을 낼 수 없음"
    return (actual - baseline) / (target - baseline) * 100, PROGRESS_RULE, ""


def achievement(
    *,
    target_value: Decimal | None,
    target_text: str,
    baseline_value: Decimal | None,
    actual_value: Decimal | None,
    actual_text: str,
    direction: str,
    rules: AchievementRules = DEFAULT_ACHIEVEMENT_RULES,
    is_new: bool = False,
) -> Achievement:
    """The achievement of one indicator's actual against its target (ADR 0008). Never raises:
    whatever cannot be computed gets a status and a note, and a missing actual is never 0 %."""
    if actual_value is None and not (actual_text or "").strip():
        return Achievement(AchievementStatus.NO_ACTUAL)
    if target_value is None:
        note = "" if (target_text or "").strip() else "목표가 인쇄되지 않음"
        return Achievement(AchievementStatus.TEXT_TARGET, note=note)
    if direction not in (IndicatorDirection.HIGHER, IndicatorDirection.LOWER):
        return Achievement(AchievementStatus.NO_DIRECTION)
    if actual_value is None:
        return _not_computable("실적이 수치 없이 글로만 입력되어 목표와 견줄 수 없음")
    if not (_finite(actual_value) and _finite(target_value)):
        return _not_computable("실적이나 목표가 수가 아님")
    note = ""
    try:
        if rules.formula == "progress" and is_new:
            percent, rule, why = _ratio(actual_value, target_value, direction)
            note = "신규 지표라 기준값이 없어 비율(실적과 목표)로만 계산함"
        elif rules.formula == "progress":
            percent, rule, why = _progress(actual_value, target_value, baseline_value)
        elif rules.formula == "ratio":
            percent, rule, why = _ratio(actual_value, target_value, direction)
        else:
            return _not_computable(f"알 수 없는 계산식: {rules.formula}")
        if percent is None:
            return _not_computable(" · ".join(part for part in (note, why) if part), rule)
        if rules.cap is not None and _finite(rules.cap) and percent > rules.cap:
            percent = rules.cap
            note = " · ".join(part for part in (note, f"상한 {rules.cap}% 적용") if part)
        shown = percent.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    except ArithmeticError:
        return _not_computable("수가 너무 크거나 작아 계산할 수 없음")
    return Achievement(
        AchievementStatus.COMPUTED,
        percent=shown,
        exact_percent=percent,
        level=level_for(shown, rules),
        rule=rule,
        note=note,
    )
