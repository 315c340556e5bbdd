"""Ⅱ 지방시대위원회 중점 이행과제: the Committee's 4+10 priority tasks (2024 plan, lines
217–976), and their one-paragraph summaries in the annex ("【 … 4+10 중점 이행과제 】",
lines 12298–12423), with the dates of each summary checked against Ⅱ.

A task opens with its title, an unmarked line followed by its aims ("▪"). Inside a task:
a "< … >" status box whose items (ㅇ, ❶, •, and its notes, all of kind status: the box
belongs to no action) run until the first "□"; "□ (topic) …" actions; "ㅇ"
steps, "-" sub-steps and "*", "**", "※" notes under them. A line without a mark continues
the item before it (a wrapped sentence, or a table flattened into lines), joined with one
space. Bullets that only mark the kind (▪ □ ㅇ - •) are left out of the text; marks a
reader refers to (❶, *, **, ※) stay in it.

Matching an appendix date to Ⅱ (the rule): each date is described by the words around
it — the words before its parenthesis when it is printed in one ("지정(’24.4)"), the words
after it when it leads the phrase ("상반기 바이오 특화단지 지정"). An appendix date takes
the Ⅱ date of the same task whose words share the most with its own; a shared word counts
1/n where n is the number of Ⅱ lines of the task that use it, so a word every line of the
task uses ("도심융합특구") tells little and a rare one ("하위법령") much. Words match when
one contains the other ("업무협약" and "협약"), so particles do not matter. When the best Ⅱ
dates are within half a word of each other, a date that agrees is taken: a difference is
reported only when the words single out a Ⅱ date that differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dream.core.korean import particle

from ..document import Line, PlanFormatError, Section
from ..periods import periods_read
from ..records import (
    Finding,
    ParsedPeriod,
    ParsedPriorityAction,
    ParsedPriorityItem,
    ParsedPriorityTask,
)

ZONE_TASKS = 4  # 4대 특구 first, then the 10대 중점 이행과제
PRIORITY_TASKS = 10
_HEADING_REST = re.compile(r"^\s*중점\s*이행과제\s*$")
_PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")
_STATUS_BOX = re.compile(r"^<\s*(?P<title>.*?)\s*>$")
_ACTION = re.compile(r"^□\s*(?:\(\s*(?P<topic>[^)]*?)\s*\))?\s*(?P<text>.*)$")
_NUMBERED = "❶❷❸❹❺❻❼❽❾❿"
_APPENDIX_HEADING = re.compile(r"【[^】]*4\s*\+\s*10\s*중점\s*이행과제")
_APPENDIX_GROUP = re.compile(r"^\(\s*(?P<name>[^)]*?)\s*\)$")
_APPENDIX_ENTRY = re.compile(
    rf"^(?P<mark>[{_NUMBERED}])\s*\(\s*(?P<title>[^)]*?)\s*\)\s*(?P<text>.*)$"
)
# What ends the appendix block: the next heading ("4대 특구 관련과제", "1. …", "참고 1").
_APPENDIX_END = re.compile(r"관련\s*과제$|^\d+\.\s|^【|^참고\s*\d")
_WORD = re.compile(r"\w+")
_STOP_WORDS = {"및", "등", "위한", "위해", "통해", "통한", "추진", "하는", "내"}
_WINDOW_WORDS = 12
_NEAR_BEST = 0.5
_DATE_WORDS = {"수시", "매년"}  # printed dates that name no span


@dataclass
class _Milestone:
    """A Ⅱ or appendix date with the words that say what it dates."""

    period: ParsedPeriod
    words: list[str]
    owner_text: str  # the whole text of the item or action it is printed in
    all_printed: list[str]  # every date printed there


def parse_priorities(
    section: Section, annex_lines: list[Line], year: int
) -> tuple[list[ParsedPriorityTask], list[Finding]]:
    """The 14 tasks of Ⅱ with their appendix summaries, and every oddity as a finding.

    `annex_lines` are the lines after Ⅴ (부록 and 참고), where the summary block is looked
    for by its heading. Raises PlanFormatError when Ⅱ does not open with a task title.
    """
    findings: list[Finding] = []
    tasks = _Reader(year, findings).read(section)
    _numbered(tasks, findings, section.start)
    _appendix_attach(tasks, annex_lines, year, findings)
    for task in tasks:
        findings.extend(_unreadable_dates(task))
        findings.extend(_dates_compared(task))
    return tasks, findings


def _unreadable_dates(task: ParsedPriorityTask) -> list[Finding]:
    """A printed date that names no day of the calendar ("’24.2.30"): kept as printed,
    undated, and reported; 수시 and 매년 are undated by nature."""
    periods = [p for record in _task_records(task) for p in record.periods]
    return [
        Finding(
            "warning",
            "priority.date_unreadable",
            f"'{period.printed}'{particle(period.printed, '은')} 달력에 없는 날짜입니다"
            f"(과제 '{task.name}'). 날짜 없이 원문 그대로 두었습니다.",
            period.source_line,
        )
        for period in [*periods, *task.appendix_periods]
        if period.precision == "undated" and period.printed not in _DATE_WORDS
    ]


class _Reader:
    """Reads Ⅱ's lines into tasks; the last open item takes the continuation lines."""

    def __init__(self, year: int, findings: list[Finding]):
        self.year, self.findings = year, findings
        self.tasks: list[ParsedPriorityTask] = []
        self.open: ParsedPriorityItem | ParsedPriorityAction | None = None
        self.lines: dict[int, list[tuple[int, str]]] = {}  # id(record) → its (line, text)
        self.records: list[ParsedPriorityItem | ParsedPriorityAction] = []
        self.in_box = False

    def read(self, section: Section) -> list[ParsedPriorityTask]:
        body = [line for line in section.lines[1:] if line.stripped]
        if body and _HEADING_REST.match(body[0].text):
            body = body[1:]
        if not body or not _is_title(body, 0, after_aim=False):
            where = body[0].number if body else section.start
            raise PlanFormatError(
                "Ⅱ 중점 이행과제가 과제 제목으로 시작하지 않습니다: 제목 줄 다음에 '▪' 목표가 "
                "와야 합니다",
                where,
            )
        for index, line in enumerate(body):
            self._line(body, index, line)
        for record in self.records:
            self._finish(record)
        return self.tasks

    def _line(self, body: list[Line], index: int, line: Line) -> None:
        text = line.stripped
        task = self.tasks[-1] if self.tasks else None
        if _PAGE_NUMBER.match(text):
            return
        if task is None or (
            not _marked(text) and _is_title(body, index, after_aim=self._after_aim(task))
        ):
            self.tasks.append(ParsedPriorityTask("", 0, text, line.number))
            self.open, self.in_box = None, False
            return
        if text.startswith("▪"):
            self._item(task.aims, "aim", text[1:], line)
        elif match := _STATUS_BOX.match(text):
            task.status_title, self.in_box, self.open = match["title"], True, None
        elif match := _ACTION.match(text):
            self.in_box = False
            action = ParsedPriorityAction(
                len(task.actions) + 1, match["topic"] or "", "", line.number
            )
            task.actions.append(action)
            self._start(action, match["text"], line)
        elif self.in_box and _marked(text):
            self._item(task.status, "status", _unbulleted(text), line)
        elif text[0] in "ㅇ-*※":
            if not task.actions:
                self._unplaced(line, "'□' 추진 과제 없이 나온 항목")
                return
            kind = {"ㅇ": "step", "-": "sub"}.get(text[0], "note")
            self._item(task.actions[-1].items, kind, _unbulleted(text), line)
        elif self.open is not None:
            self.lines[id(self.open)].append((line.number, text))
        else:
            self._unplaced(line, "앞에 이어 붙일 항목이 없는 줄")

    def _after_aim(self, task: ParsedPriorityTask) -> bool:
        return bool(task.aims) and self.open is task.aims[-1]

    def _item(self, into: list[ParsedPriorityItem], kind: str, text: str, line: Line) -> None:
        item = ParsedPriorityItem(kind, "", line.number)
        into.append(item)
        self._start(item, text, line)

    def _start(
        self, record: ParsedPriorityItem | ParsedPriorityAction, text: str, line: Line
    ) -> None:
        self.open = record
        self.records.append(record)
        self.lines[id(record)] = [(line.number, text.strip())]

    def _finish(self, record: ParsedPriorityItem | ParsedPriorityAction) -> None:
        """The record's text joined from its lines, and its dates with the line each is on."""
        parts = self.lines[id(record)]
        record.text = " ".join(_spaced(text) for _, text in parts if text.strip())
        record.periods = _periods_on_lines(parts, self.year)

    def _unplaced(self, line: Line, why: str) -> None:
        self.findings.append(
            Finding(
                "warning",
                "priority.unplaced_line",
                f"Ⅱ 중점 이행과제에서 {why}입니다: '{line.stripped[:60]}'. 어느 과제에도 "
                "넣지 않았으니 원문을 확인하세요.",
                line.number,
            )
        )


