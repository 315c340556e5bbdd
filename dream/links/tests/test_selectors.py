"""Planned work per digital task: owners, money, the state of each task, and the review
list's rows."""

from dream.links.models import TaskLink
from dream.links.selectors import by_state, coverage, pending_proposals, proposal_rows
from dream.links.services import link_proposals_refresh, task_link_create


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
    assert row.owner_names("sectoral") == ["과기정통부", "산업부"]
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


def test_each_task_is_linked_awaiting_review_or_none_found(digital, plans, staff):
    first, second, third = digital["tasks"]
    link_proposals_refresh(year=2024)
    task_link_create(actor=staff, digital_task=first, task=plans["core"])

    states = by_state(coverage(year=2024, plan=digital["plan"]))

    assert [row.digital_task for row in states["linked"].rows] == [first]
    assert [row.digital_task for row in states["pending"].rows] == [second]  # 스마트빌리지
    assert [row.digital_task for row in states["not_found"].rows] == [third]
    assert [group.label for group in states.values()] == ["연계 확인됨", "검토 대기", "찾지 못함"]
    next_year = by_state(coverage(year=2025, plan=digital["plan"]))
    assert len(next_year["not_found"].rows) == 3  # links of 2024 are not 2025's work


def test_one_core_task_proposed_for_several_provinces_is_one_row(digital, plans, orgs):
    core = plans["core"]
    daegu = core.plan.__class__.objects.create(year=2024, level="province", owner=orgs["대구"])
    daegu_core = core.__class__.objects.create(plan=daegu, kind="core", position=1, name=core.name)
    blockchain = digital["tasks"][0]
    for task in (core, daegu_core):
        TaskLink.objects.create(digital_task=blockchain, task=task, score="0.400")
    TaskLink.objects.create(digital_task=blockchain, task=plans["item"], score="0.500")

    rows = proposal_rows(pending_proposals(year=2024))

    assert [row.owners for row in rows] == [["부울경"], ["부산", "대구"]]
    assert rows[1].grouped and rows[1].ids == ",".join(str(link.pk) for link in rows[1].links)
