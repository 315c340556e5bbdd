"""A resolved plan's snapshot and hash: complete, exact, stable, and sensitive to change."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest

from dream.cycle.errors import InvalidInput
from dream.cycle.versions import content_hash, plan_snapshot, version_create
from dream.plans.choices import BudgetSource


@pytest.fixture
def plan(busan_submission):
    return busan_submission.plan


def test_the_snapshot_holds_goal_strategies_task_tree_budgets_and_indicators(plan):
    content = plan_snapshot(plan)

    assert content["plan"] == {"id": plan.pk, "year": 2025, "level": "province", "owner": "부산"}
    assert content["goal"] == "부산 지방시대 실현"
    assert [(s["code"], s["name"]) for s in content["strategies"]] == [("Ⅰ", "지방분권")]
    [core] = content["tasks"]
    assert (core["code"], core["name"]) == ("Ⅰ-1", "자치분권 강화")
    assert [(t["code"], t["name"], t["children"]) for t in core["children"]] == [
        ("①", "자치역량 강화", [])
    ]
    assert [(b["source"], b["amount_eok"]) for b in content["budgets"]] == [
        ("local", "135.27"),
        ("national", "93.50"),
    ]
    [indicator] = content["indicators"]
    assert (indicator["name"], indicator["baseline_value"], indicator["target_value"]) == (
        "일자리수",
        "1650.5000",
        "1660.0000",
    )


def test_the_hash_is_stable_across_calls(plan):
    assert content_hash(plan_snapshot(plan)) == content_hash(plan_snapshot(plan))


def test_the_hash_changes_when_a_budget_changes(plan):
    before = content_hash(plan_snapshot(plan))
    budget = plan.budgets.get(source=BudgetSource.NATIONAL)
    budget.amount_eok = Decimal("93.51")
    budget.save()

    assert content_hash(plan_snapshot(plan)) != before


def test_the_hash_is_sha256_of_canonical_json():
    assert (
        content_hash({"b": [1, "부산"], "a": None})
        == hashlib.sha256('{"a":null,"b":[1,"부산"]}'.encode()).hexdigest()
    )


def test_the_first_version_is_number_one_and_an_amendment_needs_a_reason(plan, staff):
    first = version_create(
        plan=plan, actor=staff, meeting="제3차 지방시대위원회", resolved_on=date(2025, 4, 4)
    )
    assert (first.number, first.content, first.content_hash) == (
        1,
        plan_snapshot(plan),
        content_hash(plan_snapshot(plan)),
    )

    with pytest.raises(InvalidInput, match="변경 사유"):
        version_create(plan=plan, actor=staff, meeting="제4차", resolved_on=date(2025, 6, 1))

    second = version_create(
        plan=plan, actor=staff, meeting="제4차", resolved_on=date(2025, 6, 1), reason="사업 추가"
    )
    assert (second.number, second.reason) == (2, "사업 추가")
    first.refresh_from_db()
    assert first.content_hash == content_hash(first.content)
