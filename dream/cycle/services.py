"""The only write path of the annual cycle: web forms, the API and the CLI call these.

Each service runs in one transaction: it locks the submission (or cycle) row, asks
`permissions.py`, checks the state the transition table expects, saves the new state with
its history and records a `SubmissionEvent`; notices go out after commit. Two people
acting at once therefore get one step and one `StateConflict` (docs/decisions/0007).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan
from dream.search.services import search_index_rebuild

from .choices import CyclePhase, SubmissionAction, SubmissionState
from .errors import Frozen, InvalidInput, NotAllowed, StateConflict, text_checked
from .models import (
    Cycle,
    PlanVersion,
    Submission,
    SubmissionEvent,
    statutory_deadline,
    submission_locked,
)
from .permissions import can_edit_submission, can_manage_cycle, can_review
from .sectoral import sectoral_compile
from .versions import version_create

# The first year planned under the special act's cycle (2024 plan); later years are
# opened at most one year ahead of today.
FIRST_YEAR = 2024

# action → (states it may start from, state it leads to; None: the state stays)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    SubmissionAction.LOCAL_RESOLUTION: (
        (SubmissionState.DRAFTING, SubmissionState.RETURNED),
        None,
    ),
    SubmissionAction.SUBMIT: (
        (SubmissionState.DRAFTING, SubmissionState.RETURNED),
        SubmissionState.SUBMITTED,
    ),
    SubmissionAction.REVIEW: ((SubmissionState.SUBMITTED,), SubmissionState.IN_REVIEW),
    SubmissionAction.RETURN: (
        (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW),
        SubmissionState.RETURNED,
    ),
    SubmissionAction.ACCEPT: (
        (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW),
        SubmissionState.ACCEPTED,
    ),
    SubmissionAction.RESOLVE: ((SubmissionState.ACCEPTED,), SubmissionState.RESOLVED),
}

# Bodies whose own 시·도 지방시대위원회 deliberates the plan before it is submitted.
LOCALLY_RESOLVED_KINDS = (OrganizationKind.PROVINCE, OrganizationKind.SUPER_REGION)


@transaction.atomic
def cycle_open(*, actor: User, year: int, deadline: date | None = None) -> Cycle:
    """Open a plan year's cycle with one submission per body: the 17 provinces, the 7
    super-regions and the ministries carrying tasks in the latest published sectoral plan;
    the guidelines go to the same bodies. The deadline defaults to 15 February."""
    if not can_manage_cycle(actor):
        raise NotAllowed("수립 주기는 지방시대위원회 담당자만 열 수 있습니다.")
    latest = timezone.localdate().year + 1
    if not isinstance(year, int) or not FIRST_YEAR <= year <= latest:
        raise InvalidInput(f"연도는 {FIRST_YEAR}년부터 {latest}년까지 열 수 있습니다.")
    deadline = deadline or statutory_deadline(year)
    if not isinstance(deadline, date) or deadline.year not in (year - 1, year):
        raise InvalidInput(f"제출 기한은 {year - 1}년이나 {year}년의 날짜여야 합니다.")
    exists = StateConflict(f"이미 {year}년 수립 주기가 있습니다.")
    if Cycle.objects.filter(year=year).exists():
        raise exists
    cycle = Cycle(year=year, deadline=deadline, phase=CyclePhase.DRAFTING)
    cycle._history_user = actor
    cycle._change_reason = "cycle.opened"
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        raise exists from None  # opened by someone else a moment ago
    bodies = cycle_bodies(year)
    cycle.recipients.set(bodies)
    for body in bodies:
        submission = Submission(cycle=cycle, organization=body)
        submission._history_user = actor
        submission._change_reason = "submission.opened"
        submission.save()
    return cycle


def cycle_bodies(year: int, *, published: bool = False) -> list[Organization]:
    """The bodies that write a plan for `year`, provinces first, then super-regions, then
    ministries: those with tasks in the latest published sectoral plan before `year` (a
    cycle being opened), or in `year`'s own when its plan is `published` (a document read)."""
    years = {"year": year} if published else {"year__lt": year}
    sectoral = (
        Plan.objects.filter(level=PlanLevel.SECTORAL, is_draft=False, **years)
        .order_by("-year")
        .first()
    )
    regional = Organization.objects.filter(kind__in=LOCALLY_RESOLVED_KINDS)
    ministries = Organization.objects.filter(
        kind=OrganizationKind.MINISTRY, task_links__task__plan=sectoral
    ).distinct()
    order = {OrganizationKind.PROVINCE: 0, OrganizationKind.SUPER_REGION: 1}
    bodies = list(regional) + (list(ministries) if sectoral else [])
    return sorted(bodies, key=lambda o: (order.get(o.kind, 2), o.position, o.short_name))


