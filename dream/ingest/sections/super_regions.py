"""Reader of part Ⅴ, 초광역권발전 시행계획: one plan per super-region.

The part opens with a summary (goal and ◈ strategies of each super-region) and
then gives each super-region its own part: ◈ strategies, a task table, a fiscal
table and key indicators. The PDF dump flattens the tables: a cell's text is cut
over several lines, the strategy, core-task and plan columns follow each other
line by line, pages repeat the table header and some pages come out of order.
The reader rebuilds the cells from what the dump keeps (line widths, trailing
blanks, names printed elsewhere in the part) and turns every doubt into a
Finding instead of guessing silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dream.accounts import registry
from dream.core.korean import particle
from dream.ingest.document import RECORDED_YEARS, Line, PlanFormatError, Section, year_checked
from dream.ingest.numbers import (
    indicator_units,
    mismatch_severity,
    parse_eok,
    parse_number,
    sum_difference,
    with_unit,
)
from dream.ingest.records import (
    Finding,
    ParsedBudget,
    ParsedIndicator,
    ParsedPlan,
    ParsedStrategy,
    ParsedTask,
)

SUPER_REGIONS = tuple(short for short, _full, _members in registry.SUPER_REGIONS)
PROVINCES = "|".join(short for short, _full, _capital in registry.PROVINCES)

FOCUS_HEADING = re.compile(r"^I\.\s*\d{4}년\s*추진전략")
TABLE_HEADER = re.compile(r"^전략\s*핵심과제.*추진\s*계획$")
FISCAL_HEADING = re.compile(r"^□\s*(\d{4})년\s*재정투입\s*계획")
INDICATOR_HEADING = re.compile(r"^□\s*주요\s*성과지표")
# Headings of blocks the reader has no use for: lines under them are not read.
SKIPPED_HEADING = re.compile(r"^(II\.|III\.|※)")
PROSE_HEADING = re.compile(r"^□")  # "□ 초광역 협력 및 성과관리계획": prose, ignored by design
APPENDIX = re.compile(r"^부\s+록$")
PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")
BULLET = re.compile(rf"^(Ÿ|-\s|‒|\((?:{PROVINCES})(?:\s*,\s*(?:{PROVINCES}))*\))")
AMOUNT = r"\d{1,3}(?:,\d{3})+|\d+"
AMOUNT_ONLY = re.compile(rf"^(?:{AMOUNT}|-)$")
AMOUNT_GLUED_BEFORE = re.compile(rf"^({AMOUNT})(?=[^\d,\s])(.+)$")
AMOUNT_AFTER = re.compile(rf"^(.*\S)\s+({AMOUNT}|-)$")
FISCAL_COLUMN_HEADS = re.compile(r"^(전\s*략\s*총\s*액|\(\s*억\s*원\s*\))$")
INDICATOR_HEAD_TOKENS = {"지표", "단위", "실적", "목표", "증감"}
YEAR_TOKEN = re.compile(r"^(\d{4})\.?$")
DOTS = re.compile(r"[･·‧․⋅・]")

# No strategy or core-task cell is wider than this (display columns, a Hangul
# syllable counting 2): a wider line can only be plan text.
CELL_MAX_WIDTH = 27
# How far short of the widest plan line a line may end and still have been
# wrapped because the next word did not fit.
WRAP_SLACK = 6
# Nouns a plan item ends with. A line ending otherwise was cut by the page width.
PHRASE_ENDS = (
    "지원",
    "구축",
    "연구",
    "확대",
    "운영",
    "선정",
    "건의",
    "협의",
    "개최",
    "추진",
    "완성",
    "조성",
    "활성화",
    "고도화",
    "총력",
    "개발",
    "수립",
    "양성",
    "형성",
    "점검",
    "발굴",
    "마련",
    "강화",
    "육성",
    "확보",
    "도입",
    "검토",
    "착수",
    "완료",
    "시행",
    "정비",
    "개선",
    "진행",
    "개통",
    "준공",
    "보급",
    "달성",
    "유치",
    "제고",
    "창출",
)


# Endings that can only continue a word cut at the line end ("추진 / 하여 …").
VERB_ENDINGS = ("하여", "하고", "하며", "하는", "되어", "되고", "되는", "화로", "화를", "화된")


def parse_super_regions(section: Section) -> list[ParsedPlan]:
    """One plan per super-region in document order; raise if one is missing or cut."""
    lines = [line for line in section.lines if line.stripped]
    starts = _part_starts(lines, section)
    summary = _read_summary(lines[: starts[0]])
    ends = [*starts[1:], _appendix_index(lines, starts[-1])]
    corpus = " ".join(line.stripped for line in lines)
    plans = []
    for name, start, end in zip(SUPER_REGIONS, starts, ends, strict=True):
        plan = _read_part(name, lines[start:end], corpus)
        _compare_with_summary(plan, summary.get(name))
        plans.append(plan)
    return plans


# ---------------------------------------------------------------- part layout


def _part_starts(lines: list[Line], section: Section) -> list[int]:
    """Index of each super-region's own heading: its name right before "I. 2024년 추진전략"."""
    starts: list[int] = []
    cursor = 0
    for name in SUPER_REGIONS:
        found = next(
            (
                i
                for i in range(cursor, len(lines))
                if lines[i].stripped.startswith(name) and _opens_part(lines, i)
            ),
            None,
        )
        if found is None:
            where = lines[cursor].number if cursor < len(lines) else section.end
            raise PlanFormatError(
                f"초광역권 '{name}'의 시행계획(이름과 목표 다음에 'I. 2024년 추진전략')을 "
                "찾을 수 없습니다. 문서가 잘렸거나 형식이 다릅니다",
                where,
            )
        starts.append(found)
        cursor = found + 1
    return starts


