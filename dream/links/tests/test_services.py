"""Proposals from shared words, and the Committee's decisions on them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import (
    link_proposals_refresh,
    task_link_confirm,
    task_link_create,
    task_link_reject,
    task_link_transition,
)


def proposed(digital_task):
    return {
        link.task.name: link
        for link in TaskLink.objects.filter(digital_task=digital_task).select_related("task")
    }


def test_refresh_proposes_the_tasks_that_share_the_subject(digital, plans):
    result = link_proposals_refresh(year=2024)

    blockchain = proposed(digital["tasks"][0])
    assert "블록체인 특화 클러스터 조성" in blockchain
    assert "수소 융합 클러스터 조성" not in blockchain
    link = blockchain["블록체인 특화 클러스터 조성"]
    assert link.status == LinkStatus.PROPOSED and link.shared_words == "블록체인"
    assert 0 < link.score <= 1
    assert "스마트빌리지 보급 및 확산" in proposed(digital["tasks"][1])
    assert proposed(digital["tasks"][2]) == {}
    assert result.created == TaskLink.objects.count() > 0


def test_refresh_twice_changes_nothing(digital, plans):
    link_proposals_refresh(year=2024)
    before = list(TaskLink.objects.values_list("pk", "score", "shared_words"))
    history = TaskLink.history.count()

    result = link_proposals_refresh(year=2024)

    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert list(TaskLink.objects.values_list("pk", "score", "shared_words")) == before
    assert TaskLink.history.count() == history


def test_refresh_keeps_decisions_and_does_not_propose_a_rejected_pair_again(digital, plans, staff):
    link_proposals_refresh(year=2024)
    links = proposed(digital["tasks"][0])
    confirmed = task_link_confirm(actor=staff, link=links["블록체인 특화 클러스터 조성"])
    rejected = task_link_reject(actor=staff, link=links[plans["item"].name])

    result = link_proposals_refresh(year=2024)

    assert result.kept_decisions == 2 and result.created == 0
    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert confirmed.status == LinkStatus.CONFIRMED and rejected.status == LinkStatus.REJECTED


def test_refresh_updates_scores_and_removes_proposals_no_longer_found(digital, plans):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]
    TaskLink.objects.filter(pk=link.pk).update(score="0.100")
    stale = TaskLink.objects.create(
        digital_task=digital["tasks"][2], task=plans["core"], score="0.500"
    )

    result = link_proposals_refresh(year=2024)

    link.refresh_from_db()
    assert link.score > 0.3 and result.updated == 1
    assert not TaskLink.objects.filter(pk=stale.pk).exists() and result.removed == 1


def test_confirm_records_who_and_when_in_the_link_and_its_history(digital, plans, staff):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]

    task_link_confirm(actor=staff, link=link, note="부산 블록체인 특구와 같은 사업")

    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED
    assert link.decided_by == staff and link.decided_at is not None
    assert link.note == "부산 블록체인 특구와 같은 사업"
    last = link.history.first()
    assert last.history_user == staff and last.status == LinkStatus.CONFIRMED
    assert last.prev_record.status == LinkStatus.PROPOSED


def test_the_transition_table_is_enforced(digital, plans, staff):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]
    task_link_confirm(actor=staff, link=link)

    with pytest.raises(ValidationError, match="이미 확정된 연계입니다"):
        task_link_confirm(actor=staff, link=link)
    with pytest.raises(ValidationError, match="바꿀 수 없습니다"):
        task_link_transition(actor=staff, link=link, status=LinkStatus.PROPOSED)
    task_link_reject(actor=staff, link=link)  # a confirmed link may be rejected after all
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.REJECTED


def test_a_decision_taken_on_a_page_that_showed_an_older_status_is_refused(
    digital, plans, staff
):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]
    task_link_confirm(actor=staff, link=link, seen_status=LinkStatus.PROPOSED)

    with pytest.raises(ValidationError, match="다른 담당자가 먼저 이 연계를 확정했습니다"):
        task_link_reject(actor=staff, link=link, seen_status=LinkStatus.PROPOSED)
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED


def test_a_decision_note_over_500_characters_is_refused_and_nothing_is_saved(
    digital, plans, staff
):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]

    with pytest.raises(ValidationError, match="메모는 500자까지 적을 수 있습니다"):
        task_link_confirm(actor=staff, link=link, note="가" * 501)
    with pytest.raises(ValidationError, match="메모는 500자까지 적을 수 있습니다"):
        task_link_create(
            actor=staff, digital_task=digital["tasks"][2], task=plans["core"], note="가" * 501
        )
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED
    assert not TaskLink.objects.filter(digital_task=digital["tasks"][2]).exists()


def test_a_manual_link_is_confirmed_at_once(digital, plans, staff):
    link = task_link_create(actor=staff, digital_task=digital["tasks"][2], task=plans["core"])

    assert link.status == LinkStatus.CONFIRMED and link.manual
    assert link.decided_by == staff and link.history.first().history_user == staff
    with pytest.raises(ValidationError):
        task_link_create(actor=staff, digital_task=digital["tasks"][2], task=plans["core"])


def test_a_manual_link_to_a_proposed_pair_confirms_the_proposal(digital, plans, staff):
    link_proposals_refresh(year=2024)
    proposal = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]

    link = task_link_create(actor=staff, digital_task=digital["tasks"][0], task=proposal.task)

    assert link.pk == proposal.pk and link.status == LinkStatus.CONFIRMED


def test_nobody_but_committee_staff_decides(digital, plans, orgs):
    from dream.links.tests.conftest import person

    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]

    with pytest.raises(PermissionDenied):
        task_link_confirm(actor=person("b", orgs["부산"]), link=link)
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED
