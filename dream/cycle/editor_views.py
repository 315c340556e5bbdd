"""The draft editor (issue 9, Drafting): a body's whole draft on one page — goal,
strategies, task tree, money by strategy × source, project lines, indicators — with a
small form per item for those who may edit it now, and beside each item its findings
and the Committee's comments. Each form posts to one URL per kind of edit, which calls
the drafting service; the service checks permission and state again and says in Korean
what it refuses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.ingest.numbers import plain
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import EOK_UNIT, Strategy, Task

from . import drafting
from .checks import draft_findings
from .choices import ItemKind, SubmissionState
from .comments import comments_by_item
from .editor_forms import (
    GRID_SOURCES,
    BudgetRowForm,
    BudgetTaskForm,
    GoalForm,
    IndicatorAddForm,
    IndicatorForm,
    StrategyForm,
    TaskAddForm,
    TaskForm,
)
from .errors import CycleError, NotAllowed
from .models import Submission
from .permissions import can_edit_submission, can_review, can_view_submission
from .selectors import submission_named
from .views import _forbidden

ADDABLE = ("strategy", "task", "indicator")
UPDATABLE = ("plan", "strategy", "task", "budget", "indicator")
REMOVABLE = ("strategy", "task", "indicator")
ITEM_MODELS = {"strategy": Strategy, "task": Task, "indicator": Indicator}
# Committee staff comment while the plan is with them; the body answers until it is accepted.
COMMENT_STATES = (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW)
ANSWER_STATES = (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW, SubmissionState.RETURNED)
BIGGEST_ID = 2**63 - 1
SECTION = {"strategy": "strategies", "task": "tasks", "indicator": "indicators"}
DONE = {
    "plan": "목표를 고쳤습니다.",
    "strategy": "전략을 고쳤습니다.",
    "task": "과제를 고쳤습니다.",
    "budget": "재정투입을 고쳤습니다.",
    "indicator": "성과지표를 고쳤습니다.",
}
ADDED = {
    "strategy": "전략을 더했습니다.",
    "task": "과제를 더했습니다.",
    "indicator": "성과지표를 더했습니다.",
}
REMOVED = {
    "strategy": "전략을 지웠습니다.",
    "task": "과제를 지웠습니다.",
    "indicator": "성과지표를 지웠습니다.",
}


@dataclass
class Notes:
    """What is said about one item: the live checks' findings and the comments."""

    findings: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def findings_by_item(findings) -> dict[tuple[str, int], list]:
    """Any list of DraftFinding grouped by the item it is about, in its order."""
    grouped: dict[tuple[str, int], list] = defaultdict(list)
    for finding in findings:
        grouped[(str(finding.item_kind), int(finding.item_id))].append(finding)
    return dict(grouped)


def edit_refusal(user, submission: Submission) -> str | None:
    """Why the signed-in person cannot edit the draft now, in Korean; None when they can.
    The services decide again on every edit; this only chooses what the page offers."""
    if submission.plan is None and submission.state != SubmissionState.DRAFTING:
        return f"{submission.organization}의 이 제출에는 기관 자체의 시행계획이 없습니다."
    if submission.plan is None:
        return "아직 초안이 없습니다. 제출 화면에서 전년도 의결 계획으로 초안을 만들 수 있습니다."
    if not submission.plan.is_draft:
        return drafting.FROZEN_MESSAGE
    if not can_edit_submission(user, submission):
        return f"{submission.organization}의 시행계획을 볼 수 있지만 고칠 권한은 없습니다."
    if submission.state not in drafting.EDITABLE_STATES:
        labels = ", ".join(SubmissionState(s).label for s in drafting.EDITABLE_STATES)
        return (
            f"지금 상태({submission.get_state_display()})에서는 고칠 수 없습니다"
            f"({labels} 상태에서만 가능)."
        )
    return None


@require_GET
def draft_edit_view(request, year: int, org: str):
    """The whole draft with its forms, findings and comments."""
    submission = submission_named(year, org)
    if submission.organization.short_name != org:
        return redirect("cycle:draft_edit", year=year, org=submission.organization.short_name)
    if not can_view_submission(request.user, submission):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return _forbidden(
            request, f"{submission.organization}의 초안은 그 기관과 지방시대위원회만 봅니다."
        )
    refusal = edit_refusal(request.user, submission)
    context = {
        "submission": submission,
        "cycle": submission.cycle,
        "plan": submission.plan,
        "editable": refusal is None,
        "refusal": refusal,
        "unit": EOK_UNIT,
    }
    if submission.plan is not None:
        context.update(_sheet(request.user, submission, editable=refusal is None))
    return render(request, "cycle/draft_edit.html", context)


