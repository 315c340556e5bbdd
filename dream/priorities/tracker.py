"""The tracker's rules (docs/priorities.md "The tracker"): the state of each step (ㅇ) from
its latest report and its printed period, the counts per task, the frozen snapshot of a
half-yearly inspection and the comparison of two snapshots. Pure reads: pages, the API and
`services.inspection_take` call the same functions, so a state reads the same everywhere.

Where the plan is silent (what 지연 means for a dated step, whether 연중 can be late) the
rule is stated here and shown with "계획이 정하지 않음" where it applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from .choices import ItemKind, Precision, StepStatus
from .models import PriorityItem, PriorityTask, StepReport, TrackerSettings

DEFAULT_BASIS = "계획이 정하지 않음 — DREAM 기본값"
COMPUTED = "DREAM 계산"
NO_REPORT = "보고 없음"


def settings_for(year: int) -> TrackerSettings:
    """The year's settings as Committee staff set them, or an unsaved row with the defaults
    (연중 steps never late) and the basis that says the plan does not decide it."""
    found = TrackerSettings.objects.filter(year=year).first()
    return found or TrackerSettings(year=year, ongoing_late_at_year_end=False, basis=DEFAULT_BASIS)


@dataclass(frozen=True)
class StepState:
    status: str  # a StepStatus value
    label: str
    computed: bool  # True: DREAM's reading, not an owner's report
    reason: str


def is_late(item: PriorityItem, today: date, settings: TrackerSettings) -> bool:
    """The period has ended before `today`. A step with an open end or no date (수시, 매년)
    is never late by itself; a 연중 step only when the year's setting says so."""
    if item.period_end is None or item.precision == Precision.UNDATED:
        return False
    if item.precision == Precision.ONGOING and not settings.ongoing_late_at_year_end:
        return False
    return item.period_end < today


def step_state(
    item: PriorityItem, latest_report: StepReport | None, today: date, settings: TrackerSettings
) -> StepState:
    """A reported 완료 or 지연 stands; otherwise a late step is 지연 (computed); otherwise
    the reported state, or 예정 (computed) without a report."""
    if latest_report is not None and latest_report.status in (StepStatus.DONE, StepStatus.DELAYED):
        return _reported(latest_report)
    if is_late(item, today, settings):
        reason = f"기간 끝({item.period_end.isoformat()})이 지났고 완료 보고가 없음 — {COMPUTED}"
        if item.precision == Precision.ONGOING:
            reason += " (연중 과제도 연말이 지나면 지연: 이행 관리 설정)"
        return StepState(StepStatus.DELAYED, StepStatus.DELAYED.label, True, reason)
    if latest_report is not None:
        return _reported(latest_report)
    return StepState(StepStatus.PLANNED, StepStatus.PLANNED.label, True, NO_REPORT)


def _reported(report: StepReport) -> StepState:
    status = StepStatus(report.status)
    return StepState(status.value, status.label, False, f"{report.as_of.isoformat()} 기준 보고")


def latest_reports(items: Iterable[int], *, until: date | None = None) -> dict[int, StepReport]:
    """item id → its latest report (by reported_at, then id), in one query; `until` leaves
    out reports dated (as_of) after it."""
    reports = StepReport.objects.all()
    if until is not None:
        reports = reports.filter(as_of__lte=until)
    latest = reports.filter(item=OuterRef("item")).order_by("-reported_at", "-id").values("pk")[:1]
    found = reports.filter(item_id__in=list(items), pk=Subquery(latest))
    return {report.item_id: report for report in found}


def report_histories(items: Iterable[int]) -> dict[int, list[StepReport]]:
    """item id → its reports, oldest first (the last is the latest), in one query."""
    histories: dict[int, list[StepReport]] = {}
    reports = StepReport.objects.filter(item_id__in=list(items)).select_related("organization")
    for report in reports.order_by("reported_at", "id"):
        histories.setdefault(report.item_id, []).append(report)
    return histories


def empty_counts() -> dict[str, int]:
    return {status: 0 for status in StepStatus.values}


def task_summary(task: PriorityTask, today: date) -> dict[str, int]:
    """Steps of `task` per state on `today` ({"planned": 2, "in_progress": 1, …}), in
    three queries whatever the number of steps."""
    return year_summaries(task.year, today, tasks=[task.pk])[task.pk]


