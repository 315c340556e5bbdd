"""Writing a body's draft: born from its resolved plan of the year before (roll forward),
then edited item by item. A resolved plan is never edited: a change after resolution is a
new version with its reason (docs/decisions/0007-annual-cycle.md).

Each service locks the submission row, checks the state and permission and writes history
attributed to the actor, in one transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.indicators.choices import IndicatorDirection, IndicatorGroup
from dream.indicators.models import INDICATOR_CONTENT_FIELDS, Indicator
from dream.ingest.numbers import parse_number
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
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

from .choices import AmendmentState, SubmissionAction, SubmissionState
from .errors import Frozen, InvalidInput, NotAllowed, StateConflict, text_checked
from .models import Amendment, Submission, SubmissionEvent, submission_locked
from .permissions import can_edit_submission

ROLL_FORWARD_REASON = "plan.rolled_forward"
EDITABLE_STATES = (SubmissionState.DRAFTING, SubmissionState.RETURNED)
LEVEL_OF_KIND = {
    OrganizationKind.PROVINCE: PlanLevel.PROVINCE,
    OrganizationKind.SUPER_REGION: PlanLevel.SUPER_REGION,
    OrganizationKind.MINISTRY: PlanLevel.SECTORAL,
}
# Which kinds of task may sit under which (None: directly under a strategy).
CHILD_KINDS = {
    None: (TaskKind.CORE,),
    TaskKind.CORE: (TaskKind.PRACTICAL, TaskKind.DETAILED, TaskKind.ITEM, TaskKind.PROJECT),
    TaskKind.PRACTICAL: (TaskKind.PROJECT,),
}
# Tasks that carry a 국비 amount of their own (the ministries' tables print it).
BUDGET_TASK_KINDS = (TaskKind.PRACTICAL, TaskKind.PROJECT)
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FROZEN_MESSAGE = "의결된 시행계획은 고칠 수 없습니다. 변경은 새 판으로 사유를 적어 기록합니다."


@transaction.atomic
def submission_roll_forward(*, actor: User, submission: Submission) -> Plan:
    """The body's draft for the cycle's year, copied from its resolved plan of the year
    before: goal, strategies, task tree with its ministries, and indicators whose baseline
    is last year's target. Budgets are not copied (money is planned per year) and copies
    keep no source line (they were not read from a document)."""
    submission = submission_locked(submission)
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
    draft = draft_copy(actor, previous, task_ids, body=body, level=level, year=year)
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
    *,
    actor: User,
    task: Task,
    name: str | None = None,
    description: str | None = None,
    national_budget_eok=None,
) -> Task:
    """Rename a draft's task or change its description; None leaves a field as it is.
    `national_budget_eok` (억원) is the 국비 of a project line or practical task; an empty
    text clears it."""
    check_editable(actor, task.plan)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if name is not None:
        name = _line(name, "과제명")
        if not name:
            raise InvalidInput("과제명을 비워 둘 수 없습니다.")
        task.name = name
    if description is not None:
        task.description = text_checked(str(description), "내용").strip()
    if national_budget_eok is not None:
        task.national_budget_eok = _task_budget(task.kind, national_budget_eok)
    task._history_user = actor
    task.save(update_fields=["name", "description", "national_budget_eok"])
    return task


@transaction.atomic
def plan_goal_update(*, actor: User, plan: Plan, goal: str) -> Plan:
    """Change the draft's goal (목표)."""
    check_editable(actor, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.goal = _line(goal, "목표")
    plan._history_user = actor
    plan.save(update_fields=["goal"])
    return plan


@transaction.atomic
def strategy_update(*, actor: User, strategy: Strategy, name: str) -> Strategy:
    """Rename one of the draft's strategies."""
    check_editable(actor, strategy.plan)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    name = _line(name, "전략명")
    if not name:
        raise InvalidInput("전략명을 비워 둘 수 없습니다.")
    strategy.name = name
    strategy._history_user = actor
    strategy.save(update_fields=["name"])
    return strategy


@transaction.atomic
def indicator_update(
    *,
    actor: User,
    indicator: Indicator,
    name: str | None = None,
    unit: str | None = None,
    baseline_text: str | None = None,
    target_text: str | None = None,
    direction: str | None = None,
) -> Indicator:
    """Change one of the draft's indicators; None leaves a field as it is. Values are kept
    as written beside the number read from them, as for printed plans; a value that is not
    a number (e.g. "기본계획 고시") is kept as text without a number."""
    check_editable(actor, indicator.plan)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _indicator_fill(indicator, name, unit, baseline_text, target_text, direction)
    indicator._history_user = actor
    indicator.save()
    return indicator


def _indicator_fill(
    indicator: Indicator,
    name: str | None,
    unit: str | None,
    baseline_text: str | None,
    target_text: str | None,
    direction: str | None,
) -> None:
    """Set the fields given (None leaves one as it is), refusing what cannot be read."""
    if name is not None:
        name = _line(name, "지표명")
        if not name:
            raise InvalidInput("지표명을 비워 둘 수 없습니다.")
        indicator.name = name
    if unit is not None:
        indicator.unit = _bounded(unit, 30, "단위")
    if baseline_text is not None:
        indicator.baseline_text = _bounded(baseline_text, 100, "기준값")
        indicator.baseline_value = _indicator_value(indicator.baseline_text, indicator.unit)
    if target_text is not None:
        indicator.target_text = _bounded(target_text, 500, "목표값")
        indicator.target_value = _indicator_value(indicator.target_text, indicator.unit)
    if direction is not None:
        if direction not in ("", *IndicatorDirection.values):
            names = ", ".join(IndicatorDirection.labels)
            raise InvalidInput(f"방향은 {names} 가운데 하나이거나 비워 두어야 합니다.")
        indicator.direction = direction


@transaction.atomic
def budget_set(
    *, actor: User, plan: Plan, strategy: Strategy | None, source: str, amount_eok
) -> Budget:
    """The draft's planned money for its year, one source of one strategy (or of the whole
    plan when `strategy` is None), in 억원: created, or changed where it exists."""
    check_editable(actor, plan)
    amount = amount_checked(amount_eok)
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
        .order_by("pk")  # the default order joins the nullable strategy: no FOR UPDATE on PG
        .first()
    ) or Budget(plan=plan, strategy=strategy, year=plan.year, source=source)
    budget.amount_eok = amount
    budget._history_user = actor
    budget.save()
    return budget


