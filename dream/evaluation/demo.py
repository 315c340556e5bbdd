"""A whole evaluation round run on a published plan year through the services, as people
would run it: three bodies enter and submit results, staff confirm them and open the round,
evaluators declare their ties and are assigned (a tied one refused), score and submit, staff
compute, check and close, raise feedback, and the next year's draft is rolled forward so the
feedback shows in it. For the README's demo (`dream evaluation-demo`) and the end-to-end test.

Every figure it enters is labelled as the demo's in its source or reason: nothing here is a
real result, and the demo refuses a year that already has a round.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from dream.accounts.choices import MembershipRole
from dream.accounts.models import Organization, User
from dream.accounts.selectors import organization_named
from dream.accounts.services import organizations_ensure, system_user, user_provision
from dream.core.statistics import planner_statistics_refresh
from dream.cycle.choices import ItemKind
from dream.cycle.drafting import submission_roll_forward
from dream.cycle.errors import CycleError
from dream.cycle.models import Cycle, Submission
from dream.cycle.services import cycle_open
from dream.plans.models import Plan
from dream.results.execution import (
    assessable,
    execution_rows,
    fiscal_execution_record,
    self_assessment_record,
)
from dream.results.permissions import responsible_body
from dream.results.selectors import reported_indicators
from dream.results.services import indicator_actual_record
from dream.results.workflow import result_confirm, result_submit, results_body, submission_of

from .choices import FeedbackDueStep, FeedbackKind, RoundPhase
from .feedback import feedback_action_raise
from .grading import grade_check, round_advance, self_grade_record
from .integrity import (
    ConflictOfInterest,
    assignment_create,
    conflict_declare,
    evaluator_register,
    panel_save,
    tie_to,
    unit_leaves,
)
from .models import Assignment, EvaluationRound, Evaluator, Grade, GradeBand, Unit
from .scoring import ScoreInput, assignment_submit, scores_record
from .services import round_open, units_generate

DEMO_BODIES = ("부산", "부울경", "과기정통부")
DEMO_SOURCE = "시연 자료(dream evaluation-demo) — 실제 실적이 아님"
DEMO_REASON = (
    "시연 점수: 입력된 추진실적과 설명을 보고 매긴 예시 점수입니다(dream evaluation-demo)."
)
EVALUATORS_PER_PANEL = 3
PANELS = 2


@dataclass
class DemoReport:
    """What the demo did, for the command's summary and the test's checks."""

    year: int
    bodies: list[str] = field(default_factory=list)
    actuals: int = 0
    executions: int = 0
    accounts: int = 0
    refused_assignment: str = ""
    assignments: int = 0
    scores: int = 0
    grades: int = 0
    changed_grade: str = ""
    feedback_actions: list[int] = field(default_factory=list)
    next_draft: Plan | None = None


def _user(username: str, organization: Organization, role: str, *, actor: User) -> User:
    user, _ = user_provision(
        actor=actor,
        username=username,
        organization=organization,
        role=role,
        email=f"{username}@example.org",
        reason="dream evaluation-demo",
    )
    return user


def _fraction(*parts) -> Decimal:
    """A stable number in [0, 1) from the parts: the demo's figures are the same every run."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def _one_place(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _enter_results(year: int, name: str, editor: User, staff: User, report: DemoReport) -> None:
    """The body's actuals (around its targets), execution (around its planned amounts) and
    an account on its first core tasks; then submitted by the body and confirmed by staff."""
    body = results_body(year, name)
    plan, organization = body.plan, body.organization
    observed = date(year + 1, 1, 31)
    for indicator in reported_indicators(plan, organization):
        if indicator.target_value is not None and indicator.target_value > 0:
            factor = Decimal("0.8") + _fraction(indicator.pk) * Decimal("0.35")
            value_text = str(_one_place(indicator.target_value * factor))
        else:
            value_text = "추진 중(시연)"
        indicator_actual_record(
            actor=editor,
            indicator=indicator,
            year=year,
            value_text=value_text,
            source=DEMO_SOURCE,
            observed_on=observed,
        )
        report.actuals += 1
    for row in execution_rows(plan, year, organization):
        if not row.planned:
            continue
        spent = _one_place(row.planned * (Decimal("0.85") + _fraction(row.source) / 10))
        fiscal_execution_record(
            actor=editor,
            plan=plan,
            year=year,
            source=row.source,
            spent_text=str(spent),
            document=DEMO_SOURCE,
            observed_on=observed,
            strategy=row.strategy,
            task=row.task,
        )
        report.executions += 1
    tasks, strategies = assessable(plan)
    own = [t for t in tasks if responsible_body(plan, t) == organization][:3]
    for task in own:
        self_assessment_record(
            actor=editor,
            year=year,
            task=task,
            text=f"{task.name}: 계획한 사업을 일정대로 추진함(시연용 설명, 실제 실적이 아님).",
        )
        report.accounts += 1
    for strategy in strategies[:1]:
        self_assessment_record(
            actor=editor, year=year, strategy=strategy, text="전략 단위 추진 설명(시연용)."
        )
        report.accounts += 1
    submission = submission_of(body)
    result_submit(actor=editor, submission=submission)
    result_confirm(actor=staff, submission=submission_of(body))
    report.bodies.append(str(organization))


