"""Readers of Ⅰ (시행계획 개요) and of the appendix (부록, 참고 1–3), and the check of the
appendix against the body.

The appendix repeats what the body prints: 참고 1 the totals, the ministries' task table
and each plan's goal and ◈ strategies; 참고 2 and 참고 3 a one-page summary per province
and per super-region. The copies were edited separately, so every place where they
disagree with the body becomes a finding for a person to review; nothing is corrected.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dream.accounts import registry
from dream.core.korean import particle
from dream.ingest.document import Line, PlanFormatError, Section
from dream.ingest.numbers import indicator_units, parse_eok, parse_number, with_unit
from dream.ingest.records import (
    Finding,
    ParsedBudget,
    ParsedIndicator,
    ParsedPlan,
    ParsedShare,
    ParsedStrategy,
    ParsedTask,
)

PROVINCES = [(short, full) for short, full, _capital in registry.PROVINCES]
SUPER_REGIONS = [short for short, _full, _members in registry.SUPER_REGIONS]
ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"]
SOURCES = {"총": "total", "국비": "national", "지방비": "local", "민자": "private"}
SOURCE_NAMES = {"total": "총액", "national": "국비", "local": "지방비", "private": "민자"}
PART_NAMES = {1: "참고 1", 2: "참고 2", 3: "참고 3"}
TABLE = "참고 1 부문별 과제표"

_MIDDLE_DOTS = str.maketrans({dot: "·" for dot in "‧·･ㆍ∙・"})
_AMOUNT = r"\d+(?:\.\d+)?조원"
_YEAR_MARK = r"[‘’'`]?(?P<{}>\d{{2}})"
_PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")
_MINISTRY = r"[가-힣]{1,4}(?:부|처|청)"
_ROMAN = r"(?:III|II|IV|IⅤ|I|V|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ)"  # only the numerals of the 5 strategies
_ASCII_NUMERALS = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_UNIT_PREFIXES = {"십": 10, "백": 100, "천": 1_000, "만": 10_000, "억": 10**8, "조": 10**12}
_PILLAR_WIDTH = 16  # the summary tables' first column never holds a longer line


# ---------------------------------------------------------------- text helpers


def printed(text: str) -> str:
    """The text as printed, with line breaks and runs of spaces collapsed to one space."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """A key that ignores whitespace, punctuation, symbols and the middle-dot variants (and
    private-use glyphs the PDF could not map), so that only real wording differences count."""
    text = text.translate(_MIDDLE_DOTS)
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSC"
    )


def _unspaced(text: str) -> str:
    """Undo letter-spacing ("지 방 정 부  중 심 의") that the PDF used to fill a line."""
    words = re.split(r"\s{2,}", text.strip())
    if len(words) > 1 and all(len(token) == 1 for token in text.split()):
        return " ".join(word.replace(" ", "") for word in words)
    return text.strip()


@dataclass
class _Joined:
    """Lines joined into one string so that sentences broken over lines can be matched,
    keeping the way back from an offset to its source line."""

    text: str
    starts: list[int]
    numbers: list[int]

    def line_at(self, offset: int) -> int:
        return self.numbers[bisect_right(self.starts, offset) - 1]


def _join(lines: list[Line]) -> _Joined:
    starts, numbers, parts, offset = [], [], [], 0
    for line in lines:
        starts.append(offset)
        numbers.append(line.number)
        parts.append(line.text)
        offset += len(line.text) + 1
    return _Joined("\n".join(parts), starts, numbers)


def _roman_position(numeral: str) -> int:
    """1…5 for "I", "Ⅱ", "IV", "IⅤ" (the table mixes ASCII and Unicode numerals)."""
    ascii_numeral = "".join(_ASCII_NUMERALS.get(char, char) for char in numeral)
    return ["I", "II", "III", "IV", "V"].index(ascii_numeral) + 1


def task_code(code: str) -> str:
    """A task code in one spelling: "III-5", "Ⅲ-5" and "Ⅲ-5." all become "Ⅲ-5"."""
    match = re.match(rf"^\s*({_ROMAN})\s*-\s*(\d+)", code)
    if not match:
        return code.strip()
    return f"{ROMAN[_roman_position(match.group(1)) - 1]}-{match.group(2)}"


# ---------------------------------------------------------------- amounts and ratios


def _eok(text: str, line: int) -> Decimal:
    """An amount the sentence's pattern matched; one too large to be a plan's is refused."""
    parsed = parse_eok(text)
    if parsed.value is None:
        raise PlanFormatError(f"금액을 읽을 수 없습니다: {parsed.problem}", line)
    return parsed.value


def _half_unit_eok(printed_amount: str) -> Decimal:
    """Half of the last printed digit, in 억원: how far a rounded figure may be from the truth."""
    raw = printed_amount.replace(",", "").replace(" ", "")
    decimals = len(raw.split(".")[1].rstrip("조억원%")) if "." in raw else 0
    scale = 10_000 if raw.endswith("조원") else 1
    return Decimal(scale) / 10**decimals / 2


def _half_unit(printed_number: str) -> Decimal:
    raw = printed_number.strip().rstrip("%")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return Decimal(1) / 10**decimals / 2


def _rounding_or_warning(difference: Decimal, tolerance: Decimal) -> str | None:
    """None when equal, info when rounding explains the difference, else warning."""
    if difference == 0:
        return None
    return "info" if abs(difference) <= tolerance else "warning"


@dataclass(frozen=True)
class _Amount:
    eok: Decimal
    printed: str
    line: int

    @property
    def half(self) -> Decimal:
        return _half_unit_eok(self.printed)


def _amount(match: re.Match[str], group: str, joined: _Joined) -> _Amount:
    line = joined.line_at(match.start(group))
    return _Amount(_eok(match[group], line), match[group], line)


def _percent_finding(
    printed_pct: str, low: Decimal, high: Decimal, exact: Decimal, what: str, code: str, line: int
) -> Finding | None:
    """Compare a printed percentage with the one its printed amounts give.

    `exact` is the percentage from the amounts as printed, `low`…`high` the range the
    unrounded amounts allow: outside that range the percentage is wrong, inside it the
    difference may come from rounding.
    """
    value = Decimal(printed_pct)
    half = _half_unit(printed_pct)
    if abs(exact - value) <= half:
        return None
    severity = "info" if low - half <= value <= high + half else "warning"
    return Finding(
        severity,
        code,
        f"{what}: 인쇄된 비율 {printed_pct}%와 인쇄된 금액으로 계산한 {exact:.2f}%가 다릅니다"
        + (" (반올림 범위 안의 차이)" if severity == "info" else ""),
        line,
    )


def _share(part: _Amount, whole: _Amount) -> tuple[Decimal, Decimal, Decimal]:
    exact = Decimal(part.eok) / whole.eok * 100
    low = (part.eok - part.half) / (whole.eok + whole.half) * 100
    high = (part.eok + part.half) / (whole.eok - whole.half) * 100
    return low, high, exact


def _change(old: _Amount, new: _Amount) -> tuple[Decimal, Decimal, Decimal]:
    exact = (Decimal(new.eok) / old.eok - 1) * 100
    low = ((new.eok - new.half) / (old.eok + old.half) - 1) * 100
    high = ((new.eok + new.half) / (old.eok - old.half) - 1) * 100
    return low, high, exact


# ---------------------------------------------------------------- funding statements

_COMPOSITION = re.compile(rf"총\s*(?P<total>{_AMOUNT})\s*으로")
_PART = re.compile(rf"(?P<label>국비|지방비|민자)\s*(?P<amount>{_AMOUNT})\s*\((?P<pct>[\d.]+)%\)")
_CHANGE_IN_PARENS = re.compile(
    r"(?P<label>총\s*투자액|국비|지방비|민자)\s*(?P<pct>[\d.]+)%\s*\(\s*"
    + _YEAR_MARK.format("y_old")
    + rf"년\s*(?P<old>{_AMOUNT})\s*→\s*"
    + _YEAR_MARK.format("y_new")
    + rf"년\s*(?P<new>{_AMOUNT})\s*\)(?=[^ㅇ□*]*?(?P<direction>증가|감소))"
)
_CHANGE_WITH_ARROW = re.compile(
    r"(?P<label>총\s*투자액|국비|지방비|민자)\s*:\s*\(\s*"
    + _YEAR_MARK.format("y_old")
    + rf"\)\s*(?P<old>{_AMOUNT})\s*→\s*\(\s*"
    + _YEAR_MARK.format("y_new")
    + rf"\)\s*(?P<new>{_AMOUNT})\s*\(\s*(?P<pct>[\d.]+)%\s*(?P<direction>[↓↑])\s*\)"
)


@dataclass
class _Change:
    source: str
    old: _Amount
    new: _Amount
    pct: str
    sign: int
    old_year: int
    new_year: int
    line: int


def _source_of(label: str) -> str:
    return SOURCES["총" if label.startswith("총") else label]


def _changes(joined: _Joined) -> list[_Change]:
    """The "전년 대비" statements, in both printed forms, in order of appearance."""
    found = []
    for pattern in (_CHANGE_IN_PARENS, _CHANGE_WITH_ARROW):
        for match in pattern.finditer(joined.text):
            found.append(
                _Change(
                    source=_source_of(match.group("label")),
                    old=_amount(match, "old", joined),
                    new=_amount(match, "new", joined),
                    pct=match["pct"],
                    sign=1 if match["direction"] in ("증가", "↑") else -1,
                    old_year=2000 + int(match["y_old"]),
                    new_year=2000 + int(match["y_new"]),
                    line=joined.line_at(match.start("pct")),
                )
            )
    return sorted(found, key=lambda change: change.line)


def _sum_finding(total: _Amount, parts: list[_Amount], year: int) -> Finding | None:
    difference = Decimal(sum(part.eok for part in parts) - total.eok)
    tolerance = total.half + sum(part.half for part in parts)
    severity = _rounding_or_warning(difference, tolerance)
    if severity is None:
        return None
    listed = " + ".join(part.printed for part in parts)
    return Finding(
        severity,
        "budget.sum_mismatch",
        f"{year}년 재원별 금액의 합({listed} = {sum(p.eok for p in parts):,}억원)이 "
        f"총액 {total.printed}{particle(total.printed, '와')} 다릅니다",
        total.line,
    )


def _funding(
    lines: list[Line], year: int
) -> tuple[list[ParsedBudget], list[ParsedShare], list[Finding]]:
    """Budgets by source for the plan year and the year before, from the 재정투입 sentences,
    the 구성비 they print, and what does not add up among them."""
    joined = _join(lines)
    composition = _COMPOSITION.search(joined.text)
    if composition is None:
        line = lines[0].number if lines else 0
        return (
            [],
            [],
            [
                Finding(
                    "error", "budget.missing", "총 재정투입(‘총 …조원으로’) 문장이 없습니다", line
                )
            ],
        )
    current = {"total": _amount(composition, "total", joined)}
    shares: list[ParsedShare] = []
    findings: list[Finding] = []
    for match in _PART.finditer(joined.text, composition.end()):
        source = SOURCES[match["label"]]
        if source in current:
            break
        line = joined.line_at(match.start())
        amount = _Amount(_eok(match["amount"], line), match["amount"], line)
        current[source] = amount
        shares.append(
            ParsedShare(
                year, "source", source, Decimal(match["pct"]), f"{match['pct']}%", amount.line
            )
        )
        low, high, exact = _share(amount, current["total"])
        finding = _percent_finding(
            match["pct"],
            low,
            high,
            exact,
            f"{year}년 {match['label']} 비중",
            "budget.share_mismatch",
            amount.line,
        )
        if finding:
            findings.append(finding)
    previous: dict[str, _Amount] = {}
    for change in _changes(joined):
        previous.setdefault(change.source, change.old)
        findings.extend(_change_findings(change, current))
    budgets = [
        ParsedBudget(y, source, amount.eok, amount.printed, amount.line)
        for y, amounts in ((year, current), (year - 1, previous))
        for source, amount in amounts.items()
    ]
    for y, amounts in ((year, current), (year - 1, previous)):
        parts = [amounts[s] for s in ("national", "local", "private") if s in amounts]
        if "total" in amounts and parts:
            finding = _sum_finding(amounts["total"], parts, y)
            if finding:
                findings.append(finding)
    return budgets, shares, findings


def _change_findings(change: _Change, current: dict[str, _Amount]) -> list[Finding]:
    """A change statement must repeat the year's composition and its percentage must fit."""
    name = SOURCE_NAMES[change.source]
    findings = []
    stated = current.get(change.source)
    if stated and stated.eok != change.new.eok:
        findings.append(
            Finding(
                "warning",
                "budget.repeated_mismatch",
                f"{change.new_year}년 {name}{particle(name, '이')} 전년 대비 문장에서는 {change.new.printed}, "
                f"구성 문장(줄 {stated.line})에서는 {stated.printed}입니다",
                change.new.line,
            )
        )
    low, high, exact = _change(change.old, change.new)
    if change.sign < 0:
        low, high, exact = -high, -low, -exact
    finding = _percent_finding(
        change.pct,
        low,
        high,
        exact,
        f"{name} 전년 대비 {'증가' if change.sign > 0 else '감소'}율 "
        f"({change.old.printed}→{change.new.printed})",
        "budget.change_mismatch",
        change.line,
    )
    if finding:
        findings.append(finding)
    return findings


