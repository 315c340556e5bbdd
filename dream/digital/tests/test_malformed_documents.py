"""A damaged digital plan, or a facts file whose values do not fit, is refused with the line
and changes nothing (issue 7, defect 6)."""

import re
from pathlib import Path

import pytest

from dream.core.fingerprint import database_fingerprint
from dream.ingest.document import PlanFormatError
from dream.ingest.services import document_import

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
DOCUMENT = SEEDS / "2023-digital-plan.txt"
FACTS = SEEDS / "digital-plan-facts.toml"
TASK_LINE = next(
    number
    for number, line in enumerate(DOCUMENT.read_text(encoding="utf-8").splitlines(), start=1)
    if line.lstrip().startswith("- ") and re.search(r"[’‘']\s*\d{2}\s*~", line)
)


@pytest.fixture
def stored(digital_plan_2023, db):
    """The real digital plan is stored: a damaged re-import is a change against real data."""


def refused(path: Path, facts: Path | None = None) -> PlanFormatError:
    before = database_fingerprint()
    with pytest.raises(PlanFormatError) as refusal:
        document_import(path=path, facts=facts)
    assert database_fingerprint() == before
    return refusal.value


def with_line(tmp_path: Path, number: int, change) -> Path:
    lines = DOCUMENT.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = change(lines[number - 1])
    path = tmp_path / "digital.txt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def facts_with(tmp_path: Path, old: str, new: str) -> Path:
    text = FACTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x7f"])
def test_a_control_character_in_the_schedule_is_refused_with_its_line(stored, tmp_path, character):
    refusal = refused(with_line(tmp_path, TASK_LINE, lambda text: f"- {character}{text[2:]}"))

    assert refusal.line == TASK_LINE


def test_a_5000_digit_number_in_the_schedule_is_refused_with_its_line(stored, tmp_path):
    refusal = refused(with_line(tmp_path, TASK_LINE, lambda text: f"{'9' * 5000} {text}"))

    assert refusal.line == TASK_LINE
    assert "너무 깁니다" in str(refusal)


def test_a_goal_value_too_large_for_its_column_is_refused_with_its_line(stored, tmp_path):
    facts = facts_with(tmp_path, "target_value = 30\n", "target_value = 1e30\n")

    refusal = refused(DOCUMENT, facts)

    assert refusal.line == 58
    assert "목표값" in str(refusal)


def test_a_nul_character_in_a_budget_purpose_is_refused(stored, tmp_path):
    facts = facts_with(tmp_path, 'purpose = "정부 ICT', 'purpose = "\\u0000정부 ICT')

    assert "NUL" in str(refused(DOCUMENT, facts))


@pytest.mark.parametrize("year", ["0", "9999", "20235"])
def test_an_implausible_plan_year_in_the_facts_is_refused_with_its_line(stored, tmp_path, year):
    refusal = refused(DOCUMENT, facts_with(tmp_path, "year = 2023\n", f"year = {year}\n"))

    assert refusal.line == 1681
    assert "있을 수 없는 연도" in str(refusal)