def _opens_part(lines: list[Line], index: int) -> bool:
    """A heading is followed within three lines (the wrapped goal) by the strategy heading."""
    following = lines[index + 1 : index + 4]
    return any(FOCUS_HEADING.match(line.stripped) for line in following)


def _appendix_index(lines: list[Line], last_start: int) -> int:
    """The last part ends where the appendix (press release) begins, or with the section."""
    return next(
        (i for i in range(last_start, len(lines)) if APPENDIX.match(lines[i].stripped)),
        len(lines),
    )


@dataclass
class Regions:
    """The lines of one super-region's part, sorted into the blocks the reader needs."""

    heading: list[Line] = field(default_factory=list)
    focus: list[Line] = field(default_factory=list)
    table: list[Line] = field(default_factory=list)
    fiscal: list[Line] = field(default_factory=list)
    indicators: list[Line] = field(default_factory=list)
    stray: list[Line] = field(default_factory=list)  # under a heading that has no content
    fiscal_heading: Line | None = None
    indicator_heading: Line | None = None


def _split_regions(lines: list[Line]) -> Regions:
    """Sort lines by the last heading above them; a repeated table header resumes the table."""
    regions = Regions()
    current: list[Line] | None = regions.heading
    for line in lines:
        text = line.stripped
        if FOCUS_HEADING.match(text):
            current = regions.focus
        elif TABLE_HEADER.match(text):
            current = regions.table
        elif FISCAL_HEADING.match(text):
            current, regions.fiscal_heading = regions.fiscal, line
        elif INDICATOR_HEADING.match(text):
            current, regions.indicator_heading = regions.indicators, line
        elif SKIPPED_HEADING.match(text):
            current = regions.stray
        elif PROSE_HEADING.match(text):
            current = None
        elif current is not None and not PAGE_NUMBER.match(text):
            current.append(line)
    return regions


def _read_part(name: str, lines: list[Line], corpus: str) -> ParsedPlan:
    """Read one super-region's part; raise when a block the plan needs is not there."""
    heading = lines[0]
    regions = _split_regions(lines[1:])
    plan = ParsedPlan(
        level="super_region",
        owner=name,
        goal=_join([heading.stripped[len(name) :], *(x.stripped for x in regions.heading)]),
        source_line=heading.number,
    )
    _require(regions, name, heading)
    plan.findings.extend(_unplaced(line, "제목 아래") for line in regions.stray)
    plan.strategies = _read_focus(regions.focus, plan.findings)
    fiscal = _read_fiscal(regions.fiscal, plan.findings)
    known = [s.name for s in plan.strategies] + [row.name for row in fiscal.rows]
    table = TableReader(regions.table, known, corpus, plan.findings)
    pillars, plan.tasks = table.read()
    plan.strategies += pillars
    known += [p.name for p in pillars]
    plan.indicators = _read_indicators(regions.indicators, known, plan.findings)
    heading = regions.fiscal_heading
    year = year_checked(
        int(FISCAL_HEADING.match(heading.stripped).group(1)), heading.number, "재정투입 계획의"
    )
    plan.budgets = _place_budgets(fiscal, pillars, year, plan.findings)
    return plan


