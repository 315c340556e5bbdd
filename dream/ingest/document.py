"""The plan document as numbered lines, cut into its sections.

Everything a reader needs to point a person back at the source: each line keeps
its 1-based number in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


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
TITLE_PATTERN = re.compile(r"(\d{4})년\s*지방시대\s*시행계획")


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
    return [Line(number, text) for number, text in enumerate(text.splitlines(), start=1)]


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
            return int(match.group(1))
    raise PlanFormatError("문서 앞부분에서 'YYYY년 지방시대 시행계획' 제목을 찾을 수 없습니다", 1)
