"""Part Ⅲ, the 17 provinces' plans: one ParsedPlan per 시‧도.

The part opens with a summary table (goal and ◈ strategies of every province),
then each province prints its own part: a heading with its goal, "I. 2024년
추진전략" (◈ lines), "II. 핵심과제별 중점 추진계획" (a table strategy → core task
→ § detailed tasks that the PDF dump flattened into lines), "III. 재정투입 및
성과관리계획" (one line of six amounts, then the indicator table).

The flattened task table is the hard part. Its three columns come out as runs
of short "label" lines (strategy words, core task words) between "§" lines,
and a long detailed task wraps into the same runs. The national plan's 22 core
task names tell where a core task starts; the five national strategy endings
(…지방분권, …교육개혁, …) and the shortness of strategy-column lines tell a
strategy block apart; brackets, trailing commas and long lines tell a wrapped
detailed task. Core task positions count within their strategy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from dream.accounts import registry
from dream.core.korean import particle

from ..document import RECORDED_YEARS, Line, PlanFormatError, Section, year_checked
from ..numbers import (
    CHANGE_NIL_MARKS,
    amount_text,
    change_difference,
    indicator_units,
    mismatch_severity,
    parse_eok,
    parse_number,
    sum_difference,
    with_unit,
)
from ..records import (
    Finding,
    ParsedBudget,
    ParsedIndicator,
    ParsedPlan,
    ParsedStrategy,
    ParsedTask,
)

YEAR = 2024
PROVINCES = [(short, full) for short, full, _capital in registry.PROVINCES]
# The national plan's five strategies (code, name) and 22 core tasks (code, name).
NATIONAL_STRATEGIES = [
    ("Ⅰ", "자율성 키우는 과감한 지방분권"),
    ("Ⅱ", "인재를 기르는 담대한 교육개혁"),
    ("Ⅲ", "일자리 늘리는 창조적 혁신성장"),
    ("Ⅳ", "개성을 살리는 주도적 특화발전"),
    ("Ⅴ", "삶의 질 높이는 맞춤형 생활복지"),
]
NATIONAL_CORE_TASKS = [
    ("Ⅰ", "자율적 자치기반 마련"),
    ("Ⅰ", "지방재정 경쟁력 강화"),
    ("Ⅰ", "지방의 자치역량 제고"),
    ("Ⅰ", "지역 맞춤형 자치모델 개발"),
    ("Ⅰ", "지방의 책임성 확보"),
    ("Ⅱ", "지역 어디서나 수준 높은 교육 기회 제공"),
    ("Ⅱ", "대학과 지역의 동반성장 지원"),
    ("Ⅱ", "지방자치-교육자치 연계·협력 강화"),
    ("Ⅲ", "기회발전특구와 혁신성장거점 육성으로 성장동력 확충"),
    ("Ⅲ", "지역의 효율적 성장을 지원하는 공간조성"),
    ("Ⅲ", "지역특화형 산업 육성 및 일자리 창출 촉진"),
    ("Ⅲ", "글로벌 선도형 지역과학기술 진흥"),
    ("Ⅲ", "지역 디지털 혁신을 통한 균형발전 실현"),
    ("Ⅲ", "지역 맞춤형 창업 및 혁신생태계 조성"),
    ("Ⅳ", "지역의 자생적 창조역량 강화"),
    ("Ⅳ", "지역 고유자원을 활용한 문화‧관광 육성"),
    ("Ⅳ", "지역 특성화 발전에 기여하는 핵심 인프라 확충"),
    ("Ⅳ", "지역주도의 경쟁력 있는 농산어촌 조성"),
    ("Ⅴ", "지방소멸 위기대응 지원"),
    ("Ⅴ", "실질적 균형발전을 위한 지역 생활여건 개선"),
    ("Ⅴ", "삶의 질 높이는 지역 의료·보건·복지 확충"),
    ("Ⅴ", "지역 환경·생태자원의 보전 및 활용"),
]
# A strategy printed by a province ends in its national strategy's last word.
STRATEGY_ENDINGS = {
    "지방분권": "Ⅰ",
    "교육개혁": "Ⅱ",
    "혁신성장": "Ⅲ",
    "특화발전": "Ⅳ",
    "생활복지": "Ⅴ",
}

_PART_I = re.compile(r"^I\.\s*\d{4}년\s*추진전략")
_PART_II = re.compile(r"^II\.\s*핵심과제")
_PART_III = re.compile(r"^III\.\s*재정투입")
_TABLE_HEADER = re.compile(r"핵심과제\s*세부과제명$")
_PAGE_MARK = re.compile(r"^-\s*\d+\s*-$")
_BUDGET_HEADING = re.compile(r"^□\s*\d{4}년\s*재정투입")
_INDICATOR_HEADING = re.compile(r"^□\s*대표\s*성과지표")
_MANAGEMENT_HEADING = re.compile(r"^□\s*성과관리계획")
_INDICATOR_COLUMNS = re.compile(r"^지\s*표\s+단\s*위\s+(\d{4})\s*실적\s+(\d{4})\s*목표")
_GROUPS = {"공통지표": "common", "자율지표": "autonomous"}
_YEAR_NOTE = re.compile(r"^(?P<value>.+?)\(\s*[`'’‘](?P<year>\d{2})\s*\)$")
_NEGATIVE_MARKS = CHANGE_NIL_MARKS
_STRAY_MARK = re.compile(r"^I(?=[가-힣])")
_NOT_NAME = re.compile(r"[^0-9A-Za-z가-힣]")
_OPENERS = {"(": ")", "‘": "’", "「": "」", "“": "”", "[": "]"}
_CONNECTOR_ENDS = (",", "및", "·", "‧", "･", ":", "~", "ˑ")
# A line of the core-task column never has more letters than this; one of the strategy column
# has at most STRATEGY_LINE_MAX. Longer label lines belong to a wrapped detailed task.
CORE_LINE_MAX = 13
STRATEGY_LINE_MAX = 8
ANCHOR_MIN = 6


def parse_provinces(section: Section) -> list[ParsedPlan]:
    """Read part Ⅲ: one plan per province in document order, the summary table checked against
    each province's own part. Raises PlanFormatError when a part is missing or unreadable."""
    lines = list(section.nonblank())[1:]
    starts = _find_headings(lines)
    summary = _read_summary(lines[: starts[0]])
    plans = []
    for index, (owner, full_name) in enumerate(PROVINCES):
        end = starts[index + 1] if index + 1 < len(PROVINCES) else len(lines)
        plan = _read_province(owner, full_name, lines[starts[index] : end])
        if owner in summary:
            _compare_with_summary(plan, summary[owner])
        else:
            plan.findings.append(
                Finding(
                    "warning",
                    "summary.missing",
                    f"시‧도 요약표(【추진 목표 및 전략】)에 {owner}{particle(owner, '이')} 없습니다",
                    plan.source_line,
                )
            )
        plans.append(plan)
    return plans