# ---------------------------------------------------------------- Ⅰ. 시행계획 개요

_GOAL = re.compile(r"[‘'“\"](?P<goal>[^’'”\"]+)[’'”\"]\s*의\s*목표")
_CIRCLED = "➀➁➂➃➄➅➆➇➈➉①②③④⑤⑥⑦⑧⑨⑩"
_CIRCLED_ITEM = re.compile(rf"[{_CIRCLED}](?P<name>[^{_CIRCLED}]+)")


def parse_overview(section: Section, year: int = 2024) -> ParsedPlan:
    """The national plan as Ⅰ states it: goal, the 5 strategies and the fiscal totals."""
    joined = _join(section.lines)
    goal = _GOAL.search(joined.text)
    budgets, shares, findings = _funding(section.lines, year)
    shares += [
        ParsedShare(
            year,
            share.group,
            ROMAN[share.strategy_position - 1],
            share.percent,
            share.printed,
            share.source_line,
        )
        for share in _shares(section.lines)
    ]
    strategies = _national_strategies(section.lines)
    if not strategies:
        findings.append(
            Finding(
                "error",
                "overview.strategies_missing",
                "Ⅰ에서 ➀…➄로 나열된 5대 전략을 찾을 수 없습니다",
                section.start,
            )
        )
    return ParsedPlan(
        level="national",
        owner="위원회",
        goal=printed(goal["goal"]) if goal else "",
        source_line=section.start,
        strategies=strategies,
        budgets=budgets,
        shares=shares,
        findings=findings,
    )


