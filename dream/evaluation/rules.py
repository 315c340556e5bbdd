"""Every rule an evaluation uses, with the value DREAM takes when the Committee chose none.

The 2024 plan fixes only what is judged for 지방분권 (실천·세부과제 → 핵심과제, l.159–161) and for
초광역권 (사업 → 전략, l.163–165); it prints no formula, weight, scale, band or method. Each rule
therefore carries its basis: `printed` (with the line) or `not_fixed` — shown on every result as
"계획이 정하지 않음", so no setting passes for the plan's or the law's.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import models

from dream.core.korean import with_particle
from dream.cycle.errors import InvalidInput
from dream.results.achievement import AchievementRules


class RuleBasis(models.TextChoices):
    PRINTED = "printed", "계획에 인쇄됨"
    NOT_FIXED = "not_fixed", "계획이 정하지 않음"


class RuleKey(models.TextChoices):
    ACHIEVEMENT_FORMULA = "achievement_formula", "달성도 계산식"
    ACHIEVEMENT_LEVELS = "achievement_levels", "달성 수준 구간"
    ACHIEVEMENT_CAP = "achievement_cap", "달성도 상한"
    TEXT_TARGET_LEVELS = "text_target_levels", "글로 된 목표의 판단 수준"
    JUDGEMENT_TIE = "judgement_tie", "판단이 갈릴 때"
    MISSING_SCORE = "missing_score", "점수 없는 하위 단위"
    UNIT_SHAPE_DECENTRALISATION = "unit_shape_decentralisation", "평가 단위: 지방분권(부문별 Ⅰ)"
    UNIT_SHAPE_SUPER_REGION = "unit_shape_super_region", "평가 단위: 초광역권"
    UNIT_SHAPE_PROVINCE = "unit_shape_province", "평가 단위: 시·도"
    UNIT_SHAPE_SECTORAL = "unit_shape_sectoral", "평가 단위: 부문별(Ⅰ 외)"
    ROLLUP_METHOD = "rollup_method", "상위 단위로 모으는 방법"
    DEFAULT_WEIGHTS = "default_weights", "하위 단위 가중치"
    SCORE_SCALE = "score_scale", "점수 척도"
    NORMALISATION = "normalisation", "평가반 간 점수 표준화"
    NORMALISATION_MIN_UNITS = "normalisation_min_units", "표준화에 필요한 최소 단위 수"
    MIN_EVALUATORS = "min_evaluators", "단위별 최소 평가위원 수"
    REASON_MIN_LENGTH = "reason_min_length", "점수 사유 최소 글자 수"
    CHECK_SCOPE = "check_scope", "점검에서 바꿀 수 있는 범위"


@dataclass(frozen=True)
class RuleDefault:
    value: object
    shown: str
    basis: str = RuleBasis.NOT_FIXED
    source_line: int | None = None


DEFAULTS: dict[str, RuleDefault] = {
    RuleKey.ACHIEVEMENT_FORMULA: RuleDefault(
        "ratio", "실적 ÷ 목표 × 100 (낮을수록 좋은 지표는 목표 ÷ 실적 × 100)"
    ),
    RuleKey.ACHIEVEMENT_LEVELS: RuleDefault(
        [["달성", "100"], ["부분 달성", "80"]], "달성 100% 이상, 부분 달성 80% 이상, 그 아래 미달성"
    ),
    RuleKey.ACHIEVEMENT_CAP: RuleDefault(None, "상한 없음"),
    RuleKey.TEXT_TARGET_LEVELS: RuleDefault(
        ["달성", "부분 달성", "미달성"], "평가위원이 달성 / 부분 달성 / 미달성으로 판단(사유 필수)"
    ),
    RuleKey.JUDGEMENT_TIE: RuleDefault("lower", "판단이 같은 수로 갈리면 낮은 쪽"),
    RuleKey.MISSING_SCORE: RuleDefault(
        "exclude", "점수 없는 하위 단위는 0점으로 세지 않고 빼고, 목록으로 보여 줌"
    ),
    RuleKey.UNIT_SHAPE_DECENTRALISATION: RuleDefault(
        "practical_to_core",
        "실천과제·세부과제의 실적으로 핵심과제를 평가",
        RuleBasis.PRINTED,
        159,
    ),
    RuleKey.UNIT_SHAPE_SUPER_REGION: RuleDefault(
        "item_to_strategy",
        "사업(중점 추진 계획) 단위 평가로 전략을 평가",
        RuleBasis.PRINTED,
        163,
    ),
    RuleKey.UNIT_SHAPE_PROVINCE: RuleDefault(
        "practical_to_core", "실천과제·세부과제 → 핵심과제(등급) → 전략 → 계획"
    ),
    RuleKey.UNIT_SHAPE_SECTORAL: RuleDefault(
        "practical_to_core", "실천과제 → 핵심과제(등급) → 전략 → 계획"
    ),
    RuleKey.ROLLUP_METHOD: RuleDefault("weighted_mean", "하위 단위 점수의 가중 평균"),
    RuleKey.DEFAULT_WEIGHTS: RuleDefault("equal", "같은 가중치"),
    RuleKey.SCORE_SCALE: RuleDefault([0, 100], "0–100점"),
    RuleKey.NORMALISATION: RuleDefault(
        "panel_z",
        "평가반별 평균·표준편차를 회차 전체의 평균·표준편차에 맞춤(z 점수), 0–100으로 자름",
    ),
    RuleKey.NORMALISATION_MIN_UNITS: RuleDefault(3, "평가반이 3개 단위 이상을 평가할 때만 표준화"),
    RuleKey.MIN_EVALUATORS: RuleDefault(2, "등급 단위마다 평가위원 2명 이상"),
    RuleKey.REASON_MIN_LENGTH: RuleDefault(20, "점수마다 사유 20자 이상"),
    RuleKey.CHECK_SCOPE: RuleDefault(1, "점검에서 한 등급 위나 아래로만, 사유를 적어 바꿈"),
}


@dataclass(frozen=True)
class RuleInUse:
    """One rule as a page shows it: what it is, its value, and on what it rests."""

    key: str
    label: str
    value: object
    shown: str
    basis: str
    source_line: int | None
    chosen_by: str = ""
    chosen_at: datetime | None = None
    is_default: bool = True

    @property
    def basis_label(self) -> str:
        return RuleBasis(self.basis).label


def default_rules() -> list[RuleInUse]:
    """DREAM's defaults, as used before a round fixes its own rules."""
    return [
        RuleInUse(
            key=key,
            label=RuleKey(key).label,
            value=default.value,
            shown=default.shown,
            basis=default.basis,
            source_line=default.source_line,
        )
        for key, default in DEFAULTS.items()
    ]


