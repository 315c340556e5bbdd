"""The write path of Track 1 calls (forms and API alike): the call and its criteria,
pre-consulting, applications, selection within the budget, the funded years, 우수 and the move to
Track 2. The expert evaluation (panels, ties, assignments, scores, computation) is in
`evaluation.py`.

Each service checks permission, then state, in a transaction on the locked row it decides on.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.models import Organization, User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.pipeline.models import Proposal
from dream.pipeline.services import large_project_start, proposal_track1_enter
from dream.plans.amounts import eok_parsed
from dream.plans.models import EOK_UNIT

from .choices import ApplicationState, CallState, CriterionBasis, FundedRating, SelectionRule
from .evaluation import call_scores_compute
from .models import Application, Call, CallCriterion, FundedYear, PreConsultation
from .permissions import can_apply_for, can_create_call, can_manage_call

DEFAULT_OWNER = "과기정통부"
TEXT_MAX_LENGTH = 2000
EDITABLE_CRITERIA_STATES = (CallState.DRAFT, CallState.OPEN)
PRINTED_CRITERION = ("지자체 추진의지", 1700)  # l.1700: "평가지표(지자체 추진의지 등)"


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: Decimal
    max_score: Decimal
    basis: str = CriterionBasis.UNSET
    source_line: int | None = None


def default_criteria() -> list[CriterionInput]:
    """The one criterion the plan names (l.1700), weight 1 of 100 points; the weight and scale
    are DREAM's defaults (계획이 정하지 않음)."""
    name, line = PRINTED_CRITERION
    return [CriterionInput(name, Decimal(1), Decimal(100), CriterionBasis.PRINTED, line)]


def _text(raw, what: str, *, required: bool = False, limit: int = TEXT_MAX_LENGTH) -> str:
    return text_field(raw, what, limit=limit, required=required)


def _call_locked(call: Call) -> Call:
    return Call.objects.select_for_update(of=("self",)).select_related("owner").get(pk=call.pk)


def _managed(actor: User, call: Call, what: str) -> None:
    if not can_manage_call(actor, call):
        raise NotAllowed(f"{what}은 {call.owner} 담당자나 지방시대위원회 담당자만 할 수 있습니다.")


def _criteria_checked(criteria: list[CriterionInput]) -> list[CriterionInput]:
    if not criteria:
        raise InvalidInput("평가 기준을 하나 이상 정해 주세요.")
    names = set()
    cleaned = []
    for item in criteria:
        name = _text(item.name, "평가 기준", required=True, limit=200)
        if name in names:
            raise InvalidInput(f"평가 기준 '{name}'이(가) 두 번 적혔습니다.")
        names.add(name)
        try:
            weight, max_score = Decimal(str(item.weight)), Decimal(str(item.max_score))
        except ArithmeticError:
            raise InvalidInput(f"'{name}'의 가중치와 만점은 숫자로 적어 주세요.") from None
        if not weight.is_finite() or not max_score.is_finite() or weight <= 0 or max_score <= 0:
            raise InvalidInput(f"'{name}'의 가중치와 만점은 0보다 커야 합니다.")
        if weight >= 10000 or max_score >= 100000:
            raise InvalidInput(f"'{name}'의 가중치나 만점이 너무 큽니다.")
        if item.basis not in CriterionBasis.values:
            raise InvalidInput(f"'{name}'의 근거 '{item.basis}'는 없습니다.")
        if item.basis == CriterionBasis.PRINTED and not item.source_line:
            raise InvalidInput(f"계획에 적힌 기준 '{name}'에는 원문 줄을 적어 주세요.")
        cleaned.append(CriterionInput(name, weight, max_score, item.basis, item.source_line))
    return cleaned


def _criteria_write(actor: User, call: Call, criteria: list[CriterionInput]) -> None:
    for old in call.criteria.all():
        old._history_user = actor
        old.delete()
    for position, item in enumerate(criteria, start=1):
        criterion = CallCriterion(
            call=call,
            position=position,
            name=item.name,
            weight=item.weight,
            max_score=item.max_score,
            basis=item.basis,
            source_line=item.source_line if item.basis == CriterionBasis.PRINTED else None,
        )
        criterion._history_user = actor
        criterion.save()


# ---- the call ------------------------------------------------------------------------------


