"""Proposals on the real documents: the 2024 implementation plan and the digital plan."""

import time

import pytest

from dream.digital.models import DigitalTask
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh

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