@transaction.atomic
def budget_update(*, actor: User, budget: Budget, amount_eok) -> Budget:
    """Change the amount of one of the draft's budget cells, in 억원."""
    check_editable(actor, budget.plan)
    amount = amount_checked(amount_eok)
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    budget.amount_eok = amount
    budget._history_user = actor
    budget.save(update_fields=["amount_eok"])
    return budget


@transaction.atomic
def strategy_add(*, actor: User, plan: Plan, name: str) -> Strategy:
    """A new pillar strategy (the rows that group tasks and money) at the end of the
    draft's list, numbered as printed plans number them (Ⅰ, Ⅱ …)."""
    check_editable(actor, plan)
    name = _name(name, "전략명")
    last = plan.strategies.filter(kind=StrategyKind.PILLAR).aggregate(Max("position"))
    position = (last["position__max"] or 0) + 1
    code = ROMAN[position - 1] if position <= len(ROMAN) else str(position)
    strategy = Strategy(
        plan=plan, kind=StrategyKind.PILLAR, position=position, code=code, name=name
    )
    strategy._history_user = actor
    strategy.save()
    return strategy


@transaction.atomic
def strategy_remove(*, actor: User, strategy: Strategy) -> None:
    """Remove a strategy with its budget cells (money of a strategy that is gone has no row
    to be shown in). Refused while tasks use it: they would fall out of the task tree, so
    the editor removes them first, knowingly."""
    check_editable(actor, strategy.plan)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    used = strategy.tasks.count()
    if used:
        raise InvalidInput(
            f"전략 '{strategy.name}'에 과제 {used:,}건이 있어 지울 수 없습니다. "
            "과제를 먼저 지워 주세요."
        )
    for budget in strategy.budgets.all():
        budget._history_user = actor
        budget.delete()
    strategy._history_user = actor
    strategy.delete()