def _require(regions: Regions, name: str, heading: Line) -> None:
    """Every part has ◈ strategies, a task table, a fiscal table and indicators."""
    checks = (
        ("'I. 2024년 추진전략'의 ◈ 전략", any(x.stripped.startswith("◈") for x in regions.focus)),
        ("'전략 핵심과제 중점 추진 계획' 표", any(_kind(x) == "item" for x in regions.table)),
        ("'□ 2024년 재정투입 계획'", regions.fiscal_heading is not None),
        ("'□ 주요 성과지표'", regions.indicator_heading is not None),
    )
    missing = [label for label, present in checks if not present]
    if missing:
        raise PlanFormatError(
            f"초광역권 '{name}' 시행계획에 {', '.join(missing)}{particle(', '.join(missing), '이')} 없습니다. "
            "문서가 잘렸거나 형식이 다릅니다",
            heading.number,
        )


# ---------------------------------------------------------------- text helpers


def _join(parts: Iterable[str]) -> str:
    """Wrapped lines joined by one space, as the brief for all readers asks."""
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _squash(text: str) -> str:
    """Text compared without blanks and with one kind of middle dot (the PDF mixes four)."""
    return DOTS.sub("·", re.sub(r"\s+", "", text))


def _width(text: str) -> int:
    """Display width: the page wraps by width, and a Hangul syllable is two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.strip())


def _open_end(line: Line) -> bool:
    """The dump keeps a blank at the end of a line cut between words inside a cell."""
    return line.text != line.text.rstrip()


# ---------------------------------------------------------------- summary


@dataclass
class SummaryEntry:
    goal: str
    goal_line: int
    strategies: list[tuple[str, int]]


def _read_summary(lines: list[Line]) -> dict[str, SummaryEntry]:
    """The opening summary: per super-region a "목표" text and its ◈ strategies."""
    entries: dict[str, SummaryEntry] = {}
    entry: SummaryEntry | None = None
    in_goal = False
    for line in lines:
        text = line.stripped
        if text in SUPER_REGIONS:
            entry = entries[text] = SummaryEntry("", line.number, [])
        elif entry is None:
            continue
        elif text.startswith("목표"):
            entry.goal, entry.goal_line, in_goal = _join([text[2:]]), line.number, True
        elif text == "전략":
            in_goal = False
        elif text.startswith("◈"):
            entry.strategies.append((_join([text[1:]]), line.number))
        elif in_goal:
            entry.goal = _join([entry.goal, text])
    return entries


def _compare_with_summary(plan: ParsedPlan, entry: SummaryEntry | None) -> None:
    """The summary repeats each part's goal and ◈ strategies; report where they differ."""
    if entry is None:
        plan.findings.append(
            Finding(
                "warning",
                "summary.missing",
                f"앞부분 요약에 '{plan.owner}'의 목표·전략이 없습니다",
                plan.source_line,
            )
        )
        return
    if _squash(entry.goal) != _squash(plan.goal):
        plan.findings.append(
            Finding(
                "warning",
                "summary.goal_differs",
                f"요약의 목표 '{entry.goal}'{particle(entry.goal, '이')} 본문의 목표 '{plan.goal}'{particle(plan.goal, '와')} 다릅니다",
                entry.goal_line,
            )
        )
    focus = [s for s in plan.strategies if s.kind == "focus"]
    for position, (name, number) in enumerate(entry.strategies, start=1):
        own = focus[position - 1].name if position <= len(focus) else ""
        if _squash(name) != _squash(own):
            plan.findings.append(
                Finding(
                    "warning",
                    "summary.strategy_differs",
                    f"요약의 {position}번째 전략 '{name}'{particle(name, '이')} 본문의 추진전략 "
                    f"'{own or '(없음)'}'{particle(own or '(없음)', '와')} 다릅니다",
                    number,
                )
            )
    if len(entry.strategies) < len(focus):
        plan.findings.append(
            Finding(
                "warning",
                "summary.strategy_differs",
                f"요약에는 전략이 {len(entry.strategies)}개, 본문에는 {len(focus)}개입니다",
                entry.goal_line,
            )
        )


# ---------------------------------------------------------------- ◈ strategies


def _read_focus(lines: list[Line], findings: list[Finding]) -> list[ParsedStrategy]:
    """The ◈ lines of "I. 2024년 추진전략"; a line without ◈ continues the one above."""
    strategies: list[ParsedStrategy] = []
    for line in lines:
        text = line.stripped
        if text.startswith("◈"):
            strategies.append(
                ParsedStrategy("focus", len(strategies) + 1, _join([text[1:]]), line.number)
            )
        elif strategies:
            strategies[-1].name = _join([strategies[-1].name, text])
        else:
            findings.append(_unplaced(line, "추진전략(◈) 앞"))
    return strategies


def _unplaced(line: Line, where: str) -> Finding:
    return Finding(
        "warning",
        "text.unplaced",
        f"{where}의 '{line.stripped}'{particle(line.stripped, '을')} 어디에도 넣지 못했습니다",
        line.number,
    )


