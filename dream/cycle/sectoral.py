"""The national sectoral plan of a cycle year, compiled by DREAM from the ministries'
resolved parts (issue 9: the Committee "compiles the national plan and resolves it").

Each ministry drafts and submits only its part (a `Plan(level=sectoral, owner=ministry)`);
the public sectoral page shows the Committee's plan, so at each resolution DREAM builds
that plan from every resolved part:

- strategies are merged when number and name agree (kind, code, name); a strategy that two
  ministries name differently stays two strategies, so the difference is seen, not hidden;
- tasks are merged where their path agrees (strategy, then kind, code and name at every
  level): a core task shared by several ministries holds the practical tasks of all of
  them, and a practical task two ministries share appears once;
- a shared task's content (description, 국비, projects, its indicators) comes from the part
  of its lead ministry (named first) when that part is resolved, else from the first
  resolved part that has it; its ministries are those the parts name, lead ministry first;
- budgets are summed per strategy × source (a part's total per source is its own total
  row, or the sum of its strategy cells when it gives none); they are DREAM's computation,
  so they carry no printed text and no source line, like every compiled row;
- positions are renumbered per parent in the parts' order.

A recompilation brings the stored rows in line with `RecordSync`, keyed by those paths, so
the ids of items that still match stay and their history continues; a version is written
only when the content's hash changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Q

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.sync import RecordSync
from dream.indicators.models import INDICATOR_CONTENT_FIELDS, Indicator
from dream.plans.choices import PlanLevel
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry

from .choices import SubmissionState
from .errors import NotAllowed, StateConflict
from .models import Cycle, PlanVersion, Submission
from .permissions import can_manage_cycle
from .versions import content_hash, plan_snapshot, version_create

COMPILED_REASON = "sectoral.compiled"
# The plan this module makes: the Committee's sectoral plan not read from a document.
COMPILED_SECTORAL = Q(
    level=PlanLevel.SECTORAL, owner__kind=OrganizationKind.COMMITTEE, source_line__isnull=True
)
# Rows whose position changes are first moved out of the way, so that renumbering never
# meets a unique (parent, kind, position) held by a row not yet renumbered.
POSITION_OFFSET = 10000


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0


@dataclass(frozen=True)
class SectoralCompilation:
    """What the Committee's sectoral plan of a cycle year was compiled from."""

    included: list[Organization]  # ministries whose resolved part it holds
    missing: list[Organization]  # ministries of the cycle whose part is not resolved


@dataclass
class _Node:
    """A task of the compiled tree, with the parts' tasks merged into it."""

    key: tuple
    kind: str
    code: str
    name: str
    strategy_key: tuple | None
    rank: tuple  # (position in its part, order first seen): the compiled order
    sources: list[tuple[Organization, Task]] = field(default_factory=list)
    children: dict[tuple, _Node] = field(default_factory=dict)

    @property
    def source(self) -> Task:
        """The task whose content the compiled task takes: the lead ministry's part's,
        else the first part's."""
        first = self.sources[0][1]
        lead = first.compiled_links[0].ministry_id if first.compiled_links else None
        for ministry, task in self.sources:
            if ministry.pk == lead:
                return task
        return first

    def links(self) -> list[TaskMinistry]:
        """The ministries the parts name for it, each once, the content's part's first."""
        source = self.source
        seen, links = set(), []
        for task in [source] + [t for _m, t in self.sources if t is not source]:
            for link in task.compiled_links:
                if link.ministry_id not in seen:
                    seen.add(link.ministry_id)
                    links.append(link)
        return links


def resolved_parts(cycle: Cycle) -> list[tuple[Organization, Plan]]:
    """The ministries' resolved parts of the cycle, in the ministries' order."""
    submissions = (
        Submission.objects.filter(
            cycle=cycle,
            organization__kind=OrganizationKind.MINISTRY,
            state=SubmissionState.RESOLVED,
            plan__isnull=False,
            plan__is_draft=False,
            plan__level=PlanLevel.SECTORAL,
        )
        .select_related("organization", "plan")
        .order_by("organization__position", "organization__short_name")
    )
    return [(s.organization, s.plan) for s in submissions]


def sectoral_compilation(plan: Plan | None) -> SectoralCompilation | None:
    """For the Committee's sectoral plan DREAM compiled: which ministries' parts it holds
    and which are missing; None for a plan read from a document (or none)."""
    if (
        plan is None
        or plan.source_line is not None  # read from a document: asks nothing more
        or plan.level != PlanLevel.SECTORAL
        or plan.owner.kind != OrganizationKind.COMMITTEE
    ):
        return None
    cycle = Cycle.objects.filter(year=plan.year).first()
    if cycle is None:
        return None
    included = [ministry for ministry, _part in resolved_parts(cycle)]
    if not included:
        return None
    missing = [
        s.organization
        for s in cycle.submissions.filter(organization__kind=OrganizationKind.MINISTRY)
        .exclude(organization__in=included)
        .select_related("organization")
        .order_by("organization__position", "organization__short_name")
    ]
    return SectoralCompilation(included=included, missing=missing)


