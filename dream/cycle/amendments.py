"""Amendments after resolution (issue 9: "an amendment after resolution is a new version
with its reason, never an edit").

The body writes the change on a draft copy of its published plan (a second `Plan` of the
same year with `is_draft`), which no public page shows; the published rows stay as
resolved until the Committee resolves the amendment. Then the copy's content is applied
onto the published rows with `RecordSync` (ids kept where items match, history recorded),
the plan is recorded as its next version with the amendment's reason, and the copy goes.

Each service locks the submission and the amendment, checks permission, then state, and
records a `SubmissionEvent` so the submission's history says who, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import User
from dream.core.korean import particle
from dream.core.sync import RecordSync, held_described
from dream.indicators.models import INDICATOR_CONTENT_FIELDS, Indicator
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry
from dream.search.services import search_index_rebuild

from .choices import AmendmentState, SubmissionAction, SubmissionState
from .drafting import draft_copy
from .errors import InvalidInput, NotAllowed, StateConflict, text_checked
from .models import (
    AMENDMENT_OPEN_STATES,
    Amendment,
    Cycle,
    PlanVersion,
    Submission,
    SubmissionEvent,
    submission_locked,
)
from .permissions import can_edit_submission, can_manage_cycle, can_review, can_view_draft
from .sectoral import sectoral_compile
from .versions import version_create

START_REASON = "amendment.started"
REASON_LIMIT = 2000


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0


@transaction.atomic
def amendment_start(*, actor: User, submission: Submission, reason: str) -> Amendment:
    """Begin amending a resolved plan: a draft copy of the plan as it stands, with every
    value (budgets, indicators) kept, for the body's editors to change."""
    submission = submission_locked(submission)
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 변경할 권한이 없습니다.")
    if submission.state != SubmissionState.RESOLVED:
        raise StateConflict(
            f"지금 상태({submission.get_state_display()})에서는 변경 계획을 시작할 수 "
            "없습니다. 변경 계획은 의결된 시행계획에만 씁니다(그 전에는 초안을 고칩니다)."
        )
    reason = _text(reason, "변경 사유")
    if submission.plan_id is None:
        raise StateConflict(
            f"{submission.organization}의 이 제출에는 기관 자체의 시행계획이 없어 변경할 수 "
            "없습니다(부문별 시행계획에 함께 실림)."
        )
    if submission.amendments.filter(state__in=AMENDMENT_OPEN_STATES).exists():
        raise StateConflict("이 시행계획에 진행 중인 변경 계획이 이미 있습니다.")
    plan = submission.plan
    draft = draft_copy(
        actor,
        plan,
        None,
        body=plan.owner,
        level=plan.level,
        year=plan.year,
        keep_values=True,
        reason=START_REASON,
    )
    number = (submission.amendments.aggregate(last=Max("number"))["last"] or 0) + 1
    amendment = Amendment(
        submission=submission, number=number, reason=reason, draft_plan=draft, created_by=actor
    )
    amendment._history_user = actor
    try:
        with transaction.atomic():
            amendment.save()
    except IntegrityError:
        raise StateConflict("이 시행계획에 진행 중인 변경 계획이 이미 있습니다.") from None
    _event(actor, submission, SubmissionAction.AMENDMENT_START, amendment, reason)
    return amendment


@transaction.atomic
def amendment_submit(*, actor: User, amendment: Amendment, comment: str = "") -> Amendment:
    """The body sends the written amendment to the Committee."""
    submission, amendment = _locked_pair(amendment)
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 변경 계획을 제출할 권한이 없습니다.")
    _check_state(amendment, (AmendmentState.DRAFTING,), "제출")
    return _move(actor, submission, amendment, AmendmentState.SUBMITTED, comment)


@transaction.atomic
def amendment_return(*, actor: User, amendment: Amendment, comment: str) -> Amendment:
    """Committee staff send a submitted amendment back to be written further."""
    submission, amendment = _locked_pair(amendment)
    if not can_review(actor, submission):
        raise NotAllowed("변경 계획에 보완을 요청할 권한이 없습니다(지방시대위원회 담당자만).")
    _check_state(amendment, (AmendmentState.SUBMITTED,), "보완 요청")
    comment = _text(comment, "보완 요청 의견")
    return _move(actor, submission, amendment, AmendmentState.DRAFTING, comment)


@transaction.atomic
def amendment_withdraw(*, actor: User, amendment: Amendment, comment: str = "") -> Amendment:
    """The body (or Committee staff) drop an amendment: its draft copy is deleted and the
    published plan stays as resolved."""
    submission, amendment = _locked_pair(amendment)
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 변경 계획을 철회할 권한이 없습니다.")
    _check_state(amendment, AMENDMENT_OPEN_STATES, "철회")
    _draft_delete(actor, amendment)
    return _move(actor, submission, amendment, AmendmentState.WITHDRAWN, comment)