# Finding the parts.


def _find_headings(lines: list[Line]) -> list[int]:
    """Index of each province's heading, in order: full name, then "I. 2024년 추진전략" soon after
    (the budget table of 강원 also starts a line with its full name)."""
    starts: list[int] = []
    cursor = 0
    for owner, full_name in PROVINCES:
        found = next(
            (
                i
                for i in range(cursor, len(lines))
                if lines[i].stripped.startswith(full_name)
                and any(_PART_I.match(line.stripped) for line in lines[i + 1 : i + 5])
            ),
            None,
        )
        if found is None:
            where = lines[min(cursor, len(lines) - 1)].number if lines else None
            raise PlanFormatError(
                f"Ⅲ부에서 {full_name}({owner})의 시행계획을 찾을 수 없습니다: "
                f"'{full_name} <목표>' 제목과 'I. 2024년 추진전략'이 있어야 합니다",
                where,
            )
        starts.append(found)
        cursor = found + 1
    return starts


def _index(lines: list[Line], pattern: re.Pattern[str], start: int, what: str, owner: str) -> int:
    for i in range(start, len(lines)):
        if pattern.search(lines[i].stripped):
            return i
    raise PlanFormatError(
        f"{owner} 시행계획에서 '{what}'{particle(what, '을')} 찾을 수 없습니다. 파일이 잘렸거나 형식이 다릅니다",
        lines[start].number if start < len(lines) else lines[-1].number,
    )


# The summary table.


@dataclass
class _Summary:
    goal: str = ""
    goal_line: int = 0
    strategies: list[tuple[str, int]] = field(default_factory=list)


