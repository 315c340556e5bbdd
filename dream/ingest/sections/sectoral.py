"""Part Ⅳ, the ministries' sectoral plan: its overview table and one section per task.

The part opens with a table of 5 strategies, 22 core tasks and 68 practical
tasks (project count, 2024 national budget, ministries) that the PDF dump has
flattened into lines: names wrap, numbers and ministries drift onto the next
lines, the table header repeats at page breaks. Then each strategy, core task
and practical task has its own section; a practical task's section prints its
measurable 2024 targets and, often, its budget again. The table is the record;
the sections give the indicators and are checked against the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dream.core.korean import particle

from ..document import Line, PlanFormatError, Section
from ..numbers import parse_eok, parse_number
from ..records import Finding, ParsedBudget, ParsedIndicator, ParsedPlan, ParsedStrategy, ParsedTask

YEAR = 2024
ROMAN = r"[IVⅠⅡⅢⅣⅤ]+"
_UNICODE_ROMAN = "ⅠⅡⅢⅣⅤ"
_ASCII_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"}
_ROMAN_VALUE = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}

# The overview table.
_TABLE_HEADER = re.compile(
    r"^(【.*】|\d+대\s*전략\s*\d+개\s*핵심과제|\d+개\s*실천과제|과제명\s*사업수|\(개\)"
    r"|.\s*24\s*국비|\(억원\)|부처)$"
)
_TABLE_STRATEGY = re.compile(rf"^({ROMAN})\.\s*(.*)$")
_TABLE_CORE = re.compile(rf"^({ROMAN})-(\d+)\.\s*(.*)$")
_PRACTICAL = re.compile(r"^\((\d+)\)\s*(.*)$")
# "3 - 행안부", "5 2,145", "지원 및 구축 27 54,923 국토부": project count, budget, ministries.
_ROW_NUMBERS = re.compile(r"(?:^|\s)(\d+)\s+(-|(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?)(?:\s+(.*))?$")
_MINISTRY = re.compile(r"^[가-힣]{1,5}[부청처]$")
_AMOUNT = r"(\d[\d,.]*\s*(?:억원|조원))"
_STRATEGY_SUM = re.compile(rf"^합계\s*(\d+)개\s*실천과제\s*(\d+)개\s*{_AMOUNT}$")
_GRAND_TOTAL = re.compile(r"^총계\s*(.*)$")
_TOTAL_SCOPE = re.compile(r"^\(?(\d+)대\s*전략\s*(\d+)개\s*핵심과제\)?$")
_TOTAL_ROW = re.compile(rf"^(\d+)개\s*실천과제\s*(\d+)개\s*{_AMOUNT}$")
_GLUING_END = ("·", "‧", "∙", "･", "ㆍ", "-", "‐")

# The sections after the table.
_BODY_STRATEGY = re.compile(rf"^전략\s*({ROMAN})\s+(.+)$")
_BODY_CORE = re.compile(rf"^({ROMAN})-(\d+)\s+(.+)$")
_BODY_PRACTICAL = re.compile(r"^\((\d+)\)\s*(.+?)\s*\(([^()]+)\)$")
_MINISTRY_SEPARATORS = re.compile(r"[,，·‧ㆍ・\s]+")
_SECTION_SUM = re.compile(r"^합\s*계\s+(-|\d[\d,]*(?:\.\d+)?)\s+(\d+)개\s*사업")
_FOCUS_HEADING = "□ 중점 추진내용"

# Measurable targets: "LABEL : (’23) BASE → (’24) TARGET", "LABEL : (’24년) TARGET", …
_Q = r"['’‘`´]"
_TARGET_LINE = re.compile(r"^(?P<label>[^:：]+?)\s*[:：]\s*(?P<value>\S.*)$")
_TARGET_VALUE = re.compile(
    rf"^(?:(?:\({_Q}(?P<base_year>\d{{2}})년?\)\s*(?P<base>.+?)|(?P<new_base>신규))"
    rf"\s*(?:→|/|,)\s*)?\({_Q}24년?\s*(?P<tag>신규|목표)?\)\s*(?P<target>.+?)$"
)
# "특별자치시·도 법령 제정 : 「강원특별법」… 시행령 제정": a 2024 target printed without a year.
_UNDATED_VALUE = re.compile(rf"^(?!.*\({_Q}\d{{2}})(?P<target>.+?)$")
_NEW_NOTE = re.compile(rf"\s*(?:\({_Q}24년\s*신규\)|\*\s*신규)$")
_NOTE_MARKS = ("*", "※", "-", "ㅇ", "▶", "•", "◈", "□")
_BULLETS = " ‧․·ㆍ"
_LEADING_NUMBER = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(%|[가-힣]+)?")
_TRAILING_NUMBER = re.compile(r"^\D*\s(\d[\d,]*(?:\.\d+)?)\s*(%|[가-힣]+)?(?:\s*이상)?$")
_LABEL_UNIT = re.compile(r"\(([^()]+)\)\s*$")
_NOT_UNITS = {"누적", "누계", "자율", "신규"}
_COUNTED = {"건수": "건"}


def parse_sectoral(section: Section) -> ParsedPlan:
    """Read part Ⅳ; raises PlanFormatError when its overview table or totals are missing."""
    lines = list(section.nonblank())[1:]
    body_start = next(
        (i for i, line in enumerate(lines) if _BODY_STRATEGY.match(line.stripped)), len(lines)
    )
    table = _TableReader(section.start).read(lines[:body_start])
    body = _BodyReader().read(lines[body_start:])
    plan = ParsedPlan(level="sectoral", owner="위원회", goal="", source_line=section.start)
    _fill_from_table(plan, table, body)
    plan.indicators, target_findings = _indicators(table, body)
    plan.findings = table.findings + _check_totals(table) + _check_sections(table, body)
    plan.findings += body.findings + target_findings
    return plan


# ---------------------------------------------------------------- the table


@dataclass
class _Row:
    """A table entry being read: its record plus the name fragments of its wrapped cell."""

    task: ParsedTask
    fragments: list[str]
    has_numbers: bool = False
    key: str = ""  # "Ⅲ-5" for a core task, "Ⅲ-5(1)" for a practical one
    children: list[_Row] = field(default_factory=list)


@dataclass
class _StrategyRow:
    strategy: ParsedStrategy
    fragments: list[str]
    cores: list[_Row] = field(default_factory=list)
    total: ParsedBudget | None = None
    total_practical: int = 0
    total_projects: int = 0


@dataclass
class _Table:
    strategies: list[_StrategyRow] = field(default_factory=list)
    total: ParsedBudget | None = None
    total_strategies: int | None = None
    total_cores: int | None = None
    total_practical: int = 0
    total_projects: int = 0
    findings: list[Finding] = field(default_factory=list)

    def practical_rows(self) -> list[_Row]:
        return [row for s in self.strategies for core in s.cores for row in core.children]


class _TableReader:
    """Reads the flattened table line by line; a line's kind decides what it continues."""

    def __init__(self, heading_line: int):
        self.heading_line = heading_line
        self.table = _Table()
        self.in_total = False

    def read(self, lines: list[Line]) -> _Table:
        for line in lines:
            self._read_line(line, line.stripped)
        self._close_practical()
        last = lines[-1].number if lines else self.heading_line
        if not self.table.strategies or not self.table.practical_rows():
            raise PlanFormatError(
                "부문별 시행계획 표(5대 전략·22개 핵심과제·68개 실천과제)를 찾을 수 없습니다", last
            )
        if self.table.total is None:
            raise PlanFormatError(
                "부문별 시행계획 표의 총계 행('총계 … 68개 실천과제 436개 24.6조원')이 없습니다. "
                "표가 잘렸는지 확인하세요",
                last,
            )
        for strategy in self.table.strategies:
            if strategy.total is None:
                raise PlanFormatError(
                    f"전략 {strategy.strategy.code}의 합계 행('합계 N개 실천과제 N개 N억원')이 "
                    "없습니다",
                    strategy.strategy.source_line,
                )
        return self.table

    def _read_line(self, line: Line, text: str) -> None:
        total = _GRAND_TOTAL.match(text)
        if total:
            self._close_practical()
            self.in_total = True
            if total.group(1):
                self._read_line(line, total.group(1))
        elif self.in_total:
            self._read_total_line(line, text)
        elif _TABLE_HEADER.match(text):
            return
        elif _STRATEGY_SUM.match(text):
            self._read_strategy_sum(line, _STRATEGY_SUM.match(text))
        elif _TABLE_STRATEGY.match(text):
            self._open_strategy(line, _TABLE_STRATEGY.match(text))
        elif _TABLE_CORE.match(text):
            self._open_core(line, _TABLE_CORE.match(text))
        elif _PRACTICAL.match(text):
            self._open_practical(line, _PRACTICAL.match(text))
        else:
            self._continue(line, text)

    # -- opening entries

    def _open_strategy(self, line: Line, match: re.Match[str]) -> None:
        self._close_practical()
        position = _roman_value(match.group(1))
        if position is None:
            self._unparsed(line, "전략 번호를 로마 숫자로 읽을 수 없습니다")
            return
        strategy = ParsedStrategy(
            kind="pillar",
            position=position,
            name="",
            source_line=line.number,
            code=_UNICODE_ROMAN[position - 1],
        )
        self.table.strategies.append(_StrategyRow(strategy, _fragment(match.group(2))))

    def _open_core(self, line: Line, match: re.Match[str]) -> None:
        self._close_practical()
        position = _roman_value(match.group(1))
        strategy = self._strategy()
        if strategy is None or position != strategy.strategy.position:
            self._unparsed(line, "핵심과제 번호가 그 앞 전략의 번호와 맞지 않습니다")
            return
        code = f"{strategy.strategy.code}-{int(match.group(2))}"
        task = ParsedTask(
            kind="core",
            position=int(match.group(2)),
            name="",
            source_line=line.number,
            code=code,
            strategy_position=position,
        )
        strategy.cores.append(_Row(task, _fragment(match.group(3)), key=code))

    def _open_practical(self, line: Line, match: re.Match[str]) -> None:
        self._close_practical()
        core = self._core()
        if core is None:
            self._unparsed(line, "실천과제 행이 핵심과제 행보다 먼저 나옵니다")
            return
        number = int(match.group(1))
        task = ParsedTask(
            kind="practical",
            position=number,
            name="",
            source_line=line.number,
            code=f"({number})",
            strategy_position=core.task.strategy_position,
        )
        core.children.append(_Row(task, [], key=f"{core.key}({number})"))
        self._continue(line, match.group(2))

    # -- continuing the open entry

    def _continue(self, line: Line, text: str) -> None:
        """A line that is not a new entry continues the innermost open one."""
        practical, core, strategy = self._practical(), self._core(), self._strategy()
        if practical is not None:
            self._continue_practical(line, text, practical)
        elif core is not None:
            if _is_ministry_line(text):
                core.task.ministries.extend(text.split())
            elif not core.task.ministries:
                core.fragments.extend(_fragment(text))
            else:
                self._unparsed(line, "핵심과제의 부처 다음에 온 글을 읽을 수 없습니다")
        elif strategy is not None:
            strategy.fragments.extend(_fragment(text))
        elif text:
            self._unparsed(line, "표의 어느 칸인지 알 수 없습니다")

    def _continue_practical(self, line: Line, text: str, row: _Row) -> None:
        if row.has_numbers:
            if _is_ministry_line(text):
                row.task.ministries.extend(text.split())
            else:
                self._unparsed(line, "실천과제의 부처 칸으로 읽을 수 없습니다")
            return
        numbers = _ROW_NUMBERS.search(text)
        if numbers is None:
            row.fragments.extend(_fragment(text))
            return
        row.fragments.extend(_fragment(text[: numbers.start()]))
        row.has_numbers = True
        row.task.project_count = int(numbers.group(1))
        row.task.national_budget_text = numbers.group(2)
        row.task.national_budget_eok = parse_eok(numbers.group(2)).value
        if numbers.group(3):
            self._continue_practical(line, numbers.group(3), row)

    def _close_practical(self) -> None:
        row = self._practical()
        if row is not None and not row.has_numbers:
            self.table.findings.append(
                Finding(
                    "error",
                    "sectoral.table.row_without_numbers",
                    f"실천과제 {row.key} '{' '.join(row.fragments)}' 행에서 사업수와 국비를 찾지 "
                    "못했습니다. 표의 해당 행을 확인하세요",
                    row.task.source_line,
                )
            )
            row.has_numbers = True  # reported once

    # -- totals

    def _read_strategy_sum(self, line: Line, match: re.Match[str]) -> None:
        self._close_practical()
        strategy = self._strategy()
        if strategy is None:
            self._unparsed(line, "합계 행이 전략 행보다 먼저 나옵니다")
            return
        strategy.total_practical, strategy.total_projects = int(match[1]), int(match[2])
        strategy.total = _budget(match[3], line, strategy.strategy.position)

    def _read_total_line(self, line: Line, text: str) -> None:
        scope, row = _TOTAL_SCOPE.match(text), _TOTAL_ROW.match(text)
        if scope:
            self.table.total_strategies, self.table.total_cores = int(scope[1]), int(scope[2])
        elif row:
            self.table.total_practical, self.table.total_projects = int(row[1]), int(row[2])
            self.table.total = _budget(row[3], line, None)
        else:
            self._unparsed(line, "총계 행으로 읽을 수 없습니다")

    # -- helpers

    def _strategy(self) -> _StrategyRow | None:
        return self.table.strategies[-1] if self.table.strategies else None

    def _core(self) -> _Row | None:
        strategy = self._strategy()
        return strategy.cores[-1] if strategy and strategy.cores else None

    def _practical(self) -> _Row | None:
        core = self._core()
        return core.children[-1] if core and core.children else None

    def _unparsed(self, line: Line, why: str) -> None:
        self.table.findings.append(
            Finding(
                "error",
                "sectoral.table.unparsed_line",
                f"부문별 시행계획 표의 줄 '{line.stripped}'{particle(line.stripped, '을')} 읽지 못했습니다: {why}",
                line.number,
            )
        )