def _sheet(user, submission: Submission, *, editable: bool) -> dict:
    """Every item of the draft with its notes and, when editable, its forms."""
    plan = submission.plan
    findings = findings_by_item(draft_findings(plan))
    comments = comments_by_item(submission)
    shown: set[tuple[str, int]] = set()

    def notes(kind: str, *ids: int) -> Notes:
        keys = [(kind, pk) for pk in ids]
        shown.update(keys)
        return Notes(
            findings=[f for key in keys for f in findings.get(key, [])],
            comments=[c for key in keys for c in comments.get(key, [])],
        )

    plan.notes = notes(ItemKind.PLAN, plan.pk)
    strategies = list(plan.strategies.order_by("kind", "position"))
    pillars = [s for s in strategies if s.kind == StrategyKind.PILLAR]
    tasks = list(plan.tasks.order_by("position", "pk"))
    indicators = list(plan.indicators.select_related("task").order_by("position"))
    budgets = list(plan.budgets.filter(year=plan.year))
    for kind, items in (
        (ItemKind.STRATEGY, strategies),
        (ItemKind.TASK, tasks),
        (ItemKind.INDICATOR, indicators),
    ):
        for item in items:
            item.notes = notes(kind, item.pk)
            item.anchor = f"{kind}-{item.pk}"
    grid = _grid(pillars, budgets, notes)
    if editable:
        _attach_forms(plan, strategies, pillars, tasks, indicators, grid)
    return {
        "strategies": strategies,
        "pillars": pillars,
        "rows": _tree(tasks, strategies),
        "projects": [t for t in tasks if t.kind == TaskKind.PROJECT],
        "project_total": sum(
            (
                t.national_budget_eok
                for t in tasks
                if t.kind == TaskKind.PROJECT and t.national_budget_eok
            ),
            start=0,
        ),
        "grid": grid,
        "sources": [s.label for s in GRID_SOURCES],
        "indicators": indicators,
        "other_findings": [f for key, found in findings.items() if key not in shown for f in found],
        "severity": dict(Finding.Severity.choices),
        "strategy_add_form": StrategyForm(prefix="strategy-add") if editable else None,
        "indicator_add_form": (
            IndicatorAddForm(prefix="indicator-add", tasks=tasks) if editable else None
        ),
        **_comment_forms(user, submission),
    }


@dataclass
class GridRow:
    """A row of the budget grid: a pillar strategy, or the whole plan (strategy None)."""

    strategy: Strategy | None
    key: int
    cells: list
    notes: Notes
    comment_id: int | None = None  # comments on a row go to its first cell
    form: BudgetRowForm | None = None

    @property
    def anchor(self) -> str:
        return f"budget-{self.key}"


def _grid(pillars, budgets, notes) -> list[GridRow]:
    by_cell = {(b.strategy_id, b.source): b for b in budgets}
    rows = []
    for strategy in [*pillars, None]:
        strategy_id = strategy.pk if strategy else None
        cells = [by_cell.get((strategy_id, source)) for source in GRID_SOURCES]
        ids = [cell.pk for cell in cells if cell is not None]
        rows.append(
            GridRow(
                strategy,
                strategy_id or 0,
                cells,
                notes(ItemKind.BUDGET, *ids),
                comment_id=ids[0] if ids else None,
            )
        )
    return rows


def _tree(tasks: list[Task], strategies: list[Strategy]) -> list[tuple[Task, int]]:
    """The task tree in reading order, each task with its depth (0 = core task)."""
    children: dict[int | None, list[Task]] = defaultdict(list)
    for task in tasks:
        children[task.parent_id].append(task)
    order = {s.pk: i for i, s in enumerate(strategies)}
    roots = sorted(
        children[None], key=lambda t: (order.get(t.strategy_id, len(order)), t.kind, t.position)
    )
    rows: list[tuple[Task, int]] = []
    stack = [(task, 0) for task in reversed(roots)]
    while stack:
        task, depth = stack.pop()
        rows.append((task, depth))
        kids = sorted(children.get(task.pk, []), key=lambda t: (t.kind, t.position))
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    return rows


