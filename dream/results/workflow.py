"""A body's results move as a whole: written (작성 중), submitted (제출), sent back (보완 요청)
or confirmed (확정) by the Committee, and reopened by staff when a confirmed figure proves
wrong. Every step locks the submission row, checks who asks and the state, and leaves a
`ResultEvent` beside the row's history.

Submitting with nothing entered is refused: an empty submission would tell the Committee
nothing, and the body can always submit once one figure or account is in.
"""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.selectors import organization_named
from dream.core.korean import particle, with_particle
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_checked
from dream.evaluation.models import EvaluationRound
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, TaskMinistry

from .choices import ResultAction, ResultState
from .models import FiscalExecution, IndicatorActual, ResultEvent, ResultSubmission, SelfAssessment
from .permissions import can_record_results, can_review_results, responsible_body
from .submissions import result_submission_for, result_submission_locked

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    ResultAction.SUBMIT: ((ResultState.DRAFTING, ResultState.RETURNED), ResultState.SUBMITTED),
    ResultAction.RETURN: ((ResultState.SUBMITTED,), ResultState.RETURNED),
    ResultAction.CONFIRM: ((ResultState.SUBMITTED,), ResultState.CONFIRMED),
    ResultAction.REOPEN: ((ResultState.CONFIRMED,), ResultState.RETURNED),
}
# the states in which the body enters results; Committee staff also later, with a reason
OPEN_STATES = (ResultState.DRAFTING, ResultState.RETURNED)
NOTHING_TO_SUBMIT = (
    "제출할 실적이 없습니다. 성과지표 실적, 재정 집행액, 추진실적 설명 가운데 하나 이상을 "
    "입력한 뒤 제출하세요."
)
COMMENT_MAX_LENGTH = 3000


@dataclass(frozen=True)
class ResultsBody:
    """The plan a body reports on for a year, and the body."""

    plan: Plan
    organization: Organization


def results_body(year: int, name: str) -> ResultsBody:
    """The published plan `name` reports on in `year`: its own (province, super-region, a
    ministry's part), else for a ministry the Committee's sectoral plan whose tasks it leads.
    Http404 with a Korean message otherwise."""
    if not 1 <= year <= 9999:
        raise Http404(f"{year}년 시행계획이 없습니다.")
    organization = organization_named(name)
    if organization is None:
        raise Http404(f"{with_particle(name, '이라')}는 이름의 기관이 없습니다.")
    published = Plan.objects.filter(year=year, is_draft=False).exclude(level=PlanLevel.NATIONAL)
    plan = published.filter(owner=organization).order_by("level").first()
    if plan is None and organization.kind == OrganizationKind.MINISTRY:
        plan = (
            published.filter(level=PlanLevel.SECTORAL)
            .filter(pk__in=TaskMinistry.objects.filter(ministry=organization).values("task__plan"))
            .first()
        )
    if plan is None:
        raise Http404(f"{with_particle(str(organization), '은')} {year}년 시행계획이 없습니다.")
    return ResultsBody(plan=plan, organization=organization)


def submission_of(body: ResultsBody) -> ResultSubmission:
    """The body's submission, or an unsaved one in 작성 중 when nobody entered anything yet:
    reading a page never creates a row."""
    return ResultSubmission.objects.filter(
        plan=body.plan, organization=body.organization
    ).first() or ResultSubmission(plan=body.plan, organization=body.organization)


def entry_check(actor: User, submission: ResultSubmission, reason: str) -> None:
    """Whether `actor` may enter results into the (locked) submission now: the body while it
    is written or sent back; Committee staff also once submitted or confirmed, with a reason."""
    if not can_record_results(actor, submission):
        raise NotAllowed(f"{submission.organization}의 추진실적을 입력할 권한이 없습니다.")
    if submission.state in OPEN_STATES:
        return
    if not can_review_results(actor, submission):
        labels = ", ".join(ResultState(s).label for s in OPEN_STATES)
        raise StateConflict(
            f"지금 상태({submission.get_state_display()})에서는 실적을 입력할 수 없습니다"
            f"({labels} 상태에서만 가능)."
        )
    if not (reason or "").strip():
        raise InvalidInput(
            f"{submission.get_state_display()} 상태의 실적을 바꾸려면 까닭을 적어 주세요"
            "(변경 이력에 남습니다)."
        )


def actions_for(user: User, submission: ResultSubmission) -> list[ResultAction]:
    """The steps `user` may take on the submission in its present state, for its page's forms
    (the services check again under the row lock)."""
    allowed = []
    for action, (from_states, _to) in TRANSITIONS.items():
        if submission.state not in from_states:
            continue
        may = can_record_results if action == ResultAction.SUBMIT else can_review_results
        if may(user, submission):
            allowed.append(ResultAction(action))
    return allowed