def _budget(printed: str, line: Line, strategy_position: int | None) -> ParsedBudget:
    parsed = parse_eok(printed)
    if parsed.value is None:
        raise PlanFormatError(
            f"합계 금액 '{printed}'{particle(printed, '을')} 읽을 수 없습니다: {parsed.problem}",
            line.number,
        )
    return ParsedBudget(
        year=YEAR,
        source="national",
        amount_eok=parsed.value,
        printed=printed.strip(),
        source_line=line.number,
        strategy_position=strategy_position,
    )


def _roman_value(text: str) -> int | None:
    """'IⅤ', 'III', 'Ⅲ' → 4, 3, 3: the document mixes ASCII and Unicode numerals."""
    ascii_text = "".join(_ASCII_ROMAN.get(char, char) for char in text)
    return _ROMAN_VALUE.get(ascii_text)


def _fragment(text: str) -> list[str]:
    """A wrapped cell is kept line by line, to be joined once the section heading is known."""
    text = text.strip()
    return [text] if text else []


def _is_ministry_line(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(_MINISTRY.match(token) for token in tokens)


# ---------------------------------------------------------------- the sections


@dataclass
class _TaskSection:
    """A practical task's own section: its heading, targets zone and printed budget sums."""

    name: str
    ministries: list[str]
    line: int
    target_lines: list[Line] = field(default_factory=list)
    sums: list[tuple[Decimal | None, int, int]] = field(default_factory=list)  # amount, count, line
    in_targets: bool = True


@dataclass
class _Body:
    strategies: dict[int, tuple[str, int]] = field(default_factory=dict)  # position → name, line
    cores: dict[str, tuple[str, int]] = field(default_factory=dict)  # "Ⅲ-5" → name, line
    tasks: dict[str, _TaskSection] = field(default_factory=dict)  # "Ⅲ-5(1)" → section
    findings: list[Finding] = field(default_factory=list)


class _BodyReader:
    """Cuts the part after the table into strategy, core task and practical task sections."""

    def __init__(self) -> None:
        self.body = _Body()
        self.core = ""
        self.task: _TaskSection | None = None

    def read(self, lines: list[Line]) -> _Body:
        for line in lines:
            self._read_line(line, line.stripped)
        return self.body

    def _read_line(self, line: Line, text: str) -> None:
        strategy, core = _BODY_STRATEGY.match(text), _BODY_CORE.match(text)
        practical = _BODY_PRACTICAL.match(text)
        if strategy and _roman_value(strategy[1]):
            self.body.strategies[_roman_value(strategy[1])] = (strategy[2].strip(), line.number)
            self.core, self.task = "", None
        elif core and _roman_value(core[1]):
            self.core = f"{_UNICODE_ROMAN[_roman_value(core[1]) - 1]}-{int(core[2])}"
            self.body.cores[self.core] = (core[3].strip(), line.number)
            self.task = None
        elif practical and self.core and _heading_ministries(practical[3]):
            self._open_task(line, practical)
        elif self.task is not None:
            self._read_task_line(line, text)
        elif self.core and _looks_like_target(text):
            self.body.findings.append(
                Finding(
                    "info",
                    "sectoral.indicator.outside_task",
                    f"핵심과제 {self.core}의 머리말에 있는 목표 '{text}'{particle(text, '는')} 어느 실천과제에도 속하지 "
                    "않아 지표로 읽지 않았습니다(같은 목표가 실천과제 본문에 다시 있는지 확인하세요)",
                    line.number,
                )
            )

    def _open_task(self, line: Line, match: re.Match[str]) -> None:
        key = f"{self.core}({int(match[1])})"
        self.task = _TaskSection(
            name=re.sub(r"\s+", " ", match[2]),
            ministries=_heading_ministries(match[3]),
            line=line.number,
        )
        self.body.tasks[key] = self.task

    def _read_task_line(self, line: Line, text: str) -> None:
        assert self.task is not None
        total = _SECTION_SUM.match(text)
        if total:
            amount = parse_number(total[1]).value
            self.task.sums.append((amount, int(total[2]), line.number))
        elif text.startswith("□") and not text.startswith(_FOCUS_HEADING):
            self.task.in_targets = False
        elif self.task.in_targets:
            self.task.target_lines.append(line)


def _heading_ministries(text: str) -> list[str]:
    """'행안부, 법제처' or '교육부·중기부'; empty when the brackets hold something else."""
    names = [name for name in _MINISTRY_SEPARATORS.split(text) if name]
    return names if names and all(_MINISTRY.match(name) for name in names) else []


def _unbulleted(text: str) -> str:
    return text.lstrip(_BULLETS)


# ---------------------------------------------------------------- records


def _fill_from_table(plan: ParsedPlan, table: _Table, body: _Body) -> None:
    """Names are joined using the matching section heading to tell real spaces from wraps."""
    for strategy in table.strategies:
        hint = body.strategies.get(strategy.strategy.position, ("", 0))[0]
        strategy.strategy.name = _join_wrapped(strategy.fragments, hint)
        plan.strategies.append(strategy.strategy)
        if strategy.total is not None:
            plan.budgets.append(strategy.total)
        for core in strategy.cores:
            core.task.name = _join_wrapped(core.fragments, body.cores.get(core.key, ("", 0))[0])
            plan.tasks.append(core.task)
            for row in core.children:
                task_section = body.tasks.get(row.key)
                row.task.name = _join_wrapped(
                    row.fragments, task_section.name if task_section else ""
                )
                core.task.children.append(row.task)
    if table.total is not None:
        plan.budgets.append(table.total)


def _join_wrapped(fragments: list[str], hint: str) -> str:
    """Join cell lines with a space unless the break fell inside a word.

    A break falls inside a word when the line ends with a joining mark (·, -) or
    when the heading of the same task in its section prints the two pieces glued.
    """
    if not fragments:
        return ""
    name = fragments[0]
    for fragment in fragments[1:]:
        glued = name.split()[-1] + fragment.split()[0]
        name += ("" if name.endswith(_GLUING_END) or glued in hint else " ") + fragment
    return re.sub(r"\s+", " ", name).strip()


def _indicators(table: _Table, body: _Body) -> tuple[list[ParsedIndicator], list[Finding]]:
    """Every practical task's targets, and the target-like lines that could not be split."""
    indicators, findings = [], []
    for row in table.practical_rows():
        task_section = body.tasks.get(row.key)
        for line in task_section.target_lines if task_section else []:
            indicator = _indicator(line, row)
            if indicator is not None:
                indicators.append(indicator)
            elif _looks_like_target(line.stripped):
                findings.append(_unparsed_target(line, row))
    return indicators, findings


def _indicator(line: Line, row: _Row) -> ParsedIndicator | None:
    """One 'LABEL : (’23) BASE → (’24) TARGET' line (or a shorter form) as an indicator."""
    text = _unbulleted(line.stripped)
    if text.startswith(_NOTE_MARKS):
        return None
    target_line = _TARGET_LINE.match(text)
    if target_line is None:
        return None
    value = _TARGET_VALUE.match(target_line["value"]) or _UNDATED_VALUE.match(target_line["value"])
    if value is None:
        return None
    parts = value.groupdict()
    target_text, note = _without_new_note(parts["target"])
    base_text = (parts.get("base") or "").strip()
    new = (
        bool(note)
        or bool(parts.get("new_base"))
        or parts.get("tag") == "신규"
        or base_text == "신규"
    )
    base_text = base_text or ("신규" if new else "")
    target_value, target_unit = _number_of(target_text)
    label = re.sub(r"\s+", " ", target_line["label"]).strip()
    return ParsedIndicator(
        group="key",
        name=label,
        unit=_unit(label, target_unit),
        source_line=line.number,
        scope=row.task.name,
        task_code=row.key,
        baseline_year=2000 + int(parts["base_year"]) if parts.get("base_year") else None,
        baseline_text=base_text,
        baseline_value=_number_of(base_text)[0] if parts.get("base") else None,
        target_year=YEAR,
        target_text=target_text,
        target_value=target_value,
        target_note=note,
        is_new=new,
    )


def _without_new_note(target: str) -> tuple[str, str]:
    """'5 (‘24년 신규)' and '10  * 신규' print the target and say it is new: the target, and
    the note as printed ("" when there is none)."""
    note = _NEW_NOTE.search(target)
    if note is None:
        return target.strip(), ""
    return target[: note.start()].strip(), note.group().strip()


def _number_of(text: str) -> tuple[Decimal | None, str]:
    """The value of '20%', '2회(상·하반기 각 1회)', '평균점수 65점 이상'; None for prose."""
    match = _LEADING_NUMBER.match(text) or _TRAILING_NUMBER.match(text)
    if match is None:
        return None, ""
    return parse_number(match[1]).value, match[2] or ""


def _unit(label: str, target_unit: str) -> str:
    """The unit printed after the label, '(개소, 누계)' → '개소', else the target's own."""
    match = _LABEL_UNIT.search(label)
    if match:
        unit = re.split(r"[,/]", match[1])[0].strip()
        if unit in _COUNTED:
            return _COUNTED[unit]
        if unit == "%" or (
            re.fullmatch(r"[가-힣]{1,4}", unit)
            and unit not in _NOT_UNITS
            and not unit.endswith("수")
        ):
            return unit
    return target_unit


def _looks_like_target(text: str) -> bool:
    text = _unbulleted(text)
    return not text.startswith(_NOTE_MARKS) and bool(re.search(rf"[:：]\s*\({_Q}2\d", text))


def _unparsed_target(line: Line, row: _Row) -> Finding:
    return Finding(
        "warning",
        "sectoral.indicator.unparsed",
        f"실천과제 {row.key}의 목표 줄 '{line.stripped}'{particle(line.stripped, '을')} 기준값·목표값으로 나누지 못해 "
        "지표로 읽지 않았습니다. 표기 형식을 확인하세요",
        line.number,
    )


# ---------------------------------------------------------------- checks


def _check_totals(table: _Table) -> list[Finding]:
    """Each strategy's rows against its 합계 row, and everything against the 총계 row."""
    findings = [f for s in table.strategies for f in _check_strategy_sum(s)]
    rows = table.practical_rows()
    total = table.total
    assert total is not None
    line = total.source_line
    counts = [
        ("strategy_count", "전략 수", len(table.strategies), table.total_strategies),
        (
            "core_count",
            "핵심과제 수",
            sum(len(s.cores) for s in table.strategies),
            table.total_cores,
        ),
        ("practical_count", "실천과제 수", len(rows), table.total_practical),
        (
            "project_count",
            "사업 수",
            sum(r.task.project_count or 0 for r in rows),
            table.total_projects,
        ),
    ]
    for code, what, counted, printed in counts:
        if printed is not None and counted != printed:
            findings.append(
                Finding(
                    "error",
                    f"sectoral.total.{code}_mismatch",
                    f"총계 행의 {what}는 {printed}개인데 표의 행을 세면 {counted}개입니다",
                    line,
                )
            )
    findings.extend(_check_total_budget(table, line))
    return findings


def _check_strategy_sum(strategy: _StrategyRow) -> list[Finding]:
    rows = [row for core in strategy.cores for row in core.children]
    total = strategy.total
    assert total is not None
    code = strategy.strategy.code
    checks = [
        ("practical_count", "실천과제 수", len(rows), strategy.total_practical, "개"),
        (
            "project_count",
            "사업 수",
            sum(r.task.project_count or 0 for r in rows),
            strategy.total_projects,
            "개",
        ),
        (
            "budget",
            "국비",
            sum(r.task.national_budget_eok or 0 for r in rows),
            total.amount_eok,
            "억원",
        ),
    ]
    return [
        Finding(
            "error",
            f"sectoral.strategy.{key}_mismatch",
            f"전략 {code} 합계 행의 {what}는 {printed:,}{unit}인데 실천과제 행을 더하면 "
            f"{counted:,}{unit}입니다",
            total.source_line,
        )
        for key, what, counted, printed, unit in checks
        if counted != printed
    ]


def _check_total_budget(table: _Table, line: int) -> list[Finding]:
    """'24.6조원' is the exact sum rounded to 0.1조: a rounding note, not an error."""
    total = table.total
    assert total is not None
    exact = sum(s.total.amount_eok for s in table.strategies if s.total)
    rows = sum(r.task.national_budget_eok or 0 for r in table.practical_rows())
    findings = []
    if rows != exact:
        findings.append(
            Finding(
                "error",
                "sectoral.total.strategy_sums_mismatch",
                f"전략별 합계 행을 더하면 {exact:,}억원인데 실천과제 행을 더하면 {rows:,}억원입니다",
                line,
            )
        )
    if exact == total.amount_eok:
        return findings
    if abs(exact - total.amount_eok) * 2 <= _printed_precision(total.printed):
        findings.append(
            Finding(
                "info",
                "sectoral.total.budget_rounded",
                f"총계 국비 '{total.printed}'({total.amount_eok:,}억원){particle(total.printed, '는')} 전략별 합계의 합 "
                f"{exact:,}억원을 반올림한 값입니다. 정확한 값은 {exact:,}억원입니다",
                line,
            )
        )
    else:
        findings.append(
            Finding(
                "error",
                "sectoral.total.budget_mismatch",
                f"총계 국비 '{total.printed}'({total.amount_eok:,}억원){particle(total.printed, '가')} 전략별 합계의 합 "
                f"{exact:,}억원과 다릅니다",
                line,
            )
        )
    return findings


def _printed_precision(printed: str) -> int:
    """억원 that the last printed digit stands for: '24.6조원' → 1,000."""
    unit = 10_000 if printed.endswith("조원") else 1
    number = re.sub(r"[^\d.]", "", printed)
    decimals = len(number.split(".")[1]) if "." in number else 0
    return max(1, unit // 10**decimals)


def _check_sections(table: _Table, body: _Body) -> list[Finding]:
    """Section headings and printed sums against the table; sections and rows without a pair."""
    findings = []
    for strategy in table.strategies:
        heading = body.strategies.get(strategy.strategy.position)
        if heading and _squeezed(heading[0]) != _squeezed(strategy.strategy.name):
            findings.append(
                _name_finding(
                    "strategy", f"전략 {strategy.strategy.code}", strategy.strategy.name, *heading
                )
            )
        for core in strategy.cores:
            heading = body.cores.get(core.key)
            if heading is None:
                findings.append(_missing_section("core", core))
            elif _squeezed(heading[0]) != _squeezed(core.task.name):
                findings.append(
                    _name_finding("core", f"핵심과제 {core.key}", core.task.name, *heading)
                )
            for row in core.children:
                findings.extend(_check_task_section(row, body.tasks.get(row.key)))
    findings.extend(_sections_without_row(table, body))
    return findings


def _sections_without_row(table: _Table, body: _Body) -> list[Finding]:
    core_keys = {core.key for s in table.strategies for core in s.cores}
    practical_keys = {row.key for row in table.practical_rows()}
    headings = [
        ("핵심과제", key, *heading) for key, heading in body.cores.items() if key not in core_keys
    ]
    headings += [
        ("실천과제", key, task_section.name, task_section.line)
        for key, task_section in body.tasks.items()
        if key not in practical_keys
    ]
    return [
        Finding(
            "error",
            "sectoral.section.without_row",
            f"{what} {key} '{name}' 본문이 있지만 표에 그 {what} 행이 없습니다",
            line,
        )
        for what, key, name, line in headings
    ]


def _check_task_section(row: _Row, task_section: _TaskSection | None) -> list[Finding]:
    if task_section is None:
        return [_missing_section("practical", row)]
    findings = []
    if _squeezed(task_section.name) != _squeezed(row.task.name):
        findings.append(
            _name_finding(
                "practical",
                f"실천과제 {row.key}",
                row.task.name,
                task_section.name,
                task_section.line,
            )
        )
    if set(task_section.ministries) != set(row.task.ministries):
        findings.append(
            Finding(
                "warning",
                "sectoral.section.ministry_mismatch",
                f"실천과제 {row.key} 본문 제목의 부처({', '.join(task_section.ministries)})가 표의 "
                f"부처({', '.join(row.task.ministries)})와 다릅니다",
                task_section.line,
            )
        )
    findings.extend(_check_section_sums(row, task_section))
    if not any(_indicator(line, row) for line in task_section.target_lines):
        findings.append(
            Finding(
                "info",
                "sectoral.section.no_targets",
                f"실천과제 {row.key} '{row.task.name}' 본문에 수치로 적힌 ’24년 목표가 없습니다",
                task_section.line,
            )
        )
    return findings


def _check_section_sums(row: _Row, task_section: _TaskSection) -> list[Finding]:
    """The section's '합 계' rows against the table; 105.69 printed for 106 is fine."""
    if not task_section.sums:
        return []
    line = task_section.sums[-1][2]
    count = sum(entry[1] for entry in task_section.sums)
    amounts = [entry[0] for entry in task_section.sums if entry[0] is not None]
    amount = sum(amounts, Decimal(0))
    findings = []
    if count != row.task.project_count:
        findings.append(
            Finding(
                "warning",
                "sectoral.section.project_count_mismatch",
                f"실천과제 {row.key} 본문의 합계는 {count}개 사업인데 표에는 "
                f"{row.task.project_count}개로 적혀 있습니다",
                line,
            )
        )
    table_amount = row.task.national_budget_eok or Decimal(0)
    printed_unit = Decimal(1).scaleb(min(table_amount.as_tuple().exponent, 0))  # 1, 0.1 …
    if amount.quantize(printed_unit, ROUND_HALF_UP) != table_amount:
        findings.append(
            Finding(
                "error",
                "sectoral.section.budget_mismatch",
                f"실천과제 {row.key} 본문의 국비 합계는 {amount:,}억원인데 표에는 "
                f"'{row.task.national_budget_text}'억원으로 적혀 있습니다. 어느 쪽이 맞는지 "
                "확인하세요",
                line,
            )
        )
    return findings


def _name_finding(kind: str, what: str, table_name: str, heading: str, line: int) -> Finding:
    return Finding(
        "warning",
        f"sectoral.section.{kind}_name_mismatch",
        f"{what}의 본문 제목 '{heading}'{particle(heading, '이')} 표의 이름 '{table_name}'{particle(table_name, '과')} 다릅니다. "
        "표의 이름으로 읽었습니다",
        line,
    )


def _missing_section(kind: str, row: _Row) -> Finding:
    what = "핵심과제" if kind == "core" else "실천과제"
    return Finding(
        "error",
        f"sectoral.section.missing_{kind}",
        f"표의 {what} {row.key} '{row.task.name}'에 해당하는 본문 제목을 찾지 못했습니다",
        row.task.source_line,
    )


def _squeezed(name: str) -> str:
    """Names compared without spaces and joining marks, which the layout varies freely."""
    return re.sub(r"[\s·‧∙･ㆍ・\-‐–]", "", name)
