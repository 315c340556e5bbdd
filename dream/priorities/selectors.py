"""Reads for the priority-task pages and API: the year's tasks by group, one task with its
actions, owners, items and their spans laid on the months of the year, each step with its
state (tracker.py), and the inspections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from dream.plans.models import Plan

from . import tracker
from .choices import ItemKind, StepStatus, TaskGroup
from .models import (
    ActionOwner,
    Inspection,
    InspectionRemark,
    PriorityAction,
    PriorityItem,
    PriorityTask,
    StepReport,
    TrackerSettings,
)
from .tracker import StepState

# An id: what a bigint column holds.
MAX_ID = 2**63 - 1
# A year or position an address may name: what the columns hold, so a huge number in a
# typed address is a 404 rather than a database error.
LARGEST = 32767
# The appendix numbers the tasks of each group ❶, ❷, …: the pages show them so.
CIRCLED = "❶❷❸❹❺❻❼❽❾❿"


def number_mark(task: PriorityTask) -> str:
    """ "❶" for number 1, as the appendix prints it; the digits beyond ❿."""
    return CIRCLED[task.number - 1] if 0 < task.number <= len(CIRCLED) else f"({task.number})"


def published_year_rows():
    """The years with a published plan, as a subquery (dream.plans.selectors.published_years
    as a list costs a query of its own)."""
    return Plan.objects.filter(is_draft=False).values("year")


def published_tasks():
    """Tasks of the years with a published plan."""
    return PriorityTask.objects.filter(year__in=published_year_rows())


def priority_tasks(year: int | None = None):
    """The year's tasks (every published year's without `year`) in Ⅱ's order, each with
    `action_count` and `step_count` (ㅇ lines), in one query."""
    tasks = published_tasks() if year is None else published_tasks().filter(year=year)
    return tasks.order_by("year", "position").annotate(
        action_count=Count("actions", distinct=True),
        step_count=Count("items", filter=Q(items__kind=ItemKind.STEP), distinct=True),
    )


@dataclass(frozen=True)
class TaskGroupList:
    group: str
    label: str
    tasks: list[PriorityTask]


def priority_task_groups(year: int) -> list[TaskGroupList]:
    """4대 특구 then 10대 중점 이행과제, each in Ⅱ's order; a group without tasks is left out."""
    tasks = list(priority_tasks(year))
    for task in tasks:
        task.mark = number_mark(task)
    groups = [
        TaskGroupList(value, label, [task for task in tasks if task.group == value])
        for value, label in TaskGroup.choices
    ]
    return [group for group in groups if group.tasks]


def _with_lines(tasks):
    """`tasks` with their actions (and owners), each action's items, and the task's own
    items (aims, status box) — each item loaded once."""
    items = PriorityItem.objects.order_by("position")
    actions = (
        PriorityAction.objects.order_by("position")
        .select_related("owner__organization")
        .prefetch_related(Prefetch("items", queryset=items))
    )
    return tasks.prefetch_related(
        Prefetch("actions", queryset=actions),
        Prefetch("items", queryset=items.filter(action__isnull=True)),
    )


def priority_task(year: int, position: int) -> PriorityTask | None:
    """The task at `position` in Ⅱ of `year`, with its actions and items; None if none."""
    if not (0 < year <= LARGEST and 0 < position <= LARGEST):
        return None
    return _with_lines(PriorityTask.objects.filter(year=year, position=position)).first()


def published_task(pk: int) -> PriorityTask | None:
    """The task with id `pk` if its year is published, with its actions and items."""
    if not 0 < pk <= MAX_ID:
        return None
    return _with_lines(published_tasks().filter(pk=pk)).first()


@dataclass(frozen=True)
class Bar:
    """Where a span lies on the months of the plan's year, in percent of the year, written
    as CSS wants it whatever the locale ("12.50")."""

    left: str
    width: str
    open_start: bool
    open_end: bool
    before: bool  # starts before the year (or is open at its start)
    after: bool  # ends after the year (or is open at its end)