def _marked(text: str) -> bool:
    return text[0] in "▪□ㅇ-*※•<" + _NUMBERED


def _is_title(body: list[Line], index: int, after_aim: bool) -> bool:
    """An unmarked line followed by an aim ("▪"), unless it continues an aim itself."""
    text = body[index].stripped
    following = body[index + 1].stripped if index + 1 < len(body) else ""
    return not _marked(text) and following.startswith("▪") and not after_aim


def _unbulleted(text: str) -> str:
    return text[1:] if text[0] in "ㅇ-•" else text


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def _periods_on_lines(parts: list[tuple[int, str]], year: int) -> list[ParsedPeriod]:
    """The dates of the joined text, each with the line it starts on."""
    text, starts = "", []
    for number, part in parts:
        if not part.strip():
            continue
        if text:
            text += " "
        starts.append((len(text), number))
        text += _spaced(part)
    periods, cursor = [], 0
    for period in periods_read(text, starts[0][1] if starts else 0, year):
        at = text.find(period.printed, cursor)
        if at >= 0:
            cursor = at + len(period.printed)
            line = max(
                (number for offset, number in starts if offset <= at), default=period.source_line
            )
            period = replace(period, source_line=line)
        periods.append(period)
    return periods


def _numbered(tasks: list[ParsedPriorityTask], findings: list[Finding], line: int) -> None:
    """Group and number in Ⅱ's order: the first four are the zones, the rest the ten."""
    expected = ZONE_TASKS + PRIORITY_TASKS
    if len(tasks) != expected:
        findings.append(
            Finding(
                "warning",
                "priority.task_count",
                f"Ⅱ 중점 이행과제가 {len(tasks)}개입니다(4대 특구와 10대 중점 이행과제, "
                f"{expected}개여야 합니다). 과제 제목 줄을 확인하세요.",
                line,
            )
        )
    for position, task in enumerate(tasks, start=1):
        if position <= ZONE_TASKS:
            task.group, task.number = "zone", position
        else:
            task.group, task.number = "priority", position - ZONE_TASKS


