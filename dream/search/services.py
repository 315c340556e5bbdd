"""Writing the search index: rebuilt in bulk from a year's plan data after each import, and
from the digital plan and its districts after their import or a district's registration."""

from collections.abc import Iterator

from django.db import connection, transaction
from django.urls import reverse

from dream.digital.models import DigitalGoal, DigitalTask
from dream.digital.selectors import current_digital_plan
from dream.districts.models import InnovationDistrict
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, StrategyKind
from dream.plans.models import Plan, Strategy, Task, TaskMinistry

from .choices import DIGITAL_KINDS, KIND_RANK, EntryKind
from .models import SearchEntry
from .terms import normalise, search_terms

NATIONAL_CODES = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ")
CONTEXT_SEPARATOR = " › "


@transaction.atomic
def search_index_rebuild(*, year: int) -> int:
    """Replace the year's entries with fresh ones; returns how many there are now.

    Whole-year rebuilds keep the index simple and always consistent: a few thousand rows
    take well under a second, and imports are rare.
    """
    entries = sorted(_entries(year), key=_document_order)
    for position, entry in enumerate(entries, start=1):
        entry.position = position
    SearchEntry.objects.filter(plan__year=year).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    _refresh_statistics()
    return len(entries)


@transaction.atomic
def search_index_rebuild_digital() -> int:
    """Replace the entries of the digital plan (its goals and schedule tasks) and of the
    digital innovation districts; returns how many there are now.

    They follow the year's entries in `position`, in the order the dashboard shows them."""
    entries = list(_digital_entries())
    start = SearchEntry.objects.exclude(kind__in=DIGITAL_KINDS).count()
    for position, entry in enumerate(entries, start=start + 1):
        entry.position = position
    SearchEntry.objects.filter(kind__in=DIGITAL_KINDS).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    _refresh_statistics()
    return len(entries)


def _digital_entries() -> Iterator[SearchEntry]:
    plan = current_digital_plan()
    if plan is not None:
        goals = DigitalGoal.objects.filter(plan=plan).select_related("area__parent__parent")
        for goal in goals.order_by("source_line", "position"):
            yield _digital_entry(
                EntryKind.DIGITAL_GOAL,
                goal,
                goal.name,
                context=_area_context(goal.area),
                url=reverse("tracking:goal_detail", args=[goal.key]),
            )
        tasks = DigitalTask.objects.filter(plan=plan).select_related("area__parent__parent")
        for task in tasks.order_by("position"):
            yield _digital_entry(
                EntryKind.DIGITAL_TASK,
                task,
                task.name,
                context=CONTEXT_SEPARATOR.join(
                    filter(None, [_area_context(task.area), task.ministries_text])
                ),
                url=reverse("digital:dashboard") + f"#digital-task-{task.pk}",
            )
    districts = InnovationDistrict.objects.select_related("province")
    for district in districts.order_by("province__position", "name"):
        yield _digital_entry(
            EntryKind.DISTRICT,
            district,
            district.name,
            context=CONTEXT_SEPARATOR.join([district.province.short_name, district.location]),
            url=district.get_absolute_url(),
        )


def _area_context(area) -> str:
    """The area and the areas above it, outermost first."""
    names = []
    while area is not None:
        names.append(area.name)
        area = area.parent
    return CONTEXT_SEPARATOR.join(reversed(names))


def _digital_entry(kind, obj, title, *, context, url) -> SearchEntry:
    """An entry of the digital plan or a district: no implementation plan, no strategy;
    `position` gives its order, so it needs no source line."""
    return _entry(kind, obj, title, plan=None, context=context, url=url, source_line=0)


