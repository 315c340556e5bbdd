"""Reads of the register: the closure steps that count, the counts by province and state
beside the figures the plan prints (l.611, l.620), the province map, and the filters a page
or the API is given (checked in Python against the known values, never sent raw to SQL)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.registry import PROVINCES
from dream.accounts.selectors import name_key
from dream.core.text import CONTROL_CHARACTERS
from dream.plans.selectors.overview import DARK_FROM, PALETTE, TILE_POSITIONS

from .choices import ClosureStep, TaskState
from .models import BudgetRequest, RegionalPolicyTask, Transition

# The largest id a page or the API looks up (bigint); a larger one is simply not found.
MAX_ID = 2**63 - 1
ANNOUNCED_PER_PROVINCE = 15  # "17개 시·도×15개" (l.611)
PLEDGES = 119  # "대통령 지역공약(119개)" (l.610), the source of the 255
PLEDGES_LINE = 610


@dataclass(frozen=True)
class PrintedFigure:
    """A figure the plan prints about the register, with its line."""

    key: str
    label: str
    printed: int
    line: int
    quote: str

    @property
    def url(self) -> str:
        return plan_line_url(self.line)


PRINTED = (
    PrintedFigure("total", "지역정책과제 전체", 660, 620, "지역정책과제(총 660개)"),
    PrintedFigure(
        "in_plan",
        "지방시대 종합계획(’23~’27) 반영 과제",
        414,
        620,
        "’지방시대 종합계획에 반영 과제(414개)",
    ),
    PrintedFigure(
        "announced",
        "인수위 발표 과제(’22.4)",
        255,
        611,
        "지역정책과제(255개 : 17개 시·도×15개)",
    ),
)
ANNOUNCED_LINE = 611


def plan_line_url(line: int) -> str:
    """The address of a line of the 2024 implementation plan ("원문 보기")."""
    from dream.web.source_text import IMPLEMENTATION_TEXT, line_url

    return line_url(IMPLEMENTATION_TEXT, line)


def closure_steps(task: RegionalPolicyTask) -> list[Transition]:
    """The closure steps that count: those recorded after the task's latest closure request
    (a withdrawn request's steps stay in the history but no longer count). Empty unless the
    task is 종결요청 or 종결."""
    if task.state not in (TaskState.CLOSING, TaskState.CLOSED):
        return []
    transitions = task.transitions.order_by("-pk")
    request = transitions.filter(to_state=TaskState.CLOSING, closure_step="").first()
    if request is None:
        return []
    return list(
        task.transitions.filter(pk__gt=request.pk)
        .exclude(closure_step="")
        .select_related("inspection")
        .order_by("pk")
    )


@dataclass(frozen=True)
class ClosurePathStep:
    step: ClosureStep
    transition: Transition | None

    @property
    def done(self) -> bool:
        return self.transition is not None


def closure_path(task: RegionalPolicyTask) -> list[ClosurePathStep]:
    """The three printed steps (l.637), each with the transition that recorded it, if any."""
    recorded = {t.closure_step: t for t in closure_steps(task)}
    return [ClosurePathStep(step, recorded.get(step.value)) for step in ClosureStep]


# ---------------------------------------------------------------- counts


@dataclass
class ProvinceCount:
    province: Organization
    by_state: dict[str, int]
    total: int = 0
    in_plan: int = 0
    announced: int = 0

    @property
    def states(self) -> list[int]:
        """Counts in TaskState order, for a table row."""
        return [self.by_state.get(state, 0) for state in TaskState.values]

    @property
    def announced_difference(self) -> int:
        return self.announced - ANNOUNCED_PER_PROVINCE


@dataclass(frozen=True)
class FigureCheck:
    figure: PrintedFigure
    registered: int

    @property
    def difference(self) -> int:
        return self.registered - self.figure.printed


@dataclass
class RegisterCounts:
    rows: list[ProvinceCount]
    by_state: dict[str, int] = field(default_factory=dict)
    total: int = 0
    in_plan: int = 0
    announced: int = 0

    @property
    def states(self) -> list[int]:
        return [self.by_state.get(state, 0) for state in TaskState.values]

    @property
    def checks(self) -> list[FigureCheck]:
        """Each printed figure beside DREAM's count of the same thing."""
        registered = {"total": self.total, "in_plan": self.in_plan, "announced": self.announced}
        return [FigureCheck(figure, registered[figure.key]) for figure in PRINTED]


def provinces() -> list[Organization]:
    return list(Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position"))


def register_counts() -> RegisterCounts:
    """Registered tasks by province × 관리 구분, with the columns the plan prints figures for
    (in the 종합계획, announced in ’22.4); one query for the counts."""
    rows = {p.pk: ProvinceCount(province=p, by_state={}) for p in provinces()}
    counts = RegionalPolicyTask.objects.values("province_id", "state").annotate(
        n=Count("pk"),
        in_plan=Count("pk", filter=Q(in_comprehensive_plan=True)),
        announced=Count("pk", filter=Q(announced_2022=True)),
    )
    result = RegisterCounts(rows=list(rows.values()))
    for count in counts.order_by():
        row = rows[count["province_id"]]
        row.by_state[count["state"]] = count["n"]
        row.total += count["n"]
        row.in_plan += count["in_plan"]
        row.announced += count["announced"]
        result.by_state[count["state"]] = result.by_state.get(count["state"], 0) + count["n"]
        result.total += count["n"]
        result.in_plan += count["in_plan"]
        result.announced += count["announced"]
    return result


@dataclass(frozen=True)
class CountTile:
    short_name: str
    full_name: str
    row: int
    column: int
    value: int
    color: str
    dark: bool


def count_tiles(
    counts: RegisterCounts, state: str | None = None
) -> tuple[list[CountTile], list[tuple[str, str]]]:
    """The 17 provinces on the project's tile map (dream.plans.selectors.overview's grid and
    palette), coloured by registered tasks — all of them, or those of one 관리 구분 `state` —
    in five classes of about as many provinces each; grey while a province has none.
    Returns the tiles and the legend."""
    totals = {
        row.province.short_name: row.by_state.get(state, 0) if state else row.total
        for row in counts.rows
    }
    values = sorted(v for v in totals.values() if v)
    classes = len(PALETTE)
    breaks = [values[-(-len(values) * (i + 1) // classes) - 1] for i in range(classes) if values]
    tiles = []
    for short, full, _capital in PROVINCES:
        value = totals.get(short, 0)
        klass = next((i for i, upper in enumerate(breaks) if value and value <= upper), None)
        row, column = TILE_POSITIONS[short]
        tiles.append(
            CountTile(
                short_name=short,
                full_name=full,
                row=row,
                column=column,
                value=value,
                color=PALETTE[klass] if klass is not None else "#eeeeee",
                dark=klass is not None and klass >= DARK_FROM,
            )
        )
    legend, lower = [("#eeeeee", "0개")], 1
    for color, upper in zip(PALETTE, breaks, strict=False):
        if upper >= lower:
            label = f"{lower:,}개" if upper == lower else f"{lower:,}~{upper:,}개"
            legend.append((color, label))
            lower = upper + 1
    return tiles, legend


# ---------------------------------------------------------------- filters


def shown(raw: str, limit: int = 30) -> str:
    """A visitor's value as a page may quote it: no control characters, cut short."""
    return CONTROL_CHARACTERS.sub("", raw)[:limit]


def province_named(raw, choices: list[Organization] | None = None) -> Organization | None:
    """The province a visitor names by short or official name (부산, 부산광역시), compared
    in Python; None when none is called so."""
    key = name_key(CONTROL_CHARACTERS.sub("", str(raw or "")))[:50]
    for province in choices if choices is not None else provinces():
        if key in (name_key(province.short_name), name_key(province.full_name)):
            return province
    return None


STATE_BY_NAME = {value: value for value in TaskState.values} | {
    label: value for value, label in TaskState.choices
}
PLAN_FLAGS = {"1": True, "예": True, "true": True, "0": False, "아니오": False, "false": False}


@dataclass
class TaskFilter:
    province: Organization | None = None
    state: str | None = None
    in_plan: bool | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return TaskState(self.state).label if self.state else ""

    @property
    def query(self) -> str:
        """The known filters as a query string ending in "&", for the pages' links."""
        params = {}
        if self.province is not None:
            params["province"] = self.province.short_name
        if self.state is not None:
            params["state"] = self.state
        if self.in_plan is not None:
            params["plan"] = "예" if self.in_plan else "아니오"
        return f"{urlencode(params)}&" if params else ""

    def apply(self, tasks: QuerySet[RegionalPolicyTask]) -> QuerySet[RegionalPolicyTask]:
        if self.province is not None:
            tasks = tasks.filter(province=self.province)
        if self.state is not None:
            tasks = tasks.filter(state=self.state)
        if self.in_plan is not None:
            tasks = tasks.filter(in_comprehensive_plan=self.in_plan)
        return tasks


def task_filter(params) -> TaskFilter:
    """`province`, `state` (key or Korean label) and `plan` (예/아니오, 1/0) from a query
    string; an unknown value is left out with a Korean notice saying so."""
    found = TaskFilter()
    province = str(params.get("province") or "").strip()
    if province:
        found.province = province_named(province)
        if found.province is None:
            found.notices.append(
                f"시·도 '{shown(province)}'를 찾을 수 없어 조건에서 뺐습니다(예: 부산, 부산광역시)."
            )
    state = str(params.get("state") or "").strip()
    if state:
        found.state = STATE_BY_NAME.get(state)
        if found.state is None:
            names = ", ".join(TaskState.labels)
            found.notices.append(
                f"관리 구분 '{shown(state)}'는 없는 값이어서 조건에서 뺐습니다({names})."
            )
    in_plan = str(params.get("plan") or "").strip()
    if in_plan:
        found.in_plan = PLAN_FLAGS.get(in_plan.lower())
        if found.in_plan is None:
            found.notices.append(
                f"종합계획 반영 '{shown(in_plan)}'는 예 또는 아니오만 고를 수 있어 조건에서 뺐습니다."
            )
    return found


def tasks_listed() -> QuerySet[RegionalPolicyTask]:
    return RegionalPolicyTask.objects.select_related("province", "ministry").order_by(
        "province__position", "code", "pk"
    )


def task_or_none(pk) -> RegionalPolicyTask | None:
    """The task with id `pk`; None for an id no column holds (a huge number in an address)."""
    if not isinstance(pk, int) or not 1 <= pk <= MAX_ID:
        return None
    return tasks_listed().filter(pk=pk).first()


def task_transitions(task: RegionalPolicyTask) -> list[Transition]:
    return list(task.transitions.select_related("actor", "inspection").order_by("pk"))


def task_budget_requests(task: RegionalPolicyTask) -> list[BudgetRequest]:
    return list(task.budget_requests.select_related("opinion_by", "requested_by").order_by("year"))