@transaction.atomic
def call_create(
    *,
    actor: User,
    year: int,
    title: str,
    budget,
    select_count: int,
    deadline: date,
    owner: Organization | None = None,
    criteria: list[CriterionInput] | None = None,
    min_units: int | None = None,
    min_reason_length: int | None = None,
    selection_rule: str = SelectionRule.SKIP,
    note: str = "",
) -> Call:
    """A draft call of the owner ministry (과기정통부 unless named), with the printed criterion
    when none are given."""
    owner = owner or Organization.objects.get(short_name=DEFAULT_OWNER)
    if not can_create_call(actor, owner):
        raise NotAllowed(f"공모는 {owner} 담당자나 지방시대위원회 담당자만 만들 수 있습니다.")
    title = _text(title, "공모명", required=True, limit=200)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput("연도를 2000–2100 사이로 적어 주세요.")
    budget_eok, budget_text = eok_parsed(budget, "예산")
    if budget_eok <= 0:
        raise InvalidInput(f"예산은 0{EOK_UNIT}보다 커야 합니다.")
    if not isinstance(select_count, int) or not 1 <= select_count <= 1000:
        raise InvalidInput("선정 과제 수는 1–1,000개로 적어 주세요.")
    if not isinstance(deadline, date):
        raise InvalidInput("신청 마감일을 날짜로 적어 주세요.")
    if selection_rule not in SelectionRule.values:
        raise InvalidInput(f"선정 규칙 '{selection_rule}'는 없습니다.")
    call = Call(
        year=year,
        title=title,
        owner=owner,
        budget_eok=budget_eok,
        budget_text=budget_text,
        select_count=select_count,
        deadline=deadline,
        selection_rule=selection_rule,
        note=_text(note, "비고"),
        created_by=actor,
        created_at=timezone.now(),
    )
    if min_units is not None:
        if not isinstance(min_units, int) or not 1 <= min_units <= 1000:
            raise InvalidInput("표준화 최소 신청 수는 1–1,000개로 적어 주세요.")
        call.min_units = min_units
    if min_reason_length is not None:
        if not isinstance(min_reason_length, int) or not 0 <= min_reason_length <= 1000:
            raise InvalidInput("점수 사유 최소 글자 수는 0–1,000자로 적어 주세요.")
        call.min_reason_length = min_reason_length
    call._history_user = actor
    call.save()
    _criteria_write(actor, call, _criteria_checked(criteria or default_criteria()))
    return call


@transaction.atomic
def call_criteria_set(*, actor: User, call: Call, criteria: list[CriterionInput]) -> Call:
    """Replace the criteria while the call is a draft or open; frozen once evaluation starts."""
    call = _call_locked(call)
    _managed(actor, call, "평가 기준 설정")
    if call.state not in EDITABLE_CRITERIA_STATES:
        raise StateConflict("평가가 시작되어 평가 기준이 고정되었습니다.")
    _criteria_write(actor, call, _criteria_checked(criteria))
    return call


def _transition(actor: User, call: Call, to: str, reason: str) -> None:
    call.state = to
    call._history_user = actor
    call._change_reason = reason
    call.save()


@transaction.atomic
def call_open(*, actor: User, call: Call) -> Call:
    """준비 중 → 공모 중: the call becomes public and takes applications until its deadline."""
    call = _call_locked(call)
    _managed(actor, call, "공모 시작")
    if call.state != CallState.DRAFT:
        raise StateConflict(f"{call.get_state_display()} 상태의 공모는 시작할 수 없습니다.")
    if not call.criteria.exists():
        raise StateConflict("평가 기준 없이 공모를 시작할 수 없습니다.")
    call.opened_at = timezone.now()
    _transition(actor, call, CallState.OPEN, "공모 시작")
    return call


@transaction.atomic
def call_evaluation_start(*, actor: User, call: Call) -> Call:
    """공모 중 → 평가 중: applications close and the criteria are frozen."""
    call = _call_locked(call)
    _managed(actor, call, "평가 시작")
    if call.state != CallState.OPEN:
        raise StateConflict(f"{call.get_state_display()} 상태에서는 평가를 시작할 수 없습니다.")
    call.criteria_frozen_at = timezone.now()
    _transition(actor, call, CallState.EVALUATING, "평가 시작, 평가 기준 고정")
    return call


@transaction.atomic
def call_close(*, actor: User, call: Call) -> Call:
    call = _call_locked(call)
    _managed(actor, call, "공모 종료")
    if call.state != CallState.SELECTED:
        raise StateConflict("선정을 마친 공모만 종료할 수 있습니다.")
    _transition(actor, call, CallState.CLOSED, "공모 종료")
    return call


# ---- pre-consulting and applications -------------------------------------------------------