@dataclass
class _Summary:
    group: str
    number: int
    title: str
    line: int
    parts: list[tuple[int, str]]


def _appendix_attach(
    tasks: list[ParsedPriorityTask], annex_lines: list[Line], year: int, findings: list[Finding]
) -> None:
    """Each appendix summary onto the Ⅱ task of the same group and number."""
    summaries = _appendix_read(annex_lines, findings)
    by_key = {(task.group, task.number): task for task in tasks}
    for summary in summaries:
        task = by_key.get((summary.group, summary.number))
        if task is None:
            findings.append(
                Finding(
                    "warning",
                    "priority.appendix_task_missing",
                    f"부록 중점 이행과제 요약 '{summary.title}'({_group_label(summary.group)} "
                    f"{summary.number}번)에 해당하는 Ⅱ 과제가 없습니다.",
                    summary.line,
                )
            )
            continue
        if not _names_agree(summary.title, task.name):
            findings.append(
                Finding(
                    "warning",
                    "priority.appendix_name_differs",
                    f"부록 요약 {_group_label(summary.group)} {summary.number}번 "
                    f"'{summary.title}'(줄 {summary.line}){particle(summary.title, '과')} "
                    "같은 순서의 Ⅱ 과제 "
                    f"'{task.name}'(줄 {task.source_line})의 이름에 같은 낱말이 없습니다. "
                    "순서가 어긋났는지 확인하세요.",
                    summary.line,
                )
            )
        blocks = _blocks(summary.parts)
        task.appendix_title = summary.title
        task.appendix_line = summary.line
        task.appendix_text = "\n".join(_joined(block) for block in blocks)
        task.appendix_periods = [
            period for block in blocks for period in _periods_on_lines(block, year)
        ]
    for task in tasks:
        if not task.appendix_line:
            findings.append(
                Finding(
                    "info",
                    "priority.appendix_missing",
                    f"Ⅱ 과제 '{task.name}'의 부록 요약(【 4+10 중점 이행과제 】)을 찾지 "
                    "못했습니다.",
                    task.source_line,
                )
            )