def _attach_forms(plan, strategies, pillars, tasks, indicators, grid) -> None:
    """A form per item, prefixed by its kind and id so that ids never clash on the page."""
    plan.form = GoalForm(prefix=f"plan-{plan.pk}", initial={"goal": plan.goal})
    for strategy in strategies:
        strategy.form = StrategyForm(
            prefix=f"strategy-{strategy.pk}", initial={"name": strategy.name}
        )
    for strategy in pillars:
        strategy.add_form = _add_form(None, f"s{strategy.pk}", strategy=strategy.pk)
    for task in tasks:
        form_class = BudgetTaskForm if task.kind in drafting.BUDGET_TASK_KINDS else TaskForm
        task.form = form_class(
            prefix=f"task-{task.pk}",
            initial={
                "name": task.name,
                "description": task.description,
                "national_budget_eok": plain(task.national_budget_eok),
            },
        )
        if drafting.CHILD_KINDS.get(task.kind):
            task.add_form = _add_form(task.kind, str(task.pk), parent=task.pk)
    for indicator in indicators:
        indicator.form = IndicatorForm(
            prefix=f"indicator-{indicator.pk}",
            initial={
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline_text": indicator.baseline_text,
                "target_text": indicator.target_text,
                "direction": indicator.direction,
            },
        )
    for row in grid:
        row.form = BudgetRowForm(
            prefix=f"budget-{row.key}",
            initial={
                source.value: plain(cell.amount_eok)  # 93.5 as written, not the column's 93.50
                for source, cell in zip(GRID_SOURCES, row.cells, strict=True)
                if cell is not None
            },
        )
        for bound in row.form:  # the inputs sit in the table's cells, outside the <form>
            bound.field.widget.attrs["form"] = f"budget-form-{row.key}"


def _add_form(parent_kind, where: str, **initial) -> TaskAddForm:
    return TaskAddForm(
        prefix="task-add",
        auto_id=f"id_task-add-{where}_%s",
        parent_kind=parent_kind,
        initial=initial,
    )


def _comment_forms(user, submission: Submission) -> dict:
    """Where the per-item comment and answer forms post, and who sees them. The comment
    URL belongs to the review pages; until it exists the forms are not offered."""
    try:
        url = reverse(
            "cycle:item_comment", args=[submission.cycle.year, submission.organization.short_name]
        )
    except NoReverseMatch:
        return {"comment_url": None, "may_comment": False, "may_answer": False}
    staff = can_review(user, submission)
    return {
        "comment_url": url,
        "may_comment": staff and submission.state in COMMENT_STATES,
        "may_answer": (
            not staff
            and can_edit_submission(user, submission)
            and submission.state in ANSWER_STATES
        ),
    }


def _editing(request, year: int, org: str):
    """The submission whose draft the POST edits, or the answer to give instead: sign-in
    for anonymous, 403 for who may not edit the body's plan, 404 without a draft."""
    submission = submission_named(year, org)
    back = reverse("cycle:draft_edit", args=[year, submission.organization.short_name])
    if not request.user.is_authenticated:
        return None, redirect_to_login(back)
    if not can_edit_submission(request.user, submission):
        return None, _forbidden(
            request, f"{submission.organization}의 시행계획을 고칠 권한이 없습니다."
        )
    if submission.plan_id is None:
        raise Http404("아직 초안이 없습니다.")
    return submission, None


def _item(submission: Submission, kind: str, pk: int):
    if pk > BIGGEST_ID:
        raise Http404("이 항목은 없습니다.")
    item = ITEM_MODELS[kind].objects.filter(pk=pk, plan_id=submission.plan_id).first()
    if item is None:
        raise Http404("이 항목은 초안에 없습니다.")
    return item


def _back(submission: Submission, anchor: str):
    url = reverse(
        "cycle:draft_edit", args=[submission.cycle.year, submission.organization.short_name]
    )
    return redirect(f"{url}#{anchor}")


def _form_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _run(request, submission: Submission, call, done: str, anchor, error_anchor: str = ""):
    """Call the service; its refusal becomes the 403 page or a message beside the item.
    `anchor` may be a function of the service's result (the item just added)."""
    try:
        result = call()
    except NotAllowed as error:
        return _forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
        return _back(submission, error_anchor or anchor)
    messages.success(request, done)
    return _back(submission, anchor(result) if callable(anchor) else anchor)


