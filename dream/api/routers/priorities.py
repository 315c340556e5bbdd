"""The Committee's priority tasks (Ⅱ of the implementation plan, docs/priorities.md): the
year's 4+10 tasks, and one task with its actions and items as printed, each date with the
span DREAM reads from it."""

from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from dream.priorities import selectors
from dream.priorities.choices import ItemKind, Precision, TaskGroup
from dream.priorities.models import PriorityTask

from ..schemas import MAX_ID, ErrorOut, ValidationErrorOut

router = Router(tags=["중점 이행과제"])
TASK_FIELDS = (
    "id", "year", "position", "group", "number", "name", "source_line",
    "status_title", "appendix_title", "appendix_text", "appendix_line",
)  # fmt: skip
ACTION_FIELDS = (
    "position", "topic", "text", "source_line", "date_text", "period_start", "period_end",
    "precision",
)  # fmt: skip


class PriorityTaskFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="계획 연도; 생략하면 모든 연도")


class PriorityTaskOut(Schema):
    id: int
    year: int
    position: int = Field(description="Ⅱ에 실린 순서 (1부터)")
    group: TaskGroup = Field(description="zone: 4대 특구, priority: 10대 중점 이행과제")
    number: int = Field(description="구분 안의 번호 (부록의 ❶…)")
    name: str
    source_line: int = Field(description="원문 줄")
    action_count: int = Field(description="추진 과제(□)의 수")
    step_count: int = Field(description="추진 내용(ㅇ)의 수")


class DatedOut(Schema):
    date_text: str = Field(
        description="원문에 인쇄된 날짜 (여럿이면 ' · '로 이음), 없으면 빈 문자열"
    )
    period_start: date | None = Field(description="DREAM이 읽은 기간의 시작; 열렸거나 없으면 null")
    period_end: date | None = Field(
        description="DREAM이 읽은 기간의 끝(포함); 열렸거나 없으면 null"
    )
    precision: Precision = Field(description="기간을 끝내는 날짜의 단위")


class PriorityItemOut(DatedOut):
    position: int = Field(description="과제 안에서 인쇄된 순서 (1부터)")
    kind: ItemKind
    text: str
    source_line: int


class PriorityActionOut(DatedOut):
    position: int
    topic: str = Field(description="□ (주제) 의 주제; 없으면 빈 문자열")
    text: str
    source_line: int
    items: list[PriorityItemOut] = Field(description="추진 내용(ㅇ), 세부 내용(-), 참고(*, ※)")


class PriorityTaskDetailOut(PriorityTaskOut):
    status_title: str
    appendix_title: str
    appendix_text: str
    appendix_line: int | None
    aims: list[PriorityItemOut] = Field(description="목표(▪)")
    status: list[PriorityItemOut] = Field(description="추진 현황 상자의 항목")
    actions: list[PriorityActionOut]


@router.get(
    "/priority-tasks",
    response={200: list[PriorityTaskOut], 422: ValidationErrorOut},
    summary="중점 이행과제 목록 (Ⅱ의 순서)",
)
def priority_task_list(request, filters: Query[PriorityTaskFilter]):
    if filters.year is not None:
        return list(selectors.priority_tasks(filters.year))
    tasks = PriorityTask.objects.values_list("year", flat=True).distinct()
    return [task for year in sorted(tasks) for task in selectors.priority_tasks(year)]


@router.get(
    "/priority-tasks/{id}",
    response={200: PriorityTaskDetailOut, 404: ErrorOut},
    summary="중점 이행과제 하나: 목표, 추진 현황, 추진 과제와 그 내용",
)
def priority_task_detail(request, id: int):
    found = PriorityTask.objects.filter(pk=id).first() if 1 <= id <= MAX_ID else None
    task = selectors.priority_task(found.year, found.position) if found else None
    if task is None:
        raise HttpError(404, "이 id의 중점 이행과제가 없습니다.")
    page = selectors.priority_task_page(task)
    return {
        **{name: getattr(task, name) for name in TASK_FIELDS},
        "action_count": len(page.actions),
        "step_count": sum(
            item.kind == ItemKind.STEP for view in page.actions for item, _ in view.items
        ),
        "aims": page.aims,
        "status": [item for item, _ in page.status],
        "actions": [
            {
                **{name: getattr(view.action, name) for name in ACTION_FIELDS},
                "items": [item for item, _ in view.items],
            }
            for view in page.actions
        ],
    }
