"""The reviewed facts file (data/seeds/digital-plan-facts.toml) against the document.

Every fact must stand on the line it names (up to whitespace and the kind of quote
mark), its numbers must be the ones printed, and its area must exist in the schedule.
These checks are written here on their own, not through the reader's check, so that a
mistake in one does not hide a mistake in the other.
"""

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from dream.digital.reader import digital_facts_check, digital_facts_read, digital_plan_read
from dream.ingest.document import PlanFormatError, read_lines

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
DOCUMENT = SEEDS / "2023-digital-plan.txt"
FACTS = SEEDS / "digital-plan-facts.toml"
LINES = DOCUMENT.read_text(encoding="utf-8").splitlines()
with FACTS.open("rb") as _file:
    DATA = tomllib.load(_file, parse_float=Decimal)
GOALS = DATA["goals"]
BUDGETS = DATA["budgets"]
LABELS = DATA["labels"]


def same_text(text: str) -> str:
    text = re.sub("[’‘'`´]", "'", text)
    return " ".join(re.sub("[“”]", '"', text).split())


def printed_on(first: int, last: int | None = None) -> str:
    return same_text(" ".join(LINES[first - 1 : last or first]))


def number(text: str) -> Decimal:
    """The number in a printed amount: "10.5조원" → 10.5, "5천개" → 5000, "1,925억원" → 1925."""
    match = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(천)?", text)
    value = Decimal(match[1].replace(",", ""))
    return value * 1000 if match[2] else value


def eok(text: str) -> Decimal:
    """An amount in 억원: "1조3,600억원" → 13600, "93.5억원" → 93.5, "4,119억원, ’20~’24년" → 4119."""
    match = re.search(r"(?:(\d+)조)?\s*([\d,]+(?:\.\d+)?)억원", text)
    return int(match[1] or 0) * 10_000 + Decimal(match[2].replace(",", ""))


def year_mark(year: int) -> str:
    return f"'{year % 100:02d}년"


def test_every_key_is_unique():
    keys = [goal["key"] for goal in GOALS] + [budget["key"] for budget in BUDGETS]
    assert len(keys) == len(set(keys))
    assert len({label["area"] for label in LABELS}) == len(LABELS)


def test_the_plan_facts_stand_on_their_lines():
    plan = DATA["plan"]
    assert same_text(plan["year_printed"]) in printed_on(plan["year_line"])
    assert year_mark(plan["year"]) in same_text(plan["year_printed"])
    assert same_text(plan["vision"]) in printed_on(plan["vision_line"], plan["vision_end_line"])


def test_there_are_three_headline_goals_and_six_quantified_sub_goals():
    kinds = [goal["kind"] for goal in GOALS]
    assert kinds.count("headline") == 3
    assert kinds.count("sub") == 6
    assert [label["label"] for label in LABELS] == [
        "[거점·기술]",
        "[실증·보급]",
        "[인적자원]",
        "[지원체계]",
    ]


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["area"])
def test_an_area_label_stands_on_its_line(label):
    assert same_text(label["label"]) in printed_on(label["source_line"])


@pytest.mark.parametrize("goal", GOALS, ids=lambda goal: goal["key"])
def test_a_goal_stands_on_its_line_with_its_numbers(goal):
    printed = same_text(goal["printed"])
    assert printed in printed_on(goal["source_line"], goal.get("end_line"))
    assert same_text(goal["target_text"]) in printed
    assert number(goal["target_text"]) == goal["target_value"]
    assert year_mark(goal["target_year"]) in printed or str(goal["target_year"]) in printed
    if "baseline_text" in goal:
        assert same_text(goal["baseline_text"]) in printed
        assert number(goal["baseline_text"]) == goal["baseline_value"]
        assert f"{year_mark(goal['baseline_year'])} {same_text(goal['baseline_text'])}" in printed


@pytest.mark.parametrize("budget", BUDGETS, ids=lambda budget: budget["key"])
def test_a_budget_figure_stands_on_its_lines_with_its_amount(budget):
    lines = printed_on(budget["source_line"], budget.get("end_line"))
    assert same_text(budget["printed"]) in lines
    for line in budget.get("also_lines", []):
        assert same_text(budget["printed"]) in printed_on(line), line
    assert same_text(budget["year_text"]) in lines
    if "amount_eok" in budget:
        assert eok(budget["printed"]) == budget["amount_eok"]
    else:  # left out only where the text prints a range, not one amount
        assert re.search(r"\d~\d+억원", budget["printed"])


def test_every_area_code_exists_in_the_schedule():
    codes = {area.code for area in digital_plan_read(DOCUMENT).areas}
    attached = [fact["area"] for fact in [*LABELS, *GOALS, *BUDGETS] if fact.get("area")]
    assert set(attached) <= codes
    assert {goal["area"] for goal in GOALS if goal["kind"] == "sub"} <= codes
    assert not any(goal.get("area") for goal in GOALS if goal["kind"] == "headline")


def test_the_reader_agrees_that_the_facts_belong_to_the_document():
    digital_facts_check(
        digital_facts_read(FACTS), digital_plan_read(DOCUMENT), read_lines(DOCUMENT)
    )


def test_facts_naming_the_wrong_line_are_refused(tmp_path):
    moved = FACTS.read_text(encoding="utf-8").replace("source_line = 1739", "source_line = 1740")
    path = tmp_path / "facts.toml"
    path.write_text(moved, encoding="utf-8")
    with pytest.raises(PlanFormatError, match="연간 833억원'이 줄 1740에 없습니다"):
        digital_facts_check(
            digital_facts_read(path), digital_plan_read(DOCUMENT), read_lines(DOCUMENT)
        )


def test_a_facts_file_missing_a_required_value_is_refused(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(
        FACTS.read_text(encoding="utf-8").replace('unit = "조원"\n', "", 1), encoding="utf-8"
    )
    with pytest.raises(PlanFormatError, match=r"\[\[goals\]\] 1번째 항목에 'unit'"):
        digital_facts_read(path)