@transaction.atomic
def amendment_resolve(
    *, actor: User, amendment: Amendment, meeting: str, resolved_on: date
) -> PlanVersion:
    """The Committee resolves a submitted amendment: the draft's content becomes the
    published plan's (rows kept where items match, history attributed to `actor`), recorded
    as the plan's next version with the amendment's reason; the draft copy is deleted. A
    ministry's part makes the national sectoral plan, which is compiled anew
    (`sectoral.sectoral_compile`); the cycle row is locked first, as `cycle_resolve` does."""
    Cycle.objects.select_for_update().get(pk=amendment.submission.cycle_id)
    submission, amendment = _locked_pair(amendment)
    if not can_manage_cycle(actor):
        raise NotAllowed("변경 계획의 의결을 기록할 권한이 없습니다(지방시대위원회 담당자만).")
    _check_state(amendment, (AmendmentState.SUBMITTED,), "의결")
    meeting = _text(meeting, "의결한 회의", limit=100)
    if not isinstance(resolved_on, date):
        raise InvalidInput("의결일을 날짜로 적어 주세요.")
    if resolved_on > timezone.localdate():
        raise InvalidInput("의결일은 오늘이나 그 이전 날짜여야 합니다.")
    plan = Plan.objects.select_for_update().get(pk=submission.plan_id)
    plan_content_apply(
        actor=actor, source=amendment.draft_plan, target=plan, reason=f"amendment.{amendment.pk}"
    )
    version = version_create(
        plan=plan, actor=actor, meeting=meeting, resolved_on=resolved_on, reason=amendment.reason
    )
    from dream.evaluation.feedback import feedback_on_resolution  # evaluation reads cycle

    feedback_on_resolution(plan, copy=amendment.draft_plan)  # before the copy is deleted
    _draft_delete(actor, amendment)
    amendment.version = version
    amendment.resolution_meeting = meeting
    amendment.resolution_date = resolved_on
    _move(actor, submission, amendment, AmendmentState.RESOLVED, meeting)
    if submission.organization.kind == OrganizationKind.MINISTRY:
        sectoral_compile(
            actor=actor, cycle=submission.cycle, meeting=meeting, resolved_on=resolved_on
        )
    search_index_rebuild(year=plan.year)  # the public plan changed: so does what search finds
    return version


def amendment_named(submission: Submission, number: int) -> Amendment:
    """The submission's amendment by its number, or Amendment.DoesNotExist."""
    return Amendment.objects.select_related("draft_plan", "version", "created_by").get(
        submission=submission, number=number
    )