@require_POST
def draft_item_update_view(request, year: int, org: str, kind: str, pk: int):
    """Change one item: the goal, a strategy's name, a task, a row of the budget grid (pk:
    the strategy, 0 for the plan's total), an indicator."""
    if kind not in UPDATABLE:
        raise Http404("이 항목 종류는 없습니다.")
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    actor = request.user
    prefix = f"{kind}-{pk}"
    if kind == "plan":
        if pk != submission.plan_id:
            raise Http404("이 항목은 초안에 없습니다.")
        form, anchor = GoalForm(request.POST, prefix=prefix), "goal"
        call = lambda: drafting.plan_goal_update(  # noqa: E731
            actor=actor, plan=submission.plan, goal=form.cleaned_data["goal"]
        )
    elif kind == "budget":
        strategy = _item(submission, "strategy", pk) if pk else None
        form, anchor = BudgetRowForm(request.POST, prefix=prefix), f"budget-{pk}"
        call = lambda: _budget_row_set(actor, submission, strategy, form.cleaned_data)  # noqa: E731
    else:
        item = _item(submission, kind, pk)
        anchor = f"{kind}-{pk}"
        if kind == "strategy":
            form = StrategyForm(request.POST, prefix=prefix)
            call = lambda: drafting.strategy_update(actor=actor, strategy=item, **form.cleaned_data)  # noqa: E731
        elif kind == "task":
            with_budget = item.kind in drafting.BUDGET_TASK_KINDS
            form = (BudgetTaskForm if with_budget else TaskForm)(request.POST, prefix=prefix)
            call = lambda: drafting.task_update(actor=actor, task=item, **form.cleaned_data)  # noqa: E731
        else:
            form = IndicatorForm(request.POST, prefix=prefix)
            call = lambda: drafting.indicator_update(  # noqa: E731
                actor=actor, indicator=item, **form.cleaned_data
            )
    if not form.is_valid():
        _form_errors(request, form)
        return _back(submission, anchor)
    return _run(request, submission, call, DONE[kind], anchor)


def _budget_row_set(actor, submission: Submission, strategy, cells: dict) -> None:
    """Every filled cell of a grid row, all or nothing; an error names its column."""
    with transaction.atomic():
        for source in GRID_SOURCES:
            value = cells.get(source.value) or ""
            if not value.strip():
                continue
            try:
                drafting.budget_set(
                    actor=actor,
                    plan=submission.plan,
                    strategy=strategy,
                    source=source,
                    amount_eok=value,
                )
            except CycleError as error:
                error.message = f"{BudgetSource(source).label}: {error.message}"
                raise


@require_POST
def draft_item_add_view(request, year: int, org: str, kind: str):
    """Add a strategy, a task (under a strategy or a task) or an indicator."""
    if kind not in ADDABLE:
        raise Http404("이 항목 종류는 없습니다.")
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    actor, plan = request.user, submission.plan
    prefix = f"{kind}-add"
    if kind == "strategy":
        form = StrategyForm(request.POST, prefix=prefix)
        call = lambda: drafting.strategy_add(actor=actor, plan=plan, **form.cleaned_data)  # noqa: E731
    elif kind == "task":
        form = TaskAddForm(request.POST, prefix=prefix)
        call = lambda: _task_add(actor, submission, form.cleaned_data)  # noqa: E731
    else:
        form = IndicatorAddForm(request.POST, prefix=prefix, tasks=plan.tasks.all())
        call = lambda: drafting.indicator_add(  # noqa: E731
            actor=actor,
            plan=plan,
            **{**form.cleaned_data, "task": _task_or_none(submission, form.cleaned_data["task"])},
        )
    if not form.is_valid():
        _form_errors(request, form)
        return _back(submission, SECTION[kind])
    return _run(
        request,
        submission,
        call,
        ADDED[kind],
        lambda item: f"{kind}-{item.pk}",
        error_anchor=SECTION[kind],
    )


def _task_or_none(submission: Submission, pk: int | None):
    return None if pk is None else _item(submission, "task", pk)


def _task_add(actor, submission: Submission, data: dict) -> Task:
    parent = _task_or_none(submission, data["parent"])
    strategy = None if data["strategy"] is None else _item(submission, "strategy", data["strategy"])
    return drafting.task_add(
        actor=actor,
        plan=submission.plan,
        parent=parent,
        name=data["name"],
        kind=data["kind"],
        strategy=strategy,
        national_budget_eok=data.get("national_budget_eok"),
    )


@require_POST
def draft_item_remove_view(request, year: int, org: str, kind: str, pk: int):
    """Remove a strategy, a task with the tasks under it, or an indicator."""
    if kind not in REMOVABLE:
        raise Http404("이 항목 종류는 없습니다.")
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    item = _item(submission, kind, pk)
    remove = {
        "strategy": lambda: drafting.strategy_remove(actor=request.user, strategy=item),
        "task": lambda: drafting.task_remove(actor=request.user, task=item),
        "indicator": lambda: drafting.indicator_remove(actor=request.user, indicator=item),
    }[kind]
    return _run(
        request, submission, remove, REMOVED[kind], SECTION[kind], error_anchor=f"{kind}-{pk}"
    )