def _evaluator(staff: User, user: User, field_name: str, affiliation: str) -> Evaluator:
    """The user's evaluator record: registered now, or kept from an earlier demo year."""
    existing = Evaluator.objects.filter(user=user, active=True).first()
    return existing or evaluator_register(
        actor=staff, user=user, field=field_name, affiliation=affiliation
    )


def _evaluators(round: EvaluationRound, staff: User):
    """Six evaluators in two panels, each declaring no ties; and one more who works for 부산
    (a member of it) and declares so."""
    panels = []
    for number in range(1, PANELS + 1):
        members = []
        for seat in range(1, EVALUATORS_PER_PANEL + 1):
            user, _ = User.objects.get_or_create(
                username=f"demo-evaluator-{number}{seat}",
                defaults={"email": f"demo-evaluator-{number}{seat}@example.org"},
            )
            evaluator = _evaluator(staff, user, "지역개발", "시연 대학")
            conflict_declare(
                actor=user,
                round=round,
                ties=[],
                none_to_declare=True,
                statement="평가 대상 기관과 관계 없음(시연)",
            )
            members.append(evaluator)
        panels.append(
            panel_save(actor=staff, round=round, name=f"제{number}평가반", members=members)
        )
    busan = organization_named("부산")
    tied_user = _user("demo-evaluator-busan", busan, MembershipRole.VIEWER, actor=staff)
    tied = _evaluator(staff, tied_user, "도시계획", "부산 소속")
    conflict_declare(
        actor=tied_user, round=round, ties=[], none_to_declare=True, statement="부산 소속(시연)"
    )
    return panels, tied


def _assign_and_score(round: EvaluationRound, staff: User, report: DemoReport) -> None:
    panels, tied = _evaluators(round, staff)
    graded = list(Unit.objects.filter(round=round, graded=True).order_by("pk"))
    busan_unit = next(u for u in graded if u.organization.short_name == "부산")
    try:
        assignment_create(actor=staff, panel=panels[0], unit=busan_unit, evaluator=tied)
    except ConflictOfInterest as refusal:
        report.refused_assignment = refusal.message
    for index, unit in enumerate(graded):
        panel = panels[index % len(panels)]
        members = list(panel.members.order_by("pk"))
        chosen = [e for e in members if tie_to(round, e, unit) is None][:2]
        for evaluator in chosen:
            assignment_create(actor=staff, panel=panel, unit=unit, evaluator=evaluator)
            report.assignments += 1
    round_advance(actor=staff, round=round, to=RoundPhase.EVALUATING, seen_phase=round.phase)
    planner_statistics_refresh()
    criteria = list(round.criterion_set.criteria.order_by("position"))
    assignments = Assignment.objects.filter(round=round).select_related("unit", "evaluator__user")
    for assignment in assignments:
        user = assignment.evaluator.user
        items = [
            ScoreInput(
                leaf=leaf,
                criterion=criterion,
                value=_one_place(
                    criterion.max_score
                    * (Decimal("0.5") + _fraction(leaf.pk, user.pk, criterion.pk) / 2)
                ),
                reason=DEMO_REASON,
            )
            for leaf in unit_leaves(assignment.unit)
            for criterion in criteria
        ]
        report.scores += len(scores_record(actor=user, assignment=assignment, items=items))
        assignment_submit(actor=user, assignment=assignment)


