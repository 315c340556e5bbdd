"""Reads for the registry, a designation's page, the priority task page's partial and the
API: designations by zone task and province, each province's usage against its cap (caps.py),
and a designation's decisions and recorded changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from django.db.models import Prefetch

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.ingest.numbers import plain
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask

from .caps import (
    APPLIED_FACT,
    CAP_BASIS,
    PROCEDURE_BASIS,
    SILENT,
    Cap,
    PrintedBasis,
    province_cap,
    task_has_caps,
)
from .choices import DesignationStage
from .models import DesignationDecision, ZoneDesignation
from .services import PENDING_STAGES

# The largest id a database column holds (bigint): a larger one in an address is a 404.
MAX_ID = 2**63 - 1
HISTORY_KINDS = {"+": "등록", "~": "변경", "-": "삭제"}


@dataclass
class ProvinceUsage:
    """A province's designations under one zone task and their area against its cap:
    `designated` sums the known areas at 지정, `pending` those at 신청 and 심의·의결; areas
    not entered are counted apart, never guessed."""

    province: Organization
    cap: Cap
    designations: list[ZoneDesignation] = field(default_factory=list)
    designated: Decimal = Decimal(0)
    pending: Decimal = Decimal(0)
    designated_unknown: int = 0
    pending_unknown: int = 0

    @property
    def over_cap(self) -> bool:
        return self.cap.pyeong is not None and self.designated > self.cap.pyeong

    @property
    def over_cap_with_pending(self) -> bool:
        """Whether designating every pending application would pass the cap."""
        return self.cap.pyeong is not None and self.designated + self.pending > self.cap.pyeong

    def add(self, designation: ZoneDesignation) -> None:
        self.designations.append(designation)
        if designation.stage == DesignationStage.DESIGNATED:
            if designation.area_pyeong is None:
                self.designated_unknown += 1
            else:
                self.designated += designation.area_pyeong
        elif designation.stage in PENDING_STAGES:
            if designation.area_pyeong is None:
                self.pending_unknown += 1
            else:
                self.pending += designation.area_pyeong


@dataclass
class TaskDesignations:
    """A zone task's designations by province. A task with printed caps lists every
    province (each with its cap, used or not); the others only those that applied."""

    task: PriorityTask
    capped: bool
    provinces: list[ProvinceUsage]
    # What the pages print beside the rows (the plan's lines, and where it is silent).
    cap_basis: ClassVar[PrintedBasis] = CAP_BASIS
    procedure_basis: ClassVar[PrintedBasis] = PROCEDURE_BASIS
    applied_fact: ClassVar[PrintedBasis] = APPLIED_FACT
    silent: ClassVar[str] = SILENT

    @property
    def designations(self) -> list[ZoneDesignation]:
        return [d for usage in self.provinces for d in usage.designations]

    @property
    def over_cap(self) -> list[ProvinceUsage]:
        return [usage for usage in self.provinces if usage.over_cap]


def _provinces() -> list[Organization]:
    return list(Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position"))


def _designations(tasks: list[PriorityTask]):
    return (
        ZoneDesignation.objects.filter(task__in=tasks)
        .select_related("province")
        .prefetch_related(
            Prefetch("decisions", queryset=DesignationDecision.objects.order_by("decided_on", "pk"))
        )
        .order_by("province__position", "applied_on", "pk")
    )


def _by_task(tasks: list[PriorityTask], provinces: list[Organization]) -> list[TaskDesignations]:
    """Each task's usage rows: every province for a capped task, else those that applied."""
    rows: dict[int, dict[int, ProvinceUsage]] = {}
    for task in tasks:
        listed = provinces if task_has_caps(task) else []
        rows[task.pk] = {p.pk: ProvinceUsage(p, province_cap(task, p)) for p in listed}
    tasks_by_pk = {task.pk: task for task in tasks}
    for designation in _designations(tasks):
        task = tasks_by_pk[designation.task_id]
        designation.task = task
        decided = list(designation.decisions.all())
        designation.last_decision = decided[-1] if decided else None
        usage = rows[task.pk].get(designation.province_id)
        if usage is None:
            province = designation.province
            usage = rows[task.pk][province.pk] = ProvinceUsage(
                province, province_cap(task, province)
            )
        usage.add(designation)
    order = {p.pk: i for i, p in enumerate(provinces)}
    return [
        TaskDesignations(
            task,
            task_has_caps(task),
            sorted(rows[task.pk].values(), key=lambda u: order.get(u.province.pk, len(order))),
        )
        for task in tasks
    ]


def zone_tasks(year: int) -> list[PriorityTask]:
    """The year's 4대 특구 tasks in Ⅱ's order."""
    return list(PriorityTask.objects.filter(year=year, group=TaskGroup.ZONE).order_by("position"))


def registry(year: int) -> list[TaskDesignations]:
    """Every zone task of `year` with its designations by province."""
    return designations_for_tasks(zone_tasks(year))


def designations_for_tasks(tasks: list[PriorityTask]) -> list[TaskDesignations]:
    """Each zone task of `tasks` with its designations by province, in three queries."""
    return _by_task([task for task in tasks if task.group == TaskGroup.ZONE], _provinces())


def designations_for_task(task: PriorityTask) -> TaskDesignations | None:
    """One task's designations for its page; None for a task that is not a zone task."""
    if task.group != TaskGroup.ZONE:
        return None
    return _by_task([task], _provinces())[0]


def province_usage(task: PriorityTask, province: Organization) -> ProvinceUsage:
    """One province's usage under one task: a designation's page, the API, the warning
    after a decision."""
    usage = ProvinceUsage(province, province_cap(task, province))
    for designation in ZoneDesignation.objects.filter(task=task, province=province):
        usage.add(designation)
    return usage


def designation(pk: int) -> ZoneDesignation | None:
    """One designation with its task and province; None for an unknown or impossible id."""
    if not 0 < pk <= MAX_ID:
        return None
    return (
        ZoneDesignation.objects.select_related("task", "province", "created_by")
        .filter(pk=pk)
        .first()
    )


def decisions(designation: ZoneDesignation) -> list[DesignationDecision]:
    return list(designation.decisions.select_related("recorded_by").order_by("decided_on", "pk"))


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """A recorded save of the designation: when, by whom, why, and what changed."""

    at: object
    user: object
    reason: str
    kind: str
    changes: list[Change]


def history(designation: ZoneDesignation) -> list[HistoryEntry]:
    """The designation's simple_history records, oldest first, each with its changed fields."""
    records = list(
        designation.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries = []
    labels = {f.name: f.verbose_name for f in ZoneDesignation._meta.fields}
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["created_at"])
            changes = [
                Change(
                    str(labels.get(c.field, c.field)),
                    _shown(c.field, c.old),
                    _shown(c.field, c.new),
                )
                for c in delta.changes
            ]
        entries.append(
            HistoryEntry(
                record.history_date,
                record.history_user,
                record.history_change_reason or "",
                HISTORY_KINDS.get(record.history_type, record.history_type),
                changes,
            )
        )
        previous = record
    return entries


def _shown(name: str, value) -> str:
    if name == "stage" and value in DesignationStage.values:
        return DesignationStage(value).label
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return f"{plain(value)}만평"
    return str(value)
