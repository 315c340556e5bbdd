"""The data of the annual report (특별법 제73조): one read of the year's plans, confirmed results
and closed evaluation round, where every figure carries its `Ref` — the printed line it was read
from (원문), the record a body entered with who, source and date (입력), the rule DREAM computed
it with (계산), or the Committee's judgement (판단).

The result is plain JSON-ready data (texts, numbers as strings, no time of generation), so the
same data give the same figures and the same `data_hash`, whatever the format.
"""

import hashlib
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from dream.cycle.compilation import plan_sums
from dream.cycle.errors import StateConflict
from dream.evaluation.models import EvaluationRound, FeedbackAction, Grade, GradeCheck, UnitScore
from dream.evaluation.rules import RuleBasis, achievement_rules_from, rules_for_year
from dream.evaluation.selectors import unit_name
from dream.ingest.numbers import plain
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Budget, Plan
from dream.plans.selectors import ministry_part
from dream.results.achievement import achievement
from dream.results.choices import ResultState
from dream.results.execution import execution_rows
from dream.results.models import IndicatorActual, ResultSubmission
from dream.results.public import SHARE_RULE, year_results
from dream.results.selectors import reported_indicators
from dream.web.source_text import IMPLEMENTATION_TEXT, line_url, source_url

PRINTED, ENTERED, COMPUTED, JUDGED = "원문", "입력", "계산", "판단"
EXECUTION_RULE = "집행률 = 집행액 ÷ 계획액 × 100 (소수 첫째 자리 반올림)"
SUM_RULE = "합계 = 시·도, 초광역권, 부문별 시행계획 재정투입(원문)의 합 — 국가(종합) 시행계획은 더하지 않음"
SPENT_SUM_RULE = "합계 = 확정된 실적의 집행액 합"
GRADE_COUNT_RULE = "최종 등급별 등급 단위 수"
LAW_LINE = 167


class NoClosedRound(StateConflict):
    """The year has no evaluation round that has closed: its grades are not final yet."""


def plan_line_url(line: int) -> str:
    if not line or line > len(IMPLEMENTATION_TEXT.lines):
        return ""
    return line_url(IMPLEMENTATION_TEXT, line)


def ref(mark: str, text: str, href: str = "") -> dict:
    return {"mark": mark, "text": text, "href": href}


def printed(record, what: str = "") -> dict:
    line = getattr(record, "source_line", None)
    text = f"{what} 원문 {line}줄" if line else f"{what} 원문(줄 정보 없음)"
    return ref(PRINTED, text.strip(), source_url(record))


def computed(rule: str) -> dict:
    return ref(COMPUTED, f"DREAM 계산: {rule}")


def entered(who, source: str, on) -> dict:
    return ref(ENTERED, f"{who or '알 수 없음'} 입력 · 출처: {source} · 기준일 {on:%Y-%m-%d}")


def eok(amount: Decimal | None) -> str:
    """억원 as the plans print them: 93.5 stays 93.5, 422,000 has no ".00"."""
    return "" if amount is None else f"{plain(amount):,}억원"


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def figure(value: str, reference: dict) -> dict:
    return {"value": value, "ref": reference}


def closed_round(year: int) -> EvaluationRound:
    """The year's round once closed; NoClosedRound (with the Korean reason) otherwise."""
    round = EvaluationRound.objects.filter(year=year).select_related("band_set").first()
    if round is None:
        raise NoClosedRound(f"{year}년 평가 회차가 없어 국회 보고서를 만들 수 없습니다.")
    if round.closed_at is None:
        raise NoClosedRound(
            f"{year}년 평가 회차가 아직 종료되지 않아(현재 단계: {round.get_phase_display()}) "
            "국회 보고서를 만들 수 없습니다. 등급이 확정된 뒤에 만듭니다."
        )
    return round