# ---------------------------------------------------------------- fiscal table


@dataclass
class FiscalRow:
    name: str
    printed: str
    line: int  # where the strategy name starts
    amount_line: int


@dataclass
class Fiscal:
    rows: list[FiscalRow] = field(default_factory=list)
    total: FiscalRow | None = None


def _read_fiscal(lines: list[Line], findings: list[Finding]) -> Fiscal:
    """Rows "strategy amount"; an amount with no name before it is the merged total cell."""
    fiscal = Fiscal()
    pending: list[Line] = []
    for line in lines:
        text = line.stripped
        if FISCAL_COLUMN_HEADS.match(text):
            continue
        glued = AMOUNT_GLUED_BEFORE.match(text)
        if glued and not pending:
            _take_amount(fiscal, [], glued.group(1), line, findings)
            text = glued.group(2).strip()
        trailing = AMOUNT_AFTER.match(text)
        if AMOUNT_ONLY.match(text):
            _take_amount(fiscal, pending, text, line, findings)
            pending = []
        elif trailing:
            pending.append(Line(line.number, trailing.group(1)))
            _take_amount(fiscal, pending, trailing.group(2), line, findings)
            pending = []
        else:
            pending.append(Line(line.number, text))
    findings.extend(_unplaced(line, "재정투입 계획 표") for line in pending)
    if fiscal.total is None and lines:
        findings.append(
            Finding(
                "warning",
                "budget.total_missing",
                "재정투입 계획 표에 총액이 없습니다",
                lines[0].number,
            )
        )
    return fiscal


def _take_amount(
    fiscal: Fiscal, name_lines: list[Line], printed: str, line: Line, findings: list[Finding]
) -> None:
    """Attach an amount to the name above it, or make it the total when no name is pending."""
    if name_lines:
        name = _join(x.text for x in name_lines)
        fiscal.rows.append(FiscalRow(name, printed, name_lines[0].number, line.number))
    elif fiscal.total is None:
        fiscal.total = FiscalRow("", printed, line.number, line.number)
    else:
        findings.append(
            Finding(
                "warning",
                "budget.unplaced_amount",
                f"재정투입 금액 '{printed}'{particle(printed, '이')} 어느 전략의 것인지 알 수 없습니다",
                line.number,
            )
        )


def _place_budgets(
    fiscal: Fiscal, pillars: list[ParsedStrategy], year: int, findings: list[Finding]
) -> list[ParsedBudget]:
    """Budgets per pillar strategy (matched by name) and the plan total; check the sum."""
    budgets: list[ParsedBudget] = []
    owners = _match_rows(fiscal.rows, pillars, findings)
    amounts = []
    for row, pillar in zip(fiscal.rows, owners, strict=True):
        amount = _amount(row, findings)
        if amount is None:
            continue
        amounts.append(amount)
        if pillar is not None:
            budgets.append(
                ParsedBudget(year, "total", amount, row.printed, row.amount_line, pillar.position)
            )
    for pillar in pillars:
        if pillar not in owners:
            findings.append(
                Finding(
                    "warning",
                    "budget.strategy_missing",
                    f"전략 '{pillar.name}'의 재정투입 금액이 표에 없습니다",
                    pillar.source_line,
                )
            )
    total = _amount(fiscal.total, findings) if fiscal.total else None
    if total is not None:
        budgets.append(ParsedBudget(year, "total", total, fiscal.total.printed, fiscal.total.line))
        if amounts and sum_difference(amounts, total) is not None:
            findings.append(
                Finding(
                    mismatch_severity(sum(amounts) - total),
                    "budget.sum_mismatch",
                    f"전략별 재정투입 금액의 합 {sum(amounts):,}억원이 총액 "
                    f"'{fiscal.total.printed}'억원과 {sum(amounts) - total:+,}억원 다릅니다",
                    fiscal.total.line,
                )
            )
    return budgets


def _amount(row: FiscalRow, findings: list[Finding]) -> Decimal | None:
    """The amount in 억원. A printed "-" is nil, read as 0 with the "-" kept as printed —
    the same rule as the provinces' fiscal tables."""
    parsed = parse_eok(row.printed)
    if parsed.problem:
        findings.append(Finding("warning", "number.format", parsed.problem, row.amount_line))
        return None
    return Decimal(0) if parsed.value is None else parsed.value


