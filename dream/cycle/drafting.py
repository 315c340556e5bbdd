"""Writing a body's draft: born from its resolved plan of the year before (roll forward),
then edited item by item. A resolved plan is never edited: a change after resolution is a
new version with its reason (docs/decisions/0007-annual-cycle.md).

Each service locks the submission row, checks the state and permission and writes history
attributed to the actor, in one transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind
from dream.plans.models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    EOK_UNIT,
    Budget,
    Plan,
    Strategy,
    Task,
    TaskMinistry,
)

from .choices import SubmissionAction, SubmissionState
from .errors import Frozen, InvalidInput, NotAllowed, StateConflict
from .models import Submission, SubmissionEvent
from .permissions import can_edit_submission

ROLL_FORWARD_REASON = "plan.rolled_forward"
EDITABLE_STATES = (SubmissionState.DRAFTING, SubmissionState.RETURNED)
LEVEL_OF_KIND = {
    OrganizationKind.PROVINCE: PlanLevel.PROVINCE,
    OrganizationKind.SUPER_REGION: PlanLevel.SUPER_REGION,
    OrganizationKind.MINISTRY: PlanLevel.SECTORAL,
}
FROZEN_MESSAGE = "의결된 시행계획은 고칠 수 없습니다. 변경은 새 판으로 사유를 적어 기록합니다."


@transaction.atomic
def submission_roll_forward(*, actor: User, submission: Submission) -> Plan:
    """The body's draft for the cycle's year, copied from its resolved plan of the year
    before: goal, strategies, task tree with its ministries, and indicators whose baseline
    is last year's target. Budgets are not copied (money is planned per year) and copies
    keep no source line (they were not read from a document)."""
    submission = _locked(submission)
    body = submission.organization
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{body}의 시행계획 초안을 만들 권한이 없습니다.")
    if submission.state != SubmissionState.DRAFTING:
        raise StateConflict(
            f"지금 상태({submission.get_state_display()})에서는 전년 계획에서 초안을 만들 수 "
            "없습니다(작성 중일 때만 가능)."
        )
    if submission.plan_id is not None:
        raise StateConflict("이미 초안이 있습니다. 있는 초안을 고쳐 주세요.")
    year = submission.cycle.year
    level = LEVEL_OF_KIND.get(body.kind)
    if level is None:
        raise StateConflict(
            f"{body}{particle(str(body), '은')} 시행계획을 작성하는 기관이 아닙니다."
        )
    previous, task_ids = _previous_plan(body, level, year - 1)
    if previous is None:
        raise StateConflict(
            f"전년도({year - 1}년)에 의결된 {body}의 시행계획이 없습니다. "
            "초안은 전년도 의결 계획에서만 만들 수 있습니다."
        )
    draft = _draft_copy(actor, previous, task_ids, body=body, level=level, year=year)
    submission.plan = draft
    submission._history_user = actor
    submission._change_reason = ROLL_FORWARD_REASON
    submission.save(update_fields=["plan"])
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionAction.ROLL_FORWARD,
        from_state=submission.state,
        to_state=submission.state,
        actor=actor,
        at=timezone.now(),
        comment=f"{previous.title}에서 초안 작성",
    )
    return draft


@transaction.atomic
def task_update(
    *, actor: User, task: Task, name: str | None = None, description: str | None = None
) -> Task:
    """Rename a draft's task or change its description; None leaves a field as it is."""
    _check_editable(actor, task.plan)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if name is not None:
        name = " ".join(str(name).split())
        if not name:
            raise InvalidInput("과제명을 비워 둘 수 없습니다.")
        task.name = name
    if description is not None:
        task.description = str(description).strip()
    task._history_user = actor
    task.save(update_fields=["name", "description"])
    return task