@transaction.atomic
def preconsultation_log(
    *,
    actor: User,
    call: Call,
    province: Organization,
    advisor: str,
    advised_on: date,
    advice: str,
    proposal: Proposal | None = None,
) -> PreConsultation:
    """Who advised which applicant province on what, and when (l.1787 사전 컨설팅)."""
    call = _call_locked(call)
    _managed(actor, call, "사전 컨설팅 기록")
    if call.state not in (CallState.DRAFT, CallState.OPEN):
        raise StateConflict("사전 컨설팅은 공모 준비·공모 중에만 기록합니다.")
    if province.kind != "province":
        raise InvalidInput("사전 컨설팅은 시·도에 대해 기록합니다.")
    if proposal is not None and proposal.province_id != province.pk:
        raise InvalidInput("제안이 그 시·도의 것이 아닙니다.")
    if not isinstance(advised_on, date):
        raise InvalidInput("컨설팅한 날을 날짜로 적어 주세요.")
    if advised_on > timezone.localdate():
        raise InvalidInput("컨설팅한 날이 오늘보다 뒤일 수 없습니다.")
    consultation = PreConsultation(
        call=call,
        province=province,
        proposal=proposal,
        advisor=_text(advisor, "컨설팅한 사람·기관", required=True, limit=200),
        advised_on=advised_on,
        advice=_text(advice, "컨설팅 내용", required=True),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    consultation._history_user = actor
    consultation.save()
    return consultation


def application_submit(*, actor: User, call: Call, proposal: Proposal, requested) -> Application:
    """A province applies to an open call with one of its submitted proposals: once per
    proposal, by the deadline, asking at most the call's budget."""
    with transaction.atomic():
        call = _call_locked(call)
        proposal = Proposal.objects.select_related("province").get(pk=proposal.pk)
        if not can_apply_for(actor, proposal.province):
            raise NotAllowed(
                f"{proposal.province}의 신청은 그 시·도의 작성 담당자만 할 수 있습니다."
            )
        if call.state != CallState.OPEN:
            raise StateConflict(f"{call.get_state_display()} 상태의 공모에는 신청할 수 없습니다.")
        if timezone.localdate() > call.deadline:
            raise StateConflict(f"신청 마감일({call.deadline:%Y-%m-%d})이 지났습니다.")
        proposal = proposal_track1_enter(actor=actor, proposal=proposal)
        requested_eok, requested_text = eok_parsed(requested, "신청 금액")
        if requested_eok <= 0:
            raise InvalidInput(f"신청 금액은 0{EOK_UNIT}보다 커야 합니다.")
        if requested_eok > call.budget_eok:
            raise InvalidInput(
                f"신청 금액({requested_eok:,f}{EOK_UNIT})이 공모 예산"
                f"({call.budget_eok:,f}{EOK_UNIT})보다 큽니다."
            )
        application = Application(
            call=call,
            proposal=proposal,
            province=proposal.province,
            requested_eok=requested_eok,
            requested_text=requested_text,
            submitted_by=actor,
            submitted_at=timezone.now(),
        )
        application._history_user = actor
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            raise StateConflict("이 제안은 이 공모에 이미 신청했습니다.") from None
    return application


# ---- selection -------------------------------------------------------------------------------


def _selection_walk(call: Call, applications: list[Application]) -> None:
    """Rank by final score (ties: earlier application first) and select in rank order within
    the budget and the count; the call's rule says whether a too-large one is skipped or stops
    the selection."""
    scored = sorted(
        (a for a in applications if a.final_score is not None),
        key=lambda a: (-a.final_score, a.submitted_at, a.pk),
    )
    remaining = call.budget_eok
    chosen = 0
    stopped = False
    for rank, application in enumerate(scored, start=1):
        application.rank = rank
        application.selected_eok = None
        if stopped:
            application.state = ApplicationState.NOT_SELECTED
            application.selection_note = "선정이 멈춘 뒤 순위"
        elif chosen >= call.select_count:
            application.state = ApplicationState.NOT_SELECTED
            application.selection_note = f"선정 과제 수 {call.select_count}개를 채움"
        elif application.requested_eok <= remaining:
            application.state = ApplicationState.SELECTED
            application.selected_eok = application.requested_eok
            application.selection_note = ""
            remaining -= application.requested_eok
            chosen += 1
        else:
            application.state = ApplicationState.NOT_SELECTED
            application.selection_note = f"남은 예산 {remaining:,f}{EOK_UNIT}을 넘음"
            if call.selection_rule == SelectionRule.STOP:
                application.selection_note += " — 선정을 멈춤"
                stopped = True
    for application in applications:
        if application.final_score is None:
            application.rank = None
            application.selected_eok = None
            application.state = ApplicationState.NOT_SELECTED
            application.selection_note = "완료된 채점이 없어 순위에서 빠짐"


@transaction.atomic
def call_select(*, actor: User, call: Call) -> Call:
    """평가 중 → 선정 완료: compute the scores once more from the scores in force, rank, and
    select within the budget and the number to select."""
    call = _call_locked(call)
    _managed(actor, call, "선정")
    if call.state != CallState.EVALUATING:
        raise StateConflict(f"{call.get_state_display()} 상태에서는 선정할 수 없습니다.")
    applications = call_scores_compute(actor=actor, call=call)
    if not any(a.final_score is not None for a in applications):
        raise StateConflict("완료된 채점이 하나도 없어 선정할 수 없습니다.")
    _selection_walk(call, applications)
    for application in applications:
        application._history_user = actor
        application._change_reason = "선정"
        application.save()
    call.selected_at = timezone.now()
    _transition(actor, call, CallState.SELECTED, "선정")
    return call


# ---- after selection ---------------------------------------------------------------------


def _application_locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__owner", "proposal", "province")
        .get(pk=application.pk)
    )


