"""Reads of the links: what planned work each digital task has, who carries it and with how
much money, and which digital tasks have none.

Money is only what the implementation plan states for a task: a ministry's practical task
prints its national money (국비). A province's or super-region's task prints none; its plan
gives money only per pillar strategy, which cannot be split over the strategy's tasks, so
such a task carries the strategy's total as context ("전략 전체"), never a per-task amount.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from dream.core.history import HistoryEntry, history_entries
from dream.digital.models import DigitalPlan, DigitalTask
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Budget, Strategy, Task, TaskMinistry
from dream.plans.selectors import ministry_part

from .choices import CoverageState, LinkStatus
from .models import TaskLink

OWNER_GROUPS = (
    (PlanLevel.PROVINCE, "시·도"),
    (PlanLevel.SECTORAL, "중앙부처"),
    (PlanLevel.SUPER_REGION, "초광역권"),
)


@dataclass
class LinkedWork:
    """A confirmed link's plan task with what the plan says about its money."""

    link: TaskLink
    task: Task
    owners: list[str]
    national_budget_eok: Decimal | None = None  # ministries' practical tasks only
    strategy: Strategy | None = None  # provinces and super-regions: the pillar strategy …
    strategy_total_eok: int | None = None  # … and its total for the year (all sources)


@dataclass
class OwnerGroup:
    """One owner (a province, a ministry, a super-region) and its linked tasks."""

    name: str
    works: list[LinkedWork] = field(default_factory=list)

    @property
    def national_budget_eok(self) -> Decimal | None:
        amounts = [w.national_budget_eok for w in self.works if w.national_budget_eok is not None]
        return sum(amounts) if amounts else None


@dataclass
class Coverage:
    """A digital task, its planned work by kind of owner, and its pending proposals."""

    digital_task: DigitalTask
    groups: dict[str, list[OwnerGroup]]
    pending: int

    @property
    def works(self) -> list[LinkedWork]:
        seen: dict[int, LinkedWork] = {}
        for groups in self.groups.values():
            for group in groups:
                for work in group.works:
                    seen.setdefault(work.task.pk, work)
        return list(seen.values())

    @property
    def national_budget_eok(self) -> Decimal | None:
        """National money of the distinct linked practical tasks (a task shared by two
        ministries counts once here, though it is listed under both)."""
        amounts = [w.national_budget_eok for w in self.works if w.national_budget_eok is not None]
        return sum(amounts) if amounts else None

    def owner_names(self, level: str) -> list[str]:
        return [group.name for group in self.groups.get(level, [])]

    @property
    def state(self) -> str:
        """Linked (a confirmed link), pending (proposals nobody has decided on yet), or none
        found: a task is only "without planned work" once its proposals have been reviewed."""
        if self.groups:
            return CoverageState.LINKED
        if self.pending:
            return CoverageState.PENDING
        return CoverageState.NOT_FOUND

    @property
    def state_label(self) -> str:
        return CoverageState(self.state).label


@dataclass(frozen=True)
class StateGroup:
    """The digital tasks in one coverage state, for the counts and lists of the pages."""

    state: str
    label: str
    rows: list[Coverage]


def by_state(rows: list[Coverage]) -> dict[str, StateGroup]:
    """`rows` split by coverage state, every state present (an empty one counts 0)."""
    return {
        state: StateGroup(state, label, [row for row in rows if row.state == state])
        for state, label in CoverageState.choices
    }


def digital_tasks(plan: DigitalPlan | None = None):
    """The digital tasks in the plan's order, with their area and ministries. The order is
    explicit: Meta.ordering is dropped from the GROUP BY queries the callers annotate."""
    tasks = DigitalTask.objects.select_related("area", "plan").prefetch_related(
        "ministry_links__ministry"
    )
    if plan:
        tasks = tasks.filter(plan=plan)
    return tasks.order_by("plan", "position")


def coverage(*, year: int, plan: DigitalPlan | None = None) -> list[Coverage]:
    """Every digital task with its confirmed links of `year`, grouped by owner, with money."""
    tasks = list(
        digital_tasks(plan).annotate(
            pending=Count(
                "links",
                filter=Q(links__status=LinkStatus.PROPOSED, links__task__plan__year=year),
            )
        )
    )
    links = confirmed_links(year)
    strategy_totals = _strategy_totals(year)
    by_task: dict[int, list[LinkedWork]] = defaultdict(list)
    for link in links:
        by_task[link.digital_task_id].append(_work(link, strategy_totals))
    return [
        Coverage(digital_task=task, groups=_group(by_task[task.pk]), pending=task.pending)
        for task in tasks
    ]


def links(
    *,
    year: int | None,
    status: str | None = None,
    digital_task: int | None = None,
    area: int | None = None,
):
    """Links to `year`'s tasks (every year's if None) with everything pages and downloads show, in a fixed number
    of queries: both tasks, the plan and owner, the parent task, the ministries of both.
    `area` is any level of the digital plan's structure (pillar, area, sub-area)."""
    ministries = TaskMinistry.objects.select_related("ministry").order_by("position")
    found = TaskLink.objects.all()
    if year is not None:
        found = found.filter(task__plan__year=year)
    if status:
        found = found.filter(status=status)
    if digital_task:
        found = found.filter(digital_task=digital_task)
    if area:
        found = found.filter(
            Q(digital_task__area=area)
            | Q(digital_task__area__parent=area)
            | Q(digital_task__area__parent__parent=area)
        )
    return found.select_related(
        "digital_task__area",
        "task__plan__owner",
        "task__strategy",
        "task__parent__strategy",
        "decided_by",
    ).prefetch_related(
        Prefetch("task__ministry_links", queryset=ministries),
        Prefetch("task__parent__ministry_links", queryset=ministries),
    )


