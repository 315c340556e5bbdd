"""Planned work per digital task: owners, money, and the tasks with none."""

from dream.links.selectors import coverage, digital_tasks_without_work
from dream.links.services import task_link_create


def test_coverage_groups_confirmed_work_by_owner_with_its_money(digital, plans, staff):
    blockchain = digital["tasks"][0]
    for task in [
        plans["detailed"]["블록체인 특화 클러스터 조성"],
        plans["item"],
        plans["practical"],
    ]:
        task_link_create(actor=staff, digital_task=blockchain, task=task)

    row = next(r for r in coverage(year=2024) if r.digital_task == blockchain)

    assert row.owner_names("province") == ["부산"]
    assert row.owner_names("super_region") == ["부울경"]
    # the practical task has no ministries of its own: those of its core task are used
    assert row.owner_names("sectoral") == ["과기부", "산업부"]
    busan = row.groups["province"][0].works[0]
    assert busan.national_budget_eok is None  # provinces print no money per task …
    assert busan.strategy.code == "Ⅲ" and busan.strategy_total_eok == 1000  # … only per strategy
    ministries = row.groups["sectoral"]
    assert [g.national_budget_eok for g in ministries] == [300, 300]
    assert row.national_budget_eok == 300  # the shared practical task counts once


def test_coverage_counts_pending_proposals_but_not_as_work(digital, plans):
    from dream.links.services import link_proposals_refresh

    link_proposals_refresh(year=2024)

    row = next(r for r in coverage(year=2024) if r.digital_task == digital["tasks"][0])
    assert row.pending >= 1 and row.groups == {} and row.national_budget_eok is None


def test_tasks_without_confirmed_work_are_listed(digital, plans, staff):
    first, second, third = digital["tasks"]
    task_link_create(actor=staff, digital_task=first, task=plans["core"])

    assert list(digital_tasks_without_work(digital["plan"])) == [second, third]
    assert list(digital_tasks_without_work(digital["plan"], year=2025)) == [first, second, third]
