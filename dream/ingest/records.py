"""What the readers of a plan document produce, before anything touches the database.

Readers are pure functions from source lines to these records, so they can be
tested without a database and the loader can write a whole document in one
transaction. Every record keeps the 1-based line of the source it came from and
the text as printed beside any number parsed from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """A place where the document contradicts itself or looks wrong, for a person to review."""

    severity: str  # error | warning | info
    code: str  # stable dotted code, e.g. "budget.sum_mismatch"
    message: str  # Korean, says what differs and what was printed
    source_line: int
    owner: str = ""  # for a document-level finding about one plan: its owner's short name

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


@dataclass
class ParsedStrategy:
    """A strategy of a plan: `pillar` groups its tasks and budgets, `focus` is a ◈ line."""

    kind: str  # pillar | focus
    position: int  # 1-based within plan and kind
    name: str
    source_line: int
    code: str = ""  # Ⅰ…Ⅴ where printed


@dataclass
class ParsedTask:
    """A node of a plan's task tree: core → practical → project, or core → detailed/item."""

    kind: str  # core | practical | project | detailed | item
    position: int  # 1-based among siblings
    name: str
    source_line: int
    code: str = ""  # "Ⅲ-5", "(1)" … where printed
    strategy_position: int | None = None  # position of the pillar strategy it sits under
    ministries: list[str] = field(default_factory=list)  # short names as printed
    project_count: int | None = None
    national_budget_eok: Decimal | None = None  # 억원 as printed (93.5); None for "-" or absent
    national_budget_text: str = ""  # as printed
    description: str = ""  # bullet text under a plan item, lines joined by one space
    children: list[ParsedTask] = field(default_factory=list)


@dataclass
class ParsedBudget:
    """Planned money in 억원, exactly as printed (93.5억원 stays 93.5), for a plan, a strategy
    of it (by position) or the total."""

    year: int
    source: str  # total | national | local | private
    amount_eok: Decimal
    printed: str  # the text as printed, e.g. "54,742" or "24.6조원"
    source_line: int
    strategy_position: int | None = None  # None: the plan's total


@dataclass
class ParsedShare:
    """A percentage the plan prints: a source's 구성비 or a strategy's share of the money."""

    year: int
    group: str  # source | sectoral | province
    key: str  # national | local | private, or the strategy's code Ⅰ…Ⅴ
    percent: Decimal
    printed: str  # "35.6%"
    source_line: int


@dataclass
class ParsedIndicator:
    """A performance indicator; every parsed number keeps its printed text beside it."""

    group: str  # common | autonomous | key
    name: str
    unit: str
    source_line: int
    scope: str = ""  # strategy or task it is listed under, where printed
    subgroup: str = ""  # the label of a group of indicators within the scope, as printed
    task_code: str = ""  # for a practical task's targets: "Ⅲ-5(1)"
    baseline_year: int | None = None
    baseline_text: str = ""
    baseline_value: Decimal | None = None
    target_year: int | None = None
    target_text: str = ""
    target_value: Decimal | None = None
    change_text: str = ""
    target_note: str = ""  # a note printed beside the target, e.g. "(‘24년 신규)", "* 신규"
    is_new: bool = False  # printed as new: no actual of the year before exists


@dataclass
class ParsedPlan:
    """One plan of the implementation plan: the national one, the ministries', a province's…"""

    level: str  # national | sectoral | province | super_region
    owner: str  # short name of the owning organization: "위원회", "서울", "충청권", "부처"
    goal: str
    source_line: int
    strategies: list[ParsedStrategy] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)  # roots of the task tree
    budgets: list[ParsedBudget] = field(default_factory=list)
    shares: list[ParsedShare] = field(default_factory=list)  # the national plan's, as printed
    indicators: list[ParsedIndicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ParsedCycle:
    """How the plan was made, as Ⅰ-2 수립 경과 prints it: the meeting that resolved the
    guidelines, when and to whom they were sent, the statutory deadline and the plenary
    that resolved the plan. A fact not found stays empty (and is reported as a finding)."""

    guidelines_meeting: str = ""  # "제3차 지방시대위원회"
    guidelines_date: date | None = None
    guidelines_line: int | None = None
    guidelines_sent_on: date | None = None
    recipients_printed: str = ""  # "14개 중앙행정기관, 17개 시‧도, 7개 초광역권 설정 지자체"
    sent_line: int | None = None
    deadline: date | None = None  # 법정시한(매년 2.15.) in the plan's year
    deadline_line: int | None = None
    resolution_meeting: str = ""  # "제6차 지방시대위원회"
    resolution_date: date | None = None
    resolution_line: int | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedPeriod:
    """One date expression as printed ("’24.下", "3월 말~", "연중") and the span it names.

    `end` is the last day included; None with a `start` is an open end ("’24.7월～"), None
    with an `end` an open start ("~’24.6월"). `precision` is one of PERIOD_PRECISIONS.
    """

    printed: str
    start: date | None
    end: date | None
    precision: str
    source_line: int


# How finely a printed date names its span: a day, a month, a quarter (1분기), a half (上,
# 상반기), a year ("’24년", 연내), all year long (연중), or none DREAM can read (수시, 매년).
PERIOD_PRECISIONS = ("day", "month", "quarter", "half", "year", "ongoing", "undated")


@dataclass
class ParsedPriorityItem:
    """A marked line of a priority task with its wrapped continuation lines, joined.

    kind: aim (▪), status (the "< … 추진 현황 >" box's items: ㅇ, ❶, •), step (ㅇ), sub (-),
    note (*, **, ※). `periods` are the dates its own text prints, in order.
    """

    kind: str
    text: str
    source_line: int
    periods: list[ParsedPeriod] = field(default_factory=list)


@dataclass
class ParsedPriorityAction:
    """A "□ (topic) …" heading of a priority task and the steps and notes under it."""

    position: int  # 1-based within the task
    topic: str  # "제도 완비" from "□ (제도 완비) …"; "" when none is printed
    text: str
    source_line: int
    periods: list[ParsedPeriod] = field(default_factory=list)
    items: list[ParsedPriorityItem] = field(default_factory=list)  # steps, subs, notes


@dataclass
class ParsedPriorityTask:
    """One of Ⅱ's 4+10 priority tasks, with its one-paragraph summary from the appendix."""

    group: str  # zone (4대 특구) | priority (10대 중점 이행과제)
    number: int  # as the appendix numbers it within the group: ❶–❹, ❶–❿
    name: str
    source_line: int
    aims: list[ParsedPriorityItem] = field(default_factory=list)
    status_title: str = ""  # "기회발전특구 추진 현황"; "" when the task prints no box
    status: list[ParsedPriorityItem] = field(default_factory=list)
    actions: list[ParsedPriorityAction] = field(default_factory=list)
    appendix_title: str = ""  # "기회발전특구 지정" from "❶ (기회발전특구 지정) …"
    appendix_text: str = ""
    appendix_line: int | None = None
    appendix_periods: list[ParsedPeriod] = field(default_factory=list)


@dataclass
class ParsedDocument:
    year: int
    title: str
    plans: list[ParsedPlan]
    findings: list[Finding] = field(default_factory=list)  # about the document as a whole
    cycle: ParsedCycle = field(default_factory=ParsedCycle)
    priority_tasks: list[ParsedPriorityTask] = field(default_factory=list)  # Ⅱ