def _refresh_statistics() -> None:
    """Without statistics on a freshly filled table PostgreSQL scans every row and computes
    its tsvector (≈ 5× slower); ANALYZE of a few thousand rows takes milliseconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")


def _document_order(entry: SearchEntry) -> tuple:
    return (entry.source_line or 0, entry.kind_rank, entry.object_id)


def _entries(year: int) -> Iterator[SearchEntry]:
    plans = {p.pk: p for p in Plan.objects.filter(year=year).select_related("owner")}
    urls = {pk: _plan_url(plan) for pk, plan in plans.items()}
    strategies = {s.pk: s for s in Strategy.objects.filter(plan__year=year)}
    tasks = {t.pk: t for t in Task.objects.filter(plan__year=year).defer("description")}

    for plan in plans.values():
        if plan.goal:
            yield _entry(
                EntryKind.GOAL,
                plan,
                plan.goal,
                plan=plan,
                url=urls[plan.pk] + "#goal",
                source_line=plan.source_line,
            )
    for s in strategies.values():
        pillar = s if s.kind == StrategyKind.PILLAR else None
        yield _entry(
            EntryKind.STRATEGY,
            s,
            s.name,
            plan=plans[s.plan_id],
            pillar=pillar,
            context=s.get_kind_display(),
            url=f"{urls[s.plan_id]}#strategy-{s.pk}",
        )
    ministries = _task_ministries(year)
    for t in tasks.values():
        context = [a.name for a in _ancestors(t, tasks)]
        if ministries.get(t.pk):
            context.append("담당: " + "·".join(ministries[t.pk]))
        yield _entry(
            EntryKind.TASK,
            t,
            t.name,
            plan=plans[t.plan_id],
            pillar=_task_pillar(t, tasks, strategies),
            task_kind=t.kind,
            context=CONTEXT_SEPARATOR.join(context),
            url=f"{urls[t.plan_id]}#task-{t.pk}",
        )
    for i in Indicator.objects.filter(plan__year=year):
        task = tasks.get(i.task_id)
        about = task.name if task else i.scope
        yield _entry(
            EntryKind.INDICATOR,
            i,
            i.name,
            plan=plans[i.plan_id],
            pillar=_task_pillar(task, tasks, strategies) if task else None,
            context=CONTEXT_SEPARATOR.join(filter(None, [i.get_group_display(), about])),
            url=f"{urls[i.plan_id]}#indicator-{i.pk}",
        )


def _entry(
    kind, obj, title, *, plan, pillar=None, task_kind="", context="", url, source_line=None
) -> SearchEntry:
    """One entry; `source_line` is only kept on the instance, to sort by document order."""
    entry = SearchEntry(
        kind=kind,
        task_kind=task_kind,
        object_id=obj.pk,
        plan=plan,
        strategy_code=pillar.code if pillar and pillar.code in NATIONAL_CODES else "",
        strategy_name=pillar.name if pillar else "",
        title=title,
        context=context,
        url=url,
        text=normalise(title),
        terms=search_terms(title),
        kind_rank=KIND_RANK[kind],
        position=0,
    )
    entry.source_line = source_line if source_line is not None else obj.source_line
    return entry


def _plan_url(plan: Plan) -> str:
    """The public page that shows a plan's content."""
    if plan.level == PlanLevel.PROVINCE:
        return reverse("web:province_detail", args=[plan.owner.short_name])
    if plan.level == PlanLevel.SUPER_REGION:
        return reverse("web:super_region_detail", args=[plan.owner.short_name])
    if plan.level == PlanLevel.SECTORAL:
        return reverse("web:sectoral")
    return reverse("web:overview")


def _ancestors(task: Task, tasks: dict[int, Task]) -> list[Task]:
    """The task's parents, outermost first."""
    chain = []
    while task.parent_id in tasks:
        task = tasks[task.parent_id]
        chain.append(task)
    return chain[::-1]


def _task_pillar(task: Task, tasks: dict[int, Task], strategies: dict) -> Strategy | None:
    """Detailed tasks carry no strategy of their own: they belong to their core task's."""
    while task.strategy_id is None and task.parent_id in tasks:
        task = tasks[task.parent_id]
    return strategies.get(task.strategy_id)


def _task_ministries(year: int) -> dict[int, list[str]]:
    by_task: dict[int, list[str]] = {}
    links = TaskMinistry.objects.filter(task__plan__year=year).order_by("task_id", "position")
    for task_id, name in links.values_list("task_id", "ministry__short_name"):
        by_task.setdefault(task_id, []).append(name)
    return by_task