@transaction.atomic
def submission_record_local_resolution(
    *, actor: User, submission: Submission, resolved_on: date
) -> SubmissionEvent:
    """Record the date the body's own 시·도 지방시대위원회 deliberated its plan (provinces
    and super-regions; 2024 plan, lines 103–105)."""
    submission = submission_locked(submission)
    _check_edit(actor, submission)
    _check_state(submission, SubmissionAction.LOCAL_RESOLUTION)
    if submission.organization.kind not in LOCALLY_RESOLVED_KINDS:
        raise StateConflict("시·도 지방시대위원회 심의는 시·도와 초광역권만 기록합니다.")
    if not isinstance(resolved_on, date):
        raise InvalidInput("심의일을 날짜로 적어 주세요.")
    if resolved_on > timezone.localdate():
        raise InvalidInput("심의일은 오늘이나 그 이전 날짜여야 합니다.")
    submission.local_resolution_date = resolved_on
    return _step(
        actor,
        submission,
        SubmissionAction.LOCAL_RESOLUTION,
        comment=f"심의일 {resolved_on:%Y-%m-%d}",
    )


@transaction.atomic
def submission_submit(*, actor: User, submission: Submission, comment: str = "") -> SubmissionEvent:
    """Submit the draft to the Committee. The first submission's time decides lateness:
    after the cycle's deadline (by the local date) it is marked late, and a plan returned
    for revision and submitted again keeps that mark."""
    submission = submission_locked(submission)
    _check_edit(actor, submission)
    _check_state(submission, SubmissionAction.SUBMIT)
    if submission.plan_id is None:
        raise StateConflict("제출할 시행계획 초안이 없습니다. 먼저 전년 계획에서 초안을 만드세요.")
    if (
        submission.organization.kind in LOCALLY_RESOLVED_KINDS
        and submission.local_resolution_date is None
    ):
        raise StateConflict(
            "시·도 지방시대위원회 심의일을 먼저 기록해야 제출할 수 있습니다(시·도·초광역권)."
        )
    now = timezone.now()
    if submission.submitted_at is None:
        submission.submitted_at = now
        submission.is_late = timezone.localdate(now) > submission.cycle.deadline
    return _step(actor, submission, SubmissionAction.SUBMIT, comment=comment, at=now)


@transaction.atomic
def submission_review(*, actor: User, submission: Submission) -> SubmissionEvent:
    """Committee staff start reviewing a submitted plan."""
    submission = submission_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, SubmissionAction.REVIEW)
    return _step(actor, submission, SubmissionAction.REVIEW)


@transaction.atomic
def submission_return(*, actor: User, submission: Submission, comment: str) -> SubmissionEvent:
    """Committee staff send the plan back for revision, saying what to change."""
    submission = submission_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, SubmissionAction.RETURN)
    if not (comment or "").strip():
        raise InvalidInput("보완 요청에는 무엇을 고쳐야 하는지 의견을 적어 주세요.")
    return _step(actor, submission, SubmissionAction.RETURN, comment=comment)


@transaction.atomic
def submission_accept(*, actor: User, submission: Submission, comment: str = "") -> SubmissionEvent:
    """Committee staff accept the plan for the national plan's resolution."""
    submission = submission_locked(submission)
    _check_review(actor, submission)
    _check_state(submission, SubmissionAction.ACCEPT)
    return _step(actor, submission, SubmissionAction.ACCEPT, comment=comment)