def _match_rows(
    rows: list[FiscalRow], pillars: list[ParsedStrategy], findings: list[Finding]
) -> list[ParsedStrategy | None]:
    """Fiscal rows name strategies in their own words: match exactly, else by shared bigrams."""
    owners: list[ParsedStrategy | None] = [
        next((p for p in pillars if _squash(p.name) == _squash(row.name)), None) for row in rows
    ]
    for index, row in enumerate(rows):
        if owners[index] is not None:
            continue
        free = [p for p in pillars if p not in owners]
        best = max(free, key=lambda p: _similarity(row.name, p.name), default=None)
        if best is not None and _similarity(row.name, best.name) >= 0.3:
            owners[index] = best
            findings.append(
                Finding(
                    "info",
                    "budget.name_differs",
                    f"재정투입 표의 전략 '{row.name}'{particle(row.name, '을')} 과제표의 전략 "
                    f"'{best.name}'{particle(best.name, '으로')} 보았습니다(이름이 다름)",
                    row.line,
                )
            )
        else:
            findings.append(
                Finding(
                    "warning",
                    "budget.unmatched_strategy",
                    f"재정투입 표의 전략 '{row.name}'({row.printed}억원){particle(row.name, '이')} "
                    "과제표의 어느 전략인지 알 수 없습니다",
                    row.line,
                )
            )
    return owners


def _similarity(a: str, b: str) -> float:
    """Share of the shorter name's character bigrams found in the other name."""
    grams_a, grams_b = _bigrams(a), _bigrams(b)
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / min(len(grams_a), len(grams_b))


def _bigrams(text: str) -> set[str]:
    squashed = _squash(text)
    return {squashed[i : i + 2] for i in range(len(squashed) - 1)}


# ---------------------------------------------------------------- task table


@dataclass
class Entry:
    """A § item or a detail bullet, with the lines it was wrapped over."""

    line: Line
    text: str
    continuation: list[Line] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return _join([self.text, *(x.text for x in self.continuation)])


