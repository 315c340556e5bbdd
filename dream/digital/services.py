"""Storing the digital plan: its schedule read from the document, its goals, labels and
budget figures from the reviewed facts file, in one transaction and changes only.

Rows are keyed by what identifies them in the plan (area: code; task: printed position;
goal and budget: the facts file's key) and written through `dream.core.sync.RecordSync`,
so a second import of the same files changes nothing and every change lands in the history
under the importing user.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.selectors import ministries_by_name, name_key
from dream.accounts.services import ministry_ensure, organizations_ensure
from dream.core.statistics import planner_statistics_refresh
from dream.core.sync import RecordSync
from dream.ingest.document import PlanFormatError, read_lines
from dream.ingest.reader import Progress
from dream.ingest.records import Finding
from dream.search.choices import EntryKind
from dream.search.models import SearchEntry
from dream.search.services import search_index_rebuild_digital

from .choices import AreaKind, GoalKind
from .models import (
    DigitalArea,
    DigitalBudget,
    DigitalGoal,
    DigitalPlan,
    DigitalTask,
    DigitalTaskMinistry,
)
from .reader import (
    DigitalFacts,
    ParsedDigitalPlan,
    digital_facts_check,
    digital_facts_read,
    digital_plan_parse,
)

DEFAULT_FACTS = Path(settings.BASE_DIR) / "data" / "seeds" / "digital-plan-facts.toml"

# Printed names in the schedule's ministries cell that name no single organization:
# "지자체" (the local governments, whichever take part) and "범정부" (the whole
# government). They stay in DigitalTask.ministries_text, as printed, but get no link.
NOT_ORGANIZATIONS = frozenset({"지자체", "범정부"})
# The schedule prints the Committee by its full name; the registry knows it as "위원회".
COMMITTEE_NAMES = frozenset({"지방시대위원회"})


@dataclass
class DigitalImportResult:
    title: str
    areas: int
    tasks: int
    goals: int
    budgets: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    findings: list[Finding] = field(default_factory=list)
    plan: DigitalPlan | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def digital_plan_import(
    *,
    actor: User,
    path: Path,
    facts: Path | None = None,
    progress: Progress | None = None,
) -> DigitalImportResult:
    """Read the document and its reviewed facts (beside the seed unless `facts` is given),
    check they belong together, and store both; all or nothing."""
    say = progress or (lambda message: None)
    say(f"읽는 중: {path.name}")
    lines = read_lines(path)
    say("Ⅶ 과제별 추진일정")
    document = digital_plan_parse(lines)
    facts_path = facts or DEFAULT_FACTS
    say(f"검토된 사실 파일 대조: {facts_path.name}")
    reviewed = digital_facts_read(facts_path)
    digital_facts_check(reviewed, document, lines)
    reason = f"가져오기: {path.name} (sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:12]})"
    return digital_plan_store(
        actor=actor, document=document, facts=reviewed, reason=reason, progress=progress
    )


@transaction.atomic
def digital_plan_store(
    *,
    actor: User,
    document: ParsedDigitalPlan,
    facts: DigitalFacts,
    reason: str,
    progress: Progress | None = None,
) -> DigitalImportResult:
    say = progress or (lambda message: None)
    result = DigitalImportResult(
        title=document.title,
        areas=len(document.areas),
        tasks=len(document.tasks),
        goals=len(facts.goals),
        budgets=len(facts.budgets),
        findings=list(document.findings),
    )
    sync = RecordSync(actor, reason, result, refusal=PlanFormatError)

    say("계획 저장")
    plan = sync.apply(
        DigitalPlan,
        {row.title: row for row in DigitalPlan.objects.filter(title=document.title)},
        {
            document.title: {
                "title": document.title,
                "year": facts.year,
                "vision": facts.vision,
                "source_line": document.source_line,
            }
        },
    )[document.title]
    result.plan = plan

    say("분야 저장")
    areas = _store_areas(sync, plan, document, facts)
    say("과제 저장")
    tasks = _store_tasks(sync, plan, document, areas)
    _store_task_ministries(sync, plan, document, tasks, result)
    say("목표 저장")
    _store_goals(sync, plan, facts, areas)
    say("예산 저장")
    _store_budgets(sync, plan, facts, areas)
    sync.delete_stale()
    if result.changed or not SearchEntry.objects.filter(kind=EntryKind.DIGITAL_TASK).exists():
        search_index_rebuild_digital()  # derived data: also fills an index made after the import
    planner_statistics_refresh()
    return result


def _store_areas(
    sync: RecordSync, plan: DigitalPlan, document: ParsedDigitalPlan, facts: DigitalFacts
) -> dict[str, DigitalArea]:
    """Pillars, then areas, then sub-areas, so each level knows its parent's id."""
    labels = {label.area: label.label for label in facts.labels}
    existing = {row.code: row for row in plan.areas.all()}
    stored: dict[str, DigitalArea] = {}
    for kind in (AreaKind.PILLAR, AreaKind.AREA, AreaKind.SUB_AREA):
        stored |= sync.apply(
            DigitalArea,
            {code: row for code, row in existing.items() if row.kind == kind},
            {
                area.code: {
                    "plan_id": plan.pk,
                    "parent_id": stored[area.parent_code].pk if area.parent_code else None,
                    "kind": kind,
                    "code": area.code,
                    "name": area.name,
                    "label": labels.get(area.code, ""),
                    "position": area.position,
                    "source_line": area.source_line,
                }
                for area in document.areas
                if area.kind == kind
            },
        )
    return stored