def _appendix_read(annex_lines: list[Line], findings: list[Finding]) -> list[_Summary]:
    """The summaries after the block's heading; none when the heading is not printed."""
    start = next(
        (i for i, line in enumerate(annex_lines) if _APPENDIX_HEADING.search(line.text)), None
    )
    if start is None:
        return []
    summaries: list[_Summary] = []
    group = ""
    for line in annex_lines[start + 1 :]:
        text = line.stripped
        if not text:
            continue
        if match := _APPENDIX_GROUP.match(text):
            group = "zone" if "특구" in match["name"] else "priority"
        elif match := _APPENDIX_ENTRY.match(text):
            number = _NUMBERED.index(match["mark"]) + 1
            summaries.append(_Summary(group or "zone", number, match["title"], line.number, []))
            summaries[-1].parts.append((line.number, match["text"]))
        elif _APPENDIX_END.search(text):
            break
        elif summaries:
            summaries[-1].parts.append((line.number, text))
        elif not text.startswith("‘") and "핵심내용" not in text:
            findings.append(
                Finding(
                    "info",
                    "priority.unplaced_line",
                    f"부록 중점 이행과제 요약에서 과제 앞에 나온 줄을 읽지 않았습니다: "
                    f"'{text[:60]}'.",
                    line.number,
                )
            )
    return summaries


def _joined(parts: list[tuple[int, str]]) -> str:
    return " ".join(_spaced(text) for _, text in parts if text.strip())


