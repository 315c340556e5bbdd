"""What changed between two plan snapshots (pure), and the selectors that find the
snapshots to compare (the year before's plan, two versions)."""

import copy
from decimal import Decimal

import pytest

from dream.cycle.changes import plan_changes
from dream.cycle.selectors import (
    plan_changes_from_previous_year,
    version_changes,
    version_steps,
)
from dream.cycle.versions import version_create
from dream.plans.choices import PlanLevel
from dream.plans.models import Task

from .conftest import draft_plan


def snapshot(year: int = 2024) -> dict:
    """A small plan as `plan_snapshot` writes it: one pillar with a core task and a
    detailed task, national and local money, one indicator."""
    return {
        "plan": {"id": 1, "year": year, "level": "province", "owner": "부산"},
        "goal": "부산 지방시대 실현",
        "strategies": [
            {"id": 10, "kind": "pillar", "position": 1, "code": "Ⅰ", "name": "지방분권"},
        ],
        "tasks": [
            {
                "id": 20, "kind": "core", "position": 1, "code": "Ⅰ-1", "name": "자치분권 강화",
                "strategy_id": 10, "ministries": [], "project_count": None,
                "national_budget_eok": None, "description": "",
                "children": [
                    {
                        "id": 21, "kind": "detailed", "position": 1, "code": "①",
                        "name": "자치역량 강화", "strategy_id": 10, "ministries": [],
                        "project_count": None, "national_budget_eok": None,
                        "description": "", "children": [],
                    },
                ],
            },
        ],
        "budgets": [
            {"id": 30, "strategy_id": 10, "year": year, "source": "national", "amount_eok": "93.50"},
            {"id": 31, "strategy_id": 10, "year": year, "source": "local", "amount_eok": "135.27"},
        ],
        "indicators": [
            {
                "id": 40, "position": 1, "group": "common", "subgroup": "", "scope": "",
                "task_id": None, "name": "일자리수", "unit": "천명",
                "baseline_year": year - 1, "baseline_text": "1,650.5",
                "baseline_value": "1650.5000", "target_year": year, "target_text": "1,660",
                "target_value": "1660.0000", "change_text": "", "is_new": False,
            },
        ],
    }  # fmt: skip


def detailed(plan: dict) -> dict:
    return plan["tasks"][0]["children"][0]


def test_the_same_plan_has_no_changes():
    changes = plan_changes(snapshot(), snapshot())

    assert changes.is_empty


def test_ids_and_positions_do_not_make_a_change():
    new = snapshot()
    detailed(new)["id"], new["strategies"][0]["id"] = 99, 98
    for task in (new["tasks"][0], detailed(new)):
        task["strategy_id"] = 98
    for budget in new["budgets"]:
        budget["strategy_id"] = 98

    assert plan_changes(snapshot(), new).is_empty


def test_a_task_with_the_same_code_and_another_name_is_renamed():
    new = snapshot()
    detailed(new)["name"] = "자치역량 및 주민참여 강화"

    changes = plan_changes(snapshot(), new)

    (renamed,) = changes.tasks_renamed
    assert (renamed.code, renamed.old_name, renamed.new_name) == (
        "①", "자치역량 강화", "자치역량 및 주민참여 강화",
    )  # fmt: skip
    assert renamed.kind_label == "세부과제"
    assert renamed.parent == "Ⅰ › Ⅰ-1"
    assert not changes.tasks_added and not changes.tasks_removed


def test_a_new_task_is_added_and_a_dropped_one_removed():
    new = snapshot()
    new["tasks"][0]["children"] = [
        {**detailed(new), "id": 22, "code": "②", "name": "주민자치 확대"},
    ]

    changes = plan_changes(snapshot(), new)

    assert [(t.code, t.name) for t in changes.tasks_added] == [("②", "주민자치 확대")]
    assert [(t.code, t.name) for t in changes.tasks_removed] == [("①", "자치역량 강화")]
    assert not changes.tasks_renamed


def test_a_renumbered_task_with_its_name_is_neither_added_nor_removed():
    new = snapshot()
    detailed(new)["code"] = "②"

    changes = plan_changes(snapshot(), new)

    assert not (changes.tasks_added or changes.tasks_removed or changes.tasks_renamed)


def test_the_same_code_under_another_parent_is_another_task():
    new = snapshot()
    new["tasks"].append({**copy.deepcopy(new["tasks"][0]), "id": 23, "code": "Ⅰ-2"})
    new["tasks"][1]["children"][0]["name"] = "재정분권 강화"

    changes = plan_changes(snapshot(), new)

    assert [(t.kind_label, t.code) for t in changes.tasks_added] == [
        ("핵심과제", "Ⅰ-2"), ("세부과제", "①"),
    ]  # fmt: skip
    assert changes.tasks_added[1].parent == "Ⅰ › Ⅰ-2"
    assert not changes.tasks_renamed


def without_codes(plan: dict) -> dict:
    """As the provinces' documents print their tasks: no codes."""
    for task in (plan["tasks"][0], detailed(plan)):
        task["code"] = ""
    return plan


def test_a_task_without_a_code_renamed_in_its_place_is_renamed():
    new = without_codes(snapshot())
    detailed(new)["name"] = "자치역량 및 주민참여 강화"

    changes = plan_changes(without_codes(snapshot()), new)

    (renamed,) = changes.tasks_renamed
    assert (renamed.old_name, renamed.new_name) == ("자치역량 강화", "자치역량 및 주민참여 강화")
    assert renamed.parent == "Ⅰ › 자치분권 강화"
    assert not changes.tasks_added and not changes.tasks_removed