@transaction.atomic
def funded_year_record(
    *,
    actor: User,
    application: Application,
    year: int,
    granted,
    spent="",
    outputs: str = "",
    rating: str = "",
) -> FundedYear:
    """Record (or correct) one year of a selected project's support; corrections stay in the
    history."""
    application = _application_locked(application)
    _managed(actor, application.call, "연차 지원 기록")
    if application.state != ApplicationState.SELECTED:
        raise StateConflict("선정된 과제만 연차 지원을 기록합니다.")
    if not isinstance(year, int) or not application.call.year <= year <= application.call.year + 10:
        raise InvalidInput(
            f"연도는 공모 연도({application.call.year}년)부터 10년 안으로 적어 주세요."
        )
    granted_eok, granted_text = eok_parsed(granted, "지원액")
    spent_eok, spent_text = (None, "")
    if spent not in (None, ""):
        spent_eok, spent_text = eok_parsed(spent, "집행액")
    if rating and rating not in FundedRating.values:
        raise InvalidInput(f"평가 '{rating}'는 없습니다.")
    funded = FundedYear.objects.filter(application=application, year=year).first() or FundedYear(
        application=application, year=year
    )
    funded.granted_eok, funded.granted_text = granted_eok, granted_text
    funded.spent_eok, funded.spent_text = spent_eok, spent_text
    funded.outputs = _text(outputs, "성과")
    funded.rating = rating
    funded.recorded_by = actor
    funded.recorded_at = timezone.now()
    funded._history_user = actor
    funded.save()
    return funded


@transaction.atomic
def application_mark_excellent(
    *, actor: User, application: Application, reason: str
) -> Application:
    """우수 성과 과제 (l.1790): a funded project rated 우수 in one of its years."""
    application = _application_locked(application)
    _managed(actor, application.call, "우수 과제 지정")
    reason = _text(reason, "우수 지정 사유", required=True)
    if application.excellent:
        raise StateConflict("이미 우수 과제입니다.")
    if not application.funded_years.filter(rating=FundedRating.EXCELLENT).exists():
        raise StateConflict("연차 지원 기록에 '우수' 평가가 있어야 우수 과제로 지정할 수 있습니다.")
    application.excellent = True
    application.excellent_reason = reason
    application._history_user = actor
    application._change_reason = "우수 과제 지정"
    application.save()
    return application


@transaction.atomic
def application_move_to_track2(
    *,
    actor: User,
    application: Application,
    owner: Organization,
    decision: str,
    started_on: date | None = None,
):
    """An excellent project goes to Track 2 consulting (l.1790) on the same proposal, so its
    Track 1 history stays with it; the Track 2 project is started by the pipeline's service."""
    application = _application_locked(application)
    _managed(actor, application.call, "트랙2 이관")
    if not application.excellent:
        raise StateConflict("우수 과제만 트랙2로 옮길 수 있습니다.")
    if application.moved_to_track2:
        raise StateConflict("이미 트랙2로 옮긴 과제입니다.")
    project = large_project_start(
        actor=actor,
        proposal=application.proposal,
        owner=owner,
        started_on=started_on or timezone.localdate(),
        decision=decision,
        from_track1=True,
    )
    application.moved_to_track2 = True
    application.large_project = project
    application._history_user = actor
    application._change_reason = "트랙2로 이관"
    application.save()
    return project