@transaction.atomic
def cycle_resolve(
    *, actor: User, cycle: Cycle, meeting: str, resolved_on: date
) -> list[PlanVersion]:
    """The plenary resolution: every accepted plan is frozen (no longer a draft, version 1
    with its content hash) and its submission resolved; the cycle records the meeting.
    Plans accepted after a resolution are resolved by a later meeting the same way. When a
    ministry's part is among them, the Committee's sectoral plan is compiled anew from all
    resolved parts (`sectoral.py`) and its version, if any, is returned with the others."""
    if not can_manage_cycle(actor):
        raise NotAllowed("시행계획 의결은 지방시대위원회 담당자만 기록할 수 있습니다.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    meeting = text_checked(meeting or "", "의결한 회의").strip()
    if not meeting:
        raise InvalidInput("의결한 회의를 적어 주세요(예: 제6차 지방시대위원회).")
    if not isinstance(resolved_on, date):
        raise InvalidInput("의결일을 날짜로 적어 주세요.")
    submissions = list(
        Submission.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, state=SubmissionState.ACCEPTED)
        .select_related("organization", "plan")
        .order_by("organization__kind", "organization__position", "pk")
    )
    if not submissions:
        raise StateConflict("접수된 시행계획이 없어 의결할 것이 없습니다.")
    versions = []
    for submission in submissions:
        plan = submission.plan
        if plan is not None:
            plan.is_draft = False
            plan._history_user = actor
            plan._change_reason = "plan.resolved"
            plan.save(update_fields=["is_draft"])
            versions.append(
                version_create(plan=plan, actor=actor, meeting=meeting, resolved_on=resolved_on)
            )
            from dream.evaluation.feedback import feedback_on_resolution  # evaluation reads cycle

            feedback_on_resolution(plan)  # linked feedback actions → 반영, or open again
        _step(actor, submission, SubmissionAction.RESOLVE, comment=meeting)
    if any(
        s.plan is not None and s.organization.kind == OrganizationKind.MINISTRY for s in submissions
    ):  # the ministries' parts make the national sectoral plan: compile it anew
        compiled = sectoral_compile(
            actor=actor, cycle=cycle, meeting=meeting, resolved_on=resolved_on
        )
        versions.extend([compiled] if compiled else [])
    cycle.phase = CyclePhase.RESOLVED
    cycle.resolution_meeting = meeting
    cycle.resolution_date = resolved_on
    cycle._history_user = actor
    cycle._change_reason = "cycle.resolved"
    cycle.save()
    search_index_rebuild(year=cycle.year)  # the resolved plans are public now: findable too
    return versions


def _check_edit(actor: User, submission: Submission) -> None:
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 작성·제출할 권한이 없습니다.")


def _check_review(actor: User, submission: Submission) -> None:
    if not can_review(actor, submission):
        raise NotAllowed("시행계획 검토는 지방시대위원회 담당자만 할 수 있습니다.")


def _check_state(submission: Submission, action: str) -> None:
    allowed, _to = TRANSITIONS[action]
    if submission.state in allowed:
        return
    if submission.state == SubmissionState.RESOLVED:
        raise Frozen("의결된 시행계획은 바꿀 수 없습니다. 변경은 사유를 적은 새 판으로 합니다.")
    labels = ", ".join(SubmissionState(s).label for s in allowed)
    label = SubmissionAction(action).label
    raise StateConflict(
        f"지금 상태({submission.get_state_display()})에서는 "
        f"{label}{particle(label, '을')} 할 수 없습니다({labels} 상태에서만 가능). "
        "다른 담당자가 먼저 처리했을 수 있으니 처리 기록을 확인하세요."
    )


def _step(
    actor: User, submission: Submission, action: str, *, comment: str = "", at=None
) -> SubmissionEvent:
    """Save the submission in its new state and record the event; notify after commit."""
    comment = text_checked(comment or "", "의견")
    from_state = submission.state
    to_state = TRANSITIONS[action][1] or from_state
    submission.state = to_state
    submission._history_user = actor
    submission._change_reason = f"submission.{action}"
    submission.save()
    event = SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=at or timezone.now(),
        comment=(comment or "").strip(),
    )
    # robust: the step is committed; a mail server's failure is logged, not the caller's error
    transaction.on_commit(lambda: _notify(event), robust=True)
    return event


def _notify(event: SubmissionEvent) -> None:
    from . import notifications  # the web and mail layer sits above the services

    notifications.event_notify(event)