def _national_strategies(lines: list[Line]) -> list[ParsedStrategy]:
    """The footnote "* ➀자율성 키우는 …, ➁…": the block of lines from the first ➀ (law
    text above it numbers its paragraphs ③ too, so the list must start at one)."""
    start = next((i for i, line in enumerate(lines) if re.search("[➀①]", line.text)), None)
    if start is None:
        return []
    block = []
    for line in lines[start:]:
        if not line.stripped:
            break
        block.append(line)
    joined = _join(block)
    return [
        ParsedStrategy(
            kind="pillar",
            position=position,
            name=printed(match["name"]).rstrip(", "),
            source_line=joined.line_at(match.start()),
            code=ROMAN[position - 1] if position <= len(ROMAN) else "",
        )
        for position, match in enumerate(_CIRCLED_ITEM.finditer(joined.text), start=1)
    ]


# ---------------------------------------------------------------- appendix records


@dataclass
class AppendixStrategy:
    """A ◈ strategy as the appendix prints it; `target` is the parenthesised goal that
    참고 2 and 3 append (kept as printed, parentheses included)."""

    position: int
    name: str
    source_line: int
    target: str = ""


@dataclass
class SummaryItem:
    """A § line of a summary table: `label` is the core task it names, `text` the rest."""

    label: str
    text: str
    source_line: int


@dataclass
class SummaryPillar:
    """One row group of a summary table: the strategy column and its § items."""

    position: int
    name: str
    source_line: int
    items: list[SummaryItem] = field(default_factory=list)


@dataclass
class RegionSummary:
    """What one 참고 prints about one province or super-region."""

    part: int  # 1, 2 or 3: the 참고 that prints it
    level: str  # province | super_region
    owner: str  # short name, as ParsedPlan.owner
    full_name: str  # "서울특별시"; 참고 1 prints only the short name
    goal: str
    source_line: int  # the heading line
    goal_line: int
    strategies: list[AppendixStrategy] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)  # read from the targets
    pillars: list[SummaryPillar] = field(default_factory=list)
    cooperation: list[SummaryItem] = field(default_factory=list)  # □ 초광역 협력 계획


@dataclass
class TableTotal:
    """A 합계 row (strategy_position set) or the 총계 row of the ministries' task table."""

    practical_count: int
    project_count: int
    budget: ParsedBudget
    source_line: int
    strategy_position: int | None = None
    strategy_count: int | None = None
    core_count: int | None = None


@dataclass
class MinistriesTable:
    """참고 1's table of the ministries' 5 strategies, core and practical tasks."""

    strategies: list[ParsedStrategy] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)  # core tasks, practical as children
    totals: list[TableTotal] = field(default_factory=list)


@dataclass
class StrategyShare:
    """A printed share of one strategy in the ministries' (sectoral) or provinces' money."""

    group: str  # sectoral | province
    strategy_position: int
    percent: Decimal
    printed: str
    source_line: int


