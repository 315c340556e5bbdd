"""Reads for the digital plan dashboard (디지털 지방시대)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dream.links.selectors import by_state

from .choices import AreaKind
from .models import DigitalArea, DigitalBudget, DigitalPlan, DigitalTask


def current_digital_plan() -> DigitalPlan | None:
    """The digital plan the dashboard shows: the newest one imported."""
    return DigitalPlan.objects.order_by("-year", "-pk").first()


@dataclass
class AreaNode:
    area: DigitalArea
    children: list[AreaNode] = field(default_factory=list)
    tasks: list[DigitalTask] = field(default_factory=list)
    statuses: list = field(default_factory=list)  # tracking.selectors.GoalStatus of sub-goals


def plan_tasks(plan: DigitalPlan) -> list[DigitalTask]:
    """The plan's schedule tasks with their bodies, in printed order: read once per page and
    handed to the selectors below (issue 13: the dashboard read them four times)."""
    return list(
        DigitalTask.objects.filter(plan=plan)
        .prefetch_related("ministry_links__ministry")
        .order_by("position")
    )


def plan_structure(
    plan: DigitalPlan, tasks: list[DigitalTask], statuses: list | None = None
) -> list[AreaNode]:
    """Pillars → areas → sub-areas with their schedule tasks and the status of their
    sub-goals (from tracking.selectors.goal_statuses), in printed order."""
    by_area: dict[int, list] = defaultdict(list)
    for status in statuses or []:
        if status.goal.kind == "sub" and status.goal.area_id:
            by_area[status.goal.area_id].append(status)
    tasks_by_area: dict[int, list[DigitalTask]] = defaultdict(list)
    for task in tasks:
        tasks_by_area[task.area_id].append(task)
    nodes = {area.pk: AreaNode(area) for area in DigitalArea.objects.filter(plan=plan)}
    roots = []
    for node in nodes.values():
        node.tasks = tasks_by_area[node.area.pk]
        node.statuses = by_area[node.area.pk]
        if node.area.parent_id:
            nodes[node.area.parent_id].children.append(node)
        else:
            roots.append(node)
    return roots


@dataclass(frozen=True)
class TimelineRow:
    ministry: str
    cells: list[list[DigitalTask]]  # one per year of the timeline's columns
    count: int


def schedule_timeline(tasks: list[DigitalTask]) -> tuple[list[int], list[TimelineRow]]:
    """The schedule by lead body (the first printed) and start year, busiest body first."""
    grouped: dict[str, dict[int, list[DigitalTask]]] = defaultdict(lambda: defaultdict(list))
    for task in tasks:
        links = list(task.ministry_links.all())
        lead = links[0].ministry.short_name if links else (task.ministries_text or "미지정")
        grouped[lead][task.start_year or 0].append(task)
    years = sorted({year for by_year in grouped.values() for year in by_year})
    rows = [
        TimelineRow(
            ministry,
            [by_year.get(year, []) for year in years],
            sum(len(tasks) for tasks in by_year.values()),
        )
        for ministry, by_year in grouped.items()
    ]
    rows.sort(key=lambda row: (-row.count, row.ministry))
    return years, rows


@dataclass(frozen=True)
class CoverageSummary:
    tasks: int
    with_work: int
    provinces: int  # distinct provinces with confirmed work for some digital task
    ministries: int
    national_budget_eok: Decimal | None
    rows: list  # links.selectors.Coverage, the ones with confirmed work or pending proposals
    states: dict  # links.selectors.StateGroup by state: linked, awaiting review, none found


def coverage_summary(coverages: list) -> CoverageSummary:
    """How far the implementation plan carries the digital tasks, by confirmed links, and
    which tasks still await a review of their proposals or have none found."""
    provinces, ministries, money = set(), set(), []
    for item in coverages:
        provinces.update(item.owner_names("province"))
        ministries.update(item.owner_names("sectoral"))
        if item.national_budget_eok is not None:
            money.append(item.national_budget_eok)
    return CoverageSummary(
        tasks=len(coverages),
        with_work=sum(1 for item in coverages if item.works),
        provinces=len(provinces),
        ministries=len(ministries),
        national_budget_eok=sum(money) if money else None,
        rows=[item for item in coverages if item.works or item.pending],
        states=by_state(coverages),
    )


def plan_budgets(plan: DigitalPlan) -> list[DigitalBudget]:
    return list(plan.budgets.select_related("area").order_by("source_line"))


def area_counts(plan: DigitalPlan, tasks: list[DigitalTask]) -> dict[str, int]:
    counts = {kind: 0 for kind in AreaKind.values}
    for kind in DigitalArea.objects.filter(plan=plan).values_list("kind", flat=True):
        counts[kind] += 1
    counts["tasks"] = len(tasks)
    counts["goals"] = plan.goals.count()
    return counts
