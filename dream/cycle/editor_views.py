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
from django.contrib.messages import get_messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.ingest.numbers import plain
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import EOK_UNIT, Budget, Strategy, Task

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
    IndicatorRelinkForm,
    RemoveConfirmForm,
    StrategyForm,
    TaskAddForm,
    TaskForm,
    TaskMoveForm,
)
from .errors import CycleError, NotAllowed
from .models import Submission
from .permissions import can_edit_submission, can_review, can_view_submission
from .responses import forbidden
from .selectors import submission_named
from .templatetags.draft_forms import optgroups_html, options_html

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
    The services decide again on every edit; this only chooses what the page offers.
    After resolution the working plan is an amendment's draft while it is being written."""
    plan = submission.working_plan
    if plan is None and submission.state != SubmissionState.DRAFTING:
        return f"{submission.organization}의 이 제출에는 기관 자체의 시행계획이 없습니다."
    if plan is None:
        return "아직 초안이 없습니다. 제출 화면에서 전년도 의결 계획으로 초안을 만들 수 있습니다."
    if not plan.is_draft:
        amendment = submission.open_amendment
        if amendment is not None:
            return (
                f"변경 계획 {amendment.number}번이 제출되어 있어 고칠 수 없습니다(작성 중일 때만 "
                "가능). 보완 요청을 받으면 다시 고칠 수 있습니다."
            )
        return f"{drafting.FROZEN_MESSAGE} 제출 화면에서 변경 계획을 시작하면 사본에서 고칩니다."
    if not can_edit_submission(user, submission):
        return f"{submission.organization}의 시행계획을 볼 수 있지만 고칠 권한은 없습니다."
    if submission.state == SubmissionState.RESOLVED:
        return None  # the draft of an amendment being written (working_plan gives no other)
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
        return forbidden(
            request, f"{submission.organization}의 초안은 그 기관과 지방시대위원회만 봅니다."
        )
    refusal = edit_refusal(request.user, submission)
    context = {
        "submission": submission,
        "cycle": submission.cycle,
        "plan": submission.working_plan,
        "editable": refusal is None,
        "refusal": refusal,
        "unit": EOK_UNIT,
    }
    told = defaultdict(list)
    for message in get_messages(request):
        told[message.extra_tags].append(message)
    if submission.working_plan is not None:
        context.update(_sheet(request.user, submission, editable=refusal is None, told=told))
    # what is not said beside an item is said at the top
    context["top_messages"] = [message for said in told.values() for message in said]
    return render(request, "cycle/draft_edit.html", context)


def _sheet(user, submission: Submission, *, editable: bool, told: dict) -> dict:
    """Every item of the draft with its notes and, when editable, its forms; `told` (the
    messages by the anchor of their item) loses the messages said beside an item."""
    plan = submission.working_plan
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
    plan.told = told.pop("goal", [])
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
            item.told = told.pop(item.anchor, [])
    grid = _grid(pillars, budgets, notes)
    for row in grid:
        row.told = told.pop(row.anchor, [])
    rows = _tree(tasks, strategies)
    feedback = _feedback(user, submission, plan, strategies, tasks, indicators)
    if editable:
        _attach_forms(plan, strategies, pillars, tasks, indicators, grid)
        _attach_places(pillars, rows, indicators)
    return {
        "strategies": strategies,
        "pillars": pillars,
        "rows": rows,
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
        **feedback,
    }