def report_data(year: int) -> dict:
    """Everything the report prints for `year`, from confirmed results and the closed round."""
    round = closed_round(year)
    rules = rules_for_year(year)
    plans = list(
        Plan.objects.filter(year=year, is_draft=False)
        .exclude(ministry_part())
        .select_related("owner")
        .order_by("level", "owner__position", "pk")
    )
    confirmed = list(
        ResultSubmission.objects.filter(plan__in=plans, state=ResultState.CONFIRMED)
        .select_related("plan", "organization")
        .order_by("organization__position", "organization__short_name", "pk")
    )
    return {
        "year": year,
        "law": ref(PRINTED, "특별법 제73조, 2024 시행계획 원문 167–170줄", plan_line_url(LAW_LINE)),
        "round": {
            "phase": round.get_phase_display(),
            "closed_on": f"{round.closed_at:%Y-%m-%d}",
        },
        "plans": _plans(plans),
        "fiscal": _fiscal(year, plans),
        "execution": _execution(year, confirmed),
        "achievement": _achievement(year, confirmed, rules),
        "grades": _grades(round),
        "feedback": _feedback(round),
        "rules": [
            {
                "label": rule.label,
                "shown": rule.shown,
                "basis": "계획이 정하지 않음" if rule.basis == RuleBasis.NOT_FIXED else "원문",
                "chosen": (
                    f"위원회가 정한 설정 ({rule.chosen_by}, {rule.chosen_at:%Y-%m-%d})"
                    if rule.chosen_by and rule.chosen_at
                    else ("DREAM 기본 설정" if rule.basis == RuleBasis.NOT_FIXED else "")
                ),
                "href": plan_line_url(rule.source_line) if rule.source_line else "",
            }
            for rule in rules
        ],
    }


def data_hash(data: dict) -> str:
    """SHA-256 of the canonical JSON of `data`: the same data, the same hash."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _plans(plans: list[Plan]) -> list[dict]:
    return [
        {
            "body": plan.owner.short_name,
            "level": plan.get_level_display(),
            "title": plan.title,
            "goal": figure(plan.goal or "목표 인쇄 없음", printed(plan, "목표")),
        }
        for plan in plans
    ]


def _fiscal(year: int, plans: list[Plan]) -> dict:
    """Each body's total planned money by source as printed, and nationally the national
    plan's printed totals beside DREAM's sum over the bodies' plans (the national plan is the
    result of the others, never added to them; a plan printing both a total and its strategies
    counts once — the cycle compilation's rule)."""
    bodies = [plan for plan in plans if plan.level != PlanLevel.NATIONAL]
    cells = Budget.objects.filter(plan__in=plans, year=year).select_related("plan__owner")
    per_plan: dict[int, list[Budget]] = defaultdict(list)
    for cell in cells:
        per_plan[cell.plan_id].append(cell)
    sources = list(BudgetSource.values)
    rows, totals = [], defaultdict(Decimal)
    for plan in bodies:
        for source, amount in plan_sums(per_plan[plan.pk]).items():
            totals[source] += amount
        for cell in sorted(
            (c for c in per_plan[plan.pk] if c.strategy_id is None),
            key=lambda c: sources.index(c.source),
        ):
            rows.append(
                {
                    "body": plan.owner.short_name,
                    "level": plan.get_level_display(),
                    "source": cell.get_source_display(),
                    "amount": figure(eok(cell.amount_eok), printed(cell, "재정투입")),
                }
            )
    printed_national = {
        c.source: c
        for plan in plans
        if plan.level == PlanLevel.NATIONAL
        for c in per_plan[plan.pk]
        if c.strategy_id is None
    }
    national = [
        {
            "source": BudgetSource(source).label,
            "printed": (
                figure(
                    printed_national[source].printed or eok(printed_national[source].amount_eok),
                    printed(printed_national[source], "재정투입"),
                )
                if source in printed_national
                else figure("인쇄 없음", computed("국가(종합) 시행계획에 이 재원이 인쇄되지 않음"))
            ),
            "amount": (
                figure(eok(totals[source]), computed(SUM_RULE))
                if source in totals
                else figure("기관별 계획에 인쇄 없음", computed(SUM_RULE))
            ),
        }
        for source in sources
        if source in totals or source in printed_national
    ]
    return {"national": national, "rows": rows}