@transaction.atomic
def budget_set(
    *, actor: User, plan: Plan, strategy: Strategy | None, source: str, amount_eok
) -> Budget:
    """The draft's planned money for its year, one source of one strategy (or of the whole
    plan when `strategy` is None), in 억원: created, or changed where it exists."""
    _check_editable(actor, plan)
    amount = _amount(amount_eok)
    if source not in BudgetSource.values:
        names = ", ".join(BudgetSource.labels)
        raise InvalidInput(f"재원은 {names} 가운데 하나여야 합니다.")
    if strategy is not None and (
        strategy.plan_id != plan.pk or strategy.kind != StrategyKind.PILLAR
    ):
        raise InvalidInput("재정투입은 이 시행계획의 전략(과제·예산 구분)에만 적을 수 있습니다.")
    budget = (
        Budget.objects.select_for_update()
        .filter(plan=plan, strategy=strategy, year=plan.year, source=source)
        .first()
    ) or Budget(plan=plan, strategy=strategy, year=plan.year, source=source)
    budget.amount_eok = amount
    budget._history_user = actor
    budget.save()
    return budget


@transaction.atomic
def budget_update(*, actor: User, budget: Budget, amount_eok) -> Budget:
    """Change the amount of one of the draft's budget cells, in 억원."""
    _check_editable(actor, budget.plan)
    amount = _amount(amount_eok)
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    budget.amount_eok = amount
    budget._history_user = actor
    budget.save(update_fields=["amount_eok"])
    return budget


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("cycle", "organization")
        .get(pk=submission.pk)
    )


