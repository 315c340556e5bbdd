"""The plan document as numbered lines, cut into its sections.

Everything a reader needs to point a person back at the source: each line keeps
its 1-based number in the file.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dream.core.korean import particle


class PlanFormatError(ValueError):
    """The file is not a readable implementation plan; says what was expected and where."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"{message} (줄 {line})" if line else message)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based in the source file
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Section:
    key: str
    title: str
    lines: list[Line]  # the heading line first

    @property
    def start(self) -> int:
        return self.lines[0].number

    @property
    def end(self) -> int:
        return self.lines[-1].number

    def nonblank(self) -> Iterator[Line]:
        return (line for line in self.lines if line.stripped)


# The headings that open the parts of an implementation plan, in order. A part
# missing, or out of order, means the file is cut or is another document.
SECTION_HEADINGS: list[tuple[str, str, re.Pattern[str]]] = [
    ("overview", "Ⅰ. 시행계획 개요", re.compile(r"^\s*Ⅰ\.\s*시행계획\s*개요")),
    (
        "priorities",
        "Ⅱ. 지방시대위원회 중점 이행과제",
        re.compile(r"^\s*Ⅱ\.\s*\d{4}년\s*지방시대위원회"),
    ),
    (
        "provinces",
        "Ⅲ. 시‧도 지방시대 시행계획",
        re.compile(r"^\s*Ⅲ\.\s*시.도\s*지방시대\s*시행계획"),
    ),
    (
        "sectoral",
        "Ⅳ. 중앙정부 부문별 시행계획",
        re.compile(r"^\s*Ⅳ\.\s*중앙정부\s*부문별\s*시행계획"),
    ),
    ("super_regions", "Ⅴ. 초광역권발전 시행계획", re.compile(r"^\s*Ⅴ\.\s*초광역권발전\s*시행계획")),
    ("annex", "부록", re.compile(r"^\s*부\s*록\s*$")),
    ("appendix", "참고 1 「…시행계획」 핵심 내용", re.compile(r"^\s*참고\s*1\s")),
]
# Any number of digits, so that a damaged year ("20245년") is refused rather than read in
# part ("0245년").
TITLE_PATTERN = re.compile(r"(?<!\d)(\d+)년\s*지방시대\s*시행계획")
# Characters no plan text has: C0/C1 controls other than tab and line breaks (NUL among
# them, which PostgreSQL cannot store), and runs of digits longer than any amount, count or
# year printed in a plan (the longest in the bundled documents has 4).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_DIGIT_RUN = 15
LONG_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1},}}")
# The years a plan can be for: DREAM starts with the 2023/2024 plans; a plan is drawn up at
# most a few years ahead. Years printed inside a plan (baselines, long-term targets) may lie
# further back or ahead, within RECORDED_YEARS.
FIRST_PLAN_YEAR = 2000
PLAN_YEARS_AHEAD = 5
RECORDED_YEARS = range(1900, 2101)


def plan_years() -> range:
    """The plausible years of a plan: 2000 up to five years after the current one."""
    return range(FIRST_PLAN_YEAR, datetime.date.today().year + PLAN_YEARS_AHEAD + 1)


def year_checked(year: int, line: int, what: str, years: range | None = None) -> int:
    """`year` if it lies in `years` (default: plan_years()); else refuse with the line."""
    years = years or plan_years()
    if year not in years:
        raise PlanFormatError(
            f"{what} {year}년은 있을 수 없는 연도입니다({years.start}~{years.stop - 1}년만 "
            "읽습니다). 연도가 잘못 적혔는지 확인하세요",
            line,
        )
    return year


def read_lines(path: Path) -> list[Line]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanFormatError(f"파일을 읽을 수 없습니다: {path} ({exc.strerror})") from exc
    if not data.strip():
        raise PlanFormatError(f"빈 파일입니다: {path}. 시행계획 본문(텍스트)이 필요합니다")
    if b"\x00" in data[:8192]:
        raise PlanFormatError(
            f"텍스트가 아닌 파일입니다(이진 파일): {path}. UTF-8 텍스트가 필요합니다"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFormatError(
            f"UTF-8로 읽을 수 없는 파일입니다: {path} (바이트 {exc.start})"
        ) from exc
    lines = [Line(number, text) for number, text in enumerate(text.splitlines(), start=1)]
    _refuse_unreadable_characters(text, lines)
    return lines


def _refuse_unreadable_characters(text: str, lines: list[Line]) -> None:
    """Refuse control characters and over-long numbers, naming the first line that has one."""
    control = CONTROL_CHARACTER.search(text)
    if control:
        number = len((text[: control.start()] + "x").splitlines())  # the line it stands on
        raise PlanFormatError(
            f"문서에 쓰이지 않는 제어 문자(U+{ord(control.group()):04X})가 있습니다. "
            "파일이 손상되었거나 텍스트가 아닙니다",
            number,
        )
    for line in lines:
        digits = LONG_DIGIT_RUN.search(line.text)
        if digits:
            raise PlanFormatError(
                f"숫자 '{digits.group()[:20]}…'({len(digits.group())}자리){particle(digits.group(), '가')} 너무 깁니다. "
                f"시행계획의 숫자는 {MAX_DIGIT_RUN}자리를 넘지 않습니다",
                line.number,
            )


def split_sections(lines: list[Line]) -> dict[str, Section]:
    """Cut the document at its part headings; raise if one is missing or out of place."""
    starts: list[tuple[str, str, int]] = []
    cursor = 0
    for key, title, pattern in SECTION_HEADINGS:
        index = next((i for i in range(cursor, len(lines)) if pattern.match(lines[i].text)), None)
        if index is None:
            where = lines[cursor].number if cursor < len(lines) else lines[-1].number
            raise PlanFormatError(
                f"'{title}' 부분을 찾을 수 없습니다: 줄 {where} 이후에 이 제목이 있어야 합니다. "
                "파일이 잘렸거나 지방시대 시행계획이 아닙니다"
            )
        starts.append((key, title, index))
        cursor = index + 1
    sections: dict[str, Section] = {}
    for position, (key, title, index) in enumerate(starts):
        end = starts[position + 1][2] if position + 1 < len(starts) else len(lines)
        sections[key] = Section(key, title, lines[index:end])
    return sections


def document_year(lines: list[Line]) -> int:
    for line in lines[:400]:
        match = TITLE_PATTERN.search(line.text)
        if match:
            return year_checked(int(match.group(1)), line.number, "문서 제목의 연도")
    raise PlanFormatError("문서 앞부분에서 'YYYY년 지방시대 시행계획' 제목을 찾을 수 없습니다", 1)
