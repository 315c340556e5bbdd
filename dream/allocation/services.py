"""The allocation's write paths and its computation (docs/allocation.md). Committee staff set
base amounts, the year's settings and measure values, and run the allocation; a run keeps its
inputs so that `allocation_reproduce` recomputes the same result from them."""

import hashlib
import json
from decimal import Decimal

from django.db import transaction

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.cycle.errors import InvalidInput, NotAllowed, text_field
from dream.plans.amounts import eok_parsed

from . import rules
from .models import (
    DEFAULT_WEIGHTS,
    AllocationLine,
    AllocationRun,
    AllocationSettings,
    BaseAmount,
    Measure,
    ProvinceScoreOverride,
    TurnkeyProgramme,
)
from .permissions import can_manage_allocation
from .selectors import (
    NOT_FIXED,
    NOT_FIXED_SET,
    base_by_province,
    measure_values,
    settings_for,
    weights_of,
)

AMOUNT_TEXT_MAX_LENGTH = 50
REASON_MAX_LENGTH = 2000
LABEL_MAX_LENGTH = 200
MAX_WEIGHT = Decimal(1000)
NEUTRAL_SCORE = Decimal("0.5")
MEASURE_LABELS = dict(Measure.choices)
# The unit of each measure's raw value, as the explanation writes it.
MEASURE_UNITS = {Measure.EVALUATION_GRADE: "점", Measure.TRACK1: "점", Measure.DISTRICT: "개"}
YEARS = range(2000, 2101)
REFUSED = "배분 기준액·설정·실행은 지방시대위원회 담당자만 할 수 있습니다."


def _allowed(actor: User) -> None:
    if not can_manage_allocation(actor):
        raise NotAllowed(REFUSED)


def _year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise InvalidInput("연도는 2000–2100 사이의 정수여야 합니다.")
    return year


def _province(province) -> Organization:
    if not isinstance(province, Organization) or province.kind != OrganizationKind.PROVINCE:
        raise InvalidInput("시·도를 골라 주세요.")
    return province


@transaction.atomic
def base_amount_set(
    *, actor: User, year: int, province: Organization, programme: TurnkeyProgramme, amount_text
) -> BaseAmount:
    """Set (or change) a province's base amount of a programme for a year; history kept."""
    _allowed(actor)
    year, province = _year(year), _province(province)
    amount, written = eok_parsed(amount_text, "기준액")
    row = (
        BaseAmount.objects.select_for_update(of=("self",))
        .filter(year=year, province=province, programme=programme)
        .first()
    ) or BaseAmount(year=year, province=province, programme=programme)
    row.amount_eok, row.amount_text, row.entered_by = amount, written, actor
    row._history_user = actor
    row.save()
    return row


def weights_checked(weights) -> dict[str, str]:
    """Weights for the known measures, each 0–1000 (0 leaves the measure out); at least one
    above 0. Unnamed measures keep the default."""
    if not isinstance(weights, dict):
        raise InvalidInput("가중치는 측정 항목별 값이어야 합니다.")
    unknown = set(weights) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise InvalidInput(f"알 수 없는 측정 항목: {', '.join(sorted(map(str, unknown)))}")
    checked = dict(DEFAULT_WEIGHTS)
    for key, raw in weights.items():
        value = rules.decimal_checked(raw, f"{MEASURE_LABELS[key]} 가중치")
        if not 0 <= value <= MAX_WEIGHT:
            raise InvalidInput(f"{MEASURE_LABELS[key]} 가중치는 0 이상 1000 이하여야 합니다.")
        checked[key] = str(value.normalize() if value else Decimal(0))
    if all(Decimal(v) == 0 for v in checked.values()):
        raise InvalidInput("가중치가 0보다 큰 측정 항목이 하나는 있어야 합니다.")
    return checked


@transaction.atomic
def settings_set(
    *, actor: User, year: int, cap, budget_neutral: bool, weights: dict, note=""
) -> AllocationSettings:
    """The year's rule: the cap (0–20 %, above refused: l.1124), budget-neutral or not, the
    measures' weights. A cap below 20 % is the Committee's choice and is labelled so."""
    _allowed(actor)
    year = _year(year)
    cap_value = rules.cap_checked(cap)
    if not isinstance(budget_neutral, bool):
        raise InvalidInput("총액 유지 여부는 예/아니오로 골라 주세요.")
    checked = weights_checked(weights)
    note = text_field(note, "비고", limit=REASON_MAX_LENGTH, required=False)
    row = AllocationSettings.objects.select_for_update(of=("self",)).filter(year=year).first()
    row = row or AllocationSettings(year=year)
    row.cap, row.budget_neutral, row.weights, row.note, row.set_by = (
        cap_value, budget_neutral, checked, note, actor
    )  # fmt: skip
    row.cap_basis = (
        "원문 l.1124 최대 20%"
        if cap_value == rules.PRINTED_CAP
        else f"{NOT_FIXED_SET}: 원문 l.1124 최대 20% 이내로 낮춤"
    )
    row._history_user = actor
    row.save()
    return row