@dataclass
class AppendixSummary:
    budgets: list[ParsedBudget] = field(default_factory=list)
    shares: list[StrategyShare] = field(default_factory=list)
    ministries: MinistriesTable = field(default_factory=MinistriesTable)
    regions: list[RegionSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the appendix against itself

    def region(self, part: int, owner: str) -> RegionSummary | None:
        return next((r for r in self.regions if r.part == part and r.owner == owner), None)


# ---------------------------------------------------------------- appendix parts

_PARTS = [
    ("funding", "1. 재정투입 계획", re.compile(r"^\s*1\.\s*\d{4}년\s*재정투입")),
    ("ministries", "2. 중앙부처의 부문별 시행계획", re.compile(r"^\s*2\.\s*\d{4}년\s*중앙부처")),
    ("province_overview", "3. 시‧도 지방시대 시행계획 개관", re.compile(r"^\s*3\.\s*시.도")),
    (
        "super_region_overview",
        "4. 초광역권발전 시행계획 개관",
        re.compile(r"^\s*4\.\s*\d{4}년\s*초광역"),
    ),
    (
        "province_summaries",
        "참고 2 「시‧도 지방시대 시행계획」 요약",
        re.compile(r"^\s*참고\s*2\s"),
    ),
    (
        "super_region_summaries",
        "참고 3 「초광역권발전 시행계획」 요약",
        re.compile(r"^\s*참고\s*3\s"),
    ),
]


def _cut_parts(section: Section) -> dict[str, list[Line]]:
    """The appendix cut at its part headings; a missing one means another layout."""
    lines = section.lines
    starts = []
    cursor = 0
    for key, title, pattern in _PARTS:
        index = next((i for i in range(cursor, len(lines)) if pattern.match(lines[i].text)), None)
        if index is None:
            where = lines[min(cursor, len(lines) - 1)].number  # the document may end here
            raise PlanFormatError(
                f"부록에서 '{title}' 부분을 찾을 수 없습니다: 줄 {where} 이후에 "
                "이 제목이 있어야 합니다",
                where,
            )
        starts.append((key, index))
        cursor = index + 1
    return {
        key: lines[index : starts[n + 1][1] if n + 1 < len(starts) else len(lines)]
        for n, (key, index) in enumerate(starts)
    }


def parse_appendix(section: Section, year: int = 2024) -> AppendixSummary:
    """Everything the appendix prints, and where it contradicts itself."""
    parts = _cut_parts(section)
    budgets, _printed_shares, findings = _funding(parts["funding"], year)
    shares = _shares(parts["funding"])
    table = _ministries_table(parts["ministries"], year)
    findings += _table_findings(table) + _sectoral_share_findings(shares, table)
    national = [strategy.name for strategy in table.strategies]
    regions = (
        _overview_regions(parts["province_overview"], "province", [s for s, _ in PROVINCES])
        + _overview_regions(parts["super_region_overview"], "super_region", SUPER_REGIONS)
        + _summary_regions(parts["province_summaries"], 2, "province", PROVINCES, national)
        + _summary_regions(
            parts["super_region_summaries"],
            3,
            "super_region",
            [(s, s) for s in SUPER_REGIONS],
            national,
        )
    )
    return AppendixSummary(budgets, shares, table, regions, findings)


# ---------------------------------------------------------------- 참고 1: shares

_SHARE_GROUP = re.compile(r"-\s*(?P<group>중앙부처|시.도)는(?P<body>.*?)비중으로", re.S)
_SHARE = re.compile(rf"전략\s*(?P<roman>{_ROMAN})\s*\([^)]*\)\s*(?P<pct>\d+(?:\.\d+)?)%")


def _shares(lines: list[Line]) -> list[StrategyShare]:
    """The "- 중앙부처는 5대 전략별로 전략Ⅰ(지방분권) 0.1%, …" sentences."""
    joined = _join(lines)
    shares = []
    for group in _SHARE_GROUP.finditer(joined.text):
        kind = "sectoral" if group["group"] == "중앙부처" else "province"
        for match in _SHARE.finditer(joined.text, group.start("body"), group.end("body")):
            shares.append(
                StrategyShare(
                    kind,
                    _roman_position(match["roman"]),
                    Decimal(match["pct"]),
                    f"{match['pct']}%",
                    joined.line_at(match.start("pct")),
                )
            )
    return shares


def _share_findings(
    shares: list[StrategyShare], amounts: dict[int, int], what: str
) -> list[Finding]:
    """Printed shares against the shares the amounts by strategy give."""
    whole = sum(amounts.values())
    findings = []
    for share in shares:
        if share.strategy_position not in amounts or not whole:
            continue
        exact = Decimal(amounts[share.strategy_position]) / whole * 100
        if abs(exact - share.percent) > _half_unit(share.printed):
            findings.append(
                Finding(
                    "warning",
                    "appendix.share_differs",
                    f"전략{ROMAN[share.strategy_position - 1]} 비중이 {share.printed}{particle(share.printed, '로')} "
                    f"인쇄되었으나 {what}{particle(what, '으로')} 계산하면 {exact:.1f}%입니다",
                    share.source_line,
                )
            )
    return findings


def _sectoral_share_findings(shares: list[StrategyShare], table: MinistriesTable) -> list[Finding]:
    amounts = {
        total.strategy_position: total.budget.amount_eok
        for total in table.totals
        if total.strategy_position is not None
    }
    return _share_findings(
        [s for s in shares if s.group == "sectoral"], amounts, "같은 부록 표의 전략별 ’24 국비"
    )


# ---------------------------------------------------------------- 참고 1: ministries' table

_TABLE_HEADER = re.compile(
    r"^(5대 전략.*|\d+개 실천과제|과제명 사업수|\(개\)|.24 국비|\(억원\)|부처"
    r"|\d+\.\s*\d{4}년\s*중앙부처.*)$"
)
_STRATEGY_HEAD = re.compile(rf"^(?P<roman>{_ROMAN})\.$")
_CORE_HEAD = re.compile(rf"^(?P<roman>{_ROMAN})-(?P<number>\d+)\.\s*(?P<name>.*)$")
_PRACTICAL_HEAD = re.compile(r"^\((?P<number>\d+)\)\s*(?P<rest>.*)$")
_FIGURES = re.compile(
    rf"^(?P<name>.*?)\s*(?P<count>\d+)\s+(?P<budget>\d[\d,]*(?:\.\d+)?|-)"
    rf"(?:\s+(?P<ministry>{_MINISTRY}))?$"
)
_MINISTRY_LINE = re.compile(rf"^{_MINISTRY}$")
_SUBTOTAL = re.compile(
    r"^합계\s*(?P<practical>\d+)개\s*실천과제\s*(?P<projects>\d+)개\s*(?P<budget>[\d,.]+(?:억원|조원))$"
)
_GRAND_COUNTS = re.compile(
    r"^\(\s*(?P<strategies>\d+)대\s*전략\s*(?P<cores>\d+)개\s*핵심과제\s*\)$"
)
_GRAND_TOTAL = re.compile(
    r"^(?P<practical>\d+)개\s*실천과제\s*(?P<projects>\d+)개\s*(?P<budget>[\d,.]+(?:억원|조원))$"
)


@dataclass
class _TableReader:
    """State while walking the flattened table: what the next continuation line extends."""

    year: int
    table: MinistriesTable = field(default_factory=MinistriesTable)
    open: ParsedStrategy | ParsedTask | None = None
    grand_counts: tuple[int, int] | None = None

    def read(self, line: Line) -> None:
        text = printed(line.text)
        for pattern, handler in (
            (_STRATEGY_HEAD, self._strategy),
            (_CORE_HEAD, self._core),
            (_PRACTICAL_HEAD, self._practical),
            (_SUBTOTAL, self._subtotal),
            (_GRAND_COUNTS, self._grand_counts),
            (_GRAND_TOTAL, self._grand_total),
        ):
            match = pattern.match(text)
            if match:
                handler(match, line.number)
                return
        if text != "총계":
            self._continue(text)

    def _strategy(self, match: re.Match[str], number: int) -> None:
        position = _roman_position(match["roman"])
        self.open = ParsedStrategy("pillar", position, "", number, ROMAN[position - 1])
        self.table.strategies.append(self.open)

    def _core(self, match: re.Match[str], number: int) -> None:
        position = _roman_position(match["roman"])
        siblings = [t for t in self.table.tasks if t.strategy_position == position]
        self.open = ParsedTask(
            "core",
            len(siblings) + 1,
            match["name"],
            number,
            code=f"{ROMAN[position - 1]}-{match['number']}",
            strategy_position=position,
        )
        self.table.tasks.append(self.open)

    def _practical(self, match: re.Match[str], number: int) -> None:
        if not self.table.tasks:
            raise PlanFormatError(
                f"실천과제 '({match['number']})' 앞에 핵심과제가 없습니다. "
                "표의 줄이 빠졌거나 순서가 바뀌었습니다",
                number,
            )
        core = self.table.tasks[-1]
        self.open = ParsedTask(
            "practical",
            len(core.children) + 1,
            "",
            number,
            code=f"({match['number']})",
            strategy_position=core.strategy_position,
        )
        core.children.append(self.open)
        self._continue(match["rest"])

    def _subtotal(self, match: re.Match[str], number: int) -> None:
        position = self.table.strategies[-1].position if self.table.strategies else None
        self.table.totals.append(self._total(match, number, position))
        self.open = None

    def _grand_counts(self, match: re.Match[str], number: int) -> None:
        self.grand_counts = (int(match["strategies"]), int(match["cores"]))

    def _grand_total(self, match: re.Match[str], number: int) -> None:
        total = self._total(match, number, None)
        if self.grand_counts:
            total.strategy_count, total.core_count = self.grand_counts
        self.table.totals.append(total)
        self.open = None

    def _total(self, match: re.Match[str], number: int, position: int | None) -> TableTotal:
        budget = ParsedBudget(
            self.year, "national", _eok(match["budget"], number), match["budget"], number, position
        )
        return TableTotal(int(match["practical"]), int(match["projects"]), budget, number, position)

    def _continue(self, text: str) -> None:
        """A line that is not a row head extends the open strategy, core or practical task."""
        node = self.open
        if node is None or not text:
            return
        if isinstance(node, ParsedStrategy):
            node.name = printed(f"{node.name} {text}")
        elif _MINISTRY_LINE.match(text) and (node.kind == "core" or node.project_count is not None):
            node.ministries.append(text)
        elif node.kind == "practical" and node.project_count is None and _FIGURES.match(text):
            self._figures(node, _FIGURES.match(text))
        else:
            node.name = printed(f"{node.name} {text}")

    @staticmethod
    def _figures(task: ParsedTask, match: re.Match[str]) -> None:
        task.name = printed(f"{task.name} {match['name']}")
        task.project_count = int(match["count"])
        task.national_budget_text = match["budget"]
        task.national_budget_eok = parse_number(match["budget"]).value
        if match["ministry"]:
            task.ministries.append(match["ministry"])


def _ministries_table(lines: list[Line], year: int) -> MinistriesTable:
    reader = _TableReader(year)
    for line in lines:
        text = printed(line.text)
        if text and not _TABLE_HEADER.match(text):
            reader.read(line)
    return reader.table


def _table_findings(table: MinistriesTable) -> list[Finding]:
    """Each 합계 row against its rows, and the 총계 row against the 합계 rows."""
    findings = []
    for total in table.totals:
        position = total.strategy_position
        cores = [t for t in table.tasks if position is None or t.strategy_position == position]
        practical = [child for core in cores for child in core.children]
        label = "총계" if position is None else f"전략{ROMAN[position - 1]} 합계"
        if position is None:
            subtotals = [t for t in table.totals if t.strategy_position is not None]
            budget_sum = sum(t.budget.amount_eok for t in subtotals)
            project_sum = sum(t.project_count for t in subtotals)
        else:
            budget_sum = sum(t.national_budget_eok or 0 for t in practical)
            project_sum = sum(t.project_count or 0 for t in practical)
        checks = [
            ("실천과제 수", total.practical_count, len(practical), Decimal(0), "개"),
            ("사업 수", total.project_count, project_sum, Decimal(0), "개"),
            (
                "’24 국비",
                total.budget.amount_eok,
                budget_sum,
                _half_unit_eok(total.budget.printed),
                "억원",
            ),
        ]
        if position is None:
            checks += [
                ("전략 수", total.strategy_count, len(table.strategies), Decimal(0), "개"),
                ("핵심과제 수", total.core_count, len(cores), Decimal(0), "개"),
            ]
        for what, stated, counted, tolerance, unit in checks:
            severity = _rounding_or_warning(Decimal(counted) - Decimal(stated or 0), tolerance)
            if stated is not None and severity:
                printed_sum, row_sum = with_unit(stated, unit), with_unit(counted, unit)
                findings.append(
                    Finding(
                        severity,
                        "appendix.table_sum_mismatch",
                        f"{TABLE} {label}의 {what} {printed_sum}{particle(printed_sum, '이')} "
                        f"행의 합 {row_sum}{particle(row_sum, '과')} 다릅니다",
                        total.source_line,
                    )
                )
    return findings


# ---------------------------------------------------------------- 참고 1: 개관 blocks


def _overview_regions(lines: list[Line], level: str, owners: list[str]) -> list[RegionSummary]:
    """Blocks "서울 / 목표 … / 전략 / ◈ …" of 참고 1's 개관 pages."""
    heads = [i for i, line in enumerate(lines) if line.stripped in owners]
    regions = []
    for n, index in enumerate(heads):
        block = lines[index + 1 : heads[n + 1] if n + 1 < len(heads) else len(lines)]
        goal_lines, strategy_lines = _split_at(block, lambda text: text == "전략")
        goal_lines = [ln for ln in goal_lines if ln.stripped]
        goal = printed(" ".join(ln.text for ln in goal_lines))
        goal = re.sub(r"^목표\s*", "", goal)
        goal_line = next(
            (ln.number for ln in goal_lines if ln.stripped != "목표"), lines[index].number
        )
        strategies, _ = _diamond_items(strategy_lines)
        regions.append(
            RegionSummary(
                1,
                level,
                lines[index].stripped,
                "",
                goal,
                lines[index].number,
                goal_line,
                strategies=[
                    _strategy(i, text, number) for i, (text, number) in enumerate(strategies, 1)
                ],
            )
        )
    return regions


def _split_at(lines: list[Line], is_marker) -> tuple[list[Line], list[Line]]:
    index = next((i for i, line in enumerate(lines) if is_marker(line.stripped)), len(lines))
    return lines[:index], lines[index + 1 :]


def _diamond_items(lines: list[Line]) -> tuple[list[tuple[str, int]], list[Line]]:
    """◈ items with their continuation lines, up to the next □; returns the rest too."""
    items: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        text = line.stripped
        if text.startswith("□"):
            return items, lines[index:]
        if text.startswith("◈"):
            items.append((text[1:].strip(), line.number))
        elif text and items and not _PAGE_NUMBER.match(text):
            items[-1] = (f"{items[-1][0]} {text}", items[-1][1])
    return items, []


def _strategy(position: int, text: str, number: int) -> AppendixStrategy:
    name, target = split_target(printed(text))
    return AppendixStrategy(position, name, number, target)


def split_target(text: str) -> tuple[str, str]:
    """Split "전략명 (목표)" into the name and the appended parenthesised target.

    The target is the earliest "(" after the start whose group runs to the end of the text;
    groups closing earlier, like a leading "(산업)" or "첨단전략산업(이차전지 …)", belong to
    the name, and an unclosed "(" (a printing slip) opens a target too.
    """
    for index, char in enumerate(text):
        if char != "(" or index == 0:
            continue
        depth = 0
        for offset, inner in enumerate(text[index:], start=index):
            depth += {"(": 1, ")": -1}.get(inner, 0)
            if depth == 0 and offset < len(text) - 1:
                break
        else:
            return text[:index].strip(), text[index:].strip()
    return text, ""


# ---------------------------------------------------------------- 참고 2 and 3


def _summary_regions(
    lines: list[Line],
    part: int,
    level: str,
    names: list[tuple[str, str]],
    national: list[str],
) -> list[RegionSummary]:
    """The one-page summaries: "서울특별시 목표…", □ 2024년 추진전략, □ 핵심과제별 …;
    `national` are the 5 strategy names, which most summary tables reuse."""
    heads = [
        (i, owner, full)
        for i, line in enumerate(lines)
        for owner, full in names
        if _is_summary_head(lines, i, full)
    ]
    regions = []
    for n, (index, owner, full) in enumerate(heads):
        block = lines[index : heads[n + 1][0] if n + 1 < len(heads) else len(lines)]
        region = _summary_region(block, part, level, owner, full)
        _read_boxes(region, block, national)
        regions.append(region)
    return regions


def _is_summary_head(lines: list[Line], index: int, full_name: str) -> bool:
    """A line opening with the name and followed, before any ◈ or §, by □ 2024년 추진전략
    (the name alone also opens table rows such as "충청권 연계‧협력")."""
    text = lines[index].stripped
    if not (text == full_name or text.startswith(full_name + " ")):
        return False
    for line in lines[index + 1 :]:
        if line.stripped.startswith(("◈", "§")):
            return False
        if line.stripped.startswith("□"):
            return "추진전략" in line.stripped
    return False


def _summary_region(
    block: list[Line], part: int, level: str, owner: str, full_name: str
) -> RegionSummary:
    head = block[0]
    goal_lines, rest = _split_at(block[1:], lambda text: text.startswith("□"))
    first = head.stripped[len(full_name) :].strip()
    goal_parts = ([first] if first else []) + [
        _unspaced(ln.text) for ln in goal_lines if ln.stripped
    ]
    goal_line = (
        head.number if first else next((ln.number for ln in goal_lines if ln.stripped), head.number)
    )
    items, _ = _diamond_items(rest)
    strategies = [_strategy(i, text, number) for i, (text, number) in enumerate(items, 1)]
    return RegionSummary(
        part,
        level,
        owner,
        full_name,
        printed(" ".join(goal_parts)),
        head.number,
        goal_line,
        strategies=strategies,
        indicators=[ind for s in strategies for ind in target_indicators(s)],
    )


def _read_boxes(region: RegionSummary, block: list[Line], national: list[str]) -> None:
    """The □ boxes after the strategies: the summary table and the cooperation plan."""
    boxes = [i for i, line in enumerate(block) if line.stripped.startswith("□")]
    for n, index in enumerate(boxes):
        body = block[index + 1 : boxes[n + 1] if n + 1 < len(boxes) else len(block)]
        heading = block[index].stripped
        if "핵심과제" in heading:
            known = [*national, *(strategy.name for strategy in region.strategies)]
            region.pillars = _summary_table(body, known)
        elif "협력" in heading:
            region.cooperation = [
                SummaryItem("", printed(text), number) for text, number in _diamond_items(body)[0]
            ]


# ---------------------------------------------------------------- summary tables

_ITEM_LABEL = (
    re.compile(r"^\((?P<label>[^)]*)\)\s*(?P<text>.*)$"),
    re.compile(r"^(?P<label>[^()]+)\)\s*(?P<text>.*)$"),  # "§  지역 … 육성) …": "(" lost
    re.compile(r"^(?P<label>.+?)\s+:\s*(?P<text>.*)$"),  # 참고 3: "§ 과제 : 내용"
)


def _summary_table(lines: list[Line], known_names: list[str]) -> list[SummaryPillar]:
    """Rows of "전략 | 핵심과제별 중점 추진 세부과제", flattened: the strategy cell's short
    lines, then § items whose text wraps over following lines.

    A run of lines between two § items is the previous item's wrapped text followed by the
    next strategy's cell; `_cell_length` decides where one ends and the other begins.
    """
    rows = [ln for ln in lines if ln.stripped and not _PAGE_NUMBER.match(ln.stripped)]
    if rows and rows[0].stripped.startswith("전략"):
        rows = rows[1:]
    known = {comparable(name) for name in known_names}
    pillars: list[SummaryPillar] = []
    item: SummaryItem | None = None
    run: list[Line] = []
    for line in [*rows, None]:
        if line is not None and not line.stripped.startswith("§"):
            run.append(line)
            continue
        cell = _cell_length(run, known) if item and line else len(run) if line else 0
        if item is not None:
            item.text = printed(" ".join([item.text] + [ln.text for ln in run[: len(run) - cell]]))
        if cell:
            name = printed(" ".join(ln.text for ln in run[-cell:]))
            pillars.append(SummaryPillar(len(pillars) + 1, name, run[-cell].number))
        run = []
        if line is not None:
            item = _summary_item(line)
            if not pillars:
                pillars.append(SummaryPillar(1, "", line.number))
            pillars[-1].items.append(item)
    return pillars


def _cell_length(run: list[Line], known: set[str]) -> int:
    """How many lines at the end of `run` (lines after a § item) form the next strategy cell.

    The cell is a tail of two or more short lines (the first column is narrow); wrapped
    item text is full width except its last line, so only the first of those short lines
    is in doubt. It belongs to the cell unless the rest alone spells a known strategy name
    (national or the plan's ◈) and the whole does not, or, with no name to go by, unless it
    lacks the trailing space that the PDF leaves where it wrapped a cell.
    """
    short = 0
    for line in reversed(run):
        if len(line.stripped) > _PILLAR_WIDTH or line.stripped.startswith("-"):
            break
        short += 1
    if short < 2:
        return 0
    tail = run[-short:]
    if short == 2 or comparable(" ".join(ln.text for ln in tail)) in known:
        return short
    if comparable(" ".join(ln.text for ln in tail[1:])) in known:
        return short - 1
    first = tail[0].text
    return short if first != first.rstrip() else short - 1


def _summary_item(line: Line) -> SummaryItem:
    text = printed(line.stripped[1:])
    for pattern in _ITEM_LABEL:
        match = pattern.match(text)
        if match:
            return SummaryItem(printed(match["label"]), printed(match["text"]), line.number)
    return SummaryItem("", text, line.number)


# ---------------------------------------------------------------- targets as indicators

_TARGET_VALUE = re.compile(
    r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>(?:[십백천만억조]+\s?)?[^\s\d,()·:~]*)"
)


