"""Writing the search index: rebuilt in bulk from a year's plan data after each import, and
from the digital plan and its districts after their import or a district's registration;
the ministries' pages with either."""

from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.selectors import printed_names
from dream.digital.models import DigitalGoal, DigitalTask
from dream.digital.selectors import current_digital_plan
from dream.districts.models import InnovationDistrict
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, StrategyKind
from dream.plans.models import Plan, Strategy, Task, TaskMinistry
from dream.plans.selectors import ministry_part

from .choices import DIGITAL_KINDS, KIND_RANK, EntryKind
from .models import SearchEntry, organization_ids
from .terms import index_terms, normalise, search_terms

NATIONAL_CODES = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ")
CONTEXT_SEPARATOR = " › "


@transaction.atomic
def search_index_rebuild(*, year: int) -> int:
    """Replace the year's entries and the ministries' pages with fresh ones; returns how
    many there are now. The import that brings the year also brings its ministries.

    Whole-year rebuilds keep the index simple and always consistent: a few thousand rows
    take well under a second, and imports are rare.
    """
    entries = [*sorted(_entries(year), key=_document_order), *_organization_entries()]
    for position, entry in enumerate(entries, start=1):
        entry.position = position
    SearchEntry.objects.filter(Q(year=year) | Q(kind=EntryKind.ORGANIZATION)).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    _refresh_statistics()
    return len(entries)


@transaction.atomic
def search_index_rebuild_digital() -> int:
    """Replace the entries of the digital plan (its goals and schedule tasks), of the
    digital innovation districts and the ministries' pages (its import may add a
    ministry); returns how many there are now.

    They follow the year's entries in `position`, in the order the dashboard shows them."""
    replaced = Q(kind__in=DIGITAL_KINDS) | Q(kind=EntryKind.ORGANIZATION)
    entries = [*_organization_entries(), *_digital_entries()]
    start = SearchEntry.objects.exclude(replaced).count()
    for position, entry in enumerate(entries, start=start + 1):
        entry.position = position
    SearchEntry.objects.filter(replaced).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    _refresh_statistics()
    return len(entries)


def _organization_entries() -> Iterator[SearchEntry]:
    """Each ministry's page, under its official name, found by any of its names."""
    ministries = Organization.objects.filter(kind=OrganizationKind.MINISTRY)
    for ministry in ministries.prefetch_related("aliases").order_by("position", "short_name"):
        title = ministry.full_name or ministry.short_name
        names = [name for name in printed_names(ministry) if name != title]
        yield _entry(
            EntryKind.ORGANIZATION,
            ministry,
            title,
            plan=None,
            context="다른 이름: " + " · ".join(names) if names else "",
            url=reverse("web:organization_detail", args=[ministry.short_name]),
            organizations=[ministry.pk],
        )


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
        tasks = (
            DigitalTask.objects.filter(plan=plan)
            .select_related("area__parent__parent")
            .prefetch_related("ministry_links")
        )
        for task in tasks.order_by("position"):
            yield _digital_entry(
                EntryKind.DIGITAL_TASK,
                task,
                task.name,
                context=CONTEXT_SEPARATOR.join(
                    filter(None, [_area_context(task.area), task.ministries_text])
                ),
                url=reverse("digital:dashboard") + f"#digital-task-{task.pk}",
                organizations=[link.ministry_id for link in task.ministry_links.all()],
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


def _digital_entry(kind, obj, title, *, context, url, organizations=()) -> SearchEntry:
    """An entry of the digital plan or a district: no implementation plan, no strategy;
    `position` gives its order. Districts were read from no document: no source line."""
    return _entry(
        kind, obj, title, plan=None, context=context, url=url, organizations=organizations
    )


def _refresh_statistics() -> None:
    """Without statistics on a freshly filled table PostgreSQL scans every row and computes
    its tsvector (≈ 5× slower); ANALYZE of a few thousand rows takes milliseconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")


def _document_order(entry: SearchEntry) -> tuple:
    return (entry.source_line or 0, entry.kind_rank, entry.object_id)


def _entries(year: int) -> Iterator[SearchEntry]:
    plans = {
        p.pk: p
        for p in Plan.objects.filter(year=year, is_draft=False)
        .exclude(ministry_part())  # found in the Committee's sectoral plan compiled from them
        .select_related("owner")
    }
    urls = {pk: _plan_url(plan) for pk, plan in plans.items()}
    published = Q(plan__year=year, plan__is_draft=False) & ~ministry_part("plan__")
    strategies = {s.pk: s for s in Strategy.objects.filter(published)}
    tasks = {t.pk: t for t in Task.objects.filter(published).defer("description")}

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
        carried_by = ministries.get(t.pk, [])
        if carried_by:
            context.append("담당: " + "·".join(name for _, name in carried_by))
        yield _entry(
            EntryKind.TASK,
            t,
            t.name,
            plan=plans[t.plan_id],
            pillar=_task_pillar(t, tasks, strategies),
            task_kind=t.kind,
            context=CONTEXT_SEPARATOR.join(context),
            url=f"{urls[t.plan_id]}#task-{t.pk}",
            organizations=[pk for pk, _ in carried_by],
        )
    for i in Indicator.objects.filter(published):
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
    kind,
    obj,
    title,
    *,
    plan,
    pillar=None,
    task_kind="",
    context="",
    url,
    source_line=None,
    organizations=(),
) -> SearchEntry:
    """One entry. `source_line` (the object's own unless given; none for what was read
    from no document) orders the year's entries and links a hit to the line it was read
    from; `organizations` are the bodies whose names, any of them, find it."""
    if source_line is None:
        source_line = getattr(obj, "source_line", None)
    year = plan.year if plan else None
    return SearchEntry(
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
        index_terms=index_terms(title, year, organizations),
        year=year,
        organizations=organization_ids(organizations),
        source_line=source_line,
        kind_rank=KIND_RANK[kind],
        position=0,
    )


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


def _task_ministries(year: int) -> dict[int, list[tuple[int, str]]]:
    """The (id, short name) of each task's ministries, in printed order."""
    by_task: dict[int, list[tuple[int, str]]] = {}
    links = TaskMinistry.objects.filter(task__plan__year=year, task__plan__is_draft=False)
    links = links.order_by("task_id", "position")
    for task_id, pk, name in links.values_list("task_id", "ministry_id", "ministry__short_name"):
        by_task.setdefault(task_id, []).append((pk, name))
    return by_task
