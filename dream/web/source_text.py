"""The bundled texts DREAM's figures were read from, line by line: the "원문 보기" pages
(/sources/<document>/lines/<n>/) and the link beside each figure to the line it was read
from, so a reader can check a number against the printed text around it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Model
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html

from dream.ingest.document import PlanFormatError, read_lines
from dream.ingest.models import ImportRun
from dream.opendata.services import DIGITAL_PLAN, IMPLEMENTATION_PLAN, SourceDocument

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"
# Lines shown before and after the asked lines.
CONTEXT_LINES = 20
# A table row of the documents wraps over a few lines: its name on the first, its figures
# often on the next ones. A figure is looked for this many lines after the row's first.
ROW_SPAN = 6
# Lines one address may mark: a row, never a page.
MAX_MARKED = ROW_SPAN + 1
# A line number as typed, or a range "12-14": digits without a leading zero, at most 7
# of them, so neither a 4,000-digit number nor "²" or "١" reaches int().
_LINES = re.compile(r"([1-9][0-9]{0,6})(?:-([1-9][0-9]{0,6}))?")


@dataclass(frozen=True)
class BundledText:
    """A document as the text file DREAM read; `slug` names it in the address."""

    slug: str
    source: SourceDocument
    path: Path
    # The plans of this year were read from this text (implementation plan only).
    plan_year: int | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        return _lines(self.path)


    @property
    def sha256(self) -> str:
        return _sha256(self.path)


@cache
def _lines(path: Path) -> tuple[str, ...]:
    """The file's lines, numbered as the import numbered them (`read_lines`), read once
    per process: the texts are 466 KB and 77 KB. A missing or unreadable file has no
    lines: no figure links to it, and its address says so."""
    try:
        return tuple(line.text for line in read_lines(path))
    except PlanFormatError:
        return ()


@cache
def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


IMPLEMENTATION_TEXT = BundledText(
    "2024-implementation-plan",
    IMPLEMENTATION_PLAN,
    SEEDS / "2024-implementation-plan.txt",
    plan_year=2024,
)
DIGITAL_TEXT = BundledText("2023-digital-plan", DIGITAL_PLAN, SEEDS / "2023-digital-plan.txt")
BUNDLED_TEXTS = {text.slug: text for text in (IMPLEMENTATION_TEXT, DIGITAL_TEXT)}
# Where each app's records were read from; other apps read nothing from a document.
_TEXT_BY_APP = {
    "plans": IMPLEMENTATION_TEXT,
    "indicators": IMPLEMENTATION_TEXT,
    "ingest": IMPLEMENTATION_TEXT,
    "priorities": IMPLEMENTATION_TEXT,
    "digital": DIGITAL_TEXT,
}


class LineNotFound(LookupError):
    """An address naming no bundled text or no line of it; the message is Korean."""


@dataclass(frozen=True)
class LineWindow:
    """The asked lines of a text (a line, or the lines of one table row) with the lines
    around them."""

    text: BundledText
    number: int  # the first asked line
    last_asked: int
    first: int  # number of the first line shown
    lines: tuple[str, ...]

    @property
    def numbered(self) -> list[tuple[int, str, bool]]:
        """(number, text, asked) of each line shown."""
        return [
            (number, line, self.number <= number <= self.last_asked)
            for number, line in enumerate(self.lines, start=self.first)
        ]

    @property
    def last(self) -> int:
        return self.first + len(self.lines) - 1

    @property
    def line_count(self) -> int:
        return len(self.text.lines)

    @property
    def asked_label(self) -> str:
        if self.last_asked == self.number:
            return f"{self.number}줄"
        return f"{self.number}–{self.last_asked}줄"

    @property
    def earlier(self) -> int | None:
        """The line to ask for to see the lines just before this window."""
        return max(1, self.first - CONTEXT_LINES - 1) if self.first > 1 else None

    @property
    def later(self) -> int | None:
        if self.last >= self.line_count:
            return None
        return min(self.line_count, self.last + CONTEXT_LINES + 1)


def line_window(slug: str, lines: str) -> LineWindow:
    """Line `lines` ("12", or a row "12-14", as typed in the address) of the text `slug`,
    with CONTEXT_LINES lines either side; LineNotFound for an unknown text or anything
    that is not one of its lines."""
    text = BUNDLED_TEXTS.get(slug)
    if text is None:
        names = ", ".join(BUNDLED_TEXTS)
        raise LineNotFound(f"원문이 있는 문서는 {names}입니다.")
    count = len(text.lines)
    if not count:
        raise LineNotFound(f"이 서버에는 「{text.source.title}」 원문 파일이 없습니다.")
    match = _LINES.fullmatch(lines)
    number = int(match[1]) if match else 0
    last = int(match[2] or match[1]) if match else 0
    if not match or last > count:
        raise LineNotFound(
            f"「{text.source.title}」 원문의 줄 번호는 1부터 {count:,}까지의 숫자입니다."
        )
    if not number <= last < number + MAX_MARKED:
        raise LineNotFound(
            f"줄 범위는 앞 번호부터 뒤 번호까지 {MAX_MARKED}줄 이내로 적습니다(예: 12-14)."
        )
    first = max(1, number - CONTEXT_LINES)
    return LineWindow(text, number, last, first, text.lines[first - 1 : last + CONTEXT_LINES])


def other_import(text: BundledText) -> ImportRun | None:
    """The last import that changed the plans of the text's year, if it read another
    file than this text: line numbers then refer to that file, and the page says so."""
    if text.plan_year is None:
        return None
    run = ImportRun.objects.filter(year=text.plan_year).order_by("-started_at", "-pk").first()
    return run if run is not None and run.sha256 != text.sha256 else None


def bundled_text_of(record: Model) -> BundledText | None:
    """The text `record` was read from, None if it was read from none or from another
    year's plan than the bundled one. The plan's year is checked when it is known without
    a query (a Plan, a Finding, or a record whose plan is already loaded)."""
    text = _TEXT_BY_APP.get(record._meta.app_label)
    if text is None or text.plan_year is None:
        return text
    year = _plan_year(record)
    return text if year in (None, text.plan_year) else None


def _plan_year(record: Model) -> int | None:
    if record._meta.model_name in ("plan", "finding", "prioritytask"):
        return record.year
    if "task" in record._state.fields_cache and record._meta.app_label == "priorities":
        return record._state.fields_cache["task"].year
    if "plan" in record._state.fields_cache:
        plan = record._state.fields_cache["plan"]
        return plan.year if plan is not None else None
    return None


def source_url(record: Model | None, figure: str = "") -> str:
    """The "원문 보기" address of the line `record` was read from, "" if there is none.
    With the printed `figure` of the record, the lines from the row's first to the one
    that prints the figure are marked (a wrapped row prints its figures lower down)."""
    line = getattr(record, "source_line", None)
    text = bundled_text_of(record) if record is not None else None
    if not line or text is None or line > len(text.lines):
        return ""
    return line_url(text, line, figure_line(text, line, figure))


def figure_line(text: BundledText, line: int, figure: str) -> int:
    """The first line from `line` on, within the row, that prints `figure` as a word of
    its own; `line` itself when none does (or no figure is given)."""
    figure = figure.strip()
    if not figure:
        return line
    printed = re.compile(rf"(?<!\S){re.escape(figure)}(?!\S)")
    for number in range(line, min(line + ROW_SPAN, len(text.lines)) + 1):
        if printed.search(text.lines[number - 1]):
            return number
    return line


def line_url(text: BundledText, line: int, last: int | None = None) -> str:
    lines = f"{line}-{last}" if last and last != line else str(line)
    return f"{_lines_address(get_script_prefix(), text.slug)}{lines}/#L{line}"


@cache
def _lines_address(script_prefix: str, slug: str) -> str:
    """"/sources/<slug>/lines/", reversed once per prefix: a page links hundreds of lines,
    and reverse() is most of a link's cost."""
    return reverse("web:source_line", args=[slug, "0"]).removesuffix("0/")


def source_link(record: Model | None, label: str = "", figure: str = "") -> str:
    """The small "원문 N줄" link to the line `record` was read from; `label` (a printed
    figure) replaces the visible text, and the page marks the row down to the line that
    prints `figure`. Its title names the document, so figures of the two plans are told
    apart. Without a bundled line to show, the label or "원문 N줄" stays, as text; without
    either, nothing."""
    url = source_url(record, figure)
    line = getattr(record, "source_line", None)
    if not url:
        return conditional_escape(label or (f"원문 {line}줄" if line else ""))
    return format_html(
        '<a class="source-link" href="{}" title="「{}」 원문 {}줄 보기">{}</a>',
        url,
        bundled_text_of(record).source.title,
        record.source_line,
        label or f"원문 {record.source_line}줄",
    )