def _store_tasks(
    sync: RecordSync, plan: DigitalPlan, document: ParsedDigitalPlan, areas: dict[str, DigitalArea]
) -> dict[int, DigitalTask]:
    return sync.apply(
        DigitalTask,
        {row.position: row for row in plan.tasks.all()},
        {
            task.position: {
                "plan_id": plan.pk,
                "area_id": areas[task.area_code].pk,
                "position": task.position,
                "name": task.name,
                "ministries_text": task.ministries_text,
                "start_year": task.start_year,
                "schedule_text": task.schedule_text,
                "source_line": task.source_line,
            }
            for task in document.tasks
        },
    )


def _store_task_ministries(
    sync: RecordSync,
    plan: DigitalPlan,
    document: ParsedDigitalPlan,
    tasks: dict[int, DigitalTask],
    result: DigitalImportResult,
) -> None:
    """Link each task to the bodies its ministries cell names, in printed order."""
    bodies = _Bodies(result, actor=sync.actor)
    wanted: dict[tuple, dict] = {}
    for task in document.tasks:
        for position, name in enumerate(task.ministries, start=1):
            body = bodies.get(name, task.name, task.source_line)
            if body is None:
                continue
            link = wanted.get((task.position, body.pk))
            if link is not None:  # one body printed twice, under two names
                if name not in link["printed_name"].split(", "):
                    link["printed_name"] += f", {name}"
                continue
            wanted[(task.position, body.pk)] = {
                "task_id": tasks[task.position].pk,
                "ministry_id": body.pk,
                "position": position,
                "printed_name": name,
            }
    existing = {
        (link.task.position, link.ministry_id): link
        for link in DigitalTaskMinistry.objects.filter(task__plan=plan).select_related("task")
    }
    sync.apply(DigitalTaskMinistry, existing, wanted)


class _Bodies:
    """Organizations by the name the schedule prints: ministries by any name they go by
    (농림부 is 농식품부), the Committee by its full name, "지자체"/"범정부" by nothing. An
    unknown short name is registered and reported, as the implementation plan's import does."""

    def __init__(self, result: DigitalImportResult, *, actor):
        self.result, self.actor = result, actor
        organizations = organizations_ensure(actor=actor)
        self.by_name: dict[str, Organization] = ministries_by_name()
        committee = organizations[(OrganizationKind.COMMITTEE, "위원회")]
        self.by_name |= {name_key(name): committee for name in COMMITTEE_NAMES}

    def get(self, name: str, task_name: str, line: int) -> Organization | None:
        if name in NOT_ORGANIZATIONS:
            return None
        key = name_key(name)
        if key not in self.by_name:
            self.by_name[key], _ = ministry_ensure(name, actor=self.actor)
            self.result.findings.append(
                Finding(
                    "warning",
                    "ministry.unknown",
                    f"알 수 없는 부처 약칭 '{name}'(과제 '{task_name}'): 새 기관으로 등록했습니다. "
                    "오타이거나 다른 칸의 글자가 붙은 것인지 확인하세요",
                    line,
                )
            )
        return self.by_name[key]


def _store_goals(
    sync: RecordSync, plan: DigitalPlan, facts: DigitalFacts, areas: dict[str, DigitalArea]
) -> None:
    positions: dict[str, int] = {}
    wanted = {}
    for goal in facts.goals:
        positions[goal.kind] = positions.get(goal.kind, 0) + 1
        wanted[goal.key] = {
            "plan_id": plan.pk,
            "area_id": areas[goal.area].pk if goal.area else None,
            "kind": GoalKind(goal.kind),
            "key": goal.key,
            "position": positions[goal.kind],
            "name": goal.name,
            "unit": goal.unit,
            "baseline_year": goal.baseline_year,
            "baseline_value": _decimal(goal.baseline_value),
            "baseline_text": goal.baseline_text,
            "target_year": goal.target_year,
            "target_value": _decimal(goal.target_value),
            "target_text": goal.target_text,
            "higher_is_better": goal.higher_is_better,
            "source_line": goal.source_line,
        }
    sync.apply(DigitalGoal, {row.key: row for row in plan.goals.all()}, wanted)


def _store_budgets(
    sync: RecordSync, plan: DigitalPlan, facts: DigitalFacts, areas: dict[str, DigitalArea]
) -> None:
    sync.apply(
        DigitalBudget,
        {row.key: row for row in plan.budgets.all()},
        {
            budget.key: {
                "plan_id": plan.pk,
                "area_id": areas[budget.area].pk if budget.area else None,
                "key": budget.key,
                "purpose": budget.purpose,
                "amount_eok": _decimal(budget.amount_eok),
                "printed": budget.printed,
                "year_text": budget.year_text,
                "source_line": budget.source_line,
            }
            for budget in facts.budgets
        },
    )


def _decimal(value: int | Decimal | None) -> Decimal | None:
    """TOML integers arrive as int; the database returns Decimal: compare like with like."""
    return None if value is None else Decimal(value)