def compiled_reason(compilation: SectoralCompilation) -> str:
    """The version's reason: which ministries' resolved parts it was compiled from."""
    names = ", ".join(m.short_name for m in compilation.included)
    reason = f"DREAM이 부처 시행계획 의결본 {len(compilation.included)}건을 모아 작성: {names}"
    if compilation.missing:
        missing = ", ".join(m.short_name for m in compilation.missing)
        reason += f" (의결되지 않은 부처 {len(compilation.missing)}곳: {missing})"
    return reason


@transaction.atomic
def sectoral_compile(
    *, actor: User, cycle: Cycle, meeting: str, resolved_on: date | None
) -> PlanVersion | None:
    """Build or rebuild the Committee's sectoral plan of the cycle's year from every
    resolved ministry part (rules in this module's docstring), resolved at `meeting` on
    `resolved_on`. Returns the new version, or None when no part is resolved or nothing
    changed since the last version. Callers rebuild the search index afterwards
    (`cycle_resolve` does)."""
    if not can_manage_cycle(actor):
        raise NotAllowed("부문별 시행계획은 지방시대위원회 담당자만 엮을 수 있습니다.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    parts = resolved_parts(cycle)
    if not parts:
        return None
    committee = Organization.objects.get(kind=OrganizationKind.COMMITTEE)
    existing_plan = (
        Plan.objects.select_for_update()
        .filter(year=cycle.year, level=PlanLevel.SECTORAL, owner=committee, is_draft=False)
        .first()
    )
    if existing_plan is not None and existing_plan.source_line is not None:
        raise StateConflict(
            f"{cycle.year}년 부문별 시행계획은 문서에서 읽은 것이라 DREAM이 부처 계획으로 "
            "다시 엮지 않습니다."
        )
    sync = RecordSync(actor, COMPILED_REASON, _Counts())
    plan = sync.apply(
        Plan,
        {"plan": existing_plan} if existing_plan else {},
        {
            "plan": {
                "year": cycle.year,
                "level": PlanLevel.SECTORAL,
                "owner_id": committee.pk,
                "is_draft": False,
            }
        },
    )["plan"]

    strategies = _sync_strategies(sync, plan, parts)
    roots = _task_tree(parts)
    tasks = _sync_tasks(sync, plan, roots, strategies)
    _sync_links(sync, plan, roots, tasks)
    _sync_budgets(sync, plan, parts, strategies)
    _sync_indicators(sync, plan, parts, roots, tasks)
    sync.delete_stale()

    last = plan.versions.order_by("-number").first()
    if last is not None and last.content_hash == content_hash(plan_snapshot(plan)):
        return None
    compilation = sectoral_compilation(plan)
    return version_create(
        plan=plan,
        actor=actor,
        meeting=meeting,
        resolved_on=resolved_on,
        reason=compiled_reason(compilation),
    )


def _strategy_key(strategy: Strategy) -> tuple:
    return (strategy.kind, strategy.code, strategy.name)


def _sync_strategies(
    sync: RecordSync, plan: Plan, parts: list[tuple[Organization, Plan]]
) -> dict[tuple, Strategy]:
    """Merge the parts' strategies by number and name; returns the compiled ones by key."""
    ranks: dict[tuple, tuple] = {}
    for _ministry, part in parts:
        for strategy in part.strategies.all():
            key = _strategy_key(strategy)
            rank = (strategy.position, len(ranks))
            ranks[key] = min(ranks.get(key, rank), rank)
    ordered = sorted(ranks, key=ranks.__getitem__)
    positions = _positions([(key, key[0], ranks[key][0]) for key in ordered])
    wanted = {
        key: {
            "plan_id": plan.pk,
            "kind": key[0],
            "position": positions[key],
            "code": key[1],
            "name": key[2],
        }
        for key in ordered
    }
    existing = {_strategy_key(s): s for s in plan.strategies.all()}
    _make_room(existing, wanted)
    return sync.apply(Strategy, existing, wanted)


def _task_tree(parts: list[tuple[Organization, Plan]]) -> dict[tuple, _Node]:
    """The parts' task trees merged by path; returns the roots by key."""
    roots: dict[tuple, _Node] = {}
    seen = 0
    for ministry, part in parts:
        strategy_keys = {s.pk: _strategy_key(s) for s in part.strategies.all()}
        links = TaskMinistry.objects.order_by("position")
        tasks = list(
            part.tasks.prefetch_related(
                models.Prefetch("ministry_links", queryset=links, to_attr="compiled_links")
            ).order_by("kind", "position", "pk")
        )
        children: dict[int | None, list[Task]] = {}
        for task in tasks:
            children.setdefault(task.parent_id, []).append(task)
        level = [(task, roots, None) for task in children.get(None, [])]
        while level:
            next_level = []
            for task, siblings, parent_key in level:
                strategy_key = strategy_keys.get(task.strategy_id)
                step = (task.kind, task.code, task.name)
                key = (strategy_key, step) if parent_key is None else (*parent_key, step)
                node = siblings.get(key)
                if node is None:
                    seen += 1
                    node = siblings[key] = _Node(
                        key, task.kind, task.code, task.name, strategy_key, (task.position, seen)
                    )
                node.rank = min(node.rank, (task.position, node.rank[1]))
                node.sources.append((ministry, task))
                next_level.extend(
                    (child, node.children, key) for child in children.get(task.pk, [])
                )
            level = next_level
    return roots


def _ordered(nodes: dict[tuple, _Node]) -> list[tuple[_Node, int]]:
    """Siblings in compiled order, each with its position among those of its kind."""
    ordered = sorted(nodes.values(), key=lambda n: n.rank)
    positions = _positions([(n.key, n.kind, n.rank[0]) for n in ordered])
    return [(node, positions[node.key]) for node in ordered]


def _positions(items: list[tuple[tuple, str, int]]) -> dict[tuple, int]:
    """Each item keeps its part's position where no earlier item of its kind took it (so a
    code and its position still agree); the others follow the highest, in order."""
    taken: dict[str, set[int]] = {}
    positions: dict[tuple, int] = {}
    for key, kind, wished in items:
        if wished not in taken.setdefault(kind, set()):
            positions[key] = wished
            taken[kind].add(wished)
    for key, kind, _wished in items:
        if key not in positions:
            positions[key] = max(taken[kind]) + 1
            taken[kind].add(positions[key])
    return positions


def _walk(roots: dict[tuple, _Node]):
    """Every node, depth first in compiled order."""
    for node, _position in _ordered(roots):
        yield node
        yield from _walk(node.children)


def _existing_task_keys(plan: Plan) -> dict[tuple, Task]:
    rows = list(plan.tasks.select_related("strategy"))
    by_id = {row.pk: row for row in rows}
    keys: dict[int, tuple] = {}

    def key_of(row: Task) -> tuple:
        if row.pk not in keys:
            step = (row.kind, row.code, row.name)
            if row.parent_id is None:
                strategy = _strategy_key(row.strategy) if row.strategy else None
                keys[row.pk] = (strategy, step)
            else:
                keys[row.pk] = (*key_of(by_id[row.parent_id]), step)
        return keys[row.pk]

    return {key_of(row): row for row in rows}


def _sync_tasks(
    sync: RecordSync, plan: Plan, roots: dict[tuple, _Node], strategies: dict[tuple, Strategy]
) -> dict[tuple, Task]:
    """Store the merged tree level by level, so each child knows its parent's id."""
    existing = _existing_task_keys(plan)
    stored: dict[tuple, Task] = {}
    level = [(node, position, None) for node, position in _ordered(roots)]
    depth = 1
    while level or any(len(key) - 1 == depth for key in existing):
        wanted: dict[tuple, dict[str, Any]] = {}
        next_level = []
        for node, position, parent_key in level:
            source = node.source
            strategy = strategies.get(node.strategy_key) if node.strategy_key else None
            wanted[node.key] = {
                "plan_id": plan.pk,
                "parent_id": stored[parent_key].pk if parent_key else None,
                "kind": node.kind,
                "position": position,
                "code": node.code,
                "name": node.name,
                "strategy_id": strategy.pk if strategy else None,
                "project_count": source.project_count,
                "national_budget_eok": source.national_budget_eok,
                "national_budget_text": source.national_budget_text,
                "description": source.description,
            }
            next_level.extend((child, p, node.key) for child, p in _ordered(node.children))
        at_depth = {key: row for key, row in existing.items() if len(key) - 1 == depth}
        _make_room(at_depth, wanted)
        stored.update(sync.apply(Task, at_depth, wanted))
        level, depth = next_level, depth + 1
    return stored


def _sync_links(
    sync: RecordSync, plan: Plan, roots: dict[tuple, _Node], tasks: dict[tuple, Task]
) -> None:
    wanted = {}
    for node in _walk(roots):
        for position, link in enumerate(node.links(), start=1):
            wanted[(node.key, link.ministry_id)] = {
                "task_id": tasks[node.key].pk,
                "ministry_id": link.ministry_id,
                "position": position,
                "printed_name": link.printed_name,
            }
    key_by_task = {task.pk: key for key, task in tasks.items()}
    existing = {
        (key_by_task.get(link.task_id, ("stale", link.pk)), link.ministry_id): link
        for link in TaskMinistry.objects.filter(task__plan=plan)
    }
    sync.apply(TaskMinistry, existing, wanted)


def _sync_budgets(
    sync: RecordSync,
    plan: Plan,
    parts: list[tuple[Organization, Plan]],
    strategies: dict[tuple, Strategy],
) -> None:
    """Sum the parts' cells per strategy × source, and their totals per source."""
    sums: dict[tuple, Decimal] = {}
    for _ministry, part in parts:
        cells = list(part.budgets.filter(year=plan.year).select_related("strategy"))
        given = {c.source: c.amount_eok for c in cells if c.strategy is None}
        added: dict[str, Decimal] = {}
        for cell in cells:
            if cell.strategy is not None:
                key = (_strategy_key(cell.strategy), cell.year, cell.source)
                sums[key] = sums.get(key, Decimal(0)) + cell.amount_eok
                added[cell.source] = added.get(cell.source, Decimal(0)) + cell.amount_eok
        for source, amount in {**added, **given}.items():
            key = (None, plan.year, source)
            sums[key] = sums.get(key, Decimal(0)) + amount
    wanted = {
        key: {
            "plan_id": plan.pk,
            "strategy_id": strategies[key[0]].pk if key[0] else None,
            "year": key[1],
            "source": key[2],
            "amount_eok": amount,
            "printed": "",  # computed by DREAM, not printed anywhere
        }
        for key, amount in sums.items()
    }
    existing = {
        (_strategy_key(b.strategy) if b.strategy else None, b.year, b.source): b
        for b in plan.budgets.select_related("strategy")
    }
    sync.apply(Budget, existing, wanted)


def _sync_indicators(
    sync: RecordSync,
    plan: Plan,
    parts: list[tuple[Organization, Plan]],
    roots: dict[tuple, _Node],
    tasks: dict[tuple, Task],
) -> None:
    """A task's indicators come from the part that gives its content; indicators on no
    task from every part."""
    rows: list[tuple[tuple, Indicator, int | None]] = []
    for node in _walk(roots):
        for indicator in node.source.indicators.order_by("position", "pk"):
            key = (node.key, indicator.group, indicator.subgroup, indicator.name)
            rows.append((key, indicator, tasks[node.key].pk))
    for _ministry, part in parts:
        for indicator in part.indicators.filter(task=None).order_by("position", "pk"):
            rows.append(
                ((None, indicator.group, indicator.subgroup, indicator.name), indicator, None)
            )
    wanted: dict[tuple, dict[str, Any]] = {}
    for key, indicator, task_id in _numbered(rows):
        if key in wanted:
            continue
        wanted[key] = {
            "plan_id": plan.pk,
            "task_id": task_id,
            "position": len(wanted) + 1,
            **{name: getattr(indicator, name) for name in INDICATOR_CONTENT_FIELDS},
        }
    key_by_task = {task.pk: key for key, task in tasks.items()}
    existing_rows = []
    for indicator in plan.indicators.order_by("position", "pk"):
        where = key_by_task.get(indicator.task_id, ("stale", indicator.pk))
        if indicator.task_id is None:
            where = None
        existing_rows.append(
            ((where, indicator.group, indicator.subgroup, indicator.name), indicator, None)
        )
    existing = {key: indicator for key, indicator, _task in _numbered(existing_rows)}
    _make_room(existing, wanted)
    sync.apply(Indicator, existing, wanted)


def _numbered(rows: list[tuple]) -> list[tuple]:
    """Indicators on no task keyed with their ordinal among those of the same name, so two
    ministries' same-named indicators stay two; a task's are merged by name."""
    counts: dict[tuple, int] = {}
    numbered = []
    for key, indicator, task_id in rows:
        if key[0] is None:
            counts[key] = counts.get(key, 0) + 1
            key = (*key, counts[key])
        numbered.append((key, indicator, task_id))
    return numbered


def _make_room(existing: dict, wanted: dict) -> None:
    """Move rows that will take another position, or go, out of the positions being
    handed out (see POSITION_OFFSET); their final position is written with history."""
    moving = [
        row.pk
        for key, row in existing.items()
        if key not in wanted or wanted[key]["position"] != row.position
    ]
    if moving:
        model = type(next(iter(existing.values())))
        model.objects.filter(pk__in=moving).update(position=models.F("position") + POSITION_OFFSET)
