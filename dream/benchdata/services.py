"""Benchmark data: the imported 2024 plan grown into many years and finer rows.

The benchmarks (benchmarks/scale.py) need databases of 100 k and 1 M tasks shaped like the
real one; the app never calls this. Each generated year is a copy of the source year's
published plans (strategies, the task tree, ministries, budgets, printed shares,
indicators, findings) with every foreign key pointing inside the copy, plus project rows
(사업) under the sectoral plan's practical tasks when a year must hold more tasks than the
source has: the finer data the next steps bring. The source year itself is left as
imported, so year-scoped pages show the same rows at every size.

Rows get explicit primary keys (max + 1 onwards) so a tree is written without reading ids
back, and a seeded random source per year makes a run reproducible on the same database.
"""

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model

from dream.accounts.services import system_user
from dream.indicators.models import Indicator
from dream.ingest.models import Finding, ImportRun
from dream.plans.choices import TaskKind
from dream.plans.models import Budget, Plan, PrintedShare, Strategy, Task, TaskMinistry
from dream.search.models import SearchEntry
from dream.search.services import search_index_rebuild

SOURCE_YEAR = 2024
BATCH_SIZE = 2000
# One plan year is about 10,000 tasks once project lines come in, and no more than 20 years
# are kept side by side: 100 k tasks → 2015–2024, 1 M → 2005–2024 (50 k tasks a year).
TASKS_PER_YEAR = 10_000
MAX_YEARS = 20
# Project names are made of words of real task names, so searches find them as they would.
WORD = re.compile(r"[가-힣A-Za-z0-9·]{2,}")
PROJECT_SUFFIXES = ("지원", "육성 사업", "기반 구축", "활성화", "고도화", "조성", "실증")


class BenchDataRefused(Exception):
    """The database cannot be grown as asked; nothing was written."""


