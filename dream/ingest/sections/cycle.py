"""Ⅰ-2 수립 경과: how the year's plan was made, as the document prints it (2024 plan,
lines 55–105): the Committee's meeting that resolved the guidelines, when and to whom it
sent them, the statutory deadline and the plenary meeting that resolved the plan.

The sentences wrap over blank lines, so they are matched on the section's lines joined,
and each fact keeps the line its match starts on.
"""

from __future__ import annotations

import re
from datetime import date

from dream.core.korean import particle

from ..document import Line, Section
from ..records import Finding, ParsedCycle

_QUOTE = r"[‘’'`´]?"
# "’23.11.23." — the plan prints two-digit years after an apostrophe of any shape.
_DATE = rf"\(\s*{_QUOTE}\s*(?P<yy>\d{{2}})\.\s*(?P<m>\d{{1,2}})\.\s*(?P<d>\d{{1,2}})\.?\s*\)"
_MEETING = r"(?P<meeting>제\s*\d+\s*차\s*지방시대위원회)"
GUIDELINES = re.compile(rf"{_MEETING}\s*{_DATE}\s*에서\s*(?:동\s*)?수립지침")
SENT = re.compile(
    r"(?P<recipients>\d+\s*개\s*중앙행정기관[^에]*?초광역권\s*설정\s*지자체)\s*에\s*"
    rf"수립지침\s*송부\s*{_DATE}"
)
DEADLINE = re.compile(r"법정시한\s*\(\s*매년\s*(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?\s*\)")
# The plan's own resolution: "…에서 심의‧의결" straight after the meeting (the guidelines'
# sentence names 수립지침 in between).
RESOLUTION = re.compile(rf"{_MEETING}\s*{_DATE}\s*에서\s*심의")


def parse_cycle(section: Section, year: int) -> ParsedCycle:
    """The cycle facts of Ⅰ; a fact the section does not print is a warning finding."""
    text = "\n".join(line.text for line in section.lines)
    cycle = ParsedCycle()

    def line_of(match: re.Match[str]) -> int:
        return _line_at(section.lines, text, match.start())

    def missing(code: str, what: str, example: str) -> None:
        cycle.findings.append(
            Finding(
                "warning",
                code,
                f"Ⅰ 수립 경과에서 {what}{particle(what, '을')} 찾을 수 없습니다(예: {example}). "
                "수립 주기에 이 사실이 비어 있습니다",
                section.start,
            )
        )

    if match := GUIDELINES.search(text):
        cycle.guidelines_meeting = _printed(match["meeting"])
        cycle.guidelines_date = _date(match, line_of(match), cycle)
        cycle.guidelines_line = line_of(match)
    else:
        missing(
            "cycle.guidelines_missing",
            "수립지침을 의결한 회의와 날짜",
            "제3차 지방시대위원회(’23.11.23.)",
        )
    if match := SENT.search(text):
        cycle.recipients_printed = _printed(match["recipients"])
        cycle.guidelines_sent_on = _date(match, line_of(match), cycle)
        cycle.sent_line = line_of(match)
    else:
        missing(
            "cycle.guidelines_sent_missing",
            "수립지침을 보낸 기관과 날짜",
            "… 지자체에 수립지침 송부(‘23.11.23.)",
        )
    if match := DEADLINE.search(text):
        cycle.deadline = _valid_date(year, int(match["m"]), int(match["d"]), line_of(match), cycle)
        cycle.deadline_line = line_of(match)
    else:
        missing("cycle.deadline_missing", "제출 법정시한", "법정시한(매년 2.15.)")
    if match := RESOLUTION.search(text):
        cycle.resolution_meeting = _printed(match["meeting"])
        cycle.resolution_date = _date(match, line_of(match), cycle)
        cycle.resolution_line = line_of(match)
    else:
        missing(
            "cycle.resolution_missing",
            "시행계획을 의결한 회의와 날짜",
            "제6차 지방시대위원회(’24.4.4.)에서 심의",
        )
    return cycle


def _line_at(lines: list[Line], text: str, offset: int) -> int:
    return lines[text.count("\n", 0, offset)].number


def _printed(text: str) -> str:
    return " ".join(text.split())


def _date(match: re.Match[str], line: int, cycle: ParsedCycle) -> date | None:
    return _valid_date(2000 + int(match["yy"]), int(match["m"]), int(match["d"]), line, cycle)


def _valid_date(year: int, month: int, day: int, line: int, cycle: ParsedCycle) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        cycle.findings.append(
            Finding(
                "warning",
                "cycle.date_invalid",
                f"Ⅰ 수립 경과의 날짜 {year}.{month}.{day}.는 없는 날짜입니다. 수립 주기에 비워 둡니다",
                line,
            )
        )
        return None