def _read_summary(lines: list[Line]) -> dict[str, _Summary]:
    """Goal and ◈ strategies per short name, from the table that opens the part."""
    owners = {owner for owner, _ in PROVINCES}
    summary: dict[str, _Summary] = {}
    current: _Summary | None = None
    for line in lines:
        text = line.stripped
        if text in owners:
            current = summary.setdefault(text, _Summary())
        elif current is None:
            continue
        elif text.startswith("목표"):
            current.goal, current.goal_line = _collapse(text[len("목표") :]), line.number
        elif text.startswith("◈"):
            current.strategies.append((_collapse(text[1:]), line.number))
    return summary


def _compare_with_summary(plan: ParsedPlan, summary: _Summary) -> None:
    """The summary table should repeat the province's own goal and ◈ strategies."""
    if _key(summary.goal) != _key(plan.goal):
        plan.findings.append(
            Finding(
                "warning",
                "summary.goal_differs",
                f"요약표의 {plan.owner} 목표 '{summary.goal}'{particle(summary.goal, '이')} "
                f"본문 목표 '{plan.goal}'{particle(plan.goal, '와')} 다릅니다",
                summary.goal_line,
            )
        )
    focus = [s for s in plan.strategies if s.kind == "focus"]
    own = {_key(s.name) for s in focus}
    for name, number in summary.strategies:
        if _key(name) not in own:
            plan.findings.append(
                Finding(
                    "warning",
                    "summary.strategy_differs",
                    f"요약표의 {plan.owner} 전략 '◈ {name}'{particle(name, '이')} "
                    "본문 'I. 2024년 추진전략'에 없습니다",
                    number,
                )
            )
    if len(summary.strategies) != len(focus):
        plan.findings.append(
            Finding(
                "warning",
                "summary.strategy_count",
                f"요약표에는 {plan.owner} 전략(◈)이 {len(summary.strategies)}개, "
                f"본문 'I. 2024년 추진전략'에는 {len(focus)}개입니다",
                summary.strategies[0][1] if summary.strategies else summary.goal_line,
            )
        )


# One province.


def _read_province(owner: str, full_name: str, lines: list[Line]) -> ParsedPlan:
    part_i = _index(lines, _PART_I, 1, "I. 2024년 추진전략", owner)
    part_ii = _index(lines, _PART_II, part_i, "II. 핵심과제별 중점 추진계획", owner)
    part_iii = _index(lines, _PART_III, part_ii, "III. 재정투입 및 성과관리계획", owner)
    table = _index(lines, _TABLE_HEADER, part_ii, "전략 핵심과제 세부과제명", owner)
    plan = ParsedPlan(
        level="province",
        owner=owner,
        goal=_read_goal(full_name, lines[:part_i]),
        source_line=lines[0].number,
    )
    _read_focus(plan, lines[part_i + 1 : part_ii])
    _TaskTable(plan).read(lines[table + 1 : part_iii])
    budget = _index(lines, _BUDGET_HEADING, part_iii, "□ 2024년 재정투입", owner)
    indicators = _index(lines, _INDICATOR_HEADING, budget, "□ 대표 성과지표", owner)
    _read_budget(plan, lines[budget:indicators])
    management = next(
        (i for i in range(indicators, len(lines)) if _MANAGEMENT_HEADING.match(lines[i].stripped)),
        len(lines),
    )
    _read_indicators(plan, lines[indicators + 1 : management])
    return plan


def _read_goal(full_name: str, heading: list[Line]) -> str:
    """The rest of the heading line; 경북 prints it letter-spaced on the next lines instead."""
    rest = heading[0].stripped[len(full_name) :].strip()
    if rest:
        return _collapse(rest)
    return " ".join(_unspace(line.stripped) for line in heading[1:])


def _unspace(text: str) -> str:
    """'지 방 정 부  중 심 의' → '지방정부 중심의': letters one space apart, words two."""
    words = re.split(r"\s{2,}", text.strip())
    if all(len(token) <= 2 for word in words for token in word.split()):
        return " ".join(word.replace(" ", "") for word in words)
    return _collapse(text)


def _read_focus(plan: ParsedPlan, lines: list[Line]) -> None:
    """◈ lines; a line without ◈ continues the one before."""
    focus: list[ParsedStrategy] = []
    for line in lines:
        if line.stripped.startswith("◈"):
            name = _collapse(line.stripped[1:])
            focus.append(ParsedStrategy("focus", len(focus) + 1, name, line.number))
        elif focus:
            focus[-1].name = _collapse(f"{focus[-1].name} {line.stripped}")
        else:
            plan.findings.append(
                Finding(
                    "error",
                    "strategy.unparsed",
                    f"{plan.owner} 'I. 2024년 추진전략'의 ◈ 앞 줄 '{line.stripped}'{particle(line.stripped, '을')} "
                    "읽지 못했습니다",
                    line.number,
                )
            )
    plan.strategies.extend(focus)