@transaction.atomic
def task_add(
    *,
    actor: User,
    plan: Plan,
    parent: Task | None,
    name: str,
    kind: str,
    strategy: Strategy | None = None,
    national_budget_eok=None,
) -> Task:
    """A new task at the end of its place in the tree: a core task under a pillar strategy,
    a practical, detailed task or plan item under a core task, a project line (사업, with
    its 국비 in 억원) under a practical or core task. A child keeps its parent's strategy.
    In a ministry's draft the new task is carried by that ministry."""
    check_editable(actor, plan)
    if kind not in TaskKind.values:
        raise InvalidInput("과제 종류를 알 수 없습니다.")
    kind = TaskKind(kind)
    if parent is not None and parent.plan_id != plan.pk:
        raise InvalidInput("상위 과제가 이 시행계획에 없습니다.")
    allowed = CHILD_KINDS.get(parent.kind if parent else None, ())
    if kind not in allowed:
        where = TaskKind(parent.kind).label if parent else "전략"
        if not allowed:
            raise InvalidInput(f"{where} 아래에는 과제를 둘 수 없습니다.")
        labels = ", ".join(TaskKind(k).label for k in allowed)
        raise InvalidInput(f"{where} 아래에는 {labels}만 둘 수 있습니다.")
    if parent is None:
        if strategy is None:
            raise InvalidInput("핵심과제는 전략 아래에 둡니다. 전략을 골라 주세요.")
        if strategy.plan_id != plan.pk or strategy.kind != StrategyKind.PILLAR:
            raise InvalidInput("과제는 이 시행계획의 전략(과제·예산 구분) 아래에만 둘 수 있습니다.")
        siblings = Task.objects.filter(plan=plan, parent=None, strategy=strategy, kind=kind)
    else:
        if strategy is not None and strategy.pk != parent.strategy_id:
            raise InvalidInput("하위 과제는 상위 과제의 전략을 따릅니다.")
        strategy = parent.strategy
        siblings = Task.objects.filter(parent=parent, kind=kind)
    position = (siblings.aggregate(Max("position"))["position__max"] or 0) + 1
    task = Task(
        plan=plan,
        parent=parent,
        strategy=strategy,
        kind=kind,
        position=position,
        code=_task_code(kind, position, strategy),
        name=_name(name, "과제명"),
        national_budget_eok=_task_budget(kind, national_budget_eok),
    )
    task._history_user = actor
    task.save()
    owner = plan.owner
    if plan.level == PlanLevel.SECTORAL and owner.kind == OrganizationKind.MINISTRY:
        link = TaskMinistry(task=task, ministry=owner, position=1, printed_name=str(owner))
        link._history_user = actor
        link.save()
    return task


