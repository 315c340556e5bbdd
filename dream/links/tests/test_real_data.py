"""Proposals on the real documents: the 2024 implementation plan and the digital plan."""

import time

import pytest
from django.urls import reverse

from dream.accounts.models import User
from dream.digital.models import DigitalTask
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh, task_link_confirm

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")


def proposals_for(name: str) -> dict[str, TaskLink]:
    digital_task = DigitalTask.objects.get(name=name)
    return {
        f"{link.task.plan.owner.short_name} {link.task.name}": link
        for link in TaskLink.objects.filter(digital_task=digital_task).select_related(
            "task__plan__owner", "task__parent"
        )
    }


def test_the_blockchain_cluster_is_proposed_to_busans_blockchain_cluster(db):
    link_proposals_refresh(year=2024)

    found = proposals_for("블록체인 클러스터 조성")
    link = found["부산 블록체인 특화 클러스터 조성"]
    assert link.status == LinkStatus.PROPOSED and "블록체인" in link.shared_word_list
    assert "인천 블록체인 허브도시 조성" in found
    assert not any("수소" in name for name in found)  # a shared "클러스터" alone is no reason


def test_a_digital_innovation_task_is_proposed_to_the_practical_tasks_under_iii_5(db):
    link_proposals_refresh(year=2024)

    found = proposals_for("지방 자율형 디지털 혁신프로젝트 추진")
    under_iii_5 = {
        link.task.name
        for link in found.values()
        if link.task.kind == "practical" and link.task.parent.code == "Ⅲ-5"
    }
    assert "지역 디지털 경쟁력 강화를 위한 기반 구축" in under_iii_5
    # the 16 provinces that print the core task "지역 디지털 혁신을 통한 균형발전 실현", all of them
    provinces = {
        link.task.plan.owner.short_name
        for link in found.values()
        if link.task.kind == "core" and link.task.name == "지역 디지털 혁신을 통한 균형발전 실현"
    }
    assert len(provinces) == 16


def test_refresh_is_fast_and_idempotent_on_the_real_plans(db):
    started = time.perf_counter()
    first = link_proposals_refresh(year=2024)
    elapsed = time.perf_counter() - started
    second = link_proposals_refresh(year=2024)

    assert first.created == TaskLink.objects.count() > 100
    assert (second.created, second.updated, second.removed) == (0, 0, 0)
    assert elapsed < 5


def test_innovation_districts_are_not_proposed_to_other_kinds_of_innovation_district(db):
    link_proposals_refresh(year=2024)

    for name in [
        "(1단계) 디지털 혁신지구 시범지역 조성 추진",
        "(2단계) 권역별 디지털 혁신지구 조성",
    ]:
        found = proposals_for(name)
        assert "경기 도시재생 혁신지구 활용" not in found
        assert "전북 직업교육 혁신지구" not in found
    assert not any(
        "보급" == link.shared_words for link in proposals_for("K-헬스 구축·보급").values()
    )


def states(client) -> dict[str, int]:
    response = client.get(reverse("links:link_overview"))
    return {state: len(group.rows) for state, group in response.context["states"].items()}


def test_before_review_tasks_with_proposals_await_review_rather_than_lack_work(client, db):
    link_proposals_refresh(year=2024)

    response = client.get(reverse("links:link_overview"))

    html = response.content.decode()
    assert states(client) == {"linked": 0, "pending": 20, "not_found": 22}
    assert "검토 대기: 제안은 있으나 확정된 연계가 없는 디지털 과제 (20개)" in html
    assert "찾지 못함: 확정된 연계도 제안도 없는 디지털 과제 (22개)" in html
    assert "계획된 사업 없음" not in html and "수행 과제가 없는" not in html


def test_confirming_a_link_moves_its_task_from_awaiting_review_to_linked(client, db):
    link_proposals_refresh(year=2024)
    blockchain = DigitalTask.objects.get(name="블록체인 클러스터 조성")
    link = proposals_for(blockchain.name)["부산 블록체인 특화 클러스터 조성"]

    task_link_confirm(actor=User.objects.create_superuser("staff"), link=link)

    assert states(client) == {"linked": 1, "pending": 19, "not_found": 22}
    html = client.get(reverse("links:link_overview")).content.decode()
    assert "검토 대기: 제안은 있으나 확정된 연계가 없는 디지털 과제 (19개)" in html


def test_one_core_task_proposed_for_sixteen_provinces_is_one_row_of_the_review_list(client, db):
    link_proposals_refresh(year=2024)
    client.force_login(User.objects.create_superuser("staff"))
    digital_task = DigitalTask.objects.get(name="지방 자율형 디지털 혁신프로젝트 추진")

    response = client.get(reverse("links:link_review"), {"digital_task": digital_task.pk})

    rows = [
        row
        for row in response.context["proposal_rows"]
        if row.first.task.name == "지역 디지털 혁신을 통한 균형발전 실현"
        and row.first.task.plan.level == "province"
    ]
    assert len(rows) == 1 and len(rows[0].owners) == 16
    html = response.content.decode()
    assert "16개 시·도: " in html and html.count("균형발전 실현") < 16
