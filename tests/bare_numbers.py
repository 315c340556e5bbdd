"""Find numbers a reader sees without their unit: the check behind issue 8, item 4.

A number in a page's visible text is fine when a unit or counter word follows it
("42.2조원", "3곳", "80.1%", "원문 12줄"), when it is part of a word or code printed in the
plan ("5G", "Ⅰ-1", "제1유형"), when it is a year or a date, or when its table column's
header, its definition term or its table's caption names the unit ("국비(억원)",
"(단위: 억원)"). Anything else is a bare number.
"""

import re
from html.parser import HTMLParser

# Units and counter words DREAM prints after a number; indicator units are added by the caller.
UNITS = (
    "억원 조원 만원 천원 백만원 원 %p %P % 개 곳 건 명 년 월 일 줄 위 차 배 회 쪽 호 권 종 "
    "시간 분 초 km ㎞ ㎢ ㎡ MW MB 가구 개사 개소 개교 단계 점 대 만 천 억 조 세 자 행 쪽"
).split() + ["(단위 미표기)"]  # the plan prints no unit, and the page says so
HEADER_UNIT = re.compile(r"억원|조원|만원|원\)|%|개|곳|건|명|단위|년도|연도|순위|번호|줄")
NUMBER = re.compile(r"(?<![\w.,\-–·/:])[-+−]?\d[\d,]*(?:\.\d+)?")
# Dates ("2024-05-01", "2024. 4. 4."), times, years written short ("’23~"), codes ("1-2-3",
# "Ⅴ-4(2)") and ordinal numbering at the start of a text ("1. ", "(2) ").
DATE_OR_CODE = re.compile(
    r"\d{4}[-.] ?\d{1,2}[-.] ?\d{1,2}\.?|\d{1,2}:\d{2}|[’‘']\d{2}(?!\d)"
    r"|\d+(?:[-–]\d+)+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[-–]\d+(?:[-–]\d+)*(?:\(\d+\))?"
    r"|^\(?\d{1,2}[.)] "
    # a formula's factor, as a rule shown on the page writes it: "실적 ÷ 목표 × 100"
    r"|× ?100\b"
)
YEAR = re.compile(r"(?:19|20)\d\d")
SKIPPED = {"script", "style", "template", "noscript", "svg", "textarea", "code", "pre"}
INLINE = {"a", "abbr", "b", "em", "i", "mark", "span", "strong", "sub", "sup", "time"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr"}


class _Cell:
    def __init__(self, header: str):
        self.header = header


class _Table:
    def __init__(self):
        self.headers: list[str] = []
        self.in_head = False
        self.column = 0
        self.caption = ""
        self.row_has_td = False
        self.row_headers: list[str] = []


class _VisibleText(HTMLParser):
    """Collects (text, context) pairs: context is the unit-bearing label the text sits under."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.cell: list[str] | None = None
        self.cell_context = ""
        self.cell_tag = ""
        self.colspan = 1
        self.last_dt = ""
        self.in_dt = False
        self.in_caption = False
        self.pieces: list[tuple[str, str]] = []
        self.line: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        self.stack.append(tag)
        invisible = "hidden" in attrs or "visually-hidden" in (attrs.get("class") or "")
        if tag in SKIPPED or invisible or "data-verbatim" in attrs:
            self.skip += 1
            self.stack[-1] = "!" + tag
            return
        if tag == "table":
            self.tables.append(_Table())
        elif tag == "caption" and self.tables:
            self.in_caption = True
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag == "tbody" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "tr" and self.tables:
            self.tables[-1].column = 0
        elif tag in ("td", "th") and self.tables:
            self.cell = []
            self.cell_tag = tag
            self.colspan = int(attrs.get("colspan") or 1)
        elif tag == "dt":
            self.in_dt = True
            self.last_dt = ""

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        while self.stack:
            top = self.stack.pop()
            if top.startswith("!"):
                self.skip -= 1
            if top.lstrip("!") == tag:
                break
        if tag == "table" and self.tables:
            self.tables.pop()
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.tables and self.cell is not None:
            table = self.tables[-1]
            text = " ".join("".join(self.cell).split())
            if table.in_head or (self.cell_tag == "th" and not table.headers and not table.column):
                table.headers.extend([text] * self.colspan)
            context = table.caption
            if any(h == "단위" or h.endswith(" 단위") for h in table.headers):
                context += " 단위"  # each row names its unit in its own column
            if table.column < len(table.headers):
                context += " " + table.headers[table.column]
            if not table.in_head:
                self.pieces.append((text, context))
            table.column += self.colspan
            self.cell = None
        elif tag == "dt":
            self.in_dt = False

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_caption and self.tables:
            self.tables[-1].caption += data
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.in_dt:
            self.last_dt += data
        self.line.append(data)

    def flush(self):
        """End a line of text at a block boundary: "<strong>87</strong>건" reads "87건"."""
        text = "".join(self.line)
        self.line = []
        if text.strip():
            self.pieces.append((text, self.last_dt if "dd" in self.stack else ""))


def bare_numbers(html: str, extra_units: set[str] = frozenset()) -> list[str]:
    """Each bare number with the text around it, as a reader sees it."""
    parser = _VisibleText()
    parser.feed(html)
    parser.flush()
    units = sorted(set(UNITS) | {u for u in extra_units if u}, key=len, reverse=True)
    found = []
    for text, context in parser.pieces:
        text = " ".join(text.split())
        if not text or HEADER_UNIT.search(context):
            continue
        masked = DATE_OR_CODE.sub(lambda m: "#" * len(m.group()), text)
        for match in NUMBER.finditer(masked):
            number = match.group()
            after = masked[match.end() :]
            before = masked[: match.start()]
            if YEAR.fullmatch(number.lstrip("+-−")):
                continue
            if after[:1].isalpha() or before.endswith("제"):
                continue  # a counter written together ("3대") or a plan's own word ("5G")
            if any(after.lstrip(" '’\"").startswith(unit) for unit in units):
                continue
            found.append(f"{number!r} in {text[max(0, match.start() - 30) : match.end() + 30]!r}")
    return found