@transaction.atomic
def score_override_set(
    *, actor: User, year: int, province: Organization, measure: str, value, reason
) -> ProvinceScoreOverride:
    """Staff enter a measure's value for a province, with the reason (it replaces the value
    DREAM reads from the other apps)."""
    _allowed(actor)
    year, province = _year(year), _province(province)
    if measure not in MEASURE_LABELS:
        raise InvalidInput("측정 항목을 골라 주세요.")
    number = rules.decimal_checked(value, "측정값")
    if abs(number) >= Decimal(10) ** 16 or -number.as_tuple().exponent > 4:
        raise InvalidInput("측정값은 소수점 아래 4자리까지, 16자리보다 작게 적어 주세요.")
    reason = text_field(reason, "사유", limit=REASON_MAX_LENGTH)
    row = (
        ProvinceScoreOverride.objects.select_for_update(of=("self",))
        .filter(year=year, province=province, measure=measure)
        .first()
    ) or ProvinceScoreOverride(year=year, province=province, measure=measure)
    row.value, row.reason, row.entered_by = number, reason, actor
    row._history_user = actor
    row.save()
    return row


def _text(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros."""
    text = format(value.normalize(), "f")
    return text


def inputs_gather(year: int, weights: dict | None = None) -> dict:
    """Everything a run computes from, as JSON: base (억원) and measure values by province,
    weights and the settings in force (`weights` replaces the saved ones for a what-if)."""
    settings = settings_for(year)
    base = base_by_province(year)
    if not base:
        raise InvalidInput(f"{year}년 기준액이 없습니다. 시·도별 기준액을 먼저 입력해 주세요.")
    values, notes, overridden = measure_values(year)
    chosen = weights_checked(weights) if weights is not None else weights_of(settings)
    return {
        "year": year,
        "base": {name: str(amount) for name, amount in base.items()},
        "measures": {k: {n: _text(v) for n, v in vs.items()} for k, vs in values.items()},
        "measure_notes": notes,
        "overrides": overridden,
        "weights": {key: _text(Decimal(str(w))) for key, w in chosen.items()},
        "cap": str(settings.cap),
        "cap_basis": settings.cap_basis,
        "budget_neutral": settings.budget_neutral,
        "budget_neutral_basis": NOT_FIXED_SET if settings.pk else NOT_FIXED,
        "weights_basis": (NOT_FIXED_SET if settings.pk else NOT_FIXED)
        if weights is None
        else "가정(what-if)",
    }


def _figure(value: Decimal) -> str:
    return f"{value:.2f}"


def explanation(name: str, change_percent: Decimal, score, parts, inputs: dict) -> str:
    """ "부산 +7.50 %: 평가 등급 0.80(원값 …, 가중치 1), 트랙1 결과 자료 없음 …"."""
    pieces = []
    for key, raw, weight, scaled in parts:
        label = MEASURE_LABELS[key]
        reason = inputs["overrides"].get(key, {}).get(name)
        if weight == 0:
            pieces.append(f"{label} 가중치 0배(제외)")
        elif scaled is None:
            pieces.append(f"{label} 자료 없음(가중치 {_text(weight)}배, 점수에서 제외)")
        else:
            pieces.append(
                f"{label} {_figure(scaled)}점(원값 {_text(raw)}{MEASURE_UNITS[key]}, "
                f"가중치 {_text(weight)}배" + (f", 직접 입력: {reason}" if reason else "") + ")"
            )
    sign = "+" if change_percent > 0 else ""
    if score is None:
        tail = f"측정값이 없어 중간 점수 {NEUTRAL_SCORE}점 적용({NOT_FIXED})"
    else:
        tail = f"성과 점수 {score}점(0–1점)"
    return f"{name} {sign}{change_percent} %: {', '.join(pieces)} → {tail}"


def compute(inputs: dict) -> dict:
    """The result of a run from its inputs alone (pure: the reproduction calls it too)."""
    base = {name: Decimal(v) for name, v in inputs["base"].items()}
    # In the measures' fixed order: a JSON column (jsonb) does not keep the keys' order.
    measures = {
        key: {n: Decimal(v) for n, v in inputs["measures"][key].items()}
        for key in DEFAULT_WEIGHTS
        if key in inputs["measures"]
    }
    weights = {k: Decimal(v) for k, v in inputs["weights"].items()}
    names = list(base)
    scored = rules.performance_scores(measures, weights, names)
    scores = {n: scored[n].score if scored[n].score is not None else NEUTRAL_SCORE for n in names}
    allocation = rules.allocate(
        base, scores, cap=Decimal(inputs["cap"]), budget_neutral=inputs["budget_neutral"]
    )
    lines = [
        {
            "province": share.province,
            "base": str(share.base),
            "score": str(share.score),
            "score_from_data": scored[share.province].score is not None,
            "change_percent": str(share.change_percent),
            "amount": str(share.amount),
            "explanation": explanation(
                share.province,
                share.change_percent,
                scored[share.province].score,
                scored[share.province].parts,
                inputs,
            ),
        }
        for share in allocation.shares
    ]
    return {
        "rule": allocation.rule,
        "rounding": rules.ROUNDING,
        "cap": str(allocation.cap),
        "budget_neutral": allocation.budget_neutral,
        "mean_score": None if allocation.mean_score is None else str(allocation.mean_score),
        "base_total": str(allocation.base_total),
        "amount_total": str(allocation.amount_total),
        "remainder": str(allocation.remainder),
        "lines": lines,
    }


def inputs_hash(inputs: dict) -> str:
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def allocation_run(*, actor: User, year: int, label="") -> AllocationRun:
    """Compute the year's allocation and save it with its inputs, append-only. The inputs
    are read before the transaction, so two runs at once each save a complete run."""
    _allowed(actor)
    year = _year(year)
    label = text_field(label, "이름", limit=LABEL_MAX_LENGTH, required=False, one_line=True)
    inputs = inputs_gather(year)
    result = compute(inputs)
    provinces = dict(
        Organization.objects.filter(
            kind=OrganizationKind.PROVINCE, short_name__in=inputs["base"]
        ).values_list("short_name", "pk")
    )
    with transaction.atomic():
        run = AllocationRun.objects.create(
            year=year,
            label=label,
            inputs=inputs,
            inputs_hash=inputs_hash(inputs),
            result=result,
            created_by=actor,
        )
        AllocationLine.objects.bulk_create(
            AllocationLine(
                run=run,
                province_id=provinces[line["province"]],
                base_eok=Decimal(line["base"]),
                score=Decimal(line["score"]),
                change_percent=Decimal(line["change_percent"]),
                amount_eok=Decimal(line["amount"]),
                explanation=line["explanation"],
            )
            for line in result["lines"]
        )
    return run


def allocation_reproduce(run: AllocationRun) -> dict:
    """The run's result recomputed from its stored inputs (equal to `run.result` unless the
    rule changed since; the inputs' hash is checked first)."""
    if inputs_hash(run.inputs) != run.inputs_hash:
        raise InvalidInput("저장된 입력의 해시가 맞지 않습니다. 입력이 바뀌었습니다.")
    return compute(run.inputs)


def what_if(base: dict, scores: dict, *, budget_neutral: bool, cap) -> rules.Allocation:
    """The rule applied to given base amounts and scores, nothing saved."""
    if not isinstance(budget_neutral, bool):
        raise InvalidInput("budget_neutral은 true 또는 false여야 합니다.")
    return rules.allocate(base, scores, cap=cap, budget_neutral=budget_neutral)


def what_if_year(year: int, weights: dict, scores: dict[str, Decimal] | None = None) -> dict:
    """The year's allocation with other weights and, optionally, some provinces' scores
    replaced — the what-if page; nothing saved."""
    inputs = inputs_gather(_year(year), weights)
    if not scores:
        return compute(inputs)
    result = compute(inputs)
    chosen = {line["province"]: Decimal(line["score"]) for line in result["lines"]}
    chosen.update(scores)
    allocation = rules.allocate(
        {n: Decimal(v) for n, v in inputs["base"].items()},
        chosen,
        cap=Decimal(inputs["cap"]),
        budget_neutral=inputs["budget_neutral"],
    )
    by_name = {share.province: share for share in allocation.shares}
    for line in result["lines"]:
        share = by_name[line["province"]]
        if line["province"] in scores:
            line["explanation"] = (
                f"{line['province']} {'+' if share.change_percent > 0 else ''}"
                f"{share.change_percent} %: 성과 점수 {share.score}점을 가정(what-if)"
            )
        line.update(
            score=str(share.score),
            change_percent=str(share.change_percent),
            amount=str(share.amount),
        )
    result.update(amount_total=str(allocation.amount_total), remainder=str(allocation.remainder))
    result["mean_score"] = None if allocation.mean_score is None else str(allocation.mean_score)
    return result
