"""Writing a read plan document into the database: one transaction, changes only
(dream.core.sync.RecordSync)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import OperationalError, connection, transaction

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.selectors import ministries_by_name, name_key
from dream.accounts.services import ministry_ensure, organizations_ensure, system_user
from dream.core.korean import particle
from dream.core.statistics import planner_statistics_refresh
from dream.core.sync import RecordSync, held_described
from dream.cycle.models import SubmissionEvent
from dream.cycle.outcome import cycle_record_published
from dream.digital.services import digital_plan_import
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel
from dream.plans.models import Budget, Plan, PrintedShare, Strategy, Task, TaskMinistry
from dream.priorities.importing import priority_tasks_store
from dream.search.models import SearchEntry
from dream.search.services import search_index_rebuild

from .document import PlanFormatError, read_lines
from .models import Finding, ImportRun
from .reader import Progress, document_kind, plan_document_read
from .records import Finding as FindingRecord
from .records import ParsedDocument, ParsedPlan, ParsedTask

OWNER_KIND = {
    PlanLevel.NATIONAL: OrganizationKind.COMMITTEE,
    PlanLevel.SECTORAL: OrganizationKind.COMMITTEE,
    PlanLevel.PROVINCE: OrganizationKind.PROVINCE,
    PlanLevel.SUPER_REGION: OrganizationKind.SUPER_REGION,
}


@dataclass
class ImportResult:
    year: int
    plans: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    findings: list[Finding] = field(default_factory=list)
    run: ImportRun | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# How long an import waits for another one to finish before it gives up. SQLite waits at
# BEGIN IMMEDIATE for its busy timeout (settings: 20 s); PostgreSQL for this long.
IMPORT_LOCK_WAIT_SECONDS = 30
# The PostgreSQL advisory lock that imports take: any fixed 64-bit number that no other
# part of DREAM uses ("DREAMIMP" in ASCII).
IMPORT_LOCK_KEY = int.from_bytes(b"DREAMIMP", "big") & (2**63 - 1)


class ImportInProgress(Exception):
    """Another import held the database for longer than this one would wait."""

    def __init__(self):
        super().__init__(
            "다른 가져오기가 진행 중입니다. 그 가져오기가 끝난 뒤 다시 실행하세요. "
            "데이터베이스는 바뀌지 않았습니다"
        )


def document_import(
    *,
    path: Path,
    actor: User | None = None,
    facts: Path | None = None,
    progress: Progress | None = None,
):
    """Import either document DREAM reads, as `dream import-plan` does.

    One import at a time per database, in one transaction that takes the import lock
    before it reads anything stored: a second import waits, then compares with what the
    first one wrote (so identical imports record their changes once), or is refused with
    ImportInProgress. Everything, down to creating the `system` user when no actor is
    given, is in that transaction, so a refused document (PlanFormatError) writes nothing.
    """
    kind = document_kind(read_lines(path))
    try:
        with transaction.atomic():
            _import_lock_take()
            actor = actor or system_user()
            if kind == "digital_plan":
                return digital_plan_import(actor=actor, path=path, facts=facts, progress=progress)
            return plan_document_import(actor=actor, path=path, progress=progress)
    except OperationalError as exc:
        if connection.vendor == "sqlite" and "locked" in str(exc):
            raise ImportInProgress() from exc  # BEGIN IMMEDIATE outwaited its busy timeout
        raise


def _import_lock_take() -> None:
    """On PostgreSQL, the transaction's advisory import lock, waiting a bounded time for it.

    SQLite needs none: with transaction_mode IMMEDIATE the outermost transaction already
    took the database's single write lock at BEGIN.
    """
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + IMPORT_LOCK_WAIT_SECONDS
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
            if cursor.fetchone()[0]:
                return
            if time.monotonic() > deadline:
                raise ImportInProgress()
            time.sleep(0.2)


def plan_document_import(
    *, actor: User, path: Path, progress: Progress | None = None
) -> ImportResult:
    """Read the document and store it; all or nothing."""
    document = plan_document_read(path, progress)
    return plan_document_store(
        actor=actor,
        document=document,
        file_name=path.name,
        sha256=_sha256(path),
        progress=progress,
    )


@transaction.atomic
def plan_document_store(
    *,
    actor: User,
    document: ParsedDocument,
    file_name: str,
    sha256: str,
    progress: Progress | None = None,
) -> ImportResult:
    say = progress or (lambda message: None)
    organizations = organizations_ensure(actor=actor)
    _refuse_a_year_made_in_dream(document.year)
    result = ImportResult(year=document.year, plans=len(document.plans))
    sync = RecordSync(
        actor, f"가져오기: {file_name} (sha256 {sha256[:12]})", result, refusal=PlanFormatError
    )
    year = document.year

    say("시행계획 저장")
    owners = {_plan_key(plan): _owner(organizations, plan) for plan in document.plans}
    plans = sync.apply(
        Plan,
        {
            (p.level, p.owner.short_name): p
            for p in Plan.objects.filter(year=year).select_related("owner")
        },
        {
            _plan_key(plan): {
                "year": year,
                "level": plan.level,
                "owner_id": owners[_plan_key(plan)].pk,
                "goal": plan.goal,
                "source_line": plan.source_line,
            }
            for plan in document.plans
        },
    )
    plan_ids = {key: plan.pk for key, plan in plans.items()}

    say("전략 저장")
    strategies = sync.apply(
        Strategy,
        {
            (s.plan.level, s.plan.owner.short_name, s.kind, s.position): s
            for s in Strategy.objects.filter(plan__year=year).select_related("plan__owner")
        },
        {
            (*_plan_key(plan), s.kind, s.position): {
                "plan_id": plan_ids[_plan_key(plan)],
                "kind": s.kind,
                "position": s.position,
                "code": s.code,
                "name": s.name,
                "source_line": s.source_line,
            }
            for plan in document.plans
            for s in plan.strategies
        },
    )

    say("과제 저장")
    tasks = _store_tasks(sync, document, plan_ids, strategies)
    _store_task_ministries(sync, document, tasks, result)

    say("재정투입 저장")
    sync.apply(
        Budget,
        {
            (
                b.plan.level,
                b.plan.owner.short_name,
                b.strategy.position if b.strategy else None,
                b.year,
                b.source,
            ): b
            for b in Budget.objects.filter(plan__year=year).select_related(
                "plan__owner", "strategy"
            )
        },
        {
            (*_plan_key(plan), b.strategy_position, b.year, b.source): {
                "plan_id": plan_ids[_plan_key(plan)],
                "strategy_id": _pillar_id(strategies, plan, b.strategy_position),
                "year": b.year,
                "source": b.source,
                "amount_eok": b.amount_eok,
                "printed": b.printed,
                "source_line": b.source_line,
            }
            for plan in document.plans
            for b in plan.budgets
        },
    )

    sync.apply(
        PrintedShare,
        {
            (s.plan.level, s.plan.owner.short_name, s.year, s.group, s.key): s
            for s in PrintedShare.objects.filter(plan__year=year).select_related("plan__owner")
        },
        {
            (*_plan_key(plan), s.year, s.group, s.key): {
                "plan_id": plan_ids[_plan_key(plan)],
                "year": s.year,
                "group": s.group,
                "key": s.key,
                "percent": s.percent,
                "printed": s.printed,
                "source_line": s.source_line,
            }
            for plan in document.plans
            for s in plan.shares
        },
    )

    say("성과지표 저장")
    task_ids_by_code = {
        (key[0], key[1], row.full_code): row.pk for key, row in tasks.items() if row.code
    }
    sync.apply(
        Indicator,
        {
            (i.plan.level, i.plan.owner.short_name, i.position): i
            for i in Indicator.objects.filter(plan__year=year).select_related("plan__owner")
        },
        {
            (*_plan_key(plan), position): {
                "plan_id": plan_ids[_plan_key(plan)],
                "task_id": _indicator_task_id(task_ids_by_code, plan, i.task_code),
                "position": position,
                "group": i.group,
                "scope": i.scope,
                "subgroup": i.subgroup,
                "name": i.name,
                "unit": i.unit,
                "baseline_year": i.baseline_year,
                "baseline_text": i.baseline_text,
                "baseline_value": i.baseline_value,
                "target_year": i.target_year,
                "target_text": i.target_text,
                "target_value": i.target_value,
                "change_text": i.change_text,
                "target_note": i.target_note,
                "is_new": i.is_new,
                "source_line": i.source_line,
            }
            for plan in document.plans
            for position, i in enumerate(plan.indicators, start=1)
        },
    )

    say("중점 이행과제 저장")
    priority_tasks_store(sync, year, document.priority_tasks)
    _refuse_dropping_resolved_plans(sync.stale)
    held = sync.stale_held()
    if held:
        raise PlanFormatError(
            f"문서에 없는 항목에 입력된 기록이 있어 지울 수 없습니다: {held_described(held)}. "
            "실적이 입력된 항목은 지우지 않으므로 아무것도 가져오지 않았습니다. 문서가 맞는지 "
            "확인하거나, 그 기록을 먼저 지운 뒤 다시 가져오세요."
        )
    sync.delete_stale()

    say("검토 사항 저장")
    _store_findings(document, plans, result, actor=actor, file_name=file_name, sha256=sha256)
    say("수립 주기 기록")
    cycle_record_published(
        year=year, facts=document.cycle, actor=actor, source=f"{file_name} (sha256 {sha256[:12]})"
    )
    if result.changed or not SearchEntry.objects.filter(plan__year=year).exists():
        search_index_rebuild(year=year)  # derived data: also fills an index made after the import
    planner_statistics_refresh()
    return result


def _refuse_a_year_made_in_dream(year: int) -> None:
    """A year whose plans are being written (or were resolved) in DREAM's cycle is not
    overwritten by a document: the import would replace the bodies' drafts and steps with
    printed text. The published document of such a year is the cycle's output, not its input."""
    drafts = Plan.objects.filter(year=year, is_draft=True).count()
    steps = SubmissionEvent.objects.filter(submission__cycle__year=year).count()
    if drafts or steps:
        raise PlanFormatError(
            f"{year}년 시행계획은 DREAM의 수립 주기에서 작성되고 있습니다"
            f"(초안 {drafts:,}건, 처리 기록 {steps:,}건). 이 해의 문서를 가져오면 "
            "기관들이 쓴 내용을 덮어쓰므로 가져오지 않았습니다."
        )


