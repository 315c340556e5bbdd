"""The report's data: only a closed round, every figure with its source, the same data the same
hash."""

from decimal import Decimal

import pytest

from dream.reports.selectors import (
    COMPUTED,
    ENTERED,
    JUDGED,
    PRINTED,
    NoClosedRound,
    data_hash,
    report_data,
)

from .conftest import BUDGET_LINE, GOAL


def _figures(node):
    if isinstance(node, dict):
        if "value" in node and "ref" in node:
            yield node
            return
        for value in node.values():
            yield from _figures(value)
    elif isinstance(node, list):
        for value in node:
            yield from _figures(value)


def test_every_figure_carries_a_source(report_world):
    data = report_data(2024)
    figures = list(_figures(data))
    assert len(figures) > 15
    assert {f["ref"]["mark"] for f in figures} == {PRINTED, ENTERED, COMPUTED, JUDGED}
    for found in figures:
        assert found["ref"]["text"], found
        if found["ref"]["mark"] == PRINTED:
            assert "원문" in found["ref"]["text"]


def test_printed_figures_link_their_line_and_computed_ones_name_their_rule(report_world):
    data = report_data(2024)
    assert data["plans"][0]["goal"]["value"] == GOAL
    cell = data["fiscal"]["rows"][0]
    assert cell["amount"]["value"] == "200억원"  # as printed, never "200.00"
    assert f"/{BUDGET_LINE + 1}" in cell["amount"]["ref"]["href"]
    national = data["fiscal"]["national"][0]
    assert national["amount"]["ref"]["mark"] == COMPUTED
    execution = next(r for r in data["execution"]["rows"] if r["anchor"] == "Ⅰ 지방분권")
    total = next(r for r in data["execution"]["rows"] if r["anchor"] == "시행계획 전체")
    assert total["spent"]["value"] == "실적 없음"
    assert total["rate"]["value"] == "계산 불가"
    assert execution["spent"]["ref"]["mark"] == ENTERED
    assert "2024회계연도 세출결산서" in execution["spent"]["ref"]["text"]
    assert execution["rate"]["value"] == "85.6%"
    assert "집행률" in execution["rate"]["ref"]["text"]


def test_grades_show_computed_and_checked_band_and_feedback(report_world):
    data = report_data(2024)
    row = data["grades"]["rows"][0]
    assert (row["computed_band"]["value"], row["final_band"]["value"]) == ("보통", "우수")
    assert row["score"]["value"] == "78.3점"
    assert "한 등급 올림" in row["final_band"]["ref"]["text"]
    assert [(b["band"], b["count"]["value"]) for b in data["grades"]["national"]] == [
        ("우수", "1개"), ("보통", "0개"), ("미흡", "0개"),
    ]  # fmt: skip
    assert data["feedback"][0]["description"] == "우수사업 인센티브"


def test_unset_rules_are_labelled_not_fixed_by_the_plan(report_world):
    bases = {rule["label"]: rule["basis"] for rule in report_data(2024)["rules"]}
    assert bases["점수 척도"] == "계획이 정하지 않음"
    assert bases["평가 단위: 초광역권"] == "원문"


def test_same_data_same_hash_and_a_change_changes_it(report_world):
    first = data_hash(report_data(2024))
    assert data_hash(report_data(2024)) == first
    report_world.indicator.target_text = "1,700"
    report_world.indicator.save()
    assert data_hash(report_data(2024)) != first


def test_a_round_not_closed_gives_no_report(open_round):
    with pytest.raises(NoClosedRound, match="종료되지 않아"):
        report_data(2024)


def test_a_year_without_round_gives_no_report(db):
    with pytest.raises(NoClosedRound, match="2023년 평가 회차가 없어"):
        report_data(2023)


def test_national_money_is_the_national_plans_print_beside_the_bodies_sum_never_both_added(
    report_world, orgs
):
    from dream.plans.choices import BudgetSource, PlanLevel
    from dream.plans.models import Budget, Plan

    national = Plan.objects.create(year=2024, level=PlanLevel.NATIONAL, owner=orgs["위원회"])
    Budget.objects.create(
        plan=national, year=2024, source=BudgetSource.NATIONAL, amount_eok=Decimal("24600"),
        printed="2.46조원", source_line=120,
    )  # fmt: skip
    row = next(r for r in report_data(2024)["fiscal"]["national"] if r["source"] == "국비")
    assert row["printed"]["value"] == "2.46조원"
    assert row["printed"]["ref"]["mark"] == "원문"
    # 부산's printed plan total (200), not 200 + 24,600, nor the strategy's 93.5 again
    assert row["amount"]["value"] == "200억원"
    assert row["amount"]["ref"]["mark"] == COMPUTED
    assert all(r["body"] != "위원회" for r in report_data(2024)["fiscal"]["rows"])
