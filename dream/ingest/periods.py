"""The dates a plan's sentence prints ("’24.下", "’24.1.11~2.20", "3월 말~", "연중"), read
into spans.

The plan writes dates in many hands: a two-digit year after an apostrophe of any shape
(or none: "24년", "22.4"), a four-digit one ("2024.3"), a month, quarter or half without a
year (the plan's year then), ranges with "~" or "～", and open ranges ("’24.2월~",
"~’24.6월"). Each date is returned with its printed text, so nothing read here replaces
what the document says.

Not read as dates: amounts and counts ("10개 내외", "1,868억원", "46.8%"), article
numbers, and a year that labels a sum of money ("’23년 958 → ’24년 1,868억원": the year
only says whose figure it is). "3월 말", "3월 중순" keep the month's span: the document
names no day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .records import ParsedPeriod

_QUOTE = r"[’‘`'′´]"
_TILDE = r"[~～⁓]"
_MONTH_PART = r"(?:\s*(?:말|초순|중순|하순|초))"
_YEAR = (
    rf"(?:{_QUOTE}\s*(?P<yq>\d{{2}})(?!\d)"
    r"|(?<![\d,.])(?P<y4>20\d{2})(?!\d)"
    r"|(?<![\d,.])(?P<yb>\d{2})(?=\s*(?:년|\.\s*\d)))"
)
_AFTER_YEAR = (
    rf"(?:\s*\.\s*(?P<yqa>[1-4])\s*{_TILDE}\s*(?P<yqb>[1-4])\s*분기"
    r"|\s*\.\s*(?P<yqs>[1-4])\s*분기"
    r"|\s*\.\s*(?P<ym>\d{1,2})\s*\.\s*(?P<yd>\d{1,2})(?!\d)\.?"
    rf"|\s*\.\s*(?P<ymm>\d{{1,2}})(?!\d)(?:\s*월{_MONTH_PART}?)?"
    r"|\s*\.?\s*(?P<yh>上|下|상반기|하반기)(?:\s*내)?"
    r"|\s*년\s*(?P<yh2>상반기|하반기)(?:\s*내)?"
    r"|\s*(?P<yo>연중)"
    r"|(?P<yn>\s*년)?)"
)
_POINT = re.compile(
    rf"{_YEAR}{_AFTER_YEAR}"
    rf"|(?<![\d.])(?P<qa>[1-4])\s*{_TILDE}\s*(?P<qb>[1-4])\s*분기"
    r"|(?<![\d.])(?P<qs>[1-4])\s*분기"
    rf"|(?<![\d.])(?P<m>\d{{1,2}})\s*월{_MONTH_PART}?"
    r"|(?P<h>상반기|하반기)(?:\s*내)?"
    r"|(?P<word>연내|연중|수시|매년)"
)
# The right side of "’24.1.11~2.20": a month and day without a year.
_MONTH_DAY = re.compile(rf"\s*{_TILDE}\s*(?P<m>\d{{1,2}})\.\s*(?P<d>\d{{1,2}})(?!\d)\.?")
_RANGE = re.compile(rf"\s*{_TILDE}\s*")
# What follows a number that makes it an amount, not a month or a day.
_AMOUNT_AFTER = re.compile(r"\s*(?:[%조억만천배]|\d)")
# A year followed by a sum of money in the same clause is that figure's label.
_MONEY_FIGURE = re.compile(r"\s*\d(?:[^(),]|,(?=\d))*원")
# A two-digit year printed without an apostrophe ("24년", "22.4") is read only near the
# plan's year and not as a duration ("10년 이상").
_BARE_YEARS_AROUND = 5
_DURATION_AFTER = re.compile(r"\s*년\s*(?:간|이상|이내|동안|째|만)")

_Span = tuple[date | None, date | None, str]


def periods_read(text: str, source_line: int, year: int) -> list[ParsedPeriod]:
    """Every date `text` prints, in order; a date word with no span (수시, 매년) is undated."""
    points: list[tuple[int, int, _Span, int | None]] = []  # start, end, span, printed year
    cursor = 0
    while match := _POINT.search(text, cursor):
        cursor = match.end() or match.start() + 1
        if not match.group():
            continue
        read = _point(match, year, text)
        if read is None:
            continue
        span, printed_year, end = read
        points.append((match.start(), end, span, printed_year))
        if span[2] == "day" and (right := _MONTH_DAY.match(text, end)):
            day = _day(span[0].year, int(right["m"]), int(right["d"]))
            points.append((right.start("m"), right.end(), day, span[0].year))
            cursor = right.end()
    return _ranges(text, points, source_line)


def periods_span(
    periods: list[ParsedPeriod],
) -> tuple[date | None, date | None, str, str]:
    """(start, end, precision, date_text) of several dates as Dated stores them: earliest
    start and latest end, None where one is open; precision of the date that ends the span;
    the printed dates joined with " · ". Undated ones only add their text."""
    date_text = " · ".join(p.printed for p in periods)
    spanned = [p for p in periods if p.start or p.end]
    if not spanned:
        return None, None, "undated", date_text
    starts = [p.start for p in spanned]
    start = None if None in starts else min(s for s in starts if s)
    open_end = next((p for p in spanned if p.end is None), None)
    last = open_end or max(spanned, key=lambda p: p.end or date.max)
    return start, last.end, last.precision, date_text


def _point(match: re.Match[str], plan_year: int, text: str) -> tuple[_Span, int | None, int] | None:
    """The span of one printed date, its printed year (None: the plan's) and where it ends;
    None when it is no date."""
    g = match.groupdict()
    end = match.end()
    if g["yq"] or g["y4"] or g["yb"]:
        year = int(g["y4"]) if g["y4"] else 2000 + int(g["yq"] or g["yb"])
        if g["yb"] and (
            abs(year - plan_year) > _BARE_YEARS_AROUND
            or _AMOUNT_AFTER.match(text, end)
            or _DURATION_AFTER.match(text, match.end("yb"))
        ):
            return None
        if g["yqa"]:
            return _quarters(year, int(g["yqa"]), int(g["yqb"])), year, end
        if g["yqs"]:
            return _quarters(year, int(g["yqs"]), int(g["yqs"])), year, end
        if g["ym"]:
            return _day(year, int(g["ym"]), int(g["yd"])), year, end
        if g["ymm"]:
            if _AMOUNT_AFTER.match(text, end) or not 1 <= int(g["ymm"]) <= 12:
                return None
            return _month(year, int(g["ymm"])), year, end
        if g["yh"] or g["yh2"]:
            return _half(year, g["yh"] or g["yh2"]), year, end
        if g["yo"]:
            return (date(year, 1, 1), date(year, 12, 31), "ongoing"), year, end
        if g["yb"] and not g["yn"]:
            return None
        if (
            _MONEY_FIGURE.match(text, end)
            and not _RANGE.match(text, end)
            and not _tilde_before(text, match.start())
        ):
            return None
        return (date(year, 1, 1), date(year, 12, 31), "year"), year, end
    if g["qa"]:
        return _quarters(plan_year, int(g["qa"]), int(g["qb"])), None, end
    if g["qs"]:
        return _quarters(plan_year, int(g["qs"]), int(g["qs"])), None, end
    if g["m"]:
        if not 1 <= int(g["m"]) <= 12:
            return None
        return _month(plan_year, int(g["m"])), None, end
    if g["h"]:
        return _half(plan_year, g["h"]), None, end
    word = g["word"]
    if word == "연내":
        return (date(plan_year, 1, 1), date(plan_year, 12, 31), "year"), None, end
    if word == "연중":
        return (date(plan_year, 1, 1), date(plan_year, 12, 31), "ongoing"), None, end
    return (None, None, "undated"), None, end


def _ranges(
    text: str, points: list[tuple[int, int, _Span, int | None]], line: int
) -> list[ParsedPeriod]:
    """Points joined by "~" into one period; a "~" with no date on one side leaves it open."""
    periods: list[ParsedPeriod] = []
    index = 0
    while index < len(points):
        start_at, end_at, span, year = points[index]
        tilde_after = _RANGE.match(text, end_at)
        joined = (
            index + 1 < len(points)
            and tilde_after is not None
            and tilde_after.end() == points[index + 1][0]
            and span[2] != "undated"
        )
        if joined:
            right_at, right_end, right, _ = points[index + 1]
            if year is not None and points[index + 1][3] is None:
                right = _in_year(right, year)
            printed = text[start_at:right_end]
            periods.append(ParsedPeriod(_clean(printed), span[0], right[1], right[2], line))
            index += 2
            continue
        printed = text[start_at:end_at]
        begin, finish, precision = span
        if span[2] != "undated" and tilde_after:
            printed, finish = printed + text[end_at : tilde_after.end()].strip(), None
        elif span[2] != "undated" and (tilde := _tilde_before(text, start_at)):
            printed, begin = text[tilde.start() : start_at] + printed, None
        periods.append(ParsedPeriod(_clean(printed), begin, finish, precision, line))
        index += 1
    return periods


def _tilde_before(text: str, at: int) -> re.Match[str] | None:
    return re.search(rf"{_TILDE}\s*$", text[:at])


def _in_year(span: _Span, year: int) -> _Span:
    """The right side of a range without its own year ("’24.4월～11월") takes the left's."""
    start, end, precision = span
    return (
        start.replace(year=year) if start else None,
        _same_day_in(end, year) if end else None,
        precision,
    )


def _same_day_in(day: date, year: int) -> date:
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


def _clean(printed: str) -> str:
    return re.sub(r"\s+", " ", printed.strip())


def _day(year: int, month: int, day: int) -> _Span:
    try:
        when = date(year, month, day)
    except ValueError:
        return None, None, "undated"
    return when, when, "day"


def _month(year: int, month: int) -> _Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"


def _quarters(year: int, first: int, last: int) -> _Span:
    if last < first:
        return None, None, "undated"
    end_month = 3 * last
    return (
        date(year, 3 * first - 2, 1),
        date(year, end_month, calendar.monthrange(year, end_month)[1]),
        "quarter",
    )


def _half(year: int, half: str) -> _Span:
    if half in ("上", "상반기"):
        return date(year, 1, 1), date(year, 6, 30), "half"
    return date(year, 7, 1), date(year, 12, 31), "half"
