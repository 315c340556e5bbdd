"""Reads for the priority-task pages and API: the year's tasks by group, and one task with
its actions, items and their spans laid on the months of the year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q

from .choices import ItemKind, TaskGroup
from .models import PriorityAction, PriorityItem, PriorityTask

# A year or position an address may name: what the columns hold, so a huge number in a
# typed address is a 404 rather than a database error.
LARGEST = 32767
# The appendix numbers the tasks of each group ❶, ❷, …: the pages show them so.
CIRCLED = "❶❷❸❹❺❻❼❽❾❿"


def number_mark(task: PriorityTask) -> str:
    """ "❶" for number 1, as the appendix prints it; the digits beyond ❿."""
    return CIRCLED[task.number - 1] if 0 < task.number <= len(CIRCLED) else f"({task.number})"


def priority_tasks(year: int):
    """The year's tasks in Ⅱ's order, each with `action_count` and `step_count` (ㅇ lines)."""
    return PriorityTask.objects.filter(year=year).annotate(
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


def priority_task(year: int, position: int) -> PriorityTask | None:
    """The task at `position` in Ⅱ of `year`, with its actions and items; None if none."""
    if not (0 < year <= LARGEST and 0 < position <= LARGEST):
        return None
    items = PriorityItem.objects.order_by("position")
    actions = PriorityAction.objects.order_by("position").prefetch_related(
        Prefetch("items", queryset=items)
    )
    return (
        PriorityTask.objects.filter(year=year, position=position)
        .prefetch_related(Prefetch("actions", queryset=actions), Prefetch("items", queryset=items))
        .first()
    )


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


@dataclass
class ActionView:
    action: PriorityAction
    bar: Bar | None
    items: list[tuple[PriorityItem, Bar | None]] = field(default_factory=list)


@dataclass(frozen=True)
class TaskPage:
    task: PriorityTask
    aims: list[PriorityItem]
    status: list[tuple[PriorityItem, Bar | None]]
    actions: list[ActionView]
    months: list[int]


def priority_task_page(task: PriorityTask) -> TaskPage:
    """What the task page shows: aims, the status box, and each action with its items, each
    dated one with its bar on the months of the task's year."""
    year = task.year
    task.mark = number_mark(task)
    task_items = [item for item in task.items.all() if item.action_id is None]
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
                [(item, span_bar(item, year)) for item in action.items.all()],
            )
            for action in task.actions.all()
        ],
        months=list(range(1, 13)),
    )