def year_summaries(
    year: int, today: date, *, tasks: list[int] | None = None
) -> dict[int, dict[str, int]]:
    """Per task id of `year` (or of `tasks`), its steps per state on `today`."""
    settings = settings_for(year)
    steps = PriorityItem.objects.filter(task__year=year, kind=ItemKind.STEP)
    if tasks is not None:
        steps = steps.filter(task_id__in=tasks)
    steps = list(steps.only("id", "task_id", "period_end", "precision"))
    latest = latest_reports(step.pk for step in steps)
    summaries = {task_id: empty_counts() for task_id in tasks or []}
    for step in steps:
        state = step_state(step, latest.get(step.pk), today, settings)
        summaries.setdefault(step.task_id, empty_counts())[state.status] += 1
    return summaries


def inspection_snapshot(year: int, taken_on: date) -> dict:
    """Every task of `year` and every step's state on `taken_on`, from the reports saved
    now and dated (as_of) on or before it, with the settings in use: JSON types only, so
    the inspection keeps it as it was whatever happens to the rows afterwards."""
    settings = settings_for(year)
    tasks = list(PriorityTask.objects.filter(year=year).order_by("position"))
    steps = list(
        PriorityItem.objects.filter(task__year=year, kind=ItemKind.STEP)
        .select_related("action__owner__organization")
        .order_by("task__position", "position")
    )
    latest = latest_reports((step.pk for step in steps), until=taken_on)
    by_task: dict[int, list[dict]] = {task.pk: [] for task in tasks}
    for step in steps:
        report = latest.get(step.pk)
        state = step_state(step, report, taken_on, settings)
        owner = getattr(step.action, "owner", None)
        by_task[step.task_id].append(
            {
                "item_id": step.pk,
                "source_line": step.source_line,
                "text": step.text,
                "date_text": step.date_text,
                "period_end": step.period_end.isoformat() if step.period_end else None,
                "owner": owner.organization.short_name if owner else None,
                "status": state.status,
                "computed": state.computed,
                "reason": state.reason,
                "as_of": report.as_of.isoformat() if report else None,
            }
        )
    return {
        "year": year,
        "taken_on": taken_on.isoformat(),
        "settings": {
            "ongoing_late_at_year_end": settings.ongoing_late_at_year_end,
            "basis": settings.basis,
            "decided": settings.pk is not None,
        },
        "tasks": [
            {
                "task_id": task.pk,
                "position": task.position,
                "group": task.group,
                "number": task.number,
                "name": task.name,
                "counts": _counted(by_task[task.pk]),
                "steps": by_task[task.pk],
            }
            for task in tasks
        ],
    }


def _counted(steps: list[dict]) -> dict[str, int]:
    counts = empty_counts()
    for step in steps:
        counts[step["status"]] += 1
    return counts


@dataclass(frozen=True)
class TaskCounts:
    task_id: int
    position: int
    name: str
    before: dict[str, int] | None  # None: the task was not in the earlier snapshot
    after: dict[str, int]


@dataclass(frozen=True)
class StepChange:
    task_position: int
    task_name: str
    item_id: int
    source_line: int
    text: str
    before: str | None  # a StepStatus value; None: not in the earlier snapshot
    after: str

    @property
    def before_label(self) -> str:
        return StepStatus(self.before).label if self.before else "없음"

    @property
    def after_label(self) -> str:
        return StepStatus(self.after).label


@dataclass(frozen=True)
class Comparison:
    tasks: list[TaskCounts]
    changes: list[StepChange]


def inspection_compare(previous: dict, latest: dict) -> Comparison:
    """Counts per task before → after and the steps whose state changed, read from the two
    frozen snapshots only (tasks matched by id, steps by item id)."""
    before_tasks = {task["task_id"]: task for task in previous.get("tasks", [])}
    before_steps = {
        step["item_id"]: step["status"]
        for task in previous.get("tasks", [])
        for step in task.get("steps", [])
    }
    counts, changes = [], []
    for task in latest.get("tasks", []):
        earlier = before_tasks.get(task["task_id"])
        counts.append(
            TaskCounts(
                task["task_id"],
                task["position"],
                task["name"],
                earlier["counts"] if earlier else None,
                task["counts"],
            )
        )
        for step in task.get("steps", []):
            before = before_steps.get(step["item_id"])
            if before != step["status"]:
                changes.append(
                    StepChange(
                        task["position"],
                        task["name"],
                        step["item_id"],
                        step["source_line"],
                        step.get("text", ""),
                        before,
                        step["status"],
                    )
                )
    return Comparison(counts, changes)