def _feedback(user, submission: Submission, plan, strategies, tasks, indicators) -> dict:
    """The body's open feedback actions due this year (ADR 0008, cycle hooks), each beside
    the draft item it concerns (`item.feedback`) or at the top, with the link forms for
    those who may answer them."""
    from dream.evaluation.feedback import draft_feedback  # evaluation reads cycle

    found = draft_feedback(plan, submission.organization)
    plan.feedback = found.by_item.get((ItemKind.PLAN, plan.pk), [])
    for kind, items in (
        (ItemKind.STRATEGY, strategies),
        (ItemKind.TASK, tasks),
        (ItemKind.INDICATOR, indicators),
    ):
        for item in items:
            item.feedback = found.by_item.get((kind, item.pk), [])
    from dream.accounts.permissions import can_write_for

    return {
        "feedback_unplaced": found.unplaced,
        "feedback_may_answer": can_write_for(user, submission.organization),
        "feedback_tasks": tasks,
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


def _attach_places(pillars, rows, indicators) -> None:
    """Where each task may move and which task each indicator may measure. The options of
    a kind of task are the same for every task of that kind (a task never holds its own
    kind, so its subtree is never among them), so each list is built once and shared."""
    names = {s.pk: f"{s.code} {s.name}".strip() for s in pillars}
    options = {}
    for kind in TaskKind:
        groups = []
        if kind in drafting.CHILD_KINDS[None]:
            groups.append(("전략", [(f"s{pk}", f"전략 {name}") for pk, name in names.items()]))
        holders = defaultdict(list)
        for task, depth in rows:
            if kind in drafting.CHILD_KINDS.get(task.kind, ()):
                holders[task.strategy_id].append((f"t{task.pk}", _place_label(task, depth)))
        groups += [(names.get(pk, "전략 없음"), places) for pk, places in holders.items()]
        options[kind] = optgroups_html(groups)
    for task, _depth in rows:
        task.move_options = options[task.kind]
    linkable = [("", "연결하지 않음(계획 전체)")] + [
        (task.pk, _place_label(task, depth)) for task, depth in rows
    ]
    for indicator in indicators:
        indicator.relink_options = options_html(linkable, selected=indicator.task_id or "")


def _place_label(task: Task, depth: int) -> str:
    """A task as a select lists it: indented by its depth, with its kind and number."""
    name = task.name if len(task.name) <= 60 else f"{task.name[:59]}…"
    return f"{'　' * depth}{task.get_kind_display()} {task.code} {name}".replace("  ", " ")


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
        return None, forbidden(
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


def _form_errors(request, form, anchor: str = "") -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = f"{label}: {' '.join(errors)}" if label else " ".join(errors)
        messages.error(request, text, extra_tags=anchor)


def _run(request, submission: Submission, call, done: str, anchor, error_anchor: str = ""):
    """Call the service; its refusal becomes the 403 page or a message beside the item.
    `anchor` may be a function of the service's result (the item just added)."""
    try:
        result = call()
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message, extra_tags=error_anchor or anchor)
        return _back(submission, error_anchor or anchor)
    anchor = anchor(result) if callable(anchor) else anchor
    messages.success(request, done, extra_tags=anchor)
    return _back(submission, anchor)


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
            actor=actor, plan=submission.working_plan, goal=form.cleaned_data["goal"]
        )
    elif kind == "budget":
        strategy = _item(submission, "strategy", pk) if pk else None
        form, anchor = BudgetRowForm(request.POST, prefix=prefix), f"budget-{pk}"
        posted = {source for source in GRID_SOURCES if f"{prefix}-{source}" in request.POST}
        call = lambda: _budget_row_set(actor, submission, strategy, form.cleaned_data, posted)  # noqa: E731
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
        _form_errors(request, form, anchor)
        return _back(submission, anchor)
    return _run(request, submission, call, DONE[kind], anchor)


def _budget_row_set(actor, submission: Submission, strategy, cells: dict, posted) -> None:
    """A grid row, all or nothing; an error names its column. A filled cell sets its
    amount (0 included); a cell sent empty removes the amount (the plan does not plan that
    source); a cell not sent at all stays as it is, so a caller may send only what it
    changes."""
    plan = submission.working_plan
    with transaction.atomic():
        existing = {
            budget.source: budget
            for budget in Budget.objects.filter(plan=plan, strategy=strategy, year=plan.year)
        }
        for source in GRID_SOURCES:
            value = (cells.get(source.value) or "").strip()
            try:
                if value:
                    drafting.budget_set(
                        actor=actor, plan=plan, strategy=strategy, source=source, amount_eok=value
                    )
                elif source in posted and source.value in existing:
                    drafting.budget_remove(actor=actor, budget=existing[source.value])
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
    actor, plan = request.user, submission.working_plan
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
        plan=submission.working_plan,
        parent=parent,
        name=data["name"],
        kind=data["kind"],
        strategy=strategy,
        national_budget_eok=data.get("national_budget_eok"),
    )