def confirmed_links(year: int) -> list[TaskLink]:
    """Confirmed links of `year`, by digital task and then in the plans' order."""
    return list(
        links(year=year, status=LinkStatus.CONFIRMED).order_by(
            "digital_task", "task__plan__level", "task__plan__owner__position", "task"
        )
    )


def pending_proposals(*, year: int, digital_task: int | None = None, area: int | None = None):
    """Proposals waiting for a decision, best first within each digital task."""
    return links(
        year=year, status=LinkStatus.PROPOSED, digital_task=digital_task, area=area
    ).order_by("digital_task__plan", "digital_task__position", "-score", "task")


def link_targets(year: int):
    """Every task of `year`'s provincial, sectoral and super-regional plans, for a link
    made by hand (any kind: a person may link a core task the matcher does not consider)."""
    return (
        Task.objects.filter(plan__year=year, plan__is_draft=False)
        .exclude(plan__level=PlanLevel.NATIONAL)
        .exclude(ministry_part("plan__"))  # the compiled sectoral plan holds the parts
        .select_related("plan__owner", "parent")
        .order_by("plan__level", "plan__owner__position", "source_line", "pk")
    )


def task_owner_label(task: Task) -> str:
    """Who carries a task: its ministries for the sectoral plan, else the plan's owner."""
    if task.plan.level == PlanLevel.SECTORAL:
        return ", ".join(_ministries(task)) or "(부처 미기재)"
    return task.plan.owner.short_name


def link_history(link: TaskLink) -> list[HistoryEntry]:
    """Every recorded state of a link, newest first, with who made it: the proposal, each
    decision and each withdrawal (the note of a step is its change reason)."""
    return history_entries(
        link.history.select_related("history_user"),
        fields=("status", "score", "shared_words"),
        formats={"status": status_label},
    )


def status_label(status: str) -> str:
    """A link's status as the pages say it: a proposal is "검토 대기"."""
    return "검토 대기" if status == LinkStatus.PROPOSED else LinkStatus(status).label


def decided_links(*, year: int, status: str):
    """Confirmed or rejected links of `year`, latest decision first, for withdrawing one."""
    return links(year=year, status=status).order_by("-decided_at", "pk")


@dataclass
class ProposalRow:
    """A line of the review list: one proposal, or the same core task proposed to several
    provinces (17 print "지역 디지털 혁신을 통한 균형발전 실현"), shown once with them all."""

    links: list[TaskLink]

    @property
    def first(self) -> TaskLink:
        return self.links[0]

    @property
    def grouped(self) -> bool:
        return len(self.links) > 1

    @property
    def owners(self) -> list[str]:
        return [link.task.plan.owner.short_name for link in self.links]

    @property
    def ids(self) -> str:
        return ",".join(str(link.pk) for link in self.links)


def proposal_rows(proposals) -> list[ProposalRow]:
    """Proposals for display: a province core or detailed task proposed for one digital
    task in several provinces under the same name becomes one row (best score first)."""
    rows: list[ProposalRow] = []
    seen: dict[tuple, ProposalRow] = {}
    for link in proposals:
        task = link.task
        if task.plan.level != PlanLevel.PROVINCE:
            rows.append(ProposalRow([link]))
            continue
        key = (link.digital_task_id, task.kind, task.name)
        if key in seen:
            seen[key].links.append(link)
        else:
            seen[key] = ProposalRow([link])
            rows.append(seen[key])
    return rows


def _strategy_totals(year: int) -> dict[int, int]:
    """Each pillar strategy's total planned money for `year` (억원), by strategy id."""
    return dict(
        Budget.objects.filter(
            plan__year=year,
            plan__is_draft=False,
            strategy__isnull=False,
            year=year,
            source=BudgetSource.TOTAL,
        ).values_list("strategy_id", "amount_eok")
    )


def _ministries(task: Task) -> list[str]:
    """A practical task's ministries, or its core task's when it names none itself."""
    links = list(task.ministry_links.all())
    if not links and task.parent_id:
        links = list(task.parent.ministry_links.all())
    return [link.ministry.short_name for link in links]


def _work(link: TaskLink, strategy_totals: dict[int, int]) -> LinkedWork:
    task = link.task
    if task.plan.level == PlanLevel.SECTORAL:
        return LinkedWork(
            link=link,
            task=task,
            owners=_ministries(task) or ["(부처 미기재)"],
            national_budget_eok=task.national_budget_eok,
        )
    strategy = task.strategy or (task.parent.strategy if task.parent_id else None)
    return LinkedWork(
        link=link,
        task=task,
        owners=[task.plan.owner.short_name],
        strategy=strategy,
        strategy_total_eok=strategy_totals.get(strategy.pk) if strategy else None,
    )


def _group(works: list[LinkedWork]) -> dict[str, list[OwnerGroup]]:
    """Works by plan level and owner, owners in first-seen order (the plans' order)."""
    groups: dict[str, dict[str, OwnerGroup]] = defaultdict(dict)
    for work in works:
        for owner in work.owners:
            level = groups[work.task.plan.level]
            level.setdefault(owner, OwnerGroup(owner)).works.append(work)
    return {level: list(groups[level].values()) for level, _ in OWNER_GROUPS if level in groups}
