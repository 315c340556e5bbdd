"""Every number DREAM states in a finding carries its unit (issue 8: every number on every
page): 억원, %, 개, or the indicator's own printed unit. What the document printed, quoted
in '…', stays as printed; line references (줄 13952) and years (2024년, ’24) are not
quantities; codes like Ⅲ-4(1) and the appendix names 참고 1, 참고 2 are names."""

import re

import pytest

from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.ingest.numbers import indicator_units, parse_eok, parse_number

pytestmark = pytest.mark.usefixtures("plan_2024")

# Units and counters DREAM writes itself; an indicator's printed unit is added from the data.
COUNTERS = ("억원", "조원", "원", "%p", "%", "개", "곳", "명", "건", "자리", "번째", "대")

_QUOTED = re.compile(r"'[^']*'|‘[^‘’]*’")
_SHORT_YEAR = re.compile(r"[’‘`]\d{2}(?!\d)")
_YEAR = re.compile(r"\d{4}년")
_LINE = re.compile(r"줄 \d+(?:\s*[–-]\s*\d+)?")
_CODE = re.compile(r"[ⅠⅡⅢⅣⅤ]-\d+(?:\(\d+\))?|참고 \d")
_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?")
# The terms of a sum before its last, which carries the unit for all: (41,886 + … + 2,115억원).
_SUM_TERMS = re.compile(rf"(?:{_NUMBER.pattern}\s*\+\s*)+(?={_NUMBER.pattern})")


def units() -> list[str]:
    printed = Indicator.objects.exclude(unit="").values_list("unit", flat=True).distinct()
    words = {part.strip() for unit in printed for part in unit.split(",")} | set(COUNTERS)
    return sorted(words - {""}, key=len, reverse=True)


def numbers_without_unit(message: str, known: list[str]) -> list[str]:
    """The numbers left in `message`, once quotations, years, lines, codes and the leading
    terms of a sum are taken out, that no unit follows."""
    text = _SHORT_YEAR.sub(" ", message)  # before quotes: ’24 is not a closing quote
    for pattern in (_QUOTED, _YEAR, _LINE, _CODE, _SUM_TERMS):
        text = pattern.sub(" ", text)
    return [
        number[0]
        for number in _NUMBER.finditer(text)
        if not text[number.end() :].lstrip(" ").startswith(tuple(known))
    ]


def test_every_number_dream_states_in_a_finding_carries_its_unit(db):
    known = units()
    offenders = [
        f"{code}: {message}"
        for code, message in Finding.objects.values_list("code", "message")
        if numbers_without_unit(message, known)
    ]

    assert not offenders, "숫자에 단위가 없는 검토 사항:\n" + "\n".join(offenders)


def test_the_check_finds_a_bare_number_and_passes_quotes_lines_years_and_codes():
    known = ["억원", "%", "%p", "개"]

    assert numbers_without_unit("목표 58.2 − 실적 57.9 = 0.3입니다", known) == [
        "58.2",
        "57.9",
        "0.3",
    ]
    assert numbers_without_unit("(41,886 + 611 + 2,115)", known) == ["2,115"]
    assert numbers_without_unit("(41,886 + 611 + 2,115억원)", known) == []
    assert (
        numbers_without_unit(
            "실천과제 Ⅲ-4(1) '1,792'억원, 줄 13952, 2024년 ’24 국비 246,000억원, 0.3%p, 8개", known
        )
        == []
    )


def test_a_number_read_with_a_comma_is_restated_in_its_unit():
    assert parse_number("31,6", "백만원").problem.endswith("31.6백만원으로 읽었습니다")
    assert parse_eok("24,6조원").problem.endswith("24.6조원으로 읽었습니다")
    assert parse_eok("1,5").problem.endswith("1.5억원으로 읽었습니다")


def test_a_change_of_percentages_is_in_percentage_points():
    assert indicator_units("%, %p") == ("%", "%p")
    assert indicator_units("%") == ("%", "%p")
    assert indicator_units("천명") == ("천명", "천명")