def has_entries(submission: ResultSubmission) -> bool:
    """Whether anything of the body's part is entered: an indicator actual, an execution or
    an account on an item it reports on."""
    plan, body, year = submission.plan, submission.organization, submission.plan.year
    rows = [
        *IndicatorActual.objects.filter(indicator__plan=plan, year=year).select_related(
            "indicator__task"
        ),
        *FiscalExecution.objects.filter(plan=plan, year=year).select_related("task"),
        *SelfAssessment.objects.filter(year=year).filter(task__plan=plan).select_related("task"),
        *SelfAssessment.objects.filter(year=year, strategy__plan=plan),
    ]
    for row in rows:
        task = row.indicator.task if isinstance(row, IndicatorActual) else row.task
        if responsible_body(plan, task) == body:
            return True
    return False


@transaction.atomic
def result_submit(*, actor: User, submission: ResultSubmission) -> ResultEvent:
    """The body submits its results to the Committee (작성 중 or 보완 요청 → 제출)."""
    submission = _saved_locked(submission)
    if not can_record_results(actor, submission):
        raise NotAllowed(f"{submission.organization}의 추진실적을 제출할 권한이 없습니다.")
    _check_state(submission, ResultAction.SUBMIT)
    if not has_entries(submission):
        raise StateConflict(NOTHING_TO_SUBMIT)
    now = timezone.now()
    if submission.submitted_at is None:
        submission.submitted_at = now
        submission.is_late = _after_evaluation_began(submission.plan.year, now)
    return _step(actor, submission, ResultAction.SUBMIT, at=now)


def _after_evaluation_began(year: int, now) -> bool:
    """Whether the year's evaluation round had already entered its 추진실적 평가 dates (the
    printed schedule: 평가 ’25.1–4 for the 2024 plans, l.172–180) when results first came in."""
    round = EvaluationRound.objects.filter(year=year).first()
    return round is not None and timezone.localdate(now) >= round.evaluating_from


@transaction.atomic
def result_return(*, actor: User, submission: ResultSubmission, comment: str) -> ResultEvent:
    """Committee staff send submitted results back, saying what to complete (제출 → 보완 요청)."""
    submission = _saved_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, ResultAction.RETURN)
    if not (comment or "").strip():
        raise InvalidInput("보완 요청에는 무엇을 보완해야 하는지 의견을 적어 주세요.")
    return _step(actor, submission, ResultAction.RETURN, comment=comment)


@transaction.atomic
def result_confirm(*, actor: User, submission: ResultSubmission) -> ResultEvent:
    """Committee staff confirm submitted results (제출 → 확정): they become public."""
    submission = _saved_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, ResultAction.CONFIRM)
    now = timezone.now()
    submission.confirmed_at = now
    return _step(actor, submission, ResultAction.CONFIRM, at=now)


@transaction.atomic
def result_reopen(*, actor: User, submission: ResultSubmission, reason: str) -> ResultEvent:
    """Committee staff reopen confirmed results for correction (확정 → 보완 요청), saying why;
    they are no longer public until confirmed again."""
    submission = _saved_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, ResultAction.REOPEN)
    if not (reason or "").strip():
        raise InvalidInput("확정을 해제하는 까닭을 적어 주세요.")
    submission.confirmed_at = None
    return _step(actor, submission, ResultAction.REOPEN, comment=reason)


def _saved_locked(submission: ResultSubmission) -> ResultSubmission:
    if submission.pk is None:
        submission = result_submission_for(submission.plan, submission.organization)
    return result_submission_locked(submission)


def _check_review(actor: User, submission: ResultSubmission) -> None:
    if not can_review_results(actor, submission):
        raise NotAllowed("추진실적의 보완 요청·확정은 지방시대위원회 담당자만 할 수 있습니다.")


def _check_state(submission: ResultSubmission, action: str) -> None:
    allowed, _to = TRANSITIONS[action]
    if submission.state in allowed:
        return
    labels = ", ".join(ResultState(s).label for s in allowed)
    label = ResultAction(action).label
    raise StateConflict(
        f"지금 상태({submission.get_state_display()})에서는 "
        f"{label}{particle(label, '을')} 할 수 없습니다({labels} 상태에서만 가능). "
        "다른 담당자가 먼저 처리했을 수 있으니 처리 기록을 확인하세요."
    )


def _step(
    actor: User, submission: ResultSubmission, action: str, *, comment: str = "", at=None
) -> ResultEvent:
    """Save the submission in its new state and record the event."""
    comment = text_checked(comment or "", "의견").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise InvalidInput(f"의견은 {COMMENT_MAX_LENGTH:,}자까지 적을 수 있습니다.")
    from_state = submission.state
    submission.state = TRANSITIONS[action][1]
    submission._history_user = actor
    submission._change_reason = f"result.{action}"
    submission.save()
    return ResultEvent.objects.create(
        submission=submission,
        action=action,
        from_state=from_state,
        to_state=submission.state,
        actor=actor,
        at=at or timezone.now(),
        comment=comment,
    )