class TableReader:
    """Rebuilds the "전략 | 핵심과제 | 중점 추진 계획" table from its flattened lines.

    Plain lines (no § or bullet) are either the wrapped end of the plan text above
    or the strategy and core-task cells of the next row, which the dump prints
    before that row's first § item.
    """

    def __init__(self, lines: list[Line], known: list[str], corpus: str, findings: list[Finding]):
        self.lines = list(_split_glued_items(lines))
        self.known = [_squash(name) for name in known]
        self.corpus = corpus
        self.findings = findings
        self.wrap_width = max(
            (_width(x.text) for x in self.lines if x.stripped.startswith("§")), default=0
        )
        self.pillars: list[ParsedStrategy] = []
        self.incomplete: str | None = None  # known name the last pillar is cut from
        self.tasks: list[ParsedTask] = []
        self.core: ParsedTask | None = None
        self.core_open = False  # the core-task cell's last line ended inside the cell
        self.item: ParsedTask | None = None

    def read(self) -> tuple[list[ParsedStrategy], list[ParsedTask]]:
        index = 0
        while index < len(self.lines):
            if _kind(self.lines[index]) == "plain":
                run = self._plain_run(index)
                self._cells(run)
                index += len(run)
            else:
                index += 1 + len(self._entry(index))
        self._flag_duplicates()
        if self.incomplete is not None:
            pillar = self.pillars[-1]
            self.findings.append(
                Finding(
                    "warning",
                    "table.strategy_cut",
                    f"전략 '{pillar.name}'의 이름이 표에서 끝까지 이어지지 않습니다",
                    pillar.source_line,
                )
            )
        return self.pillars, self.tasks

    def _plain_run(self, start: int) -> list[Line]:
        end = start
        while end < len(self.lines) and _kind(self.lines[end]) == "plain":
            end += 1
        return self.lines[start:end]

    # entries: § items and their bullets

    def _entry(self, index: int) -> list[Line]:
        """Read a § item or bullet at index; return the plain lines it took as its own."""
        line = self.lines[index]
        run = self._plain_run(index + 1)
        followed_by_bullet = (
            index + 1 + len(run) < len(self.lines)
            and _kind(self.lines[index + 1 + len(run)]) == "bullet"
        )
        entry = Entry(line, line.stripped)
        previous = line
        core_tail: list[Line] = []
        for candidate in run:
            if self._ends_core_cell(candidate):
                self._extend_core(candidate)
                core_tail.append(candidate)
                continue
            if not (followed_by_bullet or self._continues(previous, candidate, len(run) == 1)):
                break
            entry.continuation.append(candidate)
            previous = candidate
        if _kind(line) == "item":
            self._item(entry)
        else:
            self._bullet(entry)
        return [*core_tail, *entry.continuation]

    def _ends_core_cell(self, line: Line) -> bool:
        """The rest of a core-task cell the dump printed after the row's first § item: the
        cell's last line was left open, and this narrow line is indented like a cell's
        ("액화수소 저장·운송·충전용 " … "§ …" … " 기기 개발", 전북권)."""
        return (
            self.core is not None
            and self.core_open
            and line.text[:1].isspace()
            and _width(line.text) <= CELL_MAX_WIDTH
        )

    def _extend_core(self, line: Line) -> None:
        assert self.core is not None
        self.core.name = _join([self.core.name, line.text])
        self.core_open = _open_end(line)

    def _continues(self, previous: Line, line: Line, alone: bool) -> bool:
        """Whether a plain line is the wrapped rest of the text above it, not a new cell."""
        if _width(line.text) > CELL_MAX_WIDTH:
            return True
        last, first = previous.stripped.split()[-1], line.stripped.split()[0]
        if first.startswith(VERB_ENDINGS) or last + first in self.corpus:
            return True  # a cell never starts with an ending; a word cut in two, whole elsewhere
        if _kind(previous) == "plain" and _width(previous.text) <= CELL_MAX_WIDTH:
            return False  # a short tail ends its text
        if not _ends_phrase(last):
            return True
        fits = _width(previous.text) + 1 + _width(first) < self.wrap_width - WRAP_SLACK
        return _open_end(previous) and (alone or not fits)

    def _item(self, entry: Entry) -> None:
        name = _join([entry.full_text.lstrip("§")])
        if entry.continuation and _width(entry.line.text) <= CELL_MAX_WIDTH:
            self.findings.append(
                Finding(
                    "warning",
                    "table.item_in_task_column",
                    f"'§ {name}'{particle(name, '은')} 핵심과제 칸 너비로 줄바꿈되어 핵심과제로 읽었습니다",
                    entry.line.number,
                )
            )
            self._new_core(name, entry.line.number)
            return
        if self.core is None:
            self.findings.append(
                Finding(
                    "error",
                    "table.item_without_task",
                    f"추진계획 '§ {name}' 위에 핵심과제가 없습니다",
                    entry.line.number,
                )
            )
            return
        self.item = ParsedTask(
            "item",
            len(self.core.children) + 1,
            name,
            entry.line.number,
            strategy_position=self.core.strategy_position,
        )
        self.core.children.append(self.item)

    def _bullet(self, entry: Entry) -> None:
        if self.item is None:
            self.findings.append(_unplaced(entry.line, "추진계획(§) 없는 세부내용"))
            return
        self.item.description = _join([self.item.description, entry.full_text])

    # cells: strategy and core task

    def _cells(self, run: list[Line]) -> None:
        """Plain lines before a row's first §: the rest of a cut strategy, a strategy, a task."""
        run = self._complete_strategy(run)
        if not run:
            return
        size, cut_from = self._strategy_cell(run)
        if size:
            self._new_pillar(run[:size])
            self.incomplete = cut_from
            run = run[size:]
        self._new_core(_join(x.text for x in run), run[0].number)
        self.core_open = _open_end(run[-1])

    def _complete_strategy(self, run: list[Line]) -> list[Line]:
        """A strategy cell cut by a page break goes on after the repeated header."""
        if self.incomplete is None:
            return run
        pillar = self.pillars[-1]
        taken = 0
        while taken < len(run):
            name = _squash(_join([pillar.name, *(x.text for x in run[: taken + 1])]))
            if not self.incomplete.startswith(name):
                break
            taken += 1
        if taken:
            pillar.name = _join([pillar.name, *(x.text for x in run[:taken])])
            if _squash(pillar.name) == self.incomplete:
                self.incomplete = None
        return run[taken:]

    def _strategy_cell(self, run: list[Line]) -> tuple[int, str | None]:
        """Leading lines that form a strategy cell (0: the run is a core task only).

        A strategy named in ◈ or the fiscal table is recognised by its name, also
        when a page break cut it (then its full name is returned, to complete it
        after the break); other strategies by their layout.
        """
        joined = [_squash(_join(x.text for x in run[:k])) for k in range(1, len(run))]
        for k in range(len(joined), 0, -1):
            if joined[k - 1] in self.known:
                return k, None
        for k in range(len(joined), 1, -1):
            cut_from = next((n for n in self.known if n.startswith(joined[k - 1])), None)
            if cut_from and len(joined[k - 1]) >= 6:
                return k, cut_from
        return _cell_by_layout(run), None

    def _new_pillar(self, lines: list[Line]) -> None:
        self.pillars.append(
            ParsedStrategy(
                "pillar", len(self.pillars) + 1, _join(x.text for x in lines), lines[0].number
            )
        )

    def _new_core(self, name: str, number: int) -> None:
        position = self.pillars[-1].position if self.pillars else None
        if position is None:
            self.findings.append(
                Finding(
                    "error",
                    "table.task_without_strategy",
                    f"핵심과제 '{name}' 위에 전략이 없습니다",
                    number,
                )
            )
        siblings = [t for t in self.tasks if t.strategy_position == position]
        self.core = ParsedTask("core", len(siblings) + 1, name, number, strategy_position=position)
        self.core_open = False
        self.tasks.append(self.core)
        self.item = None

    def _flag_duplicates(self) -> None:
        """The same plan item with the same details under two strategies looks copied."""
        seen: dict[tuple[str, str], ParsedTask] = {}
        for core in self.tasks:
            for item in core.children:
                key = (_squash(item.name), _squash(item.description))
                first = seen.setdefault(key, item)
                if first.strategy_position != item.strategy_position:
                    self.findings.append(
                        Finding(
                            "warning",
                            "table.duplicate_item",
                            f"추진계획 '{item.name}'{particle(item.name, '이')} 줄 {first.source_line}의 다른 전략에도 "
                            "똑같이 있습니다",
                            item.source_line,
                        )
                    )