def _check_and_close(
    round: EvaluationRound, staff: User, busan_editor: User, report: DemoReport
) -> list[Grade]:
    """The body's self-grades, staff's check of every grade (one moved a band down, with its
    reason), and the round closed."""
    round.refresh_from_db()
    round_advance(actor=staff, round=round, to=RoundPhase.CHECKING, seen_phase=round.phase)
    grades = list(
        Grade.objects.filter(unit__round=round)
        .select_related("unit__organization", "computed_band")
        .order_by("unit__pk")
    )
    busan = [g for g in grades if g.unit.organization.short_name == "부산"]
    for grade in busan[:3]:
        if grade.computed_band is not None:
            self_grade_record(
                actor=busan_editor,
                grade=grade,
                band=grade.computed_band,
                reason="계산된 등급에 동의함(시연용 자체평가).",
            )
    bands = list(GradeBand.objects.filter(band_set=round.band_set).order_by("position"))
    for grade in grades:
        band = grade.computed_band or bands[-1]
        reason = "" if grade.computed_band else "점수가 없어 가장 낮은 등급으로 점검(시연)."
        if grade == busan[0] and band != bands[-1]:
            band = bands[bands.index(band) + 1]
            reason = "입력된 실적의 출처가 시연 자료뿐이어서 한 등급 낮춤(시연용 점검 사유)."
            report.changed_grade = f"{grade.unit} → {band.label}"
        grade_check(actor=staff, grade=grade, band=band, reason=reason, seen_band=None)
    report.grades = len(grades)
    round.refresh_from_db()
    round_advance(actor=staff, round=round, to=RoundPhase.FEEDBACK, seen_phase=round.phase)
    return busan


def _feedback(round: EvaluationRound, busan: list[Grade], staff: User, report: DemoReport):
    """A change the next plan must carry, on the task of 부산's first graded unit, and an
    incentive on its last."""
    first, last = busan[0], busan[-1]
    item_kind, item_id = (ItemKind.TASK, first.unit.task_id) if first.unit.task_id else ("", None)
    for grade, kind, step, text, kind_item in (
        (
            first,
            FeedbackKind.NEXT_PLAN,
            FeedbackDueStep.PLAN_DRAFTING,
            "성과지표 실적의 출처를 공식 통계로 바꾸고 목표를 다시 잡을 것(시연).",
            (item_kind, item_id),
        ),
        (
            last,
            FeedbackKind.INCENTIVE,
            FeedbackDueStep.FEEDBACK_PHASE,
            "우수 과제 인센티브(시연).",
            ("", None),
        ),
    ):
        action = feedback_action_raise(
            actor=staff,
            grade=grade,
            kind=kind,
            organization=grade.unit.organization,
            due_step=step,
            description=text,
            item_kind=kind_item[0],
            item_id=kind_item[1],
        )
        report.feedback_actions.append(action.pk)


def _next_draft(year: int, staff: User, busan_editor: User) -> Plan:
    """The next year's cycle (opened if it is not) and 부산's draft rolled forward from this
    year's plan, where the feedback shows beside the task it concerns."""
    cycle = Cycle.objects.filter(year=year + 1).first() or cycle_open(actor=staff, year=year + 1)
    submission = Submission.objects.get(cycle=cycle, organization__short_name="부산")
    if submission.plan_id is None:
        return submission_roll_forward(actor=busan_editor, submission=submission)
    return submission.plan


def evaluation_demo_run(year: int = 2024) -> DemoReport:
    """Run the demo on `year`'s published plans; CycleError (Korean) when it cannot."""
    if not Plan.objects.filter(year=year, is_draft=False).exists():
        raise CycleError(f"{year}년 시행계획이 없습니다. 먼저 `dream import-plan`으로 가져오세요.")
    if EvaluationRound.objects.filter(year=year).exists():
        raise CycleError(f"{year}년 평가 회차가 이미 있습니다. 시연은 빈 연도에서만 돌립니다.")
    organizations_ensure()
    actor = system_user()
    committee = organization_named("위원회")
    staff = _user("demo-committee", committee, MembershipRole.EDITOR, actor=actor)
    report = DemoReport(year=year)
    with transaction.atomic():
        editors = {
            name: _user(
                f"demo-results-{index}",
                organization_named(name),
                MembershipRole.EDITOR,
                actor=actor,
            )
            for index, name in enumerate(DEMO_BODIES, start=1)
        }
        for name, editor in editors.items():
            _enter_results(year, name, editor, staff, report)
        round = round_open(actor=staff, year=year)
        units_generate(actor=staff, round=round)
        planner_statistics_refresh()
        _assign_and_score(round, staff, report)
        busan = _check_and_close(round, staff, editors["부산"], report)
        _feedback(round, busan, staff, report)
        report.next_draft = _next_draft(year, staff, editors["부산"])
    return report