def test_a_task_without_a_code_inserted_before_another_is_only_added():
    new = without_codes(snapshot())
    first = {**detailed(new), "id": 22, "name": "주민자치 확대"}
    detailed(new)["position"] = 2
    new["tasks"][0]["children"].insert(0, first)

    changes = plan_changes(without_codes(snapshot()), new)

    assert [t.name for t in changes.tasks_added] == ["주민자치 확대"]
    assert not changes.tasks_renamed and not changes.tasks_removed


def test_strategies_added_removed_renamed():
    new = snapshot()
    new["strategies"][0]["name"] = "자치분권"
    new["strategies"].append(
        {"id": 11, "kind": "pillar", "position": 2, "code": "Ⅱ", "name": "혁신성장"}
    )

    changes = plan_changes(snapshot(), new)

    assert [(s.old_name, s.new_name) for s in changes.strategies_renamed] == [
        ("지방분권", "자치분권")
    ]
    assert [s.name for s in changes.strategies_added] == ["혁신성장"]
    assert plan_changes(new, snapshot()).strategies_removed[0].name == "혁신성장"


def test_a_changed_budget_gives_old_new_and_difference_in_eok():
    new = snapshot()
    new["budgets"][0]["amount_eok"] = "100.00"

    (change,) = plan_changes(snapshot(), new).budgets

    assert (change.strategy, change.source_label) == ("Ⅰ 지방분권", "국비")
    assert (change.old_eok, change.new_eok) == (Decimal("93.50"), Decimal("100.00"))
    assert change.difference_eok == Decimal("6.50")


def test_budgets_compare_each_plans_own_year():
    """Last year's 2024 money against this year's 2025 money, not 2024 against 2024."""
    new = snapshot(2025)

    changes = plan_changes(snapshot(2024), new)

    assert changes.budgets == []
    new["budgets"].pop()  # no local money in 2025
    (change,) = plan_changes(snapshot(2024), new).budgets
    assert (change.source, change.old_eok, change.new_eok) == ("local", Decimal("135.27"), None)
    assert change.difference_eok == Decimal("-135.27")


def test_a_changed_target_is_shown_as_printed_with_its_year():
    new = snapshot()
    new["indicators"][0]["target_text"] = "1,700"

    (change,) = plan_changes(snapshot(), new).indicators_changed

    assert (change.name, change.unit, change.what) == ("일자리수", "천명", "목표값")
    assert (change.old, change.new) == ("1,660 (2024년)", "1,700 (2024년)")


def test_a_baseline_without_printed_text_shows_the_value_with_its_unit():
    old, new = snapshot(), snapshot()
    for plan, value in ((old, "1650.5000"), (new, "1700.0000")):
        plan["indicators"][0]["baseline_text"] = ""
        plan["indicators"][0]["baseline_value"] = value

    (change,) = plan_changes(old, new).indicators_changed

    assert (change.what, change.old, change.new) == (
        "기준값", "1650.5천명 (2023년)", "1700천명 (2023년)",
    )  # fmt: skip


def test_indicators_added_and_removed():
    new = snapshot()
    new["indicators"][0]["name"] = "청년 일자리수"

    changes = plan_changes(snapshot(), new)

    assert [i.name for i in changes.indicators_added] == ["청년 일자리수"]
    assert [i.name for i in changes.indicators_removed] == ["일자리수"]


# Selectors over the database


def publish(plan):
    plan.is_draft = False
    plan.save()
    return plan


def test_there_is_nothing_to_compare_without_the_year_before(orgs):
    plan = publish(draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2025))

    assert plan_changes_from_previous_year(plan) is None


def test_a_draft_of_the_year_before_is_not_compared(orgs):
    draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2024)  # stays a draft
    plan = publish(draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2025))

    assert plan_changes_from_previous_year(plan) is None


def test_the_year_before_of_the_same_body_and_level_is_compared(orgs):
    publish(draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2024))
    publish(draft_plan(orgs["서울"], PlanLevel.PROVINCE, 2024))
    plan = publish(draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2025))
    Task.objects.filter(plan=plan, code="①").update(name="자치역량 및 협력 강화")

    changes = plan_changes_from_previous_year(plan)

    assert (changes.old_year, changes.new_year) == (2024, 2025)
    assert [r.new_name for r in changes.tasks_renamed] == ["자치역량 및 협력 강화"]


@pytest.fixture
def two_versions(orgs, staff):
    plan = publish(draft_plan(orgs["부산"], PlanLevel.PROVINCE, 2025))
    first = version_create(plan=plan, actor=staff, meeting="제1차", resolved_on=None)
    plan.budgets.filter(source="national").update(amount_eok=Decimal("120"))
    second = version_create(
        plan=plan, actor=staff, meeting="제2차", resolved_on=None, reason="국비 증액"
    )
    return plan, first, second


def test_versions_compare_their_frozen_content(two_versions):
    plan, first, second = two_versions
    plan.budgets.filter(source="national").update(amount_eok=Decimal("1"))  # live rows

    (change,) = version_changes(first, second).budgets

    assert (change.old_eok, change.new_eok) == (Decimal("93.50"), Decimal("120.00"))


def test_version_steps_pair_each_amendment_with_the_version_before(two_versions):
    plan, first, second = two_versions

    (step,) = version_steps(plan)

    assert (step.old, step.new) == (first, second)
    assert step.new.reason == "국비 증액"
    assert len(step.changes.budgets) == 1