def _kind(line: Line) -> str:
    text = line.stripped
    if text.startswith("§"):
        return "item"
    return "bullet" if BULLET.match(text) else "plain"


def _split_glued_items(lines: list[Line]) -> Iterable[Line]:
    """A core task and its only item can share a line: "과제명 § 계획"."""
    for line in lines:
        head, mark, tail = line.text.partition(" § ")
        if mark and _kind(line) == "plain":
            yield Line(line.number, head)
            yield Line(line.number, "§ " + tail)
        else:
            yield line


def _ends_phrase(token: str) -> bool:
    """Whether a line's last word can end a plan item (a closing bracket counts as one)."""
    return token.endswith((")", *PHRASE_ENDS))


def _cell_by_layout(run: list[Line]) -> int:
    """A strategy not named elsewhere: the narrow lines up to the first one ending a cell."""
    size = next((i + 1 for i, x in enumerate(run) if not _open_end(x)), len(run))
    if size < 2 or size >= len(run):
        return 0
    widest_strategy = max(_width(x.text) for x in run[:size])
    widest_task = max(_width(x.text) for x in run[size:])
    return size if widest_strategy * 4 <= widest_task * 3 else 0


# ---------------------------------------------------------------- indicators


@dataclass
class IndicatorRow:
    line: Line
    name: str  # the name text printed on the row line, before the unit
    unit: str
    baseline: str
    target: str
    change: str
    above: list[Line]  # plain lines since the previous row


def _read_indicators(
    lines: list[Line], known: list[str], findings: list[Finding]
) -> list[ParsedIndicator]:
    """Rows "name unit 2023 2024 change" grouped under strategy names printed above them."""
    years, body = _indicator_years(lines)
    rows, leftover = _indicator_rows(body)
    findings.extend(_unplaced(line, "주요 성과지표 표") for line in leftover)
    squashed = [_squash(name) for name in known]
    by_name = [_scope_size(row.above, squashed) for row in rows]
    by_layout = not any(by_name)
    scope = subgroup = ""
    indicators = []
    for row, named in zip(rows, by_name, strict=True):
        size = _scope_by_layout(row) if by_layout else named
        if size:
            scope, subgroup = _join(x.text for x in row.above[:size]), ""
        name_lines = row.above[size:]
        if _is_subgroup_cell(name_lines, row):
            subgroup, name_lines = _join(x.text for x in name_lines), []
        elif name_lines:
            subgroup = ""
        indicator = _indicator(row, name_lines, scope, years, findings)
        indicator.subgroup = subgroup
        indicators.append(indicator)
    return indicators


def _is_subgroup_cell(name_lines: list[Line], row: IndicatorRow) -> bool:
    """Lines above a row that prints its own name are a cell of their own, the sub-group
    label (부울경 "인재양성" over 미래기술 and 생산공정), when that cell is closed: a name
    wrapped onto the row leaves its line open ("초광역 산업분야 " / "실무협의체 구성") or goes
    on with a bracket ("사업 이관 수" / "(4개 시도→특자체)")."""
    return bool(
        name_lines and row.name and not row.name.startswith("(") and not _open_end(name_lines[-1])
    )