def target_indicators(strategy: AppendixStrategy) -> list[ParsedIndicator]:
    """Each "이름 값단위" in a strategy's target, e.g. "1인당 GRDP 3,670만원, 일자리 80만개".

    A part without a figure names the figure that follows: "창업펀드 조성, 11,411억 원" is
    one target, and "도로, 철도연장 74.6km" one target named "도로, 철도연장" (a sum).
    """
    indicators = []
    pending = ""
    for part in _top_level_parts(strategy.target.strip()[1:].rstrip(")").strip()):
        matches = list(_TARGET_VALUE.finditer(part))
        if not matches:
            pending = f"{pending}, {part}" if pending else part
            continue
        match = matches[-1]
        own = part[: match.start()].strip(" :,(（")
        name = ", ".join(text for text in (pending, own) if text)
        pending = "" if name else part
        if not name:
            continue
        unit = match["unit"].replace(" ", "")
        indicators.append(
            ParsedIndicator(
                group="key",
                name=printed(name),
                unit=unit,
                source_line=strategy.source_line,
                scope=strategy.name,
                target_year=2024,
                target_text=f"{match['value']}{match['unit']}".strip(),
                target_value=parse_number(match["value"]).value,
            )
        )
    return indicators


def _top_level_parts(text: str) -> list[str]:
    """Split at ", " outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0 and text[index + 1 : index + 2] == " ":
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _in_base_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """3,670 "만원" → (36,700,000, "원"), so that "2천만명" and "2,000 만명" compare equal."""
    unit = unit.split(",")[0].replace(" ", "")
    multiplier = 1
    while unit and unit[0] in _UNIT_PREFIXES and len(unit) > 1:
        multiplier *= _UNIT_PREFIXES[unit[0]]
        unit = unit[1:]
    return value * multiplier, unit


# ---------------------------------------------------------------- cross check


def cross_check(summary: AppendixSummary, plans: list[ParsedPlan]) -> list[Finding]:
    """Where the appendix contradicts itself (summary.findings) and every place where it
    prints something other than the body plans; each finding names its plan's owner."""
    by_owner = {(plan.level, plan.owner): plan for plan in plans}
    findings = _owned(summary.findings, "위원회")
    national = by_owner.get(("national", "위원회"))
    if national:
        findings += _owned(_budget_findings(summary.budgets, national, "참고 1 재정투입"), "위원회")
    sectoral = by_owner.get(("sectoral", "위원회"))
    if sectoral:
        findings += _owned(_ministries_findings(summary.ministries, sectoral), "위원회")
    for region in summary.regions:
        plan = by_owner.get((region.level, region.owner))
        if plan:
            findings += _owned(_region_findings(region, plan), region.owner)
    return findings + _province_share_findings(summary.shares, plans)


