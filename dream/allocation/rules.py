"""The differentiation of the turnkey package's funds by performance (digital plan l.1124:
"지역별 성과에 따라 지원자금을 차등화(최대 20%)") as pure functions on Decimals.

The plan fixes only the cap. The rest is DREAM's default, shown as such on every result:

- not budget-neutral: change_i = cap × (2·s_i − 1) — score 0 → −cap, 0.5 → 0, 1 → +cap;
- budget-neutral: change_i = k × (s_i − s̄), s̄ the base-weighted mean score and
  k = min(2·cap, cap ÷ max|s_i − s̄|), so Σ base_i × change_i = 0 and |change_i| ≤ cap; the
  slope never exceeds the non-neutral one (2·cap), so small differences are not blown up.

Arithmetic is exact (fractions) until the end. Amounts are rounded to 0.01억원 (half up)
inside the cap's bounds (the lower bound rounded up, the upper bound down, so rounding never
crosses the cap); when budget-neutral, the cents rounding left over are given back one by one
to the provinces whose rounding moved them most, within their bounds, and whatever cannot be
placed is reported as `remainder` (Σ amount + remainder = Σ base, always).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from dream.accounts.registry import PROVINCES
from dream.cycle.errors import InvalidInput

PRINTED_CAP = Decimal("0.20")  # l.1124 "최대 20%"
CENT = Decimal("0.01")
PROVINCE_NAMES = [name for name, _full, _capital in PROVINCES]
MAX_AMOUNT = Decimal(10) ** 12  # 억원; the model's 14 digits with 2 places
MAX_MAGNITUDE = 15  # digits before the point of any number read
FINEST_PLACES = 12  # digits after it: finer ones are rounded (half even)
RULE_LINEAR = "변동률 = 상한 × (2 × 점수 − 1) (점수 0 → −상한, 0.5 → 0, 1 → +상한)"
RULE_NEUTRAL = (
    "변동률 = k × (점수 − 기준액 가중 평균 점수), k = min(2 × 상한, 상한 ÷ 평균과의 최대 차이) "
    "— 전체 금액 불변, 어느 시·도도 상한을 넘지 않음"
)
ROUNDING = (
    "금액은 0.01억원 단위로 반올림하되 상한을 넘지 않게 자르고, 총액 유지 시 남는 끝전은 "
    "반올림으로 가장 많이 움직인 시·도부터 0.01억원씩 되돌립니다(남으면 끝전으로 표시)."
)


@dataclass(frozen=True)
class Share:
    """One province's outcome: the rule's exact change (a ratio), shown in % to 0.01, and
    the rounded amount in 억원."""

    province: str
    base: Decimal
    score: Decimal
    change: Fraction
    change_percent: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Allocation:
    shares: list[Share]
    cap: Decimal
    budget_neutral: bool
    rule: str
    mean_score: Decimal | None  # s̄ when budget-neutral
    base_total: Decimal
    amount_total: Decimal
    remainder: Decimal  # budget-neutral: Σ base − Σ amount (0.01억원 units); else 0


def cap_checked(cap) -> Decimal:
    """The cap as a ratio in [0, 0.20]: the plan's 20 % may be lowered, never raised."""
    value = decimal_checked(cap, "차등화 상한")
    if value < 0:
        raise InvalidInput("차등화 상한은 0 이상이어야 합니다.")
    if value > PRINTED_CAP:
        raise InvalidInput("차등화 상한은 20%(0.20)를 넘을 수 없습니다(원문 l.1124 '최대 20%').")
    return value


def decimal_checked(value, what: str) -> Decimal:
    """A finite Decimal from a Decimal, int, float or numeric string; booleans and anything
    else are refused."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise InvalidInput(f"{what}은(는) 숫자여야 합니다.")
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except ArithmeticError:
        raise InvalidInput(f"{what} '{value}'을(를) 숫자로 읽을 수 없습니다.") from None
    if not number.is_finite():
        raise InvalidInput(f"{what}은(는) 유한한 숫자여야 합니다.")
    if number and number.adjusted() > MAX_MAGNITUDE:
        raise InvalidInput(f"{what}이(가) 너무 큽니다.")
    if number.as_tuple().exponent < -FINEST_PLACES:  # "1e-999999999": exact fractions would not end
        number = number.quantize(Decimal(1).scaleb(-FINEST_PLACES))
    return number


def inputs_checked(base: dict, scores: dict) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Base amounts (억원, ≥ 0, at most 2 decimals) and scores (0–1) of the same known
    provinces, at most 17; every refusal names the province."""
    if not isinstance(base, dict) or not isinstance(scores, dict):
        raise InvalidInput("기준액과 점수는 시·도 이름별 값이어야 합니다.")
    if not base:
        raise InvalidInput("기준액이 있는 시·도가 하나도 없습니다.")
    if len(base) > len(PROVINCE_NAMES) or len(scores) > len(PROVINCE_NAMES):
        raise InvalidInput(f"시·도는 {len(PROVINCE_NAMES)}곳까지입니다.")
    unknown = sorted((set(base) | set(scores)) - set(PROVINCE_NAMES), key=str)
    if unknown:
        raise InvalidInput(f"알 수 없는 시·도 이름: {', '.join(map(str, unknown))}")
    if set(base) != set(scores):
        missing = sorted(set(base) ^ set(scores), key=PROVINCE_NAMES.index)
        raise InvalidInput(
            f"기준액과 점수의 시·도가 다릅니다(한쪽에만 있음: {', '.join(missing)})."
        )
    bases, checked = {}, {}
    for name in sorted(base, key=PROVINCE_NAMES.index):
        amount = decimal_checked(base[name], f"{name} 기준액")
        if amount < 0:
            raise InvalidInput(f"{name} 기준액은 0억원 이상이어야 합니다.")
        if amount >= MAX_AMOUNT:
            raise InvalidInput(f"{name} 기준액이 너무 큽니다(억원).")
        if amount != amount.quantize(CENT):
            raise InvalidInput(f"{name} 기준액은 소수점 아래 2자리(0.01억원)까지 적을 수 있습니다.")
        score = decimal_checked(scores[name], f"{name} 점수")
        if not 0 <= score <= 1:
            raise InvalidInput(f"{name} 점수 {score}은(는) 0 이상 1 이하여야 합니다.")
        bases[name], checked[name] = amount.quantize(CENT), score
    return bases, checked


