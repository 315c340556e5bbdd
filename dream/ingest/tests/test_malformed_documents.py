"""Damaged implementation plans are refused with the line, and change nothing.

One test per way a mutated document used to crash the importer (issue 7, defect 6) instead
of being refused: over-long numbers, NUL and control characters, values too large for their
column, implausible years, cut or reordered appendix tables, and the `system` user that a
refused import used to leave behind.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from dream.core.fingerprint import database_fingerprint
from dream.core.sync import RecordSync, UnfitValue
from dream.indicators.models import Indicator
from dream.ingest.document import PlanFormatError
from dream.ingest.models import Finding
from dream.ingest.numbers import parse_eok, parse_number
from dream.ingest.services import document_import
from dream.plans.models import Plan
from dream.search.models import SearchEntry

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


def lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


def number_of(text: str, after: int = 1) -> int:
    """The 1-based number of the first line at or after `after` that starts with `text`."""
    return next(
        number
        for number, line in enumerate(lines(), start=1)
        if number >= after and line.strip().startswith(text)
    )


def damaged(tmp_path: Path, change: Callable[[list[str]], list[str]]) -> Path:
    path = tmp_path / "damaged.txt"
    path.write_text("".join(change(lines())), encoding="utf-8")
    return path


def replaced(number: int, old: str, new: str) -> Callable[[list[str]], list[str]]:
    def change(document: list[str]) -> list[str]:
        assert old in document[number - 1], document[number - 1]
        document[number - 1] = document[number - 1].replace(old, new, 1)
        return document

    return change


def refused(path: Path) -> PlanFormatError:
    """Import `path` as `dream import-plan` does; it must be refused and write nothing."""
    before = database_fingerprint()
    with pytest.raises(PlanFormatError) as refusal:
        document_import(path=path)
    assert database_fingerprint() == before
    assert re.search("[가-힣]", str(refusal.value))
    return refusal.value


@pytest.fixture
def stored(plan_2024, db):
    """The real 2024 plan is stored: a damaged re-import is a change against real data."""


def test_a_5000_digit_number_is_refused_with_its_line(stored, tmp_path):
    number = number_of("(1) 지방정부 역량 강화 2 16 행안부")

    refusal = refused(damaged(tmp_path, replaced(number, " 16 ", f" {'7' * 5000} ")))

    assert refusal.line == number
    assert "너무 깁니다" in str(refusal)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\x85"])
def test_a_control_character_is_refused_with_its_line(stored, tmp_path, character):
    number = number_of("(1) 지방정부 역량 강화 2 16 행안부")  # far past the first 8 KB

    refusal = refused(damaged(tmp_path, replaced(number, "역량", f"역{character}량")))

    assert refusal.line == number
    assert f"U+{ord(character):04X}" in str(refusal)


@pytest.mark.parametrize("year", ["0000", "20245", "9999", "1999"])
def test_an_implausible_plan_year_is_refused_with_its_line(stored, tmp_path, year):
    refusal = refused(damaged(tmp_path, replaced(6, "2024년", f"{year}년")))

    assert refusal.line == 6
    assert "있을 수 없는 연도" in str(refusal)
    assert not Plan.objects.exclude(year=2024).exists()


def test_an_implausible_year_of_a_super_region_fiscal_table_is_refused(stored, tmp_path):
    number = number_of("□ 2024년 재정투입 계획", after=10108)

    refusal = refused(damaged(tmp_path, replaced(number, "2024년", "0000년")))

    assert refusal.line == number


def test_a_count_too_large_for_its_column_is_refused_with_its_line(stored, tmp_path):
    """Once an OverflowError in the record sync on SQLite, a DataError on PostgreSQL."""
    number = number_of("(1) 지방정부 역량 강화 2 16 행안부")

    refusal = refused(damaged(tmp_path, replaced(number, " 2 16 ", " 123456789012 16 ")))

    assert refusal.line == number
    assert "사업 수" in str(refusal)


def test_an_amount_too_large_to_be_a_plans_is_refused_in_the_appendix(stored, tmp_path):
    number = number_of("합계", after=13303)
    old = re.search(r"[\d,.]+(?:억원|조원)", lines()[number - 1]).group()

    refusal = refused(damaged(tmp_path, replaced(number, old, "9,999,999,999,999,999억원")))

    assert refusal.line == number


def test_an_indicator_row_with_a_number_too_long_to_read_is_reported_not_stored(stored, tmp_path):
    """Once a decimal.InvalidOperation in the search index, which read the stored value back."""
    grdp = Indicator.objects.get(plan__owner__short_name="부산", name="1인당 GRDP")
    huge = "12,345,678,901,234,567,890"

    document_import(path=damaged(tmp_path, replaced(grdp.source_line, grdp.baseline_text, huge)))

    assert not Indicator.objects.filter(source_line=grdp.source_line).exists()
    assert Finding.objects.get(source_line=grdp.source_line, message__contains=huge)
    assert SearchEntry.objects.filter(plan__year=2024).exists()


def test_a_practical_task_before_any_core_task_of_the_appendix_table_is_refused(stored, tmp_path):
    """Once an IndexError in the appendix reader."""
    number = number_of("I.", after=13303)

    def insert(document: list[str]) -> list[str]:
        return document[: number - 1] + ["(1) 가짜 실천과제 1 - 행안부\n"] + document[number - 1 :]

    refusal = refused(damaged(tmp_path, insert))

    assert refusal.line == number


def test_a_document_cut_right_after_an_appendix_heading_is_refused(stored, tmp_path):
    """Once an IndexError: the appendix reader looked for the next heading past the end."""
    number = number_of("참고 2", after=13303)

    refusal = refused(damaged(tmp_path, lambda document: document[:number]))

    assert refusal.line == number


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1,234,567,890,123,456", "15자리"),
        ("9" * 16, "15자리"),
        ("31,6", "쉼표"),
    ],
)
def test_numbers_beyond_any_plans_are_not_read(text, problem):
    parsed = parse_number(text)

    assert problem in parsed.problem
    assert parsed.value is None or parsed.value == Decimal("31.6")


def test_an_amount_in_jo_won_beyond_any_plans_is_not_read():
    assert parse_eok("24.6조원").value == 246_000
    assert parse_eok("999,999,999,999조원").value is None


class _Counts:
    created = updated = deleted = 0


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("baseline_value", Decimal("12345678901234567"), "정수 부분이 16자리"),
        ("baseline_value", Decimal("1.23456"), "소수점 아래가 4자리"),
        ("baseline_year", 99_999, "0~32767"),
        ("unit", "가" * 31, "30자"),
        ("name", "a\x00b", "NUL"),
    ],
)
def test_the_record_sync_refuses_a_value_its_column_cannot_hold(stored, field, value, problem):
    """Checked against PostgreSQL's limits on both databases, before anything is written."""
    indicator = Indicator.objects.first()
    values = {"name": indicator.name, "source_line": 77, field: value}
    sync = RecordSync(None, "test", _Counts())
    before = database_fingerprint()

    with pytest.raises(UnfitValue, match=problem) as refusal:
        sync.apply(Indicator, {"key": indicator}, {"key": values})

    assert refusal.value.line == 77
    assert database_fingerprint() == before