@dataclass
class BenchDataResult:
    years: list[int]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def default_years(tasks: int) -> int:
    """How many years to generate besides the source year for a total of `tasks`."""
    return max(1, min(MAX_YEARS - 1, tasks // TASKS_PER_YEAR - 1))


def bench_data_generate(
    *,
    tasks: int,
    years: int | None = None,
    seed: int = 0,
    progress: Callable[[str], None] = lambda message: None,
) -> BenchDataResult:
    """Copy the source year into the `years` years before it until the database holds
    `tasks` tasks; one transaction per year. Refuses before writing anything if the source
    year is missing, a target year exists or `tasks` is too few for the years."""
    started = time.perf_counter()
    years = default_years(tasks) if years is None else years
    source = _Source.load()
    targets = list(range(SOURCE_YEAR - 1, SOURCE_YEAR - 1 - years, -1))
    _check(tasks=tasks, years=years, targets=targets, source=source)
    quotas = _quotas(tasks - Task.objects.count(), years)
    actor = system_user()
    for year, quota in zip(targets, quotas, strict=True):
        year_started = time.perf_counter()
        with transaction.atomic():
            written = _YearCopy(source, year, random.Random(f"{seed}:{year}")).write(quota, actor)
            entries = search_index_rebuild(year=year)
        progress(
            f"{year}년: 과제 {written:,}개, 검색 항목 {entries:,}개 "
            f"({time.perf_counter() - year_started:.1f}초)"
        )
    _after_explicit_keys()
    return BenchDataResult(
        years=targets, counts=table_counts(), seconds=time.perf_counter() - started
    )


def table_counts() -> dict[str, int]:
    """Rows of the tables the generator writes, by table name."""
    return {
        model._meta.db_table: model.objects.count()
        for model in (
            Plan,
            Strategy,
            Task,
            TaskMinistry,
            Budget,
            PrintedShare,
            Indicator,
            ImportRun,
            Finding,
            SearchEntry,
        )
    }


def _check(*, tasks: int, years: int, targets: list[int], source: "_Source") -> None:
    if not source.plans:
        raise BenchDataRefused(
            f"{SOURCE_YEAR}년 시행계획이 없습니다: 먼저 `dream import-plan "
            f"data/seeds/{SOURCE_YEAR}-implementation-plan.txt`로 가져오세요. "
            f"(The {SOURCE_YEAR} plan is missing: import it first.)"
        )
    if years < 1:
        raise BenchDataRefused("--years는 1 이상이어야 합니다. (--years must be at least 1.)")
    existing = sorted(set(Plan.objects.filter(year__in=targets).values_list("year", flat=True)))
    if existing:
        shown = ", ".join(map(str, existing))
        raise BenchDataRefused(
            f"{shown}년 시행계획이 이미 있습니다: 새 데이터베이스에서 실행하세요. "
            f"(Target years {shown} already exist: run on a fresh copy.)"
        )
    needed = Task.objects.count() + years * len(source.tasks)
    if tasks < needed:
        raise BenchDataRefused(
            f"과제 {tasks:,}개로는 {years}개 연도를 만들 수 없습니다(최소 {needed:,}개). "
            f"(Too few tasks for {years} years: at least {needed:,}.)"
        )


def _quotas(total: int, years: int) -> list[int]:
    """`total` tasks split over the years as evenly as whole numbers allow."""
    share, extra = divmod(total, years)
    return [share + (1 if index < extra else 0) for index in range(years)]


def _rows(queryset) -> list[dict]:
    """Rows as attribute-name dicts (plan_id, not plan), in primary-key order."""
    return list(queryset.order_by("pk").values())


class _Source:
    """The source year's published rows, read once."""

    @classmethod
    def load(cls) -> "_Source":
        source = cls()
        published = {"plan__year": SOURCE_YEAR, "plan__is_draft": False}
        source.plans = _rows(Plan.objects.filter(year=SOURCE_YEAR, is_draft=False))
        source.strategies = _rows(Strategy.objects.filter(**published))
        source.tasks = _rows(Task.objects.filter(**published))
        source.task_ministries = _rows(
            TaskMinistry.objects.filter(task__plan__year=SOURCE_YEAR, task__plan__is_draft=False)
        )
        source.budgets = _rows(Budget.objects.filter(**published))
        source.printed_shares = _rows(PrintedShare.objects.filter(**published))
        source.indicators = _rows(Indicator.objects.filter(**published))
        source.findings = _rows(Finding.objects.filter(year=SOURCE_YEAR))
        source.import_run = ImportRun.objects.filter(year=SOURCE_YEAR).order_by("pk").first()
        source.words = sorted(
            {word for task in source.tasks for word in WORD.findall(task["name"])}
        )
        return source


class _YearCopy:
    """One generated year: the source rows under new keys, then the project rows."""

    def __init__(self, source: _Source, year: int, rng: random.Random):
        self.source = source
        self.year = year
        self.shift = year - SOURCE_YEAR
        self.rng = rng

    def write(self, quota: int, actor) -> int:
        source = self.source
        plans = self._plans = self._copy(Plan, source.plans, year=self.year)
        strategies = self._copy(Strategy, source.strategies, plan_id=plans)
        tasks = self._copy(
            Task, source.tasks, plan_id=plans, strategy_id=strategies, parent_id="self"
        )
        self._copy(TaskMinistry, source.task_ministries, task_id=tasks)
        self._copy(
            Budget, source.budgets, plan_id=plans, strategy_id=strategies, year=self._shifted
        )
        self._copy(PrintedShare, source.printed_shares, plan_id=plans, year=self._shifted)
        self._copy(
            Indicator,
            source.indicators,
            plan_id=plans,
            task_id=tasks,
            baseline_year=self._shifted,
            target_year=self._shifted,
        )
        run = ImportRun.objects.create(
            actor=actor,
            file_name=f"bench-data {self.year}",
            sha256=source.import_run.sha256 if source.import_run else "",
            year=self.year,
        )
        self._copy(
            Finding, source.findings, plan_id=plans, year=self._shifted, import_run_id=run.pk
        )
        projects = quota - len(source.tasks)
        if projects > 0:
            self._add_projects(projects, tasks)
        return quota

    def _shifted(self, year: int | None) -> int | None:
        return None if year is None else year + self.shift

    def _copy(self, model: type[Model], rows: list[dict], **changes) -> dict[int, int]:
        """Insert copies of `rows`; a change is a new value, a function of the old value,
        an old → new key map, or "self" for a key into the rows being copied. Returns the
        old → new primary keys."""
        start = _next_pk(model)
        keys = {row["id"]: start + index for index, row in enumerate(rows)}
        copies = []
        for row in rows:
            values = {**row, "id": keys[row["id"]]}
            for name, change in changes.items():
                old = row[name]
                if change == "self":
                    values[name] = keys.get(old)
                elif isinstance(change, dict):
                    values[name] = change.get(old)
                elif callable(change):
                    values[name] = change(old)
                else:
                    values[name] = change
            copies.append(model(**values))
        model.objects.bulk_create(copies, batch_size=BATCH_SIZE)
        return keys

    def _add_projects(self, count: int, tasks: dict[int, int]) -> None:
        """`count` projects (사업) under the year's practical tasks, unevenly spread as real
        projects are, each with a budget and its parent's lead ministry."""
        source, rng = self.source, self.rng
        parents = [row for row in source.tasks if row["kind"] == TaskKind.PRACTICAL]
        weights = [rng.uniform(0.2, 1.8) for _ in parents]
        shares = [int(count * weight / sum(weights)) for weight in weights]
        for index in range(count - sum(shares)):
            shares[index % len(shares)] += 1
        lead = {}
        for link in sorted(source.task_ministries, key=lambda link: link["position"]):
            lead.setdefault(link["task_id"], link)
        next_task, next_link = _next_pk(Task), _next_pk(TaskMinistry)
        projects, links = [], []
        for parent, share in zip(parents, shares, strict=True):
            for position in range(1, share + 1):
                amount = Decimal(rng.randint(1, 50_000)).scaleb(-2)
                projects.append(
                    Task(
                        id=next_task,
                        plan_id=self._plans[parent["plan_id"]],
                        parent_id=tasks[parent["id"]],
                        kind=TaskKind.PROJECT,
                        position=position,
                        code=f"{parent['code']}-{position}".lstrip("-"),
                        name=self._project_name(),
                        national_budget_eok=amount,
                        national_budget_text=f"{amount:,}",
                        source_line=parent["source_line"],
                    )
                )
                if parent["id"] in lead:
                    links.append(
                        TaskMinistry(
                            id=next_link,
                            task_id=next_task,
                            ministry_id=lead[parent["id"]]["ministry_id"],
                            position=1,
                            printed_name=lead[parent["id"]]["printed_name"],
                        )
                    )
                    next_link += 1
                next_task += 1
                if len(projects) >= BATCH_SIZE:
                    self._flush(projects, links)
        self._flush(projects, links)

    def _project_name(self) -> str:
        first, second = self.rng.sample(self.source.words, 2)
        return f"{first} {second} {self.rng.choice(PROJECT_SUFFIXES)}"

    @staticmethod
    def _flush(projects: list[Task], links: list[TaskMinistry]) -> None:
        Task.objects.bulk_create(projects, batch_size=BATCH_SIZE)
        TaskMinistry.objects.bulk_create(links, batch_size=BATCH_SIZE)
        projects.clear()
        links.clear()


def _next_pk(model: type[Model]) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _after_explicit_keys() -> None:
    """PostgreSQL's sequences do not see explicit keys: move them past the new rows, and
    gather the statistics autovacuum would, so the benchmarks see a settled database."""
    if connection.vendor != "postgresql":
        return
    models = [Plan, Strategy, Task, TaskMinistry, Budget, PrintedShare, Indicator, Finding]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        for model in (*models, SearchEntry, ImportRun):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