def plan_content_apply(*, actor: User, source: Plan, target: Plan, reason: str) -> None:
    """Make `target`'s goal, strategies, task tree (with ministries), budgets and indicators
    those of `source`, as the importer applies a corrected document: items match by their
    place (strategy kind and position; a task's path of kinds and positions; a budget's
    strategy, year and source; an indicator's position), matched rows keep their id and only
    changed fields are written; the rest are created or deleted, each with its history.
    Source lines stay on matched rows (where the item was read from); a budget or 국비 whose
    amount changed drops its printed text, which no longer shows it."""
    sync = RecordSync(actor, reason, _Counts(), refusal=lambda message, line: InvalidInput(message))
    sync.apply(Plan, {"plan": target}, {"plan": {"goal": source.goal}})

    def strategy_rows(plan: Plan) -> dict[tuple, Strategy]:
        return {(s.kind, s.position): s for s in plan.strategies.all()}

    old_strategies = strategy_rows(target)
    new_strategies = strategy_rows(source)
    strategies = sync.apply(
        Strategy,
        old_strategies,
        {
            key: {
                "plan_id": target.pk,
                "kind": s.kind,
                "position": s.position,
                "code": s.code,
                "name": s.name,
            }
            for key, s in new_strategies.items()
        },
    )
    strategy_key = {s.pk: key for key, s in new_strategies.items()}

    def strategy_id(source_strategy_id: int | None) -> int | None:
        key = strategy_key.get(source_strategy_id)
        return strategies[key].pk if key else None

    old_tasks, old_levels = task_places(target)
    new_tasks, new_levels = task_places(source)
    stored: dict[tuple, Task] = {}
    for depth in range(max(len(old_levels), len(new_levels))):
        wanted = {}
        for key in new_levels[depth] if depth < len(new_levels) else []:
            task = new_tasks[key]
            old = old_tasks.get(key)
            budget_same = old is not None and old.national_budget_eok == task.national_budget_eok
            wanted[key] = {
                "plan_id": target.pk,
                "parent_id": stored[key[:-2]].pk if depth else None,
                "kind": task.kind,
                "position": task.position,
                "code": task.code,
                "name": task.name,
                "strategy_id": strategy_id(task.strategy_id),
                "description": task.description,
                "project_count": task.project_count,
                "national_budget_eok": task.national_budget_eok,
                "national_budget_text": old.national_budget_text if budget_same else "",
            }
        existing = (
            {key: old_tasks[key] for key in old_levels[depth]} if depth < len(old_levels) else {}
        )
        stored.update(sync.apply(Task, existing, wanted))
    task_key = {task.pk: key for key, task in new_tasks.items()}
    old_task_key = {task.pk: key for key, task in old_tasks.items()}

    def task_id(source_task_id: int | None) -> int | None:
        key = task_key.get(source_task_id)
        return stored[key].pk if key else None

    sync.apply(
        TaskMinistry,
        {
            (old_task_key[link.task_id], link.ministry_id): link
            for link in TaskMinistry.objects.filter(task__plan=target)
        },
        {
            (task_key[link.task_id], link.ministry_id): {
                "task_id": task_id(link.task_id),
                "ministry_id": link.ministry_id,
                "position": link.position,
                "printed_name": link.printed_name,
            }
            for link in TaskMinistry.objects.filter(task__plan=source)
        },
    )

    def budget_key(budget: Budget, keys: dict) -> tuple:
        return (keys.get(budget.strategy_id), budget.year, budget.source)

    old_strategy_key = {s.pk: key for key, s in old_strategies.items()}
    old_budgets = {budget_key(b, old_strategy_key): b for b in target.budgets.all()}
    wanted_budgets = {}
    for b in source.budgets.all():
        key = budget_key(b, strategy_key)
        old = old_budgets.get(key)
        wanted_budgets[key] = {
            "plan_id": target.pk,
            "strategy_id": strategy_id(b.strategy_id),
            "year": b.year,
            "source": b.source,
            "amount_eok": b.amount_eok,
            "printed": old.printed if old is not None and old.amount_eok == b.amount_eok else "",
        }
    sync.apply(Budget, old_budgets, wanted_budgets)

    sync.apply(
        Indicator,
        {i.position: i for i in target.indicators.all()},
        {
            i.position: _indicator_values(i, target, task_id(i.task_id))
            for i in source.indicators.all()
        },
    )
    held = sync.stale_held()
    if held:
        raise StateConflict(
            "변경 계획에서 뺀 항목에 실적이 입력되어 있어 반영할 수 없습니다: "
            f"{held_described(held)}. 실적이 입력된 항목은 지울 수 없습니다."
        )
    sync.delete_stale()


def _indicator_values(indicator: Indicator, plan: Plan, task_id: int | None) -> dict[str, Any]:
    return {
        "plan_id": plan.pk,
        "task_id": task_id,
        "position": indicator.position,
        **{name: getattr(indicator, name) for name in INDICATOR_CONTENT_FIELDS},
    }


def task_places(plan: Plan) -> tuple[dict[tuple, Task], list[list[tuple]]]:
    """The plan's tasks by their place: a root by its strategy's kind and position, then
    (kind, position) pairs down the tree; and the keys level by level."""
    rows = list(plan.tasks.select_related("strategy"))
    by_id = {row.pk: row for row in rows}
    keys: dict[int, tuple] = {}

    def key_of(row: Task) -> tuple:
        if row.pk not in keys:
            if row.parent_id is None:
                place = (row.strategy.kind, row.strategy.position) if row.strategy else None
                keys[row.pk] = (place, row.kind, row.position)
            else:
                keys[row.pk] = (*key_of(by_id[row.parent_id]), row.kind, row.position)
        return keys[row.pk]

    tasks = {key_of(row): row for row in rows}
    levels: list[list[tuple]] = []
    for key in tasks:
        depth = (len(key) - 3) // 2
        while len(levels) <= depth:
            levels.append([])
        levels[depth].append(key)
    return tasks, levels


def _locked_pair(amendment: Amendment) -> tuple[Submission, Amendment]:
    """The submission and the amendment read again under row locks, submission first (the
    order every cycle service takes), so two people acting at once get one step each."""
    submission = submission_locked(amendment.submission)
    return submission, Amendment.objects.select_for_update().get(pk=amendment.pk)


def _check_state(amendment: Amendment, allowed: tuple, what: str) -> None:
    if amendment.state in allowed:
        return
    labels = ", ".join(AmendmentState(s).label for s in allowed)
    raise StateConflict(
        f"변경 계획 {amendment.number}번은 지금 상태({amendment.get_state_display()})에서 "
        f"{what}할 수 없습니다({labels} 상태에서만 가능). 다른 담당자가 먼저 처리했을 수 "
        "있으니 처리 기록을 확인하세요."
    )


