"""Which priority-task rows the data package publishes (docs/opendata.md, docs/priorities.md):
Ⅱ's tasks of the published years, their actions, and every marked line under them; the
tracker's owners, step reports (the reporting body, never the person) and one row per
inspection and task with the counts the inspection froze and its remark."""

from collections.abc import Iterable

from dream.plans.models import Plan
from dream.priorities.choices import StepStatus
from dream.priorities.models import (
    ActionOwner,
    Inspection,
    PriorityAction,
    PriorityItem,
    PriorityTask,
    StepReport,
)

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


def _inspection_rows(resource: Resource) -> Iterable[tuple]:
    """One row per inspection and task of its frozen snapshot, with the task's remark."""
    inspections = resource.queryset().prefetch_related("remarks")
    for inspection in inspections:
        remarks = {remark.task_id: remark.text for remark in inspection.remarks.all()}
        for task in inspection.snapshot.get("tasks", []):
            counts = task["counts"]
            yield (
                inspection.pk,
                task["task_id"],
                inspection.year,
                inspection.half,
                inspection.taken_on,
                task["position"],
                *(counts[status] for status in StepStatus.values),
                remarks.get(task["task_id"], ""),
            )


RESOURCES += [
    Resource(
        "priority_action_owners",
        "중점 이행과제 추진 과제(□)의 담당 기관",
        [
            column("priority_action_id", "integer", "추진 과제 ID", True, "action_id"),
            column("org_id", "integer", "담당 기관 ID", True, "organization_id"),
            column("organization", "string", "담당 기관", True, "organization__short_name"),
            column("assigned_at", "datetime", "지정 시각", True),
        ],
        ["priority_action_id"],
        [
            ("priority_action_id", "priority_actions", "priority_action_id"),
            ("org_id", "organizations", "org_id"),
        ],
        lambda: ActionOwner.objects.filter(action__task__year__in=_published_years()).order_by(
            "action_id"
        ),
    ),
    Resource(
        "priority_step_reports",
        "중점 이행과제 추진 내용(ㅇ)의 이행 보고",
        [
            column("report_id", "integer", "이행 보고 ID", True, "pk"),
            column("priority_step_id", "integer", "추진 내용 ID", True, "item_id"),
            column("status", "string", "상태", True),
            column("as_of", "date", "기준일", True),
            column("evidence", "string", "근거", True),
            column("evidence_url", "string", "근거 주소"),
            column("org_id", "integer", "보고 기관 ID", True, "organization_id"),
            column("organization", "string", "보고 기관", True, "organization__short_name"),
            column("reported_at", "datetime", "보고 시각", True),
        ],
        ["report_id"],
        [
            ("priority_step_id", "priority_steps", "priority_step_id"),
            ("org_id", "organizations", "org_id"),
        ],
        lambda: StepReport.objects.filter(item__task__year__in=_published_years()).order_by(
            "reported_at", "pk"
        ),
    ),
    Resource(
        "priority_inspections",
        "중점 이행과제 반기별 이행점검 (점검 × 과제)",
        [
            column("inspection_id", "integer", "이행점검 ID", True),
            column("priority_task_id", "integer", "중점 이행과제 ID", True),
            column("year", "integer", "연도", True),
            column("half", "integer", "반기 번호(상반기·하반기 순)", True),
            column("taken_on", "date", "점검일", True),
            column("position", "integer", "Ⅱ의 순서", True),
            column("planned", "integer", "예정(개)", True),
            column("in_progress", "integer", "진행(개)", True),
            column("done", "integer", "완료(개)", True),
            column("delayed", "integer", "지연(개)", True),
            column("remark", "string", "점검 의견"),
        ],
        ["inspection_id", "priority_task_id"],
        [],
        lambda: Inspection.objects.filter(year__in=_published_years()).order_by("year", "half"),
        _inspection_rows,
    ),
]
