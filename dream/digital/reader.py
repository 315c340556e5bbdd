"""Reading 「지방 디지털 경쟁력 강화방안」 into records, without the database.

Two sources, read differently because they are different kinds of text:

- the schedule table (Ⅶ 과제별 추진일정) is regular enough to parse: pillars, areas,
  sub-areas and their tasks with ministries and start year (`digital_plan_read`);
- the goals, area labels and budget figures are scattered through prose, so a person
  recorded them in a reviewed facts file that names the source line of each fact
  (`digital_facts_read`); `digital_facts_check` refuses a facts file whose printed texts
  are not on the lines it names, so facts never attach to a document they were not
  reviewed against.

Like the implementation plan's readers, nothing printed is dropped: a line the schedule
reader cannot place becomes a finding, and a file that is not this document (or is cut
off) raises PlanFormatError with the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path

from dream.core.korean import particle
from dream.ingest.document import Line, PlanFormatError, read_lines, year_checked
from dream.ingest.records import Finding
from dream.ingest.words import Vocabulary, wraps_rejoined

TITLE = re.compile(r"^\s*(?P<title>지방\s*디지털\s*경쟁력\s*강화방안(?:\(안\))?)")
SCHEDULE_HEADING = re.compile(r"^\s*Ⅶ\.\s*과제별\s*추진일정")
# The table header ("추진 과제 주관부처 / (협조부처) 일정") repeats after every page break.
TABLE_HEADER = re.compile(r"^\s*(추진\s*과제\s+주관부처|\(협조부처\)\s*일정)")
PILLAR = re.compile(r"^\s*추진과제\s*(?P<code>\d+)\s*\.\s*(?P<name>.+)$")
SUB_AREA = re.compile(r"^\s*(?P<code>\d+-\d+-\d+)\s*\.\s*(?P<name>.+)$")
AREA = re.compile(r"^\s*(?P<code>\d+-\d+)\s*\.\s*(?P<name>.+)$")
TASK = re.compile(r"^\s*-\s+(?P<text>.+)$")
QUOTES = "’‘'`´"
# The last cell of a task row: "’23~" (quote marks vary; an end year may follow).
SCHEDULE = re.compile(
    rf"^(?P<body>.+?)\s+(?P<schedule>[{QUOTES}]\s*(?P<yy>\d{{2}})\s*~(?:\s*[{QUOTES}]?\s*\d{{2}})?)$"
)
# The ministries cell: "과기정통부" or "과기정통부, 국토부, 교육부 등" at the end of the name.
MINISTRIES = re.compile(r"^(?P<name>.+?)\s+(?P<cell>[^\s,]+(?:\s*,\s*[^\s,]+)*(?:\s+등)?)$")
HEADING_KINDS = (("pillar", PILLAR), ("sub_area", SUB_AREA), ("area", AREA))
GOAL_KINDS = ("headline", "sub")


@dataclass
class ParsedDigitalArea:
    """A heading of the schedule: pillar "1", area "1-1" or sub-area "1-1-1"."""

    kind: str  # pillar | area | sub_area
    code: str
    name: str  # as printed; a wrapped heading's lines joined (dream.ingest.words)
    source_line: int
    position: int  # 1-based, in printed order over the whole plan

    @property
    def parent_code(self) -> str:
        return self.code.rpartition("-")[0]


@dataclass(frozen=True)
class ParsedDigitalTask:
    """A row of the schedule under a sub-area, with its cells as printed."""

    area_code: str  # the sub-area's code
    position: int  # 1-based, in printed order over the whole plan
    name: str
    ministries: tuple[str, ...]  # printed order, lead first; "등" dropped
    ministries_text: str  # the cell as printed, e.g. "과기정통부, 국토부, 교육부 등"
    schedule_text: str  # "’23~"
    start_year: int | None
    source_line: int


@dataclass
class ParsedDigitalPlan:
    title: str
    source_line: int
    areas: list[ParsedDigitalArea]
    tasks: list[ParsedDigitalTask]
    findings: list[Finding] = field(default_factory=list)

    def area_codes(self) -> set[str]:
        return {area.code for area in self.areas}


def digital_plan_read(path: Path) -> ParsedDigitalPlan:
    """Read the document; raises PlanFormatError if it is not this plan or is cut off."""
    return digital_plan_parse(read_lines(path))


def digital_plan_parse(lines: list[Line]) -> ParsedDigitalPlan:
    title_line = _title_line(lines)
    schedule = _schedule_lines(lines)
    parser = _ScheduleParser()
    for line in schedule[1:]:
        parser.feed(line)
    parser.finish(schedule[0], lines[-1])
    vocabulary = Vocabulary(lines)
    for area in parser.areas:
        area.name = wraps_rejoined(area.name, vocabulary)
    return ParsedDigitalPlan(
        title=TITLE.match(title_line.text)["title"],
        source_line=title_line.number,
        areas=parser.areas,
        tasks=[replace(t, name=wraps_rejoined(t.name, vocabulary)) for t in parser.tasks],
        findings=parser.findings,
    )


def _title_line(lines: list[Line]) -> Line:
    first = next(line for line in lines if line.stripped)
    if not TITLE.match(first.text):
        raise PlanFormatError(
            f"「지방 디지털 경쟁력 강화방안」이 아닙니다: 첫 줄이 '{first.stripped[:40]}'입니다",
            first.number,
        )
    return first


def _schedule_lines(lines: list[Line]) -> list[Line]:
    start = next((i for i, line in enumerate(lines) if SCHEDULE_HEADING.match(line.text)), None)
    if start is None:
        raise PlanFormatError(
            f"'Ⅶ. 과제별 추진일정'을 찾을 수 없습니다: 문서 끝(줄 {lines[-1].number})까지 이 제목이 "
            "없습니다. 파일이 잘렸거나 다른 문서입니다",
            lines[-1].number,
        )
    return lines[start:]


class _ScheduleParser:
    """Walks the schedule line by line. A table cell may wrap onto the next line, so a
    task stays open until its schedule cell ("’23~") has been read, and a heading takes
    the line right below it as the rest of its name."""

    def __init__(self) -> None:
        self.areas: list[ParsedDigitalArea] = []
        self.tasks: list[ParsedDigitalTask] = []
        self.findings: list[Finding] = []
        self._by_code: dict[str, ParsedDigitalArea] = {}
        self._sub_area: ParsedDigitalArea | None = None
        self._open_task: list[Line] = []
        self._open_heading: ParsedDigitalArea | None = None
        self._last_entry = ""  # heading | task
        self._last_heading: Line | None = None

    def feed(self, line: Line) -> None:
        if not line.stripped or TABLE_HEADER.match(line.text):
            self._open_heading = None
            return
        heading = _heading(line)
        task = TASK.match(line.text)
        if self._open_task and not heading and not task:
            self._continue_task(line)
        elif heading:
            self._close_open_task()
            self._add_heading(*heading, line)
        elif task:
            self._close_open_task()
            self._open_heading = None
            self._open_task = [line]
            self._last_entry = "task"
            self._try_complete_task()
        elif self._open_heading:
            self._open_heading.name = f"{self._open_heading.name} {line.stripped}"
        else:
            self._find(
                "warning",
                "digital.schedule.unplaced_line",
                f"추진일정 표에서 어디에 속하는지 알 수 없는 줄입니다: '{line.stripped}'",
                line.number,
            )

    def finish(self, heading: Line, last: Line) -> None:
        if self._open_task:
            raise PlanFormatError(
                f"과제 '{_joined(self._open_task)}'의 일정 칸이 나오기 전에 문서가 끝났습니다. "
                "파일이 잘린 것으로 보입니다",
                self._open_task[0].number,
            )
        if not self.tasks:
            raise PlanFormatError(
                "'Ⅶ. 과제별 추진일정'에 과제가 하나도 없습니다. 파일이 잘렸거나 다른 문서입니다",
                heading.number,
            )
        if self._last_entry == "heading":
            raise PlanFormatError(
                f"'{self._last_heading.stripped}' 아래 과제가 나오기 전에 문서가 끝났습니다. "
                "파일이 잘린 것으로 보입니다",
                last.number,
            )
        self._report_empty_headings()

    def _add_heading(self, kind: str, code: str, name: str, line: Line) -> None:
        self._last_entry, self._last_heading = "heading", line
        self._open_heading = None
        self._sub_area = None  # tasks only ever sit under the sub-area right above them
        area = ParsedDigitalArea(kind, code, name.strip(), line.number, len(self.areas) + 1)
        if code in self._by_code:
            self._find(
                "error",
                "digital.schedule.duplicate_code",
                f"번호 '{code}'{particle(code, '이')} 이미 줄 {self._by_code[code].source_line}에 있습니다: "
                f"'{line.stripped}'",
                line.number,
            )
            return
        if area.parent_code and area.parent_code not in self._by_code:
            self._find(
                "error",
                "digital.schedule.misplaced_heading",
                f"'{line.stripped}'의 상위 번호 '{area.parent_code}'{particle(area.parent_code, '이')} 앞에 없습니다",
                line.number,
            )
            return
        self.areas.append(area)
        self._by_code[code] = area
        self._open_heading = area
        if kind == "sub_area":
            self._sub_area = area

    def _continue_task(self, line: Line) -> None:
        self._open_task.append(line)
        self._try_complete_task()

    def _try_complete_task(self) -> None:
        match = SCHEDULE.match(_joined(self._open_task))
        if not match:
            return
        name, ministries_text = _split_ministries(match["body"])
        self._add_task(
            name=name,
            ministries=_ministries(ministries_text),
            ministries_text=ministries_text,
            schedule_text=match["schedule"],
            start_year=2000 + int(match["yy"]),
        )

    def _close_open_task(self) -> None:
        """A task row that ends without a schedule cell: kept whole, and reported."""
        if not self._open_task:
            return
        text = _joined(self._open_task)
        self._find(
            "warning",
            "digital.schedule.no_schedule",
            f"과제 '{text}'에 일정('’23~' 꼴)이 없어 과제명과 주관부처를 나누지 못했습니다",
            self._open_task[0].number,
        )
        self._add_task(
            name=text, ministries=(), ministries_text="", schedule_text="", start_year=None
        )

    def _add_task(self, **cells) -> None:
        first = self._open_task[0]
        self._open_task = []
        if self._sub_area is None:
            self._find(
                "warning",
                "digital.schedule.task_without_area",
                f"과제 '{cells['name']}'{particle(cells['name'], '이')} 속한 세부분야(예: '1-1-1.')를 찾을 수 없습니다",
                first.number,
            )
            return
        self.tasks.append(
            ParsedDigitalTask(
                area_code=self._sub_area.code,
                position=len(self.tasks) + 1,
                source_line=first.number,
                **cells,
            )
        )

    def _report_empty_headings(self) -> None:
        parents = {area.parent_code for area in self.areas} | {t.area_code for t in self.tasks}
        for area in self.areas:
            if area.code not in parents:
                self._find(
                    "warning",
                    "digital.schedule.empty_heading",
                    f"'{area.code}. {area.name}' 아래에 {'과제가' if area.kind == 'sub_area' else '하위 분야가'} 없습니다",
                    area.source_line,
                )

    def _find(self, severity: str, code: str, message: str, line: int) -> None:
        self.findings.append(Finding(severity, code, message, line))


def _heading(line: Line) -> tuple[str, str, str] | None:
    for kind, pattern in HEADING_KINDS:
        match = pattern.match(line.text)
        if match:
            return kind, match["code"], match["name"]
    return None


def _joined(lines: list[Line]) -> str:
    """A wrapped cell's lines as one text, without the row's leading dash."""
    text = " ".join(line.stripped for line in lines)
    row = TASK.match(text)
    return row["text"].strip() if row else text


def _split_ministries(body: str) -> tuple[str, str]:
    match = MINISTRIES.match(body)
    if not match:
        return body, ""
    return match["name"], re.sub(r"\s*,\s*", ", ", match["cell"])


def _ministries(cell: str) -> tuple[str, ...]:
    names = re.sub(r"\s+등$", "", cell)
    return tuple(name.strip() for name in names.split(",") if name.strip())


# ── the reviewed facts file ──────────────────────────────────────────────────────────


@dataclass(frozen=True)
class FactGoal:
    """A quantified goal as recorded from the document; `printed` is the goal's phrase as it
    stands on lines source_line..end_line."""

    kind: str  # headline | sub
    key: str
    name: str
    unit: str
    printed: str
    source_line: int
    target_year: int
    target_value: Decimal
    target_text: str
    area: str = ""  # area or sub-area code; empty for a headline goal
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    baseline_text: str = ""
    higher_is_better: bool = True
    end_line: int | None = None
    note: str = ""


@dataclass(frozen=True)
class FactBudget:
    """A budget figure the plan names: `printed` stands on lines source_line..end_line
    (and again on each of also_lines)."""

    key: str
    purpose: str
    printed: str
    source_line: int
    year_text: str = ""
    amount_eok: Decimal | int | None = None  # as printed (93.5); absent for a range (1~3억원)
    area: str = ""
    end_line: int | None = None
    also_lines: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class FactLabel:
    area: str
    label: str
    source_line: int


@dataclass(frozen=True)
class DigitalFacts:
    year: int
    year_printed: str
    year_line: int
    vision: str
    vision_line: int
    vision_end_line: int
    labels: tuple[FactLabel, ...]
    goals: tuple[FactGoal, ...]
    budgets: tuple[FactBudget, ...]

    def printed_texts(self) -> list[tuple[str, int, int]]:
        """Every (text, first line, last line) the facts claim the document prints."""
        texts = [
            (self.year_printed, self.year_line, self.year_line),
            (self.vision, self.vision_line, self.vision_end_line),
        ]
        texts += [(label.label, label.source_line, label.source_line) for label in self.labels]
        texts += [(g.printed, g.source_line, g.end_line or g.source_line) for g in self.goals]
        texts += [(b.printed, b.source_line, b.end_line or b.source_line) for b in self.budgets]
        texts += [(b.printed, line, line) for b in self.budgets for line in b.also_lines]
        return texts

    def area_codes(self) -> list[tuple[str, int]]:
        """Every (area code, line) a fact is attached to."""
        facts = [*self.labels, *self.goals, *self.budgets]
        return [(fact.area, fact.source_line) for fact in facts if fact.area]


def digital_facts_read(path: Path) -> DigitalFacts:
    """Read the reviewed facts file (TOML; decimals read exactly)."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file, parse_float=Decimal)
    except OSError as exc:
        raise PlanFormatError(
            f"검토된 사실 파일을 읽을 수 없습니다: {path} ({exc.strerror})"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise PlanFormatError(f"검토된 사실 파일의 형식이 잘못되었습니다: {path} ({exc})") from exc
    plan = _section(data, "plan", path)
    return DigitalFacts(
        year=year_checked(
            _required(plan, "year", f"{path} [plan]"),
            plan.get("year_line"),
            f"검토된 사실 파일 {path}의 계획 연도",
        ),
        year_printed=_required(plan, "year_printed", f"{path} [plan]"),
        year_line=_required(plan, "year_line", f"{path} [plan]"),
        vision=_required(plan, "vision", f"{path} [plan]"),
        vision_line=_required(plan, "vision_line", f"{path} [plan]"),
        vision_end_line=plan.get("vision_end_line", plan.get("vision_line")),
        labels=_records(FactLabel, data, "labels", path),
        goals=_goals(data, path),
        budgets=_records(FactBudget, data, "budgets", path),
    )


def _goals(data: dict, path: Path) -> tuple[FactGoal, ...]:
    goals = _records(FactGoal, data, "goals", path)
    for goal in goals:
        if goal.kind not in GOAL_KINDS:
            raise PlanFormatError(
                f"검토된 사실 파일 {path}: 목표 '{goal.key}'의 kind는 {'/'.join(GOAL_KINDS)} 중 하나여야 합니다"
            )
    return goals


def digital_facts_check(facts: DigitalFacts, plan: ParsedDigitalPlan, lines: list[Line]) -> None:
    """Refuse facts that do not match this document: a printed text missing from the line
    it names, or an area code the schedule does not have."""
    for text, first, last in facts.printed_texts():
        printed = (
            " ".join(line.text for line in lines[first - 1 : last]) if first <= len(lines) else ""
        )
        if normalized(text) not in normalized(printed):
            raise PlanFormatError(
                f"검토된 사실 파일이 이 문서와 맞지 않습니다: '{text}'{particle(text, '이')} 줄 {first}에 없습니다",
                first,
            )
    known = plan.area_codes()
    for code, line in facts.area_codes():
        if code not in known:
            raise PlanFormatError(
                f"검토된 사실 파일의 분야 번호 '{code}'{particle(code, '이')} 추진일정(Ⅶ)에 없습니다",
                line,
            )


def normalized(text: str) -> str:
    """Text compared as printed, up to runs of whitespace and the kind of quote mark."""
    text = re.sub(f"[{QUOTES}]", "'", text)
    text = re.sub("[“”]", '"', text)
    return " ".join(text.split())


def _section(data: dict, name: str, path: Path) -> dict:
    if not isinstance(data.get(name), dict):
        raise PlanFormatError(f"검토된 사실 파일에 [{name}] 부분이 없습니다: {path}")
    return data[name]


def _required(item: dict, key: str, where: str):
    if key not in item:
        raise PlanFormatError(f"검토된 사실 파일 {where}에 '{key}'{particle(key, '이')} 없습니다")
    return item[key]


def _records(cls: type, data: dict, name: str, path: Path) -> tuple:
    names = {f.name for f in fields(cls)}
    required = [f.name for f in fields(cls) if f.default is MISSING]
    records = []
    for number, item in enumerate(data.get(name, []), start=1):
        where = f"{path} [[{name}]] {number}번째"
        unknown = sorted(set(item) - names)
        if unknown:
            raise PlanFormatError(
                f"검토된 사실 파일 {where} 항목에 모르는 이름이 있습니다: {unknown}"
            )
        for key in required:
            _required(item, key, f"{where} 항목")
        if "also_lines" in item:
            item = {**item, "also_lines": tuple(item["also_lines"])}
        records.append(cls(**item))
    return tuple(records)