def _move(
    actor: User, submission: Submission, amendment: Amendment, state: str, comment: str
) -> Amendment:
    action = {
        AmendmentState.SUBMITTED: SubmissionAction.AMENDMENT_SUBMIT,
        AmendmentState.DRAFTING: SubmissionAction.AMENDMENT_RETURN,
        AmendmentState.WITHDRAWN: SubmissionAction.AMENDMENT_WITHDRAW,
        AmendmentState.RESOLVED: SubmissionAction.AMENDMENT_RESOLVE,
    }[state]
    amendment.state = state
    amendment._history_user = actor
    amendment._change_reason = f"amendment.{state}"
    amendment.save()
    _event(actor, submission, action, amendment, comment)
    return amendment


def _event(
    actor: User, submission: Submission, action: str, amendment: Amendment, comment: str
) -> SubmissionEvent:
    """The step in the submission's history; the submission itself stays resolved."""
    text = (comment or "").strip()
    return SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        from_state=submission.state,
        to_state=submission.state,
        actor=actor,
        at=timezone.now(),
        comment=f"변경 {amendment.number}" + (f": {text}" if text else ""),
    )


def _draft_delete(actor: User, amendment: Amendment) -> None:
    """Delete the amendment's draft copy with its rows, each with its history."""
    draft = amendment.draft_plan
    if draft is None:
        return
    amendment.draft_plan = None
    amendment._history_user = actor
    amendment.save(update_fields=["draft_plan"])
    rows: list = [
        *draft.indicators.all(),
        *draft.budgets.all(),
        *TaskMinistry.objects.filter(task__plan=draft),
    ]
    tasks = list(draft.tasks.all())
    depth: dict[int, int] = {}
    parents = {task.pk: task.parent_id for task in tasks}

    def level(pk: int) -> int:
        if pk not in depth:
            depth[pk] = 0 if parents[pk] is None else level(parents[pk]) + 1
        return depth[pk]

    rows += sorted(tasks, key=lambda task: -level(task.pk))
    rows += [*draft.strategies.all(), draft]
    for row in rows:
        row._history_user = actor
        row._change_reason = "amendment.draft_deleted"
        row.delete()


def _text(value, what: str, limit: int = REASON_LIMIT) -> str:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{what}{particle(what, '을')} 글로 적어 주세요.")
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{what}{particle(what, '을')} 적어 주세요.")
    if len(text) > limit:
        raise InvalidInput(f"{what}{particle(what, '은')} {limit:,}자까지 적을 수 있습니다.")
    return text_checked(text, what)


# The steps on an amendment by name (the web form's and the API's `{action}`), each called
# with the actor, the amendment and the form's or body's data.
AMENDMENT_STEPS = {
    "submit": lambda actor, amendment, data: amendment_submit(
        actor=actor, amendment=amendment, comment=data.get("comment", "")
    ),
    "return": lambda actor, amendment, data: amendment_return(
        actor=actor, amendment=amendment, comment=data.get("comment", "")
    ),
    "withdraw": lambda actor, amendment, data: amendment_withdraw(
        actor=actor, amendment=amendment, comment=data.get("comment", "")
    ),
    "resolve": lambda actor, amendment, data: amendment_resolve(
        actor=actor,
        amendment=amendment,
        meeting=data.get("meeting", ""),
        resolved_on=data.get("resolved_on"),
    ),
}
AMENDMENT_STEP_LABELS = {
    "submit": "변경 계획 제출",
    "return": "보완 요청",
    "withdraw": "철회",
    "resolve": "의결 기록",
}


def amendment_actions(user: User, amendment: Amendment) -> list[str]:
    """The steps `user` may take on `amendment` now (what the page offers; the services
    decide again)."""
    submission = amendment.submission
    may_edit = can_edit_submission(user, submission)
    if amendment.state == AmendmentState.DRAFTING:
        return ["submit", "withdraw"] if may_edit else []
    if amendment.state == AmendmentState.SUBMITTED:
        steps = []
        if can_review(user, submission):
            steps.append("return")
        if can_manage_cycle(user):
            steps.append("resolve")
        if may_edit:
            steps.append("withdraw")
        return steps
    return []


def amendment_may_start(user: User, submission: Submission) -> bool:
    """Whether the page offers to start an amendment: a resolved plan of the body's own
    without an amendment under way, and someone who may write for the body."""
    return (
        submission.state == SubmissionState.RESOLVED
        and submission.plan_id is not None
        and not submission.amendments.filter(state__in=AMENDMENT_OPEN_STATES).exists()
        and can_edit_submission(user, submission)
    )


def can_view_amendment_draft(user: User, submission: Submission) -> bool:
    """An amendment's number, reason and steps are part of the submission's record, shown
    with its events; the draft copy's content, like any draft, only to the body's members
    and the Committee."""
    return can_view_draft(user, submission)