def _blocks(parts: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A summary's paragraph, then one block per note: a "*" line opens a note, the lines
    after it continue it."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, text in parts:
        if text.lstrip().startswith("*"):
            blocks.append([])
        blocks[-1].append((number, text))
    return [block for block in blocks if block]


def _names_agree(title: str, name: str) -> bool:
    """The appendix's short title shares a word with Ⅱ's title ("초광역권 활성화")."""
    return bool(_content_words(title) and _overlap(_content_words(title), _content_words(name)))


def _group_label(group: str) -> str:
    return "4대 특구" if group == "zone" else "10대 중점 이행과제"


def _content_words(text: str) -> list[str]:
    return [
        word
        for word in _WORD.findall(text)
        if len(word) > 1 and word not in _STOP_WORDS and not word.isdigit()
    ]


def _same_word(a: str, b: str) -> bool:
    return a in b or b in a


def _overlap(left: list[str], right: list[str]) -> int:
    return sum(1 for word in left if any(_same_word(word, other) for other in right))


def _milestones(text: str, periods: list[ParsedPeriod]) -> list[_Milestone]:
    """Each dated period of `text` with the words that say what it dates."""
    milestones, cursor, previous_end = [], 0, 0
    for index, period in enumerate(periods):
        at = text.find(period.printed, cursor)
        if at < 0 or period.precision == "undated":
            continue
        end = at + len(period.printed)
        following = text.find(periods[index + 1].printed, end) if index + 1 < len(periods) else -1
        words = _words_for(text, at, end, previous_end, following if following >= 0 else len(text))
        milestones.append(_Milestone(period, words, text, [p.printed for p in periods]))
        cursor = previous_end = end
    return milestones


def _words_for(text: str, at: int, end: int, previous_end: int, next_at: int) -> list[str]:
    """The words before a parenthesised date, or those after a date that leads its phrase."""
    opening = text.rfind("(", previous_end, at)
    closing = text.rfind(")", previous_end, at)
    if opening > closing:
        inside = _content_words(text[opening + 1 : at])
        before = text[previous_end:opening] if not inside else text[opening + 1 : at]
        before = re.split(r",\s|\)\s*,?\s*|→|\.\s", before.rstrip(" ,(*"))[-1]
        return _content_words(before)[-_WINDOW_WORDS:]
    after = re.split(r"[(,→]", text[end:next_at].lstrip(" )"))[0]
    return _content_words(after)[:_WINDOW_WORDS]


def _dates_compared(task: ParsedPriorityTask) -> list[Finding]:
    """A finding for each appendix date that differs from the Ⅱ date saying the same."""
    if not task.appendix_line:
        return []
    records = _task_records(task)
    body = [m for record in records for m in _milestones(record.text, record.periods)]
    texts = [_content_words(record.text) for record in records]
    findings = []
    for milestone in _appendix_milestones(task):
        weight = {
            word: 1 / max(1, sum(1 for words in texts if any(_same_word(word, w) for w in words)))
            for word in milestone.words
        }
        scored = [
            (
                sum(
                    weight[word]
                    for word in milestone.words
                    if any(_same_word(word, other) for other in candidate.words)
                ),
                candidate,
            )
            for candidate in body
        ]
        best = max((score for score, _ in scored), default=0)
        if best <= 0:
            findings.append(_unmatched(task, milestone))
            continue
        near = [c for score, c in scored if best - score <= _NEAR_BEST and score > 0]
        agreeing = [c for c in near if _same_span(c.period, milestone.period)]
        if agreeing:
            continue
        chosen = next(c for score, c in scored if score == best)
        findings.append(_differs(task, milestone, chosen))
    return findings


def _appendix_milestones(task: ParsedPriorityTask) -> list[_Milestone]:
    """The appendix dates, each described by the words of its own block (the paragraph or
    one note), so a note's words never describe a date of the paragraph."""
    milestones, remaining = [], list(task.appendix_periods)
    for block in task.appendix_text.split("\n"):
        mine, cursor = [], 0
        while remaining and (at := block.find(remaining[0].printed, cursor)) >= 0:
            cursor = at + len(remaining[0].printed)
            mine.append(remaining.pop(0))
        milestones.extend(_milestones(block, mine))
    return milestones


def _task_records(task: ParsedPriorityTask) -> list[ParsedPriorityItem | ParsedPriorityAction]:
    records: list[ParsedPriorityItem | ParsedPriorityAction] = [*task.aims, *task.status]
    for action in task.actions:
        records.append(action)
        records.extend(action.items)
    return records


def _same_span(a: ParsedPeriod, b: ParsedPeriod) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _inside(inner: ParsedPeriod, outer: ParsedPeriod) -> bool:
    starts = outer.start is None or (inner.start is not None and outer.start <= inner.start)
    ends = outer.end is None or (inner.end is not None and inner.end <= outer.end)
    return starts and ends


def _unmatched(task: ParsedPriorityTask, milestone: _Milestone) -> Finding:
    return Finding(
        "info",
        "priority.appendix_unmatched",
        f"부록 요약 '{task.appendix_title}'의 날짜 '{milestone.period.printed}'"
        f"(줄 {milestone.period.source_line})에 해당하는 Ⅱ 항목을 찾지 못했습니다"
        f"(과제 '{task.name}', 줄 {task.source_line}).",
        milestone.period.source_line,
    )


def _differs(task: ParsedPriorityTask, appendix: _Milestone, body: _Milestone) -> Finding:
    a, b = appendix.period, body.period
    others = [printed for printed in body.all_printed if printed != b.printed]
    quoted = ", ".join(f"'{printed}'" for printed in others)
    also = f", 같은 항목의 다른 날짜 {quoted}" if others else ""
    if _inside(a, b):
        severity, relation = "info", "부록의 날짜가 Ⅱ의 기간 안에 있습니다"
    elif _inside(b, a):
        severity, relation = "info", "Ⅱ의 날짜가 부록의 기간 안에 있습니다"
    else:
        severity, relation = "warning", "두 기간이 겹치지 않습니다"
    return Finding(
        severity,
        "priority.date_differs",
        f"'{task.name}'의 같은 일정을 부록과 Ⅱ가 다른 날짜로 적었습니다: "
        f"부록 줄 {a.source_line} '{a.printed}', Ⅱ 줄 {b.source_line} '{b.printed}'"
        f"('{_short(body.owner_text)}'{also}). {relation}.",
        a.source_line,
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