def _execution(year: int, confirmed: list[ResultSubmission]) -> dict:
    """Planned beside spent for each confirmed body, and spent ÷ planned by source nationally,
    over the keys that have both (계산)."""
    rows = []
    planned_by, spent_by = defaultdict(Decimal), defaultdict(Decimal)
    for submission in confirmed:
        for row in execution_rows(submission.plan, year, submission.organization):
            spent = row.execution
            if spent is not None and row.planned:
                planned_by[row.source] += row.planned
                spent_by[row.source] += spent.spent_eok
            rows.append(
                {
                    "body": submission.organization.short_name,
                    "anchor": row.anchor_label,
                    "source": row.source_label,
                    "planned": figure(
                        eok(row.planned) if row.planned is not None else "계획 없음",
                        printed(row.budget or row.task, "계획액")
                        if row.planned is not None
                        else computed("계획에 금액 없음"),
                    ),
                    "spent": figure(
                        eok(spent.spent_eok) if spent else "실적 없음",
                        entered(spent.recorded_by, spent.document, spent.observed_on)
                        if spent
                        else computed("집행액이 입력되지 않음"),
                    ),
                    "rate": figure(percent(row.rate) or "계산 불가", computed(EXECUTION_RULE)),
                }
            )
    national = []
    for source in BudgetSource.values:
        if not planned_by[source]:
            continue
        rate = (spent_by[source] / planned_by[source] * 100).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        national.append(
            {
                "source": BudgetSource(source).label,
                "planned": figure(
                    eok(planned_by[source]), computed("계획액 합계(집행액이 있는 항목)")
                ),
                "spent": figure(eok(spent_by[source]), computed(SPENT_SUM_RULE)),
                "rate": figure(percent(rate), computed(EXECUTION_RULE)),
                "rate_value": str(rate),
            }
        )
    return {"national": national, "rows": rows}


def _achievement(year: int, confirmed: list[ResultSubmission], rules) -> dict:
    """Indicator achievement per confirmed body (each indicator with its printed target, the
    entered actual and the computed level) and the counts by body, by strategy and national."""
    achievement_rules = achievement_rules_from(rules)
    results = year_results(year, achievement_rules)
    bodies = [
        {
            "body": row.organization.short_name,
            "kind": row.kind_label,
            "indicators": figure(f"{row.plan_indicators}개", computed("계획의 지표 수")),
            "achieved": figure(f"{row.counts.achieved}개", computed("달성 수준별 지표 수")),
            "partial": figure(f"{row.counts.partial}개", computed("달성 수준별 지표 수")),
            "below": figure(f"{row.counts.below}개", computed("달성 수준별 지표 수")),
            "judgement": figure(f"{row.counts.judgement}개", computed("평가위원 판단 대상")),
            "share": figure(percent(row.counts.share) or "계산된 지표 없음", computed(SHARE_RULE)),
            "share_value": str(row.counts.share) if row.counts.share is not None else "",
        }
        for row in results.bodies
        if row.confirmed
    ]
    indicators = []
    for submission in confirmed:
        listed = reported_indicators(submission.plan, submission.organization)
        actuals = {
            actual.indicator_id: actual
            for actual in IndicatorActual.objects.filter(
                indicator__in=listed, year=year
            ).select_related("recorded_by")
        }
        for indicator in listed:
            actual = actuals.get(indicator.pk)
            result = achievement(
                target_value=indicator.target_value,
                target_text=indicator.target_text,
                baseline_value=indicator.baseline_value,
                actual_value=actual.value if actual else None,
                actual_text=actual.value_text if actual else "",
                direction=indicator.direction,
                rules=achievement_rules,
                is_new=indicator.is_new,
            )
            unit = (
                f" {indicator.unit}"
                if indicator.unit and indicator.target_value is not None
                else ""
            )
            indicators.append(
                {
                    "body": submission.organization.short_name,
                    "name": indicator.name,
                    "target": figure(f"{indicator.target_text}{unit}", printed(indicator, "목표")),
                    "actual": figure(
                        f"{actual.value_text}{unit}" if actual else "실적 없음",
                        entered(actual.recorded_by, actual.source, actual.observed_on)
                        if actual
                        else computed("실적이 입력되지 않음"),
                    ),
                    "achievement": figure(
                        f"{result.percent}% ({result.level})"
                        if result.percent is not None
                        else result.status_label,
                        computed(result.rule or result.status_label),
                    ),
                }
            )
    return {
        "confirmed": figure(f"{results.confirmed_count}건", computed("확정된 실적 제출 수")),
        "bodies": bodies,
        "strategies": [
            {
                "group": row.group,
                "name": row.name,
                "share": figure(
                    percent(row.counts.share) or "계산된 지표 없음", computed(SHARE_RULE)
                ),
            }
            for row in results.strategies
        ],
        "indicators": indicators,
    }