@require_http_methods(["GET", "POST"])
def draft_item_remove_view(request, year: int, org: str, kind: str, pk: int):
    """Remove a strategy, a task with the tasks under it, or an indicator, once confirmed:
    GET shows what would go with it (and what stands in the way); the POST from that page
    (`confirm`) removes. A POST without the confirmation comes back to that page."""
    if kind not in REMOVABLE:
        raise Http404("이 항목 종류는 없습니다.")
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    item = _item(submission, kind, pk)
    if request.method == "GET" or not RemoveConfirmForm(request.POST).is_valid():
        return render(
            request,
            "cycle/draft_remove.html",
            {
                "submission": submission,
                "cycle": submission.cycle,
                "kind": kind,
                "item": item,
                "refusal": edit_refusal(request.user, submission),
                "unconfirmed": request.method == "POST",
                "unit": EOK_UNIT,
                **_removal_scope(kind, item),
            },
        )
    remove = {
        "strategy": lambda: drafting.strategy_remove(actor=request.user, strategy=item),
        "task": lambda: drafting.task_remove(actor=request.user, task=item),
        "indicator": lambda: drafting.indicator_remove(actor=request.user, indicator=item),
    }[kind]
    return _run(
        request, submission, remove, REMOVED[kind], SECTION[kind], error_anchor=f"{kind}-{pk}"
    )


def _removal_scope(kind: str, item) -> dict:
    """What goes with the item (`going`: tasks under it, budget cells) and what keeps it
    (`blocking`: a strategy's tasks, indicators on a task or under it), as the services
    decide."""
    if kind == "strategy":
        return {
            "going": [],
            "budgets": list(item.budgets.order_by("year", "source")),
            "blocking": list(item.tasks.order_by("position", "pk")),
            "indicators": [],
        }
    if kind == "task":
        subtree = drafting.task_subtree(item)
        tasks = Task.objects.in_bulk(subtree)
        return {
            "going": [tasks[pk] for pk in subtree[1:]],
            "budgets": [],
            "blocking": [],
            "indicators": list(Indicator.objects.filter(task_id__in=subtree).order_by("position")),
        }
    return {"going": [], "budgets": [], "blocking": [], "indicators": []}


@require_POST
def draft_task_move_view(request, year: int, org: str, pk: int):
    """Move a task with everything under it to another place the editor offers it."""
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    task = _item(submission, "task", pk)
    anchor = f"task-{pk}"
    form = TaskMoveForm(request.POST, prefix=f"move-{pk}")
    if not form.is_valid():
        _form_errors(request, form, anchor)
        return _back(submission, anchor)
    to = form.cleaned_data["to"]
    model = Strategy if to[0] == "s" else Task
    place = model.objects.filter(pk=int(to[1:]), plan_id=task.plan_id).first()
    if place is None:
        messages.error(request, "옮길 곳이 이 초안에 없습니다.", extra_tags=anchor)
        return _back(submission, anchor)
    where = {"strategy": place} if model is Strategy else {"parent": place}
    call = lambda: drafting.task_move(actor=request.user, task=task, **where)  # noqa: E731
    return _run(request, submission, call, "과제를 옮겼습니다.", anchor)


@require_POST
def draft_indicator_relink_view(request, year: int, org: str, pk: int):
    """Link an indicator to another task of the draft, or to none."""
    submission, refusal = _editing(request, year, org)
    if refusal:
        return refusal
    indicator = _item(submission, "indicator", pk)
    anchor = f"indicator-{pk}"
    form = IndicatorRelinkForm(request.POST, prefix=f"relink-{pk}")
    if not form.is_valid():
        _form_errors(request, form, anchor)
        return _back(submission, anchor)
    task = None
    if form.cleaned_data["task"] is not None:
        task = Task.objects.filter(pk=form.cleaned_data["task"], plan_id=indicator.plan_id).first()
        if task is None:
            messages.error(request, "연결할 과제가 이 초안에 없습니다.", extra_tags=anchor)
            return _back(submission, anchor)
    call = lambda: drafting.indicator_relink(actor=request.user, indicator=indicator, task=task)  # noqa: E731
    return _run(request, submission, call, "성과지표의 연결 과제를 바꿨습니다.", anchor)