def _refuse_dropping_resolved_plans(stale: list) -> None:
    """A resolved plan is never deleted (its versions are the record of the resolution), so
    a document that no longer has it is refused rather than half-applied."""
    dropped = [row for row in stale if isinstance(row, Plan) and row.versions.exists()]
    if dropped:
        names = ", ".join(str(plan) for plan in dropped)
        raise PlanFormatError(
            f"문서에 없는 시행계획이 있습니다: {names}. 의결된 판이 있는 시행계획은 지우지 "
            "않습니다. 문서가 맞는지 확인해 주세요."
        )


def _owner(organizations: dict, plan: ParsedPlan) -> Organization:
    try:
        return organizations[(OWNER_KIND[plan.level], plan.owner)]
    except KeyError:
        raise PlanFormatError(
            f"'{plan.owner}'{particle(plan.owner, '은')} 알 수 없는 {plan.level} 시행계획 수립 주체입니다",
            plan.source_line,
        ) from None


def _plan_key(plan: ParsedPlan) -> tuple[str, str]:
    return (plan.level, plan.owner)


def _pillar_id(strategies: dict, plan: ParsedPlan, position: int | None) -> int | None:
    if position is None:
        return None
    return strategies[(*_plan_key(plan), "pillar", position)].pk


def _indicator_task_id(task_ids_by_code: dict, plan: ParsedPlan, task_code: str) -> int | None:
    if not task_code:
        return None
    return task_ids_by_code.get((*_plan_key(plan), task_code))