def _grades(round: EvaluationRound) -> dict:
    grades = list(
        Grade.objects.filter(unit__round=round)
        .select_related(
            "unit__organization",
            "unit__task",
            "unit__strategy",
            "unit__plan__owner",
            "computed_band",
            "self_band",
            "final_band",
            "checked_by",
            "self_by",
        )  # fmt: skip
        .order_by("unit__organization__position", "unit__position", "pk")
    )
    scores = {score.unit_id: score for score in UnitScore.objects.filter(unit__grade__in=grades)}
    last_check = {}
    checks = (
        GradeCheck.objects.filter(grade__in=grades)
        .select_related("actor", "from_band", "to_band")
        .order_by("at", "pk")
    )
    for check in checks:
        last_check[check.grade_id] = check
    rows, counts = [], defaultdict(int)
    for grade in grades:
        score = grade.computed_score
        if score is None and grade.unit_id in scores:
            unit_score = scores[grade.unit_id]
            score = unit_score.rolled or unit_score.normalised or unit_score.raw
        check = last_check.get(grade.pk)
        final = grade.final_band or grade.computed_band
        if final is not None:
            counts[final.label] += 1
        rows.append(
            {
                "body": grade.unit.organization.short_name,
                "unit": unit_name(grade.unit),
                "score": figure(
                    f"{score.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}점"
                    if score is not None
                    else "점수 없음",
                    computed("평가위원 점수의 평균·표준화·가중 평균(적용 규칙)"),
                ),
                "computed_band": figure(
                    grade.computed_band.label if grade.computed_band else "없음",
                    computed("등급 구간"),
                ),
                "self_band": figure(
                    grade.self_band.label if grade.self_band else "없음",
                    ref(ENTERED, f"{grade.self_by} 자체평가")
                    if grade.self_by
                    else computed("자체평가 없음"),
                ),
                "final_band": figure(
                    final.label if final else "없음",
                    ref(
                        JUDGED,
                        f"{check.actor} 점검 {check.at:%Y-%m-%d}: {check.reason or '유지'}",
                    )
                    if check
                    else computed("점검 기록 없음: 계산 등급"),
                ),
            }
        )
    bands = list(round.band_set.bands.order_by("position")) if round.band_set_id else []
    return {
        "national": [
            {
                "band": band.label,
                "count": figure(f"{counts[band.label]}개", computed(GRADE_COUNT_RULE)),
            }
            for band in bands
        ],
        "rows": rows,
    }


def _feedback(round: EvaluationRound) -> list[dict]:
    actions = (
        FeedbackAction.objects.filter(round=round)
        .select_related("organization", "raised_by")
        .order_by("organization__position", "pk")
    )
    return [
        {
            "body": action.organization.short_name,
            "kind": action.get_kind_display(),
            "description": action.description,
            "due": f"{action.due_year}년 {action.get_due_step_display()}",
            "state": figure(
                action.get_state_display(),
                ref(JUDGED, f"{action.raised_by} 제기 {action.raised_at:%Y-%m-%d}"),
            ),
        }
        for action in actions
    ]