def _owned(findings: list[Finding], owner: str) -> list[Finding]:
    return [replace(finding, owner=owner) for finding in findings]


def _differs(code: str, what: str, appendix: str, body: str, plan_line: int, line: int) -> Finding:
    return Finding(
        "warning",
        code,
        f"{what}: 부록(줄 {line}) '{appendix}' ↔ 본문(줄 {plan_line}) '{body}'",
        line,
    )


def _text_finding(
    code: str, what: str, appendix: str, body: str, plan_line: int, line: int
) -> list[Finding]:
    if comparable(appendix) == comparable(body):
        return []
    return [_differs(code, what, appendix, body, plan_line, line)]


def _budget_findings(budgets: list[ParsedBudget], plan: ParsedPlan, what: str) -> list[Finding]:
    """Appendix amounts against the plan's amounts for the same year, source and strategy."""
    body = {(b.year, b.source, b.strategy_position): b for b in plan.budgets}
    findings = []
    for budget in budgets:
        other = body.get((budget.year, budget.source, budget.strategy_position))
        if other is None:
            continue
        tolerance = max(_half_unit_eok(budget.printed), _half_unit_eok(other.printed))
        severity = _rounding_or_warning(Decimal(budget.amount_eok - other.amount_eok), tolerance)
        if severity:
            findings.append(
                Finding(
                    severity,
                    "appendix.budget_differs",
                    f"{what} {budget.year}년 {SOURCE_NAMES[budget.source]}: "
                    f"부록(줄 {budget.source_line}) {_in_eok(budget.printed)} ↔ "
                    f"본문(줄 {other.source_line}) {_in_eok(other.printed)}"
                    + (" (반올림 차이)" if severity == "info" else ""),
                    budget.source_line,
                )
            )
    return findings