def _indicator_years(lines: list[Line]) -> tuple[tuple[int, int], list[Line]]:
    """The column heads (possibly one word a line) give the baseline and target years."""
    years: list[int] = []
    body = []
    for line in lines:
        tokens = line.stripped.split()
        if all(t in INDICATOR_HEAD_TOKENS or YEAR_TOKEN.match(t) for t in tokens):
            years += [
                year_checked(int(match.group(1)), line.number, "성과지표 표 머리의", RECORDED_YEARS)
                for match in map(YEAR_TOKEN.match, tokens)
                if match
            ]
        else:
            body.append(line)
    return (years[0], years[1]) if len(years) >= 2 else (2023, 2024), body


def _indicator_rows(lines: list[Line]) -> tuple[list[IndicatorRow], list[Line]]:
    """Value rows with the lines above each (scope and wrapped name); and lines left after."""
    rows: list[IndicatorRow] = []
    above: list[Line] = []
    for line in lines:
        tokens = line.stripped.split()
        if _is_value_row(tokens):
            name = " ".join(tokens[:-4])
            rows.append(IndicatorRow(line, name, *tokens[-4:], above=above))
            above = []
        else:
            above.append(line)
    return rows, above


def _is_value_row(tokens: list[str]) -> bool:
    """A row ends "unit baseline target change", the change a number or "-"."""
    if len(tokens) < 4 or (parse_number(tokens[-1]).value is None and tokens[-1] != "-"):
        return False
    return len(tokens) == 4 or all(parse_number(t).ok for t in tokens[-3:-1])


def _scope_size(above: list[Line], known: list[str]) -> int:
    """Leading lines that spell a strategy name of this part (the scope cell)."""
    for k in range(len(above), 0, -1):
        if _squash(_join(x.text for x in above[:k])) in known:
            return k
    return 0


def _scope_by_layout(row: IndicatorRow) -> int:
    """For a part whose indicator groups are named nowhere else: the first cell of the
    lines above is a scope when a name still follows it (a "(…)" line continues a name)."""
    above = row.above
    if not above:
        return 0
    if any(_open_end(x) for x in above):
        size = next((i + 1 for i, x in enumerate(above) if not _open_end(x)), len(above))
    else:
        size = len(above)
    rest = [x.stripped for x in above[size:]] + [row.name]
    next_text = next((text for text in rest if text), "")
    if not next_text or next_text.startswith("("):
        return 0
    return size


def _indicator(
    row: IndicatorRow,
    name_lines: list[Line],
    scope: str,
    years: tuple[int, int],
    findings: list[Finding],
) -> ParsedIndicator:
    name = _join([*(x.text for x in name_lines), row.name])
    first_line = name_lines[0].number if name_lines else row.line.number
    if not name:
        findings.append(
            Finding(
                "warning",
                "indicator.no_name",
                f"성과지표 값 '{row.line.stripped}'에 지표명이 없습니다",
                row.line.number,
            )
        )
    value_unit, change_unit = indicator_units(row.unit)
    baseline = _value(row.baseline, value_unit, row.line, findings)
    target = _value(row.target, value_unit, row.line, findings)
    change = _value(row.change, change_unit, row.line, findings)
    _check_change(name, row, (baseline, target, change), findings)
    return ParsedIndicator(
        group="key",
        name=name,
        unit=row.unit,
        source_line=first_line,
        scope=scope,
        baseline_year=years[0],
        baseline_text=row.baseline,
        baseline_value=baseline,
        target_year=years[1],
        target_text=row.target,
        target_value=target,
        change_text=row.change,
    )


def _value(text: str, unit: str, line: Line, findings: list[Finding]) -> Decimal | None:
    parsed = parse_number(text, unit)
    if parsed.problem and re.search(r"\d", text):
        findings.append(Finding("warning", "number.format", parsed.problem, line.number))
    return parsed.value


def _check_change(name: str, row: IndicatorRow, values: tuple, findings: list[Finding]) -> None:
    """The printed change should be target − baseline ("-" baseline counts as 0, "-" change 0)."""
    baseline, target, change = values
    if target is None or not _is_number_or_dash(row.baseline) or not _is_number_or_dash(row.change):
        return
    expected = target - (baseline or 0)
    if (change or 0) != expected:
        value_unit, change_unit = indicator_units(row.unit)
        stated = with_unit(expected, change_unit)
        findings.append(
            Finding(
                "error",
                "indicator.change_mismatch",
                f"성과지표 '{name}'의 증감 '{row.change}'{particle(row.change, '이')} "
                f"목표 {with_unit(target, value_unit)} − 실적 {with_unit(baseline or 0, value_unit)} = "
                f"{stated}{particle(stated, '와')} 다릅니다",
                row.line.number,
            )
        )


def _is_number_or_dash(text: str) -> bool:
    return text == "-" or parse_number(text).value is not None
