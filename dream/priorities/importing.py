"""Storing Ⅱ's priority tasks as the plan import read them, changes only.

Called by ingest.services.plan_document_store inside its transaction and with its
RecordSync, so the tasks land, change and disappear with the rest of the document, in one
history entry per change attributed to the importing user.
"""

from __future__ import annotations

from dream.core.sync import RecordSync
from dream.ingest.periods import periods_span
from dream.ingest.records import ParsedPeriod, ParsedPriorityItem, ParsedPriorityTask

from .choices import ItemKind
from .models import PriorityAction, PriorityItem, PriorityTask

# The kinds of line that belong to the task itself; the others belong to an action.
TASK_KINDS = (ItemKind.AIM, ItemKind.STATUS)


def priority_tasks_store(sync: RecordSync, year: int, tasks: list[ParsedPriorityTask]) -> None:
    """Tasks keyed by (year, position in Ⅱ), actions and items by (task, position); rows the
    document no longer has are left in `sync.stale` for the caller's delete_stale."""
    stored = sync.apply(
        PriorityTask,
        {task.position: task for task in PriorityTask.objects.filter(year=year)},
        {
            position: {
                "year": year,
                "position": position,
                "group": task.group,
                "number": task.number,
                "name": task.name,
                "source_line": task.source_line,
                "status_title": task.status_title,
                "appendix_title": task.appendix_title,
                "appendix_text": task.appendix_text,
                "appendix_line": task.appendix_line,
            }
            for position, task in enumerate(tasks, start=1)
        },
    )
    task_ids = {position: row.pk for position, row in stored.items()}

    actions = sync.apply(
        PriorityAction,
        {
            (action.task.position, action.position): action
            for action in PriorityAction.objects.filter(task__year=year).select_related("task")
        },
        {
            (position, action.position): {
                "task_id": task_ids[position],
                "position": action.position,
                "topic": action.topic,
                "text": action.text,
                "source_line": action.source_line,
                **_dated(action.periods),
            }
            for position, task in enumerate(tasks, start=1)
            for action in task.actions
        },
    )

    wanted_items = {}
    for position, task in enumerate(tasks, start=1):
        for item_position, (action_position, item) in enumerate(
            _printed_items(sync, task), start=1
        ):
            action = actions[(position, action_position)] if action_position else None
            wanted_items[(position, item_position)] = {
                "task_id": task_ids[position],
                "action_id": action.pk if action else None,
                "position": item_position,
                "kind": item.kind,
                "text": item.text,
                "source_line": item.source_line,
                **_dated(item.periods),
            }
    sync.apply(
        PriorityItem,
        {
            (item.task.position, item.position): item
            for item in PriorityItem.objects.filter(task__year=year).select_related("task")
        },
        wanted_items,
    )


def _printed_items(
    sync: RecordSync, task: ParsedPriorityTask
) -> list[tuple[int | None, ParsedPriorityItem]]:
    """(action position or None, item) in printed order: aims, the status box, then each
    action's steps, sub-steps and notes. A line of a kind that cannot stand where the reader
    put it is refused with its line, before the database's check refuses it halfway."""
    items: list[tuple[int | None, ParsedPriorityItem]] = [(None, aim) for aim in task.aims]
    items += [(None, status) for status in task.status]
    items += [(action.position, item) for action in task.actions for item in action.items]
    for action_position, item in items:
        if (item.kind in TASK_KINDS) != (action_position is None):
            place = "추진 과제 밖" if action_position is None else "추진 과제(□) 안"
            raise sync.refusal(
                f"중점 이행과제 '{task.name}'의 {ItemKind(item.kind).label} 줄이 {place}에 있어 "
                "저장할 수 없습니다: 목표·추진 현황은 과제에, 추진 내용·참고는 추진 과제에 "
                "속합니다.",
                item.source_line,
            )
    return items


def _dated(periods: list[ParsedPeriod]) -> dict:
    """The Dated columns of a line from the dates it prints (models.Dated's rule)."""
    start, end, precision, date_text = periods_span(periods)
    return {
        "date_text": date_text,
        "period_start": start,
        "period_end": end,
        "precision": precision,
    }
