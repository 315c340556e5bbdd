"""Which priority-task rows the data package publishes (docs/opendata.md, docs/priorities.md):
Ⅱ's tasks of the published years, their actions, and every marked line under them."""

from dream.plans.models import Plan
from dream.priorities.models import PriorityAction, PriorityItem, PriorityTask

from .resources import Resource, column


def _published_years():
    return Plan.objects.filter(is_draft=False).values("year")


def _dated_columns() -> list:
    return [
        column("date_text", "string", "날짜(원문)"),
        column("period_start", "date", "기간 시작(DREAM 읽기)"),
        column("period_end", "date", "기간 끝(DREAM 읽기)"),
        column("precision", "string", "날짜 단위", True),
    ]


RESOURCES = [
    Resource(
        "priority_tasks",
        "중점 이행과제 (시행계획 Ⅱ)",
        [
            column("priority_task_id", "integer", "중점 이행과제 ID", True, "pk"),
            column("year", "integer", "연도", True),
            column("position", "integer", "Ⅱ의 순서", True),
            column("group", "string", "구분", True),
            column("number", "integer", "번호", True),
            column("name", "string", "과제명", True),
            column("source_line", "integer", "원문 줄", True),
            column("status_title", "string", "추진 현황 제목"),
            column("appendix_title", "string", "부록 요약 제목"),
            column("appendix_text", "string", "부록 요약"),
            column("appendix_line", "integer", "부록 원문 줄"),
        ],
        ["priority_task_id"],
        [],
        lambda: PriorityTask.objects.filter(year__in=_published_years()).order_by(
            "year", "position"
        ),
    ),
    Resource(
        "priority_actions",
        "중점 이행과제의 추진 과제(□)",
        [
            column("priority_action_id", "integer", "추진 과제 ID", True, "pk"),
            column("priority_task_id", "integer", "중점 이행과제 ID", True, "task_id"),
            column("position", "integer", "순서", True),
            column("topic", "string", "주제"),
            column("text", "string", "내용", True),
            *_dated_columns(),
            column("source_line", "integer", "원문 줄", True),
        ],
        ["priority_action_id"],
        [("priority_task_id", "priority_tasks", "priority_task_id")],
        lambda: PriorityAction.objects.filter(task__year__in=_published_years()).order_by(
            "task__year", "task__position", "position"
        ),
    ),
    Resource(
        "priority_steps",
        "중점 이행과제의 목표·추진 현황·추진 내용·참고",
        [
            column("priority_step_id", "integer", "추진 내용 ID", True, "pk"),
            column("priority_task_id", "integer", "중점 이행과제 ID", True, "task_id"),
            column("action_position", "integer", "추진 과제 순서", False, "action__position"),
            column("position", "integer", "과제 안의 순서", True),
            column("kind", "string", "구분", True),
            column("text", "string", "내용", True),
            *_dated_columns(),
            column("source_line", "integer", "원문 줄", True),
        ],
        ["priority_step_id"],
        [("priority_task_id", "priority_tasks", "priority_task_id")],
        lambda: PriorityItem.objects.filter(task__year__in=_published_years()).order_by(
            "task__year", "task__position", "position"
        ),
    ),
]