def span_bar(row, year: int) -> Bar | None:
    """The bar of a Dated row on `year`'s months; None when it has no span or lies wholly
    outside the year."""
    start, end = row.period_start, row.period_end
    if start is None and end is None:
        return None
    first, last = date(year, 1, 1), date(year, 12, 31)
    shown_start = max(start, first) if start else first
    shown_end = min(end, last) if end else last
    if shown_start > shown_end:
        return None
    days = (last - first).days + 1
    left = (shown_start - first).days / days * 100
    width = ((shown_end - shown_start).days + 1) / days * 100
    return Bar(
        f"{left:.2f}",
        f"{width:.2f}",
        open_start=start is None,
        open_end=end is None,
        before=start is None or start < first,
        after=end is None or end > last,
    )


@dataclass(frozen=True)
class ItemRow:
    """A line under an action, with its bar and, for a step (ㅇ), its state and reports."""

    item: PriorityItem
    bar: Bar | None
    state: StepState | None = None
    reports: tuple[StepReport, ...] = ()


@dataclass
class ActionView:
    action: PriorityAction
    bar: Bar | None
    owner: ActionOwner | None
    items: list[ItemRow] = field(default_factory=list)
    reportable: bool = False  # the page's viewer may report its steps (views.py sets it)


@dataclass(frozen=True)
class TaskPage:
    task: PriorityTask
    aims: list[PriorityItem]
    status: list[tuple[PriorityItem, Bar | None]]
    actions: list[ActionView]
    months: list[int]
    settings: TrackerSettings
    today: date


def priority_task_page(task: PriorityTask, today: date | None = None) -> TaskPage:
    """What the task page and the API show: aims, the status box, and each action with its
    owner and items, each dated one with its bar on the months of the task's year, each step
    with its state on `today` (default: today) and its reports (two queries more)."""
    year = task.year
    today = today or timezone.localdate()
    task.mark = number_mark(task)
    settings = tracker.settings_for(year)
    task_items = [item for item in task.items.all() if item.action_id is None]
    actions = list(task.actions.all())
    steps = [i.pk for a in actions for i in a.items.all() if i.kind == ItemKind.STEP]
    histories = tracker.report_histories(steps)

    def row(item: PriorityItem) -> ItemRow:
        if item.kind != ItemKind.STEP:
            return ItemRow(item, span_bar(item, year))
        reports = histories.get(item.pk, [])
        latest = reports[-1] if reports else None
        state = tracker.step_state(item, latest, today, settings)
        return ItemRow(item, span_bar(item, year), state, tuple(reports))

    return TaskPage(
        task=task,
        aims=[item for item in task_items if item.kind == ItemKind.AIM],
        status=[
            (item, span_bar(item, year)) for item in task_items if item.kind == ItemKind.STATUS
        ],
        actions=[
            ActionView(
                action,
                span_bar(action, year),
                getattr(action, "owner", None),
                [row(item) for item in action.items.all()],
            )
            for action in actions
        ],
        months=list(range(1, 13)),
        settings=settings,
        today=today,
    )


def task_inspections(task: PriorityTask) -> list[tuple[Inspection, str, dict | None]]:
    """(inspection, its remark on `task`, the task's counts then) for each inspection of the
    task's year, oldest first: the task page's "이행점검 이력"."""
    remarks = Prefetch(
        "remarks", queryset=InspectionRemark.objects.filter(task=task), to_attr="task_remarks"
    )
    rows = []
    for inspection in Inspection.objects.filter(year=task.year).prefetch_related(remarks):
        counts = next(
            (t["counts"] for t in inspection.snapshot.get("tasks", []) if t["task_id"] == task.pk),
            None,
        )
        remark = inspection.task_remarks[0].text if inspection.task_remarks else ""
        rows.append((inspection, remark, counts))
    return rows


def snapshot_tasks(inspection: Inspection) -> list[dict]:
    """The inspection's frozen tasks for its page: each with its remark and counts, each
    step with its state's label (the snapshot keeps the status value only)."""
    remarks = dict(inspection.remarks.values_list("task_id", "text"))
    return [
        {
            **task,
            "remark": remarks.get(task["task_id"], ""),
            "count_rows": [(StepStatus(s).label, task["counts"][s]) for s in StepStatus.values],
            "steps": [
                {**step, "label": StepStatus(step["status"]).label} for step in task["steps"]
            ],
        }
        for task in inspection.snapshot.get("tasks", [])
    ]