def _check_editable(actor: User, plan: Plan) -> Submission:
    """The plan's submission, locked, if `actor` may edit the plan now; refuses otherwise:
    a resolved plan (Frozen), someone who may not write for the body (NotAllowed), a
    submission that is with the Committee (StateConflict)."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(plan_id=plan.pk)
        .first()
    )
    if not Plan.objects.filter(pk=plan.pk, is_draft=True).exists():
        raise Frozen(FROZEN_MESSAGE)
    if submission is None:
        raise StateConflict("이 초안은 수립 주기의 제출에 속하지 않아 고칠 수 없습니다.")
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 고칠 권한이 없습니다.")
    if submission.state not in EDITABLE_STATES:
        labels = ", ".join(SubmissionState(state).label for state in EDITABLE_STATES)
        raise StateConflict(
            f"지금 상태({submission.get_state_display()})에서는 시행계획을 고칠 수 없습니다"
            f"({labels} 상태에서만 가능)."
        )
    return submission


def _amount(value) -> Decimal:
    """An amount in 억원 as the model stores it: a number ≥ 0 with at most two decimals."""
    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"금액을 숫자로 적어 주세요({EOK_UNIT}).")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise InvalidInput(
            f"금액 '{value}'{particle(str(value), '은')} 숫자가 아닙니다({EOK_UNIT})."
        ) from None
    if not amount.is_finite():
        raise InvalidInput(f"금액을 숫자로 적어 주세요({EOK_UNIT}).")
    if amount < 0:
        raise InvalidInput(f"금액은 0{EOK_UNIT} 이상이어야 합니다.")
    if -amount.as_tuple().exponent > AMOUNT_PLACES:
        raise InvalidInput(
            f"금액은 소수점 아래 {AMOUNT_PLACES}자리까지 적을 수 있습니다({EOK_UNIT})."
        )
    whole_digits = AMOUNT_DIGITS - AMOUNT_PLACES
    if amount >= Decimal(10) ** whole_digits:
        raise InvalidInput(
            f"금액이 너무 큽니다: 정수 부분은 {whole_digits}자리까지입니다({EOK_UNIT})."
        )
    return amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES))


def _previous_plan(
    body: Organization, level: str, year: int
) -> tuple[Plan | None, set[int] | None]:
    """The body's resolved plan of `year` and which of its tasks to copy (None: all). A
    ministry without a plan of its own copies its part of the Committee's sectoral plan:
    the tasks it carries, with their ancestors."""
    own = Plan.objects.filter(year=year, level=level, owner=body, is_draft=False).first()
    if own is not None or level != PlanLevel.SECTORAL:
        return own, None
    sectoral = Plan.objects.filter(
        year=year,
        level=PlanLevel.SECTORAL,
        is_draft=False,
        owner__kind=OrganizationKind.COMMITTEE,
    ).first()
    if sectoral is None:
        return None, None
    parents = dict(Task.objects.filter(plan=sectoral).values_list("pk", "parent_id"))
    carried = set(
        TaskMinistry.objects.filter(task__plan=sectoral, ministry=body).values_list(
            "task_id", flat=True
        )
    )
    if not carried:
        return None, None
    wanted = set()
    for task_id in carried:
        while task_id is not None and task_id not in wanted:
            wanted.add(task_id)
            task_id = parents[task_id]
    return sectoral, wanted


def _draft_copy(
    actor: User,
    previous: Plan,
    task_ids: set[int] | None,
    *,
    body: Organization,
    level: str,
    year: int,
) -> Plan:
    history = {"default_user": actor, "default_change_reason": ROLL_FORWARD_REASON}
    whole = task_ids is None
    [draft] = bulk_create_with_history(
        [
            Plan(
                year=year,
                level=level,
                owner=body,
                goal=previous.goal if whole else "",
                is_draft=True,
            )
        ],
        Plan,
        **history,
    )
    tasks = list(previous.tasks.all())
    if not whole:
        tasks = [task for task in tasks if task.pk in task_ids]
    used_strategies = {task.strategy_id for task in tasks}
    strategies = [
        s
        for s in previous.strategies.order_by("kind", "position")
        if whole or s.pk in used_strategies
    ]
    copies = bulk_create_with_history(
        [
            Strategy(plan=draft, kind=s.kind, position=s.position, code=s.code, name=s.name)
            for s in strategies
        ],
        Strategy,
        **history,
    )
    strategy_ids = {old.pk: new.pk for old, new in zip(strategies, copies, strict=True)}
    task_map = _copy_tasks(draft, tasks, strategy_ids, history)
    links = TaskMinistry.objects.filter(task_id__in=task_map).order_by("task_id", "position")
    bulk_create_with_history(
        [
            TaskMinistry(
                task_id=task_map[link.task_id],
                ministry_id=link.ministry_id,
                position=link.position,
                printed_name=link.printed_name,
            )
            for link in links
        ],
        TaskMinistry,
        **history,
    )
    indicators = previous.indicators.order_by("position")
    if not whole:
        indicators = indicators.filter(task_id__in=task_map)
    bulk_create_with_history(
        [
            _indicator_rolled(old, draft, position, task_map.get(old.task_id), year)
            for position, old in enumerate(indicators, start=1)
        ],
        Indicator,
        **history,
    )
    return draft


def _copy_tasks(
    draft: Plan, tasks: list[Task], strategy_ids: dict[int, int], history: dict
) -> dict[int, int]:
    """Copy the tree level by level, so each child is created after its parent; returns
    the new id of each old task."""
    task_map: dict[int, int] = {}
    level = [task for task in tasks if task.parent_id is None]
    children: dict[int, list[Task]] = {}
    for task in tasks:
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(task)
    while level:
        copies = bulk_create_with_history(
            [
                Task(
                    plan=draft,
                    parent_id=task_map.get(task.parent_id),
                    kind=task.kind,
                    position=task.position,
                    code=task.code,
                    name=task.name,
                    description=task.description,
                    strategy_id=strategy_ids.get(task.strategy_id),
                )
                for task in level
            ],
            Task,
            **history,
        )
        task_map.update({old.pk: new.pk for old, new in zip(level, copies, strict=True)})
        level = [child for task in level for child in children.get(task.pk, [])]
    return task_map


def _indicator_rolled(
    old: Indicator, draft: Plan, position: int, task_id: int | None, year: int
) -> Indicator:
    """Last year's target becomes the baseline; the new target is for the editors."""
    return Indicator(
        plan=draft,
        task_id=task_id,
        position=position,
        group=old.group,
        scope=old.scope,
        subgroup=old.subgroup,
        name=old.name,
        unit=old.unit,
        baseline_year=old.target_year,
        baseline_text=old.target_text,
        baseline_value=old.target_value,
        target_year=year,
    )