def changes(
    base: dict[str, Decimal], scores: dict[str, Decimal], cap: Decimal, budget_neutral: bool
) -> tuple[dict[str, Fraction], Fraction | None]:
    """The rule's exact change per province (a ratio of its base) and s̄ when neutral."""
    c = Fraction(cap)
    s = {name: Fraction(score) for name, score in scores.items()}
    if not budget_neutral:
        return {name: c * (2 * value - 1) for name, value in s.items()}, None
    total = sum((Fraction(b) for b in base.values()), Fraction(0))
    if total == 0:
        mean = sum(s.values(), Fraction(0)) / len(s)
    else:
        mean = sum((Fraction(base[n]) * s[n] for n in s), Fraction(0)) / total
    spread = max(abs(value - mean) for value in s.values())
    if spread == 0:
        return {name: Fraction(0) for name in s}, mean
    k = min(2 * c, c / spread)
    return {name: k * (value - mean) for name, value in s.items()}, mean


def _to_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _cents(value: Fraction, rounding: str) -> Decimal:
    return _to_decimal(value).quantize(CENT, rounding=rounding)


def allocate(base: dict, scores: dict, *, cap, budget_neutral: bool) -> Allocation:
    """Every province's change and amount under the rule (see the module docstring)."""
    bases, checked = inputs_checked(base, scores)
    cap_value = cap_checked(cap)
    change, mean = changes(bases, checked, cap_value, budget_neutral)
    c = Fraction(cap_value)
    exact, low, high, amounts = {}, {}, {}, {}
    for name, b in bases.items():
        exact[name] = Fraction(b) * (1 + change[name])
        low[name] = _cents(Fraction(b) * (1 - c), ROUND_CEILING)
        high[name] = _cents(Fraction(b) * (1 + c), ROUND_FLOOR)
        amounts[name] = min(max(_cents(exact[name], ROUND_HALF_UP), low[name]), high[name])
    base_total = sum(bases.values(), Decimal(0))
    remainder = Decimal(0)
    if budget_neutral:
        remainder = _settle(bases, exact, low, high, amounts, base_total)
    shares = [
        Share(
            province=name,
            base=bases[name],
            score=checked[name],
            change=change[name],
            change_percent=_cents(change[name] * 100, ROUND_HALF_UP),
            amount=amounts[name],
        )
        for name in bases
    ]
    return Allocation(
        shares=shares,
        cap=cap_value,
        budget_neutral=budget_neutral,
        rule=RULE_NEUTRAL if budget_neutral else RULE_LINEAR,
        mean_score=None if mean is None else _to_decimal(mean).quantize(Decimal("0.0001")),
        base_total=base_total,
        amount_total=sum(amounts.values(), Decimal(0)),
        remainder=remainder,
    )


def _settle(bases, exact, low, high, amounts, base_total) -> Decimal:
    """Give the cents rounding left over back, one per province per pass, to the provinces
    whose rounding moved them most in the other direction, never past a bound; returns what
    could not be placed."""
    units = int((base_total - sum(amounts.values())) / CENT)
    step = CENT if units > 0 else -CENT
    while units:
        room = [
            name
            for name in bases
            if (units > 0 and amounts[name] < high[name])
            or (units < 0 and amounts[name] > low[name])
        ]
        if not room:
            break
        room.sort(key=lambda n: -(exact[n] - Fraction(amounts[n])) * (1 if units > 0 else -1))
        for name in room[: abs(units)]:
            amounts[name] += step
            units -= 1 if units > 0 else -1
    return units * CENT


def linear_scaled(values: dict[str, Decimal]) -> dict[str, Decimal]:
    """Values scaled to 0–1 across the provinces that have one (min → 0, max → 1); when all
    are equal every province gets 0.5 — no one is better or worse."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if low == high:
        return {name: Decimal("0.5") for name in values}
    return {name: (value - low) / (high - low) for name, value in values.items()}


@dataclass(frozen=True)
class ProvinceScore:
    province: str
    score: Decimal | None  # None: no measure had data for it
    parts: list[tuple[str, Decimal | None, Decimal, Decimal | None]]  # key, raw, weight, scaled


def performance_scores(
    measures: dict[str, dict[str, Decimal]], weights: dict[str, Decimal], provinces: list[str]
) -> dict[str, ProvinceScore]:
    """Per province, the weighted mean of its measures each scaled 0–1 across provinces;
    a measure without a value for a province is left out of that province's weighting (never
    counted as 0). `measures`: key → province → raw value; weights ≥ 0."""
    scaled = {key: linear_scaled(values) for key, values in measures.items()}
    result = {}
    for name in provinces:
        parts, total, weight_sum = [], Decimal(0), Decimal(0)
        for key in measures:
            weight = weights.get(key, Decimal(0))
            value = scaled[key].get(name)
            parts.append((key, measures[key].get(name), weight, value))
            if value is not None and weight > 0:
                total += weight * value
                weight_sum += weight
        score = (total / weight_sum).quantize(Decimal("0.0001")) if weight_sum else None
        result[name] = ProvinceScore(name, score, parts)
    return result