def _task_key(task: Task, parent_key: tuple | None) -> tuple:
    if parent_key is None:
        strategy_position = task.strategy.position if task.strategy else None
        return (
            task.plan.level,
            task.plan.owner.short_name,
            strategy_position,
            task.kind,
            task.position,
        )
    return (*parent_key, task.kind, task.position)


def _store_tasks(
    sync: RecordSync, document: ParsedDocument, plan_ids: dict, strategies: dict
) -> dict:
    """Store the task trees level by level, so each child knows its parent's id."""
    existing_rows = list(
        Task.objects.filter(plan__year=document.year).select_related("plan__owner", "strategy")
    )
    by_id = {row.pk: row for row in existing_rows}
    keys: dict[int, tuple] = {}

    def key_of(row: Task) -> tuple:
        if row.pk not in keys:
            parent_key = key_of(by_id[row.parent_id]) if row.parent_id else None
            keys[row.pk] = _task_key(row, parent_key)
        return keys[row.pk]

    existing_by_depth: dict[int, dict[tuple, Task]] = {}
    for row in existing_rows:
        key = key_of(row)
        existing_by_depth.setdefault(_depth(key), {})[key] = row

    stored: dict[tuple, Task] = {}
    level: list[tuple[ParsedPlan, ParsedTask, tuple | None]] = [
        (plan, task, None) for plan in document.plans for task in plan.tasks
    ]
    depth = 0
    while level or existing_by_depth.get(depth):
        wanted: dict[tuple, dict[str, Any]] = {}
        next_level = []
        for plan, task, parent_key in level:
            if parent_key is None:
                key = (*_plan_key(plan), task.strategy_position, task.kind, task.position)
            else:
                key = (*parent_key, task.kind, task.position)
            wanted[key] = {
                "plan_id": plan_ids[_plan_key(plan)],
                "parent_id": stored[parent_key].pk if parent_key else None,
                "kind": task.kind,
                "position": task.position,
                "code": task.code,
                "name": task.name,
                "strategy_id": _pillar_id(strategies, plan, task.strategy_position),
                "project_count": task.project_count,
                "national_budget_eok": task.national_budget_eok,
                "national_budget_text": task.national_budget_text,
                "description": task.description,
                "source_line": task.source_line,
            }
            next_level.extend((plan, child, key) for child in task.children)
        stored.update(sync.apply(Task, existing_by_depth.get(depth, {}), wanted))
        level, depth = next_level, depth + 1
    stored_with_parsed = {}
    for plan in document.plans:
        _collect(plan, plan.tasks, None, "", stored, stored_with_parsed)
    return stored_with_parsed