def _in_eok(printed: str) -> str:
    """A printed amount with its unit: table cells are in 억원, sentences say 조원."""
    return printed if printed.endswith("원") else f"{printed}억원"


def _region_findings(region: RegionSummary, plan: ParsedPlan) -> list[Finding]:
    where = f"{PART_NAMES[region.part]} {region.owner}"
    findings = _text_finding(
        "appendix.goal_differs",
        f"{where} 목표",
        region.goal,
        plan.goal,
        plan.source_line,
        region.goal_line,
    )
    focus = sorted((s for s in plan.strategies if s.kind == "focus"), key=lambda s: s.position)
    findings += _strategy_findings(region.strategies, focus, where, "◈ 전략", region.source_line)
    if region.part != 1:
        pillars = sorted(
            (s for s in plan.strategies if s.kind == "pillar"), key=lambda s: s.position
        )
        cells = [AppendixStrategy(p.position, p.name, p.source_line) for p in region.pillars]
        findings += _strategy_findings(cells, pillars, where, "핵심과제표 전략", region.source_line)
    findings += _indicator_findings(region, plan.indicators)
    return findings


def _strategy_findings(
    appendix: list[AppendixStrategy],
    body: list[ParsedStrategy],
    where: str,
    kind: str,
    line: int,
) -> list[Finding]:
    """Strategies compared by position ("충북 2번째 ◈ 전략"); a different number of them is
    a finding too."""
    findings = []
    what = f"{where} {kind}"
    for strategy, other in zip(appendix, body, strict=False):
        findings += _text_finding(
            "appendix.strategy_differs",
            f"{where} {strategy.position}번째 {kind}",
            strategy.name,
            other.name,
            other.source_line,
            strategy.source_line,
        )
    if appendix and body and len(appendix) != len(body):
        findings.append(
            Finding(
                "warning",
                "appendix.strategy_count_differs",
                f"{what}: 부록은 {len(appendix)}개, 본문(줄 {body[0].source_line})은 {len(body)}개",
                line,
            )
        )
    return findings


def _indicator_findings(region: RegionSummary, body: list[ParsedIndicator]) -> list[Finding]:
    """A target naming a body indicator must give its 2024 target (or, in %p, its change),
    in whatever unit; info when the appendix's rounding explains the difference."""
    findings = []
    for target in region.indicators:
        other = _matching_indicator(target, body)
        values = _values_to_compare(target, other) if other else None
        if other is None or values is None:
            continue
        ours, theirs, tolerance, shown = values
        severity = _rounding_or_warning(ours - theirs, tolerance)
        if severity:
            findings.append(
                Finding(
                    severity,
                    "appendix.indicator_differs",
                    f"{PART_NAMES[region.part]} {region.owner} 목표 '{target.name} "
                    f"{target.target_text}' ↔ 본문(줄 {other.source_line}) '{other.name}' {shown}"
                    + (" (반올림 차이)" if severity == "info" else ""),
                    target.source_line,
                )
            )
    return findings