def achievement_rules_from(rules: list[RuleInUse]) -> AchievementRules:
    """The achievement settings among `rules`, for `dream.results.achievement`."""
    by_key = {rule.key: rule.value for rule in rules}
    cap = by_key.get(RuleKey.ACHIEVEMENT_CAP)
    return AchievementRules(
        formula=by_key[RuleKey.ACHIEVEMENT_FORMULA],
        levels=tuple(
            (label, Decimal(str(minimum))) for label, minimum in by_key[RuleKey.ACHIEVEMENT_LEVELS]
        ),
        cap=None if cap is None else Decimal(str(cap)),
    )


# The values a rule may take, where they are words; units_generate reads the unit shapes.
UNIT_SHAPES = {
    "practical_to_core": "실천과제·세부과제 → 핵심과제(등급) → 전략 → 계획",
    "item_to_strategy": "사업(중점 추진 계획) → 핵심과제 → 전략(등급) → 계획",
}
WORD_VALUES: dict[str, dict[str, str]] = {
    RuleKey.ACHIEVEMENT_FORMULA: {
        "ratio": DEFAULTS[RuleKey.ACHIEVEMENT_FORMULA].shown,
        "progress": "(실적 − 기준값) ÷ (목표 − 기준값) × 100",
    },
    RuleKey.JUDGEMENT_TIE: {"lower": "판단이 같은 수로 갈리면 낮은 쪽", "higher": "높은 쪽"},
    RuleKey.MISSING_SCORE: {
        "exclude": DEFAULTS[RuleKey.MISSING_SCORE].shown,
        "zero": "점수 없는 하위 단위를 0점으로 셈",
    },
    RuleKey.UNIT_SHAPE_DECENTRALISATION: UNIT_SHAPES,
    RuleKey.UNIT_SHAPE_SUPER_REGION: UNIT_SHAPES,
    RuleKey.UNIT_SHAPE_PROVINCE: UNIT_SHAPES,
    RuleKey.UNIT_SHAPE_SECTORAL: UNIT_SHAPES,
    RuleKey.ROLLUP_METHOD: {
        "weighted_mean": DEFAULTS[RuleKey.ROLLUP_METHOD].shown,
        "mean": "하위 단위 점수의 단순 평균(가중치 무시)",
    },
    RuleKey.DEFAULT_WEIGHTS: {"equal": DEFAULTS[RuleKey.DEFAULT_WEIGHTS].shown},
    RuleKey.NORMALISATION: {
        "panel_z": DEFAULTS[RuleKey.NORMALISATION].shown,
        "none": "표준화하지 않고 원점수를 씀",
    },
}
# Whole-number rules: (smallest, largest, how the value is shown).
NUMBER_VALUES: dict[str, tuple[int, int, str]] = {
    RuleKey.NORMALISATION_MIN_UNITS: (2, 100, "평가반이 {}개 단위 이상을 평가할 때만 표준화"),
    RuleKey.MIN_EVALUATORS: (1, 20, "등급 단위마다 평가위원 {}명 이상"),
    RuleKey.REASON_MIN_LENGTH: (0, 1000, "점수마다 사유 {}자 이상"),
    RuleKey.CHECK_SCOPE: (0, 10, "점검에서 {}등급 위나 아래까지, 사유를 적어 바꿈"),
}