def _depth(key: tuple) -> int:
    return (len(key) - 5) // 2


def _collect(plan, tasks, parent_key, parent_code, stored, into) -> None:
    """Pair stored rows with their parsed tasks; a task's full code is its parent's code and
    its own ("Ⅲ-5" + "(1)"), as indicators cite it."""
    for task in tasks:
        if parent_key is None:
            key = (*_plan_key(plan), task.strategy_position, task.kind, task.position)
        else:
            key = (*parent_key, task.kind, task.position)
        row = stored[key]
        row.parsed = task
        row.full_code = parent_code + task.code
        into[key] = row
        _collect(plan, task.children, key, row.full_code, stored, into)


def _store_task_ministries(
    sync: RecordSync, document: ParsedDocument, tasks: dict, result: ImportResult
) -> None:
    """Link each task to the ministries it prints: a ministry printed under another name
    (과기부) links to its one record (과기정통부) and the link keeps the printed name; an
    unknown name is registered and reported."""
    ministries = ministries_by_name()
    wanted: dict[tuple, dict[str, Any]] = {}
    for key, row in tasks.items():
        for position, printed in enumerate(row.parsed.ministries, start=1):
            ministry = ministries.get(name_key(printed))
            if ministry is None:
                ministry, _ = ministry_ensure(printed, actor=sync.actor)
                ministries[name_key(printed)] = ministry
                document.findings.append(
                    FindingRecord(
                        "warning",
                        "ministry.unknown",
                        f"알 수 없는 부처 약칭 '{printed}'(과제 '{row.name}'): 새 기관으로 등록했습니다. "
                        "오타이거나 다른 칸의 글자가 붙은 것인지 확인하세요",
                        row.source_line or 0,
                    )
                )
            link = wanted.get((key, ministry.pk))
            if link is not None:  # one ministry printed twice, under two names
                link["printed_name"] += f", {printed}"
                continue
            wanted[(key, ministry.pk)] = {
                "task_id": row.pk,
                "ministry_id": ministry.pk,
                "position": position,
                "printed_name": printed,
            }
    key_by_pk = {row.pk: key for key, row in tasks.items()}
    existing = {
        (key_by_pk.get(link.task_id, ("stale", link.pk)), link.ministry_id): link
        for link in TaskMinistry.objects.filter(task__plan__year=document.year)
    }
    sync.apply(TaskMinistry, existing, wanted)


def _store_findings(
    document: ParsedDocument,
    plans: dict,
    result: ImportResult,
    *,
    actor: User,
    file_name: str,
    sha256: str,
) -> None:
    """Keep the findings that still hold, add new ones, drop the ones the document lost."""
    by_owner = {}
    for (_level, owner), plan in plans.items():
        by_owner.setdefault(owner, plan)
    wanted: dict[tuple, tuple[Plan | None, FindingRecord]] = {}
    for parsed in document.plans:
        plan = plans[_plan_key(parsed)]
        for finding in parsed.findings:
            wanted[_finding_key(plan.pk, finding)] = (plan, finding)
    for finding in document.findings:
        plan = by_owner.get(finding.owner) if finding.owner else None
        wanted[_finding_key(plan.pk if plan else None, finding)] = (plan, finding)
    existing = {
        (f.plan_id, f.severity, f.code, f.message, f.source_line): f
        for f in Finding.objects.filter(year=document.year)
    }
    stale = [f.pk for key, f in existing.items() if key not in wanted]
    new = [(plan, finding) for key, (plan, finding) in wanted.items() if key not in existing]
    if new or stale or result.changed:
        result.run = ImportRun.objects.create(
            actor=actor,
            file_name=file_name,
            sha256=sha256,
            year=document.year,
            created=result.created,
            updated=result.updated,
            deleted=result.deleted,
        )
    Finding.objects.filter(pk__in=stale).delete()
    Finding.objects.bulk_create(
        Finding(
            year=document.year,
            plan=plan,
            severity=f.severity,
            code=f.code,
            message=f.message,
            source_line=f.source_line,
            import_run=result.run,
        )
        for plan, f in new
    )
    result.findings = list(Finding.objects.filter(year=document.year).select_related("plan"))


def _finding_key(plan_id: int | None, finding: FindingRecord) -> tuple:
    return (plan_id, finding.severity, finding.code, finding.message, finding.source_line)