@transaction.atomic
def task_remove(*, actor: User, task: Task) -> int:
    """Remove a draft's task with every task under it; returns how many went. Refused while
    an indicator hangs on one of them: the indicator would silently lose its task (the link
    empties) and go on measuring something the plan no longer names, so the editor removes
    the indicator first, on purpose."""
    check_editable(actor, task.plan)
    task = Task.objects.select_for_update().get(pk=task.pk)
    children: dict[int, list[int]] = {}
    for pk, parent_id in Task.objects.filter(plan=task.plan_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    subtree = [task.pk]
    for pk in subtree:
        subtree.extend(children.get(pk, []))
    attached = list(
        Indicator.objects.filter(task_id__in=subtree)
        .order_by("position")
        .values_list("name", flat=True)
    )
    if attached:
        names = ", ".join(f"'{name}'" for name in attached[:3])
        raise InvalidInput(
            f"과제 '{task.name}'에 성과지표 {len(attached):,}건({names})이 연결되어 있어 "
            "지울 수 없습니다. 성과지표를 먼저 지워 주세요."
        )
    for link in TaskMinistry.objects.filter(task_id__in=subtree):
        link._history_user = actor
        link.delete()
    nodes = Task.objects.in_bulk(subtree)
    for pk in reversed(subtree):
        nodes[pk]._history_user = actor
        nodes[pk].delete()
    return len(subtree)


@transaction.atomic
def indicator_add(
    *,
    actor: User,
    plan: Plan,
    name: str,
    unit: str = "",
    baseline_text: str = "",
    target_text: str = "",
    direction: str = "",
    task: Task | None = None,
) -> Indicator:
    """A new indicator at the end of the draft's list, with the baseline of the year
    before and the target of the plan year, as the roll-forward sets them. It is the
    body's own (자율지표): common indicators come with the guidelines."""
    check_editable(actor, plan)
    if task is not None and task.plan_id != plan.pk:
        raise InvalidInput("성과지표를 연결할 과제가 이 시행계획에 없습니다.")
    last = plan.indicators.aggregate(Max("position"))["position__max"] or 0
    indicator = Indicator(
        plan=plan,
        task=task,
        position=last + 1,
        group=IndicatorGroup.AUTONOMOUS,
        scope=task.name if task else "",
        baseline_year=plan.year - 1,
        target_year=plan.year,
    )
    _indicator_fill(
        indicator, name if name is not None else "", unit, baseline_text, target_text, direction
    )
    indicator._history_user = actor
    indicator.save()
    return indicator


@transaction.atomic
def indicator_remove(*, actor: User, indicator: Indicator) -> None:
    """Remove one of the draft's indicators."""
    check_editable(actor, indicator.plan)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    indicator._history_user = actor
    indicator.delete()


def _name(value, what: str, limit: int = 500) -> str:
    text = _bounded(value if value is not None else "", limit, what)
    if not text:
        raise InvalidInput(f"{what}{particle(what, '을')} 비워 둘 수 없습니다.")
    return text


def _task_code(kind: str, position: int, strategy: Strategy | None) -> str:
    """Numbered as printed plans number each level: Ⅰ-1, (1), ①; others unnumbered."""
    if kind == TaskKind.CORE:
        return f"{strategy.code}-{position}" if strategy and strategy.code else str(position)
    if kind == TaskKind.PRACTICAL:
        return f"({position})"
    if kind == TaskKind.DETAILED:
        return CIRCLED[position - 1] if position <= len(CIRCLED) else f"({position})"
    return ""


def _task_budget(kind: str, value) -> Decimal | None:
    """The 국비 of a project line or practical task in 억원; an empty value clears it."""
    if value is None or str(value).strip() == "":
        return None
    if kind not in BUDGET_TASK_KINDS:
        labels = ", ".join(TaskKind(k).label for k in BUDGET_TASK_KINDS)
        raise InvalidInput(f"국비는 {labels}에만 적습니다.")
    return amount_checked(value)


def _bounded(value, limit: int, what: str) -> str:
    text = _line(value, what)
    if len(text) > limit:
        raise InvalidInput(f"{what}은(는) {limit:,}자까지 적을 수 있습니다.")
    return text


def _line(value, what: str) -> str:
    """One line of text: runs of whitespace (tabs and line breaks too) become one space;
    a control character is refused (`text_checked`)."""
    return " ".join(text_checked(str(value), what).split())


def _indicator_value(text: str, unit: str):
    """The number in an indicator value as the reader would read it, or None for a text
    value such as "기본계획 고시". A number the reader would only guess at ("31,6") is
    refused here, since the editor can still write it plainly."""
    if not text:
        return None
    parsed = parse_number(text, unit)
    if parsed.problem and parsed.value is not None:
        raise InvalidInput(f"{parsed.problem}. 소수점은 마침표로 적어 주세요.")
    return parsed.value


def check_editable(actor: User, plan: Plan) -> Submission:
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
        amendment = Amendment.objects.filter(draft_plan_id=plan.pk).first()
        if amendment is not None:
            return _amendment_editable(actor, amendment)
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


def _amendment_editable(actor: User, amendment: Amendment) -> Submission:
    """The draft of an amendment is edited like a draft while it is being written (작성 중),
    by those who may write for the body; once submitted it waits for the Committee."""
    submission = submission_locked(amendment.submission)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 고칠 권한이 없습니다.")
    if amendment.state != AmendmentState.DRAFTING:
        raise StateConflict(
            f"변경 계획 {amendment.number}번은 지금 상태({amendment.get_state_display()})에서는 "
            f"고칠 수 없습니다({AmendmentState.DRAFTING.label} 상태에서만 가능)."
        )
    return submission


def amount_checked(value) -> Decimal:
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


def draft_copy(
    actor: User,
    previous: Plan,
    task_ids: set[int] | None,
    *,
    body: Organization,
    level: str,
    year: int,
    keep_values: bool = False,
    reason: str = ROLL_FORWARD_REASON,
) -> Plan:
    """A draft copy of `previous` (only `task_ids` and their strategies when given). A roll
    forward drops budgets and makes last year's targets the baselines; `keep_values` keeps
    everything as it is (an amendment starts from the plan as resolved)."""
    history = {"default_user": actor, "default_change_reason": reason}
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
    task_map = _copy_tasks(draft, tasks, strategy_ids, history, keep_values=keep_values)
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
    copy_indicator = _indicator_kept if keep_values else _indicator_rolled
    bulk_create_with_history(
        [
            copy_indicator(old, draft, position, task_map.get(old.task_id), year)
            for position, old in enumerate(indicators, start=1)
        ],
        Indicator,
        **history,
    )
    if keep_values:
        bulk_create_with_history(
            [
                Budget(
                    plan=draft,
                    strategy_id=strategy_ids.get(b.strategy_id),
                    year=b.year,
                    source=b.source,
                    amount_eok=b.amount_eok,
                    printed=b.printed,
                )
                for b in previous.budgets.order_by("pk")
                if b.strategy_id is None or b.strategy_id in strategy_ids
            ],
            Budget,
            **history,
        )
    return draft


def _copy_tasks(
    draft: Plan,
    tasks: list[Task],
    strategy_ids: dict[int, int],
    history: dict,
    *,
    keep_values: bool = False,
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
                    **(
                        {
                            "project_count": task.project_count,
                            "national_budget_eok": task.national_budget_eok,
                            "national_budget_text": task.national_budget_text,
                        }
                        if keep_values
                        else {}
                    ),
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


@transaction.atomic
def task_move(
    *, actor: User, task: Task, parent: Task | None = None, strategy: Strategy | None = None
) -> Task:
    """Move a draft's task with everything under it: under another task (`parent`) of a
    kind that may hold it (CHILD_KINDS), or, for a core task, to another pillar strategy
    (`strategy`, parent None). It goes to the end of its new place and is numbered there
    as task_add numbers; the tasks after it at its old place move up one, so the printed
    numbering (Ⅰ-1, (1), ①) stays without gaps. Children follow their parent's strategy."""
    plan = task.plan
    check_editable(actor, plan)
    task = Task.objects.select_for_update(of=("self",)).select_related("strategy").get(pk=task.pk)
    if parent is None and strategy is None:
        raise InvalidInput("옮겨 갈 상위 과제나 전략을 골라 주세요.")
    if parent is not None and parent.plan_id != task.plan_id:
        raise InvalidInput("옮겨 갈 상위 과제가 이 시행계획에 없습니다.")
    if strategy is not None and strategy.plan_id != task.plan_id:
        raise InvalidInput("옮겨 갈 전략이 이 시행계획에 없습니다.")
    allowed = CHILD_KINDS.get(parent.kind if parent else None, ())
    if task.kind not in allowed:
        where = TaskKind(parent.kind).label if parent else "전략"
        what = TaskKind(task.kind).label
        if not allowed:
            raise InvalidInput(f"{where} 아래에는 과제를 둘 수 없습니다.")
        labels = ", ".join(TaskKind(k).label for k in allowed)
        raise InvalidInput(
            f"{where} 아래에는 {labels}만 둘 수 있어 {what}{particle(what, '을')} 옮길 수 없습니다."
        )
    subtree = task_subtree(task)
    if parent is not None:
        if parent.pk in subtree:
            raise InvalidInput("과제를 자기 자신이나 그 하위 과제 아래로 옮길 수 없습니다.")
        if strategy is not None and strategy.pk != parent.strategy_id:
            raise InvalidInput("하위 과제는 상위 과제의 전략을 따릅니다.")
        strategy = parent.strategy
        siblings = Task.objects.filter(parent=parent, kind=task.kind)
        if task.parent_id == parent.pk:
            return task
    else:
        if strategy.kind != StrategyKind.PILLAR:
            raise InvalidInput("과제는 이 시행계획의 전략(과제·예산 구분) 아래에만 둘 수 있습니다.")
        siblings = Task.objects.filter(plan=plan, parent=None, strategy=strategy, kind=task.kind)
        if task.parent_id is None and task.strategy_id == strategy.pk:
            return task
    old_parent_id, old_strategy, old_position = task.parent_id, task.strategy, task.position
    old_strategy_id = task.strategy_id
    position = (siblings.aggregate(Max("position"))["position__max"] or 0) + 1
    task.parent = parent
    task.strategy = strategy
    task.position = position
    if task.code:  # a plan printed without numbers stays without
        task.code = _task_code(task.kind, position, strategy)
    task._history_user = actor
    task.save(update_fields=["parent", "strategy", "position", "code"])
    if task.strategy_id != old_strategy_id:
        for child in Task.objects.filter(pk__in=subtree[1:]).order_by("pk"):
            child.strategy = strategy
            child._history_user = actor
            child.save(update_fields=["strategy"])
    _close_gap(actor, task, old_parent_id, old_strategy, old_position)
    return task


def task_subtree(task: Task) -> list[int]:
    """The ids of `task` and every task under it, the task first."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Task.objects.filter(plan=task.plan_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    subtree = [task.pk]
    for pk in subtree:
        subtree.extend(children.get(pk, []))
    return subtree


def _close_gap(
    actor: User, moved: Task, parent_id: int | None, strategy: Strategy | None, position: int
) -> None:
    """The tasks of the moved task's kind after it at its old place move up one, in order
    (each takes the place just freed). A number in the editor's scheme follows its place;
    a number printed otherwise (read from a document) is kept as printed."""
    if parent_id is None:
        after = Task.objects.filter(
            plan=moved.plan_id, parent=None, strategy=strategy, kind=moved.kind
        )
    else:
        after = Task.objects.filter(parent_id=parent_id, kind=moved.kind)
    for sibling in after.filter(position__gt=position).order_by("position"):
        fields = ["position"]
        if sibling.code == _task_code(sibling.kind, sibling.position, strategy):
            sibling.code = _task_code(sibling.kind, sibling.position - 1, strategy)
            fields.append("code")
        sibling.position -= 1
        sibling._history_user = actor
        sibling.save(update_fields=fields)


@transaction.atomic
def indicator_relink(*, actor: User, indicator: Indicator, task: Task | None = None) -> Indicator:
    """Link one of the draft's indicators to another task of the same draft, or to none
    (`task` None: it measures the plan as a whole). Its scope (해당 전략·과제) follows the
    task it now measures."""
    check_editable(actor, indicator.plan)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if task is not None and task.plan_id != indicator.plan_id:
        raise InvalidInput("성과지표를 연결할 과제가 이 시행계획에 없습니다.")
    if indicator.task_id == (task.pk if task is not None else None):
        return indicator
    indicator.task = task
    indicator.scope = task.name if task is not None else ""
    indicator._history_user = actor
    indicator.save(update_fields=["task", "scope"])
    return indicator


@transaction.atomic
def budget_remove(*, actor: User, budget: Budget) -> None:
    """Remove one of the draft's budget cells: 0억원 says the plan puts no money there,
    an absent cell says it does not plan that source at all (the checks no longer add it)."""
    check_editable(actor, budget.plan)
    budget = Budget.objects.select_for_update(of=("self",)).filter(pk=budget.pk).first()
    if budget is None:
        return
    budget._history_user = actor
    budget.delete()


def _indicator_kept(
    old: Indicator, draft: Plan, position: int, task_id: int | None, year: int
) -> Indicator:
    """The indicator as it stands (an amendment's copy): every value and its place kept."""
    return Indicator(
        plan=draft,
        task_id=task_id,
        position=old.position,
        **{name: getattr(old, name) for name in INDICATOR_CONTENT_FIELDS},
    )