# The task table.


@dataclass
class _Label:
    number: int
    text: str


class _TaskTable:
    """Rebuilds strategy → core task → detailed task from the flattened table lines."""

    def __init__(self, plan: ParsedPlan):
        self.plan = plan
        self.pillar: ParsedStrategy | None = None
        self.pillar_code = ""  # national strategy of the pillar being read, once known
        self.core: ParsedTask | None = None
        self.detail: ParsedTask | None = None
        self.pillar_cores: dict[int, list[ParsedTask]] = {}

    def read(self, lines: list[Line]) -> None:
        run: list[_Label] = []
        after_header = False
        for line in lines:
            text = line.stripped
            if _PAGE_MARK.match(text) or _TABLE_HEADER.search(text):
                self._take_run(run, after_header)
                run, after_header = [], True
                continue
            label, _, detail = text.partition("§")
            if label.strip():
                run.append(_Label(line.number, _collapse(label)))
            if "§" in text:
                self._take_run(run, after_header)
                run, after_header = [], False
                self._add_detail(_collapse(detail), line.number)
        self._take_run(run, after_header)
        self._finish()

    # Runs of label lines.

    def _take_run(self, run: list[_Label], after_header: bool) -> None:
        if not run:
            return
        rest = self._continue_detail(run, after_header)
        while rest and self._completes_core(rest[0].text):
            self._extend_core(rest.pop(0))
        if after_header and not self._opens_pillar(rest):
            rest = self._carry_over(rest)
        if not rest:
            return
        ending = _first_ending(rest)
        after = 0 if ending is None else ending + 1
        anchor = next((i for i in range(after, len(rest)) if _is_anchor(rest, i)), None)
        if anchor is not None:
            lead, cores = rest[:anchor], rest[anchor:]
            new_pillar = ending is not None or (
                bool(lead) and _core_code(cores[0].text) != self.pillar_code
            )
        elif ending is not None:
            lead, cores, new_pillar = rest[: ending + 1], rest[ending + 1 :], True
        else:
            lead, cores, new_pillar = [], rest, False
        if new_pillar:
            while lead and _letters(lead[0].text) > STRATEGY_LINE_MAX and self.detail:
                self._extend_detail(lead.pop(0))
            self._open_pillar(lead)
        else:
            for label in lead:
                self._extend_detail(label)
        self._add_cores(cores)

    def _continue_detail(self, run: list[_Label], after_header: bool) -> list[_Label]:
        """Leading lines that go on with the last detailed task: an open bracket or a trailing
        comma before them, or a line too long for the other columns, or a lone short line."""
        index = 0
        while self.detail is not None and index < len(run):
            text = run[index].text
            if _open_bracket(self.detail.name) or text[0] in ")]’」”(":
                pass
            elif _is_anchor(run, index) or _first_ending([run[index]]) is not None:
                break
            elif self._completes_core(text):
                break
            elif not (
                self.detail.name.endswith(_CONNECTOR_ENDS)
                or _letters(text) > CORE_LINE_MAX
                or (index == len(run) - 1 and not after_header)
            ):
                break
            self._extend_detail(run[index])
            index += 1
        return run[index:]

    def _opens_pillar(self, labels: list[_Label]) -> bool:
        """After a page break, lines open a new strategy only before a core task of another one."""
        return any(
            _is_anchor(labels, i) and _core_code(label.text) not in ("", self.pillar_code)
            for i, label in enumerate(labels)
        )

    def _carry_over(self, labels: list[_Label]) -> list[_Label]:
        """A cell cut by a page break goes on after the repeated header: lines that complete
        the current core task join it, the others before the next core task join the strategy."""
        index = 0
        while index < len(labels) and not (
            _is_anchor(labels, index) and not self._completes_core(labels[index].text)
        ):
            label = labels[index]
            if self._completes_core(label.text):
                self._extend_core(label)
            elif self.pillar is not None:
                self.pillar.name = f"{self.pillar.name} {label.text}"
            else:
                self._unplaced(label, "전략")
            index += 1
        return labels[index:]

    def _extend_core(self, label: _Label) -> None:
        assert self.core is not None
        self.core.name = f"{self.core.name} {label.text}"

    def _completes_core(self, text: str) -> bool:
        """The current core task is a national name cut short and this line goes on with it."""
        if self.core is None:
            return False
        name = _key(self.core.name)
        if any(_key(national) == name for _, national in NATIONAL_CORE_TASKS):
            return False
        return _is_prefix(name + _key(_STRAY_MARK.sub("", text)))

    # Building the tree.

    def _open_pillar(self, lead: list[_Label]) -> None:
        if not lead:
            self.plan.findings.append(
                Finding(
                    "warning",
                    "strategy.unnamed",
                    f"{self.plan.owner} 과제표에서 전략 이름 없이 다른 전략의 핵심과제가 "
                    "시작됩니다",
                    self.detail.source_line if self.detail else self.plan.source_line,
                )
            )
        name = " ".join(label.text for label in lead)
        position = len([s for s in self.plan.strategies if s.kind == "pillar"]) + 1
        source = lead[0].number if lead else self.plan.source_line
        self.pillar = ParsedStrategy("pillar", position, name, source)
        self.plan.strategies.append(self.pillar)
        self.pillar_code = _ending_code(name)
        self.pillar_cores[position] = []
        self.core = self.detail = None

    def _add_cores(self, labels: list[_Label]) -> None:
        """Consecutive lines make one core task while they spell a national name's beginning;
        another national name's first line starts the next one."""
        for index, label in enumerate(labels):
            text = label.text
            if self._stray_mark(label):
                text = _STRAY_MARK.sub("", text)
            joined = f"{self.core.name} {text}" if self.core is not None else ""
            if (
                self.core is not None
                and self.detail is None
                and (_is_prefix(_key(joined)) or not _is_anchor(labels, index))
            ):
                self.core.name = joined
                continue
            self._open_core(text, label.number)

    def _open_core(self, name: str, number: int) -> None:
        if self.pillar is None:
            self._open_pillar([])
        assert self.pillar is not None
        siblings = self.pillar_cores[self.pillar.position]
        self.core = ParsedTask(
            "core", len(siblings) + 1, name, number, strategy_position=self.pillar.position
        )
        siblings.append(self.core)
        self.plan.tasks.append(self.core)
        self.detail = None
        if not self.pillar_code:
            self.pillar_code = _core_code(name)

    def _add_detail(self, name: str, number: int) -> None:
        if self.core is None:
            self._unplaced(_Label(number, f"§ {name}"), "핵심과제")
            return
        self.detail = ParsedTask("detailed", len(self.core.children) + 1, name, number)
        self.core.children.append(self.detail)

    def _extend_detail(self, label: _Label) -> None:
        if self.detail is None:
            self._unplaced(label, "세부과제")
            return
        self.detail.name = f"{self.detail.name} {label.text}"

    def _stray_mark(self, label: _Label) -> bool:
        if not _STRAY_MARK.match(label.text):
            return False
        self.plan.findings.append(
            Finding(
                "info",
                "task.stray_mark",
                f"핵심과제 '{label.text}' 앞의 'I'는 PDF 변환 잔여물로 보고 뺐습니다",
                label.number,
            )
        )
        return True

    def _unplaced(self, label: _Label, wanted: str) -> None:
        self.plan.findings.append(
            Finding(
                "error",
                "task.unplaced_line",
                f"{self.plan.owner} 과제표의 '{label.text}'{particle(label.text, '을')} 붙일 {wanted}{particle(wanted, '을')} "
                "찾지 못했습니다",
                label.number,
            )
        )

    def _finish(self) -> None:
        """Codes Ⅰ…Ⅴ from the core tasks' national strategy (else the name's ending), and the
        checks a person should see: missing strategies, core tasks without detailed tasks."""
        pillars = [s for s in self.plan.strategies if s.kind == "pillar"]
        for pillar in pillars:
            pillar.name = _collapse(pillar.name)
            cores = self.pillar_cores[pillar.position]
            votes = [_core_code(core.name) for core in cores if _core_code(core.name)]
            pillar.code = max(set(votes), key=votes.count) if votes else _ending_code(pillar.name)
        for core in self.plan.tasks:
            core.name = _collapse(core.name)
            if not core.children:
                self.plan.findings.append(
                    Finding(
                        "info",
                        "task.no_detailed",
                        f"{self.plan.owner} 핵심과제 '{core.name}'에 세부과제(§)가 없습니다",
                        core.source_line,
                    )
                )
        codes = [pillar.code for pillar in pillars]
        missing = [code for code, _ in NATIONAL_STRATEGIES if code not in codes]
        if len(pillars) < len(NATIONAL_STRATEGIES) or missing:
            names = ", ".join(name for code, name in NATIONAL_STRATEGIES if code in missing)
            self.plan.findings.append(
                Finding(
                    "warning",
                    "strategy.missing",
                    f"{self.plan.owner} 과제표의 전략이 {len(pillars)}개입니다"
                    + (f"; 빠진 국가 전략: {names}" if names else ""),
                    self.plan.source_line,
                )
            )