def _values_to_compare(
    target: ParsedIndicator, other: ParsedIndicator
) -> tuple[Decimal, Decimal, Decimal, str] | None:
    """Both values in the same base unit, the appendix figure's rounding, and the body text;
    None when the units do not compare."""
    if target.target_value is None:
        return None
    ours, base = _in_base_unit(target.target_value, target.unit)
    tolerance, _ = _in_base_unit(_rounding(target.target_text), target.unit)
    if base == "%p" and "%p" in other.unit:
        theirs = parse_number(other.change_text).value
        return (ours, theirs, tolerance, f"증감 {other.change_text}%p") if theirs else None
    if other.target_value is None:
        return None
    theirs, their_base = _in_base_unit(other.target_value, other.unit)
    if base != their_base:
        return None
    shown = with_unit(other.target_text, indicator_units(other.unit)[0])
    return ours, theirs, tolerance, f"{other.target_year or target.target_year}년 목표 {shown}"


def _rounding(number_text: str) -> Decimal:
    """Half the last printed digit; the zeros ending a figure of four or more digits
    ("1,640", "89,000") count as rounding too."""
    match = _NUMBER.match(number_text)
    raw = match.group().replace(",", "") if match else "0"
    if "." in raw:
        return Decimal(1) / 10 ** len(raw.split(".")[1]) / 2
    zeros = len(raw) - len(raw.rstrip("0")) if len(raw) >= 4 else 0
    return Decimal(10**zeros) / 2


def _matching_indicator(
    target: ParsedIndicator, body: list[ParsedIndicator]
) -> ParsedIndicator | None:
    """The body indicator with the same name, or else the longest name contained in the
    target's name (or containing it), if at least four letters long; none for a target
    naming several things ("도로, 철도연장"), which sums indicators."""
    if "," in target.name:
        return None
    key = comparable(target.name)
    candidates = []
    for indicator in body:
        other = comparable(indicator.name)
        if other == key:
            return indicator
        shorter = min(other, key, key=len)
        if len(shorter) >= 4 and (other in key or key in other):
            candidates.append((len(other), indicator))
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _ministries_findings(table: MinistriesTable, plan: ParsedPlan) -> list[Finding]:
    pillars = sorted((s for s in plan.strategies if s.kind == "pillar"), key=lambda s: s.position)
    findings = _strategy_findings(
        [AppendixStrategy(s.position, s.name, s.source_line) for s in table.strategies],
        pillars,
        TABLE,
        "전략",
        table.strategies[0].source_line if table.strategies else 0,
    )
    body_cores = {task_code(t.code): t for t in plan.tasks if t.kind == "core"}
    for core in table.tasks:
        other = body_cores.get(core.code)
        if other is None:
            findings.append(
                Finding(
                    "warning",
                    "appendix.task_missing",
                    f"{TABLE}의 핵심과제 {core.code} '{core.name}'{particle(core.name, '이')} 본문에 없습니다",
                    core.source_line,
                )
            )
            continue
        findings += _task_findings(core, other, core.code)
        children = {child.code: child for child in other.children}
        for task in core.children:
            if task.code not in children:
                findings.append(
                    Finding(
                        "warning",
                        "appendix.task_missing",
                        f"{TABLE}의 실천과제 {core.code}{task.code} '{task.name}'{particle(task.name, '이')} "
                        "본문에 없습니다",
                        task.source_line,
                    )
                )
                continue
            findings += _task_findings(task, children[task.code], f"{core.code}{task.code}")
    findings += _budget_findings(
        [total.budget for total in table.totals], plan, f"{TABLE} ’24 국비"
    )
    return findings + _count_findings(table, plan)


def _task_findings(task: ParsedTask, other: ParsedTask, code: str) -> list[Finding]:
    what = f"{TABLE} {code}"
    findings = _text_finding(
        "appendix.task_differs",
        f"{what} 과제명",
        task.name,
        other.name,
        other.source_line,
        task.source_line,
    )
    if [comparable(m) for m in task.ministries] != [comparable(m) for m in other.ministries]:
        findings.append(
            _differs(
                "appendix.task_differs",
                f"{what} 부처",
                ", ".join(task.ministries),
                ", ".join(other.ministries),
                other.source_line,
                task.source_line,
            )
        )
    if task.kind == "practical":
        for label, ours, theirs, unit in (
            ("사업수", task.project_count, other.project_count, "개"),
            ("’24 국비", task.national_budget_eok, other.national_budget_eok, "억원"),
        ):
            if ours != theirs:
                findings.append(
                    _differs(
                        "appendix.task_differs",
                        f"{what} {label}",
                        "없음" if ours is None else with_unit(ours, unit),
                        "없음" if theirs is None else with_unit(theirs, unit),
                        other.source_line,
                        task.source_line,
                    )
                )
    return findings


def _count_findings(table: MinistriesTable, plan: ParsedPlan) -> list[Finding]:
    """The 합계/총계 counts against the number of tasks and projects the body lists."""
    findings = []
    body_cores = [t for t in plan.tasks if t.kind == "core"]
    for total in table.totals:
        position = total.strategy_position
        cores = [c for c in body_cores if position is None or _position_of(c) == position]
        practical = [child for core in cores for child in core.children]
        counts = [("실천과제 수", total.practical_count, len(practical))]
        if all(t.project_count is not None for t in practical) and practical:
            counts.append(("사업 수", total.project_count, sum(t.project_count for t in practical)))
        if position is None:
            counts.append(("핵심과제 수", total.core_count, len(body_cores)))
        label = "총계" if position is None else f"전략{ROMAN[position - 1]} 합계"
        for what, ours, theirs in counts:
            if ours is not None and ours != theirs:
                findings.append(
                    Finding(
                        "warning",
                        "appendix.count_differs",
                        f"{TABLE} {label} {what}: 부록(줄 {total.source_line}) {ours}개 ↔ "
                        f"본문(줄 {plan.source_line}) {theirs}개",
                        total.source_line,
                    )
                )
    return findings


def _position_of(task: ParsedTask) -> int | None:
    if task.strategy_position is not None:
        return task.strategy_position
    code = task_code(task.code)
    return ROMAN.index(code[0]) + 1 if code and code[0] in ROMAN else None


def _province_share_findings(shares: list[StrategyShare], plans: list[ParsedPlan]) -> list[Finding]:
    """The provinces' printed shares against their 2024 amounts by strategy, when all 17
    province plans are at hand (a share of some of them would mean nothing)."""
    provinces = [p for p in plans if p.level == "province"]
    if {p.owner for p in provinces} != {owner for owner, _ in PROVINCES}:
        return []
    amounts: dict[int, int] = {}
    for plan in provinces:
        for budget in plan.budgets:
            if budget.year == 2024 and budget.source == "total" and budget.strategy_position:
                amounts[budget.strategy_position] = (
                    amounts.get(budget.strategy_position, 0) + budget.amount_eok
                )
    return _share_findings(
        [s for s in shares if s.group == "province"],
        amounts,
        "본문 17개 시‧도 전략별 재정투입 합계",
    )