def _number(raw, what: str, low: Decimal, high: Decimal) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise InvalidInput(f"{with_particle(what, '은')} 숫자로 적어 주세요.")
    try:
        number = Decimal(str(raw).strip())
    except ArithmeticError:
        raise InvalidInput(f"{with_particle(what, '은')} 숫자로 적어 주세요.") from None
    if not number.is_finite() or not low <= number <= high:
        raise InvalidInput(f"{with_particle(what, '은')} {low}부터 {high}까지의 숫자여야 합니다.")
    return number


def rule_value_checked(key: str, value: object) -> tuple[object, str]:
    """`value` as stored for rule `key`, with the Korean text pages show; InvalidInput when the
    rule cannot take it."""
    if key not in DEFAULTS:
        raise InvalidInput("알 수 없는 규칙입니다.")
    label = RuleKey(key).label
    if key in WORD_VALUES:
        if value not in WORD_VALUES[key]:
            allowed = ", ".join(WORD_VALUES[key])
            raise InvalidInput(f"{label}: 값은 {allowed} 가운데 하나여야 합니다.")
        return value, WORD_VALUES[key][value]
    if key in NUMBER_VALUES:
        low, high, shown = NUMBER_VALUES[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(f"{label}: 값은 {low}부터 {high}까지의 정수여야 합니다.")
        return value, shown.format(value)
    if key == RuleKey.ACHIEVEMENT_CAP:
        if value is None:
            return None, DEFAULTS[key].shown
        cap = _number(value, label, Decimal(100), Decimal(1000))
        return str(cap), f"달성도 {cap}%에서 자름"
    if key == RuleKey.SCORE_SCALE:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or value[0] != 0
            or isinstance(value[1], bool)
            or not isinstance(value[1], int)
            or not 1 <= value[1] <= 1000
        ):
            raise InvalidInput(f"{label}: 값은 [0, 최고점] 꼴이고 최고점은 1–1000이어야 합니다.")
        return value, f"0–{value[1]}점"
    if key == RuleKey.TEXT_TARGET_LEVELS:
        if (
            not isinstance(value, list)
            or len(value) < 2
            or not all(isinstance(level, str) and level.strip() for level in value)
            or len(set(value)) != len(value)
        ):
            raise InvalidInput(f"{label}: 서로 다른 수준을 두 개 이상 적어 주세요.")
        return value, "평가위원이 " + " / ".join(value) + "으로 판단(사유 필수)"
    # achievement_levels: [[label, minimum %], …], minima falling.
    if not isinstance(value, list) or not value:
        raise InvalidInput(f"{label}: [[수준, 하한 %], …] 꼴로 적어 주세요.")
    levels, last = [], None
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise InvalidInput(f"{label}: [[수준, 하한 %], …] 꼴로 적어 주세요.")
        minimum = _number(pair[1], label, Decimal(0), Decimal(1000))
        if not pair[0].strip() or (last is not None and minimum >= last):
            raise InvalidInput(f"{label}: 수준 이름을 적고, 하한은 차례로 낮아져야 합니다.")
        levels.append([pair[0].strip(), str(minimum)])
        last = minimum
    shown = ", ".join(f"{name} {minimum}% 이상" for name, minimum in levels)
    return levels, f"{shown}, 그 아래 미달성"


def rules_for_year(year: int) -> list[RuleInUse]:
    """The rules results of `year` are shown with: the round's, once a round of that year is
    open (each with who chose it, or marked as DREAM's default), else DREAM's defaults."""
    from .models import RoundRule

    rows = {
        row.key: row
        for row in RoundRule.objects.filter(round__year=year).select_related("chosen_by")
    }
    if not rows:
        return default_rules()
    rules = []
    for default in default_rules():
        row = rows.get(default.key)
        if row is None:
            rules.append(default)
            continue
        _value, shown = rule_value_checked(row.key, row.value)
        rules.append(
            RuleInUse(
                key=row.key,
                label=default.label,
                value=row.value,
                shown=shown if row.chosen_by_id else default.shown,
                basis=row.basis,
                source_line=row.source_line,
                chosen_by=str(row.chosen_by) if row.chosen_by_id else "",
                chosen_at=row.chosen_at,
                is_default=row.chosen_by_id is None,
            )
        )
    return rules
