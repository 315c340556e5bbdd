"""The sectoral plan's reads, checked against the printed table of the 2024 document
(lines 6682–7129: 5 strategies, 22 core tasks, 68 practical tasks, 436 projects)."""

import pytest

from dream.plans.models import Budget
from dream.plans.selectors.sectoral import (
    budget_check,
    practical_tasks,
    sectoral_ministries,
    sectoral_plan,
    sectoral_summary,
    task_tree,
)

pytestmark = pytest.mark.usefixtures("plan_2024")

# The 합계 rows as printed: 실천과제, 사업, 국비(억원).
PRINTED_TOTALS = {
    "Ⅰ": (15, 31, 151),
    "Ⅱ": (10, 18, 2_304),
    "Ⅲ": (17, 98, 28_878),
    "Ⅳ": (14, 192, 88_407),
    "Ⅴ": (12, 97, 126_497),
}


@pytest.fixture
def plan(db):
    return sectoral_plan(2024)


def test_practical_tasks_are_the_68_rows_in_document_order(plan):
    tasks = list(practical_tasks(plan))

    assert len(tasks) == 68
    assert (tasks[0].code, tasks[0].name) == ("(1)", "지방정부 행정권한 확대")
    assert (tasks[-1].parent.code, tasks[-1].code) == ("Ⅴ-4", "(2)")


def test_ministries_keep_the_printed_order_lead_first(plan):
    by_name = {task.name: task for task in practical_tasks(plan)}

    def names(name):
        return [link.ministry.short_name for link in by_name[name].ordered_ministry_links]

    assert names("자주재원 확충 및 세입기반 강화") == ["행안부", "기재부"]
    assert names("지방재정 자율성 강화") == ["기재부", "행안부"]
    assert names("친환경∙탄소중립기반 구축") == ["환경부", "산업부", "산림청"]


def test_a_budget_printed_as_dash_is_kept_and_sorts_as_zero(plan):
    task = practical_tasks(plan).get(name="지방정부 행정권한 확대")

    assert task.national_budget_eok is None
    assert task.national_budget_text == "-"
    assert task.budget_value == 0


def test_each_practical_task_counts_its_key_targets(plan):
    tasks = list(practical_tasks(plan))

    assert all(task.target_count == len(task.key_targets) for task in tasks)
    assert tasks[0].target_count == 5


@pytest.mark.parametrize("code", PRINTED_TOTALS)
def test_strategy_totals_equal_the_printed_sum_rows(plan, code):
    row = next(s for s in sectoral_summary(plan).strategies if s.code == code)

    assert (row.practical_tasks, row.projects, row.national_budget_eok) == PRINTED_TOTALS[code]
    assert row.check == "match"


def test_the_plan_total_is_the_exact_sum_and_the_printed_total_is_rounded(plan):
    total = sectoral_summary(plan).total

    assert (total.core_tasks, total.practical_tasks, total.projects) == (22, 68, 436)
    assert total.national_budget_eok == 246_237
    assert total.printed.printed == "24.6조원"
    assert total.check == "rounded"
    assert not total.differs


@pytest.mark.parametrize(
    ("amount", "printed", "amount_eok", "expected"),
    [
        (151, "151억원", 151, "match"),
        (152, "151억원", 151, "differs"),
        (246_237, "24.6조원", 246_000, "rounded"),
        (246_600, "24.6조원", 246_000, "differs"),
    ],
)
def test_budget_check_tolerates_only_the_printed_precision(amount, printed, amount_eok, expected):
    assert budget_check(amount, Budget(printed=printed, amount_eok=amount_eok)) == expected


def test_budget_check_without_a_printed_row():
    assert budget_check(1, None) == "missing"


def test_the_tree_has_strategies_core_tasks_with_ministries_and_practical_tasks(plan):
    tree = task_tree(plan)

    assert [s.code for s in tree] == list(PRINTED_TOTALS)
    core = [c for s in tree for c in s.core_tasks]
    assert len(core) == 22
    digital = next(c for c in core if c.code == "Ⅲ-5")
    assert [link.ministry.short_name for link in digital.ordered_ministry_links] == [
        "과기정통부",
        "산업부",
        "행안부",
    ]
    assert [link.printed_name for link in digital.ordered_ministry_links] == [
        "과기부",
        "산업부",
        "행안부",
    ]
    assert sum(len(c.practical_tasks) for c in core) == 68


def test_the_ministry_choices_are_the_organizations_on_practical_tasks(plan):
    names = list(sectoral_ministries(plan).values_list("short_name", flat=True))

    assert len(names) == 17
    assert {"과기정통부", "법제처", "경찰청", "여가부"} <= set(names)
    assert not {"과기부", "농림부"} & set(names)  # printed so, but one record each


def test_a_year_without_a_plan_reads_as_empty(db):
    assert sectoral_plan(None) is None
    assert sectoral_plan(1999) is None
    assert not practical_tasks(None).exists()
    assert sectoral_summary(None) is None
    assert task_tree(None) == []