def _key(text: str) -> str:
    """Letters and digits only: names compare across spacing and ‧·･ variants."""
    return _NOT_NAME.sub("", text)


def _letters(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def _is_prefix(key: str) -> bool:
    return bool(key) and any(_key(name).startswith(key) for _, name in NATIONAL_CORE_TASKS)


def _is_anchor(labels: list[_Label], index: int) -> bool:
    """The line starts a national core task name: with the lines after it that go on spelling
    that name, at least ANCHOR_MIN letters of it ('글로벌' alone may begin a strategy name)."""
    key = ""
    for label in labels[index:]:
        longer = key + _key(_STRAY_MARK.sub("", label.text))
        if not _is_prefix(longer):
            break
        key = longer
    return len(key) >= ANCHOR_MIN


def _core_code(name: str) -> str:
    """National strategy of a core task whose name begins (or is) a national core task name."""
    key = _key(_STRAY_MARK.sub("", name))
    for code, national in NATIONAL_CORE_TASKS:
        national_key = _key(national)
        if key and (national_key.startswith(key) or key.startswith(national_key)):
            return code
    return ""


def _ending_code(name: str) -> str:
    for ending, code in STRATEGY_ENDINGS.items():
        if ending in name:
            return code
    return ""


def _first_ending(labels: list[_Label]) -> int | None:
    """Index of the first line ending in a national strategy's last word (…지방분권): the end
    of a strategy block, whose first words may also begin a core task (삶의 질 …)."""
    return next(
        (i for i, label in enumerate(labels) if label.text.endswith(tuple(STRATEGY_ENDINGS))),
        None,
    )


def _open_bracket(text: str) -> bool:
    return any(text.count(opener) > text.count(closer) for opener, closer in _OPENERS.items())


# Budget.


def _read_budget(plan: ParsedPlan, lines: list[Line]) -> None:
    """The line of amounts: the total, then one per strategy in the order of the table's."""
    numbers = next((line for line in lines if _is_amount_row(line.stripped.split())), None)
    if numbers is None:
        raise PlanFormatError(
            f"{plan.owner}의 '□ 2024년 재정투입'에 금액 줄(총액과 전략별 금액)이 없습니다",
            lines[0].number,
        )
    printed = numbers.stripped.split()
    pillars = [s for s in plan.strategies if s.kind == "pillar"]
    amounts = []
    for position, text in enumerate(printed):
        parsed = parse_eok(text)
        if parsed.problem:
            _number_finding(plan, parsed.problem, numbers.number, f"재정투입 '{text}'")
        amount = parsed.value if parsed.value is not None else Decimal(0)
        amounts.append(amount)
        strategy = position if 0 < position <= len(pillars) else None
        if position == 0 or strategy is not None:
            plan.budgets.append(ParsedBudget(YEAR, "total", amount, text, numbers.number, strategy))
    if len(printed) - 1 != len(pillars):
        plan.findings.append(
            Finding(
                "error",
                "budget.column_count",
                f"{plan.owner} 재정투입 금액이 전략별 {len(printed) - 1}개인데 과제표의 전략은 "
                f"{len(pillars)}개입니다: '{numbers.stripped}'",
                numbers.number,
            )
        )
    parts = sum(amounts[1:])
    difference = sum_difference(amounts[1:], amounts[0])
    if difference is not None:
        plan.findings.append(
            Finding(
                mismatch_severity(difference),
                "budget.sum_mismatch",
                f"{plan.owner} 전략별 재정투입의 합 {parts:,}억원이 총액 {amounts[0]:,}억원과 "
                f"{difference:+,}억원 다릅니다 "
                f"({' + '.join(amount_text(amount) for amount in amounts[1:])}억원)",
                numbers.number,
            )
        )
    _compare_budget_header(plan, lines, numbers)


def _is_amount_row(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and all(re.fullmatch(r"[\d,]+|-", token) for token in tokens)


def _compare_budget_header(plan: ParsedPlan, lines: list[Line], numbers: Line) -> None:
    """The budget table's column heads repeat the strategy names; say when they differ."""
    header = [line.stripped for line in lines if line.number < numbers.number]
    after = next((i for i, text in enumerate(header) if text == "(억원)"), None)
    if after is None:
        return
    printed = " ".join(header[after + 1 :])
    pillars = " ".join(s.name for s in plan.strategies if s.kind == "pillar")
    if _key(printed) != _key(pillars):
        plan.findings.append(
            Finding(
                "info",
                "strategy.budget_header_differs",
                f"{plan.owner} 재정투입 표의 전략명 '{_collapse(printed)}'{particle(_collapse(printed), '이')} 과제표의 전략명 "
                f"'{pillars}'{particle(pillars, '와')} 다릅니다",
                numbers.number,
            )
        )


# Indicators.


@dataclass
class _Columns:
    baseline_year: int = YEAR - 1
    target_year: int = YEAR


def _read_indicators(plan: ParsedPlan, lines: list[Line]) -> None:
    """Rows 'name unit 2023실적 2024목표 증감' under 공통지표/자율지표; a name may wrap onto the
    lines before its values."""
    columns = _Columns()
    group = ""
    pending: list[Line] = []
    for index, line in enumerate(lines):
        text = line.stripped
        header = _INDICATOR_COLUMNS.match(text)
        marker = _group_marker(lines, index)
        if header:
            columns = _Columns(
                *(
                    year_checked(int(year), line.number, "성과지표 표 머리의", RECORDED_YEARS)
                    for year in header.groups()
                )
            )
        elif marker:
            _flush_pending(plan, pending)
            pending, group = [], marker
        elif text == "지표":
            continue
        elif text.startswith(("*", "※")):
            plan.findings.append(
                Finding(
                    "info",
                    "indicator.note",
                    f"{plan.owner} 대표 성과지표의 주석: '{text}'",
                    line.number,
                )
            )
        elif not group:
            _unplaced_indicator(plan, line, "공통지표/자율지표 구분 앞에 있는")
        else:
            pending.append(line)
            if _is_value(text.split()[-1]):
                _add_indicator(plan, group, columns, pending)
                pending = []
    _flush_pending(plan, pending)


def _group_marker(lines: list[Line], index: int) -> str:
    """'공통지표', or '공통' with '지표' on the next line."""
    text = lines[index].stripped.replace(" ", "")
    if text in _GROUPS:
        return _GROUPS[text]
    if index + 1 < len(lines) and lines[index + 1].stripped == "지표":
        return _GROUPS.get(text + "지표", "")
    return ""


def _flush_pending(plan: ParsedPlan, pending: list[Line]) -> None:
    for line in pending:
        _unplaced_indicator(plan, line, "값이 없는")


def _unplaced_indicator(plan: ParsedPlan, line: Line, why: str) -> None:
    plan.findings.append(
        Finding(
            "error",
            "indicator.unparsed",
            f"{plan.owner} 대표 성과지표의 {why} 줄 '{line.stripped}'{particle(line.stripped, '을')} 읽지 못했습니다",
            line.number,
        )
    )


def _is_value(token: str) -> bool:
    match = _YEAR_NOTE.match(token)
    raw = match.group("value") if match else token
    return raw in _NEGATIVE_MARKS or parse_number(raw).value is not None


def _add_indicator(plan: ParsedPlan, group: str, columns: _Columns, rows: list[Line]) -> None:
    tokens = " ".join(line.stripped for line in rows).split()
    source = rows[0].number
    cells = _split_numeric(tokens) or _split_textual(tokens)
    if cells is None:
        plan.findings.append(
            Finding(
                "error",
                "indicator.unparsed",
                f"{plan.owner} 대표 성과지표 '{' '.join(tokens)}'에서 이름·단위·값을 가르지 "
                "못했습니다",
                source,
            )
        )
        return
    name, unit, baseline, target, change = cells
    indicator = ParsedIndicator(
        group,
        name,
        unit,
        source,
        baseline_year=columns.baseline_year,
        baseline_text=baseline,
        target_year=columns.target_year,
        target_text=target,
        change_text=change,
    )
    indicator.baseline_value, year = _value(plan, baseline, source, name, unit)
    indicator.target_value, _ = _value(plan, target, source, name, unit)
    if year is not None:
        indicator.baseline_year = year
        plan.findings.append(
            Finding(
                "info",
                "indicator.baseline_year",
                f"{plan.owner} 지표 '{name}'의 실적 '{baseline}'{particle(baseline, '은')} {columns.baseline_year}년이 "
                f"아니라 {year}년 값입니다",
                source,
            )
        )
    _check_change(plan, indicator)
    plan.indicators.append(indicator)


def _split_numeric(tokens: list[str]) -> tuple[str, str, str, str, str] | None:
    """'name … unit base target change' read from the right; '- 472' is one change, '%, %p'
    one unit."""
    values = list(tokens)
    change = values.pop() if values else ""
    if (
        values
        and values[-1] in _NEGATIVE_MARKS
        and len(values) >= 3
        and all(_is_value(token) for token in values[-3:-1])
    ):
        change = f"{values.pop()} {change}"
    if len(values) < 4 or not all(_is_value(token) for token in values[-2:]):
        return None
    target, baseline, unit = values.pop(), values.pop(), values.pop()
    if unit == "%p" and values and values[-1] == "%,":
        unit = f"{values.pop()} {unit}"
    if not values:
        return None
    return " ".join(values), unit, baseline, target, change


# Units printed beside text values ('식 기본계획 고시 공사 착공 -').
_TEXT_VALUE_UNITS = {"식", "건", "개", "개소", "회", "명", "단계"}


def _split_textual(tokens: list[str]) -> tuple[str, str, str, str, str] | None:
    """Text values: the unit is the first known unit word, the words between it and the change
    split evenly into 2023 and 2024."""
    unit_at = next(
        (i for i, token in enumerate(tokens[1:-1], start=1) if token in _TEXT_VALUE_UNITS), None
    )
    if unit_at is None:
        return None
    words = tokens[unit_at + 1 : -1]
    if not words or len(words) % 2:
        return None
    half = len(words) // 2
    return (
        " ".join(tokens[:unit_at]),
        tokens[unit_at],
        " ".join(words[:half]),
        " ".join(words[half:]),
        tokens[-1],
    )


def _value(
    plan: ParsedPlan, text: str, source: int, name: str, unit: str
) -> tuple[Decimal | None, int | None]:
    """Value of a cell and the year of a '(`22)' note; text like '전략수립' has no value."""
    match = _YEAR_NOTE.match(text)
    raw, year = (match.group("value"), 2000 + int(match.group("year"))) if match else (text, None)
    if re.search(r"[가-힣]", raw):
        return None, year
    parsed = parse_number(raw, indicator_units(unit)[0])
    if parsed.problem:
        _number_finding(plan, parsed.problem, source, f"지표 '{name}'")
    return parsed.value, year


def _check_change(plan: ParsedPlan, indicator: ParsedIndicator) -> None:
    """The printed 증감 should be target − baseline ('-' when they are equal)."""
    difference = change_difference(
        indicator.baseline_value, indicator.target_value, indicator.change_text
    )
    if difference is None:
        return
    value_unit, change_unit = indicator_units(indicator.unit)
    plan.findings.append(
        Finding(
            "warning",
            "indicator.change_mismatch",
            f"{plan.owner} 지표 '{indicator.name}'의 증감이 '{indicator.change_text}'{particle(indicator.change_text, '으로')} "
            f"인쇄됐지만 목표 {with_unit(indicator.target_value, value_unit)} − "
            f"실적 {with_unit(indicator.baseline_value, value_unit)} = "
            f"{with_unit(difference, change_unit)}입니다",
            indicator.source_line,
        )
    )


def _number_finding(plan: ParsedPlan, problem: str, line: int, where: str) -> None:
    comma = "쉼표가 소수점" in problem
    plan.findings.append(
        Finding(
            "warning" if comma else "error",
            "number.comma_decimal" if comma else "number.unreadable",
            f"{plan.owner} {where}: {problem}",
            line,
        )
    )


def _collapse(text: str) -> str:
    return " ".join(text.split())
