"""Proposals from shared words, and the Committee's decisions on them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dream.core.fingerprint import database_fingerprint
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import (
    link_proposals_refresh,
    task_link_confirm,
    task_link_create,
    task_link_reject,
    task_link_reopen,
    task_link_transition,
    task_links_decide,
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
    task_link_reject(actor=staff, link=link)  # a confirmed link may be rejected after all
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.REJECTED
    task_link_reopen(actor=staff, link=link, note="다시 볼 것")
    with pytest.raises(ValidationError, match="이미 검토 대기인 연계입니다"):
        task_link_transition(actor=staff, link=link, status=LinkStatus.PROPOSED, note="또")


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


def test_a_confirmed_link_is_withdrawn_to_review_with_a_reason_and_its_history_kept(
    digital, plans, staff
):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]
    task_link_confirm(actor=staff, link=link, note="같은 사업")

    task_link_reopen(
        actor=staff, link=link, note="부산 사업은 특구 지정이라 다름", seen_status="confirmed"
    )

    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED and link.note == "부산 사업은 특구 지정이라 다름"
    steps = [(r.status, r.history_change_reason) for r in link.history.order_by("history_date")]
    assert steps == [
        (LinkStatus.PROPOSED, "제안 갱신"),
        (LinkStatus.CONFIRMED, "같은 사업"),
        (LinkStatus.PROPOSED, "부산 사업은 특구 지정이라 다름"),
    ]
    assert link.history.first().history_user == staff


def test_a_rejected_link_is_restored_to_review_and_a_refresh_keeps_it(digital, plans, staff):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])[plans["item"].name]
    task_link_reject(actor=staff, link=link)
    # the matcher would no longer find the pair (its words changed since)
    TaskLink.objects.filter(pk=link.pk).update(shared_words="")
    link.task.name = "전문인력 양성"
    link.task.save()

    task_link_reopen(actor=staff, link=link, note="기각이 성급했음")
    result = link_proposals_refresh(year=2024)

    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED
    assert result.removed == 0


def test_withdrawing_needs_a_reason_and_a_page_that_showed_the_decision(digital, plans, staff):
    link_proposals_refresh(year=2024)
    link = proposed(digital["tasks"][0])["블록체인 특화 클러스터 조성"]
    task_link_confirm(actor=staff, link=link)

    with pytest.raises(ValidationError, match="까닭을 메모에 적어 주세요"):
        task_link_reopen(actor=staff, link=link, note="  ")
    with pytest.raises(ValidationError, match="다른 담당자가 먼저 이 연계를 확정했습니다"):
        task_link_reopen(actor=staff, link=link, note="잘못", seen_status="rejected")
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED


def test_several_proposals_are_confirmed_at_once_each_with_its_history(digital, plans, staff):
    link_proposals_refresh(year=2024)
    ids = list(TaskLink.objects.values_list("pk", flat=True))

    result = task_links_decide(
        actor=staff, link_ids=ids, status="confirmed", note="일괄 확인", seen_status="proposed"
    )

    assert str(result) == f"제안 {len(ids)}건을 확정했습니다."
    for link in TaskLink.objects.all():
        assert link.status == LinkStatus.CONFIRMED and link.decided_by == staff
        last = link.history.first()
        assert (last.history_user, last.history_change_reason) == (staff, "일괄 확인")


def test_a_batch_with_one_link_decided_meanwhile_is_refused_whole(digital, plans, staff):
    link_proposals_refresh(year=2024)
    first, *others = TaskLink.objects.order_by("pk")
    task_link_reject(actor=staff, link=first)
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        task_links_decide(
            actor=staff,
            link_ids=[first.pk, *(link.pk for link in others)],
            status="confirmed",
            seen_status="proposed",
        )

    message = " ".join(refused.value.messages)
    assert "다른 담당자가 먼저 결정했습니다" in message and "아무것도 바꾸지 않았습니다" in message
    assert f"‘{first.task.name}’" in message
    assert database_fingerprint() == before


def test_a_batch_refuses_no_choice_a_vanished_link_and_a_withdrawal(digital, plans, staff):
    link_proposals_refresh(year=2024)
    link = TaskLink.objects.first()

    with pytest.raises(ValidationError, match="하나 이상 골라 주세요"):
        task_links_decide(actor=staff, link_ids=[], status="confirmed", seen_status="proposed")
    with pytest.raises(ValidationError, match="1건은 더 이상 없습니다"):
        task_links_decide(
            actor=staff, link_ids=[link.pk, 999999], status="rejected", seen_status="proposed"
        )
    with pytest.raises(ValidationError, match="확정하거나 기각할 수만"):
        task_links_decide(
            actor=staff, link_ids=[link.pk], status="proposed", seen_status="proposed"
        )
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED
