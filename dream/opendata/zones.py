"""Which zone designation rows the data package publishes (docs/opendata.md, docs/zones.md):
every application under a zone task of a published year, whatever its stage, with its area
as entered beside DREAM's reading and its province's cap with the basis (empty where the plan
is silent, the basis saying so), and every decision that moved it."""

from collections.abc import Iterable

from dream.plans.models import Plan
from dream.zones.caps import province_cap
from dream.zones.models import DesignationDecision, ZoneDesignation

from .resources import Resource, column


def _published_years():
    return Plan.objects.filter(is_draft=False).values("year")


def _designations():
    return ZoneDesignation.objects.filter(task__year__in=_published_years()).order_by("pk")


def _designation_rows(resource: Resource) -> Iterable[tuple]:
    """The stored columns as read, then the cap and its basis (caps.py) for each row."""
    stored = [c.lookup for c in resource.columns if c.name not in ("cap_pyeong", "cap_basis")]
    for designation in resource.queryset().select_related("task", "province"):
        cap = province_cap(designation.task, designation.province)
        values = {"cap_pyeong": cap.pyeong, "cap_basis": cap.basis}
        row = iter(_value(designation, lookup) for lookup in stored)
        yield tuple(values[c.name] if c.name in values else next(row) for c in resource.columns)


def _value(row, lookup: str):
    for part in lookup.split("__"):
        row = getattr(row, part)
    return row


RESOURCES = [
    Resource(
        "zone_designations",
        "특구 지정 신청 (4대 특구)",
        [
            column("zone_designation_id", "integer", "특구 지정 ID", True, "pk"),
            column("year", "integer", "연도", True, "task__year"),
            column("priority_task_id", "integer", "중점 이행과제 ID", True, "task_id"),
            column("province_id", "integer", "시·도 ID", True),
            column("province", "string", "시·도", True, "province__short_name"),
            column("name", "string", "특구 이름", True),
            column("area_text", "string", "면적(입력 그대로)"),
            column("area_pyeong", "number", "면적(만평)"),
            column("stage", "string", "단계", True),
            column("applied_on", "date", "신청일", True),
            column("cap_pyeong", "number", "면적 상한(만평)"),
            column("cap_basis", "string", "면적 상한의 근거", True),
        ],
        ["zone_designation_id"],
        [
            ("priority_task_id", "priority_tasks", "priority_task_id"),
            ("province_id", "organizations", "org_id"),
        ],
        _designations,
        _designation_rows,
    ),
    Resource(
        "zone_designation_decisions",
        "특구 지정의 단계 기록 (심의·의결, 지정, 미지정, 철회)",
        [
            column("zone_designation_decision_id", "integer", "단계 기록 ID", True, "pk"),
            column("zone_designation_id", "integer", "특구 지정 ID", True, "designation_id"),
            column("stage", "string", "단계", True),
            column("decided_on", "date", "결정일", True),
            column("decision", "string", "결정 내용", True),
        ],
        ["zone_designation_decision_id"],
        [("zone_designation_id", "zone_designations", "zone_designation_id")],
        lambda: DesignationDecision.objects.filter(
            designation__task__year__in=_published_years()
        ).order_by("pk"),
    ),
]
