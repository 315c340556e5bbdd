"""The digital plan is searched too: its goals, its 42 schedule tasks and the digital
innovation districts, each linking to the place it is shown (issue 8, item 9)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.digital.models import DigitalGoal, DigitalTask
from dream.search.models import SearchEntry
from dream.search.selectors import search

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")


def entries(kind):
    return SearchEntry.objects.filter(kind=kind)


def test_the_import_indexes_every_task_and_goal_of_the_digital_plan(db):
    tasks = entries("digital_task")
    assert set(tasks.values_list("object_id", flat=True)) == set(
        DigitalTask.objects.values_list("pk", flat=True)
    )
    assert tasks.count() == 42
    assert set(entries("digital_goal").values_list("object_id", flat=True)) == set(
        DigitalGoal.objects.values_list("pk", flat=True)
    )
    assert not entries("digital_task").filter(plan__isnull=False).exists()


def test_digital_innovation_districts_finds_the_digital_tasks_and_goal(db):
    titles = {hit.title for hit in search(query="디지털 혁신지구").hits if hit.level == "digital"}
    assert "(1단계) 디지털 혁신지구 시범지역 조성 추진" in titles
    assert "(2단계) 권역별 디지털 혁신지구 조성" in titles
    assert "국가 디지털 혁신지구(디지털 기업 1,000개 이상 집적) 조성" in titles
    assert titles == {h.title for h in search(query="디지털혁신지구").hits if h.level == "digital"}


def test_informatisation_finds_the_digital_goal(db):
    hits = [hit for hit in search(query="정보화").hits if hit.level == "digital"]
    assert [(hit.kind, hit.url) for hit in hits] == [
        ("digital_goal", "/digital/goals/digital-inclusion-level/")
    ]
    assert hits[0].source == "「지방 디지털 경쟁력 강화방안」"


def test_the_digital_plan_is_a_level_of_its_own(db):
    results = search(query="디지털")
    digital = {f.value: f for f in results.levels}["digital"]
    assert digital.label == "지방 디지털 경쟁력 강화방안"
    narrowed = search(query="디지털", level="digital", limit=1000)
    assert narrowed.total == digital.count == len(narrowed.hits) > 10
    assert {hit.level for hit in narrowed.hits} == {"digital"}
    assert None not in {f.value for f in results.owners}
    assert search(query="디지털", level="digital", owner="부산").total == 0


def test_a_registered_district_is_found_and_links_to_its_page(client, db, register_district):
    district = register_district("경기", name="판교 디지털 혁신지구")
    hits = [hit for hit in search(query="판교").hits if hit.kind == "district"]
    assert [(hit.title, hit.url) for hit in hits] == [
        ("판교 디지털 혁신지구", f"/digital/districts/{district.pk}/")
    ]
    assert hits[0].kind_label == "디지털 혁신지구"
    assert "경기" in hits[0].context
    assert client.get(hits[0].url).status_code == 200


def test_the_rebuild_command_rebuilds_the_digital_entries_too(db):
    SearchEntry.objects.filter(kind__in=["digital_task", "digital_goal"]).delete()
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    ministries = Organization.objects.filter(kind=OrganizationKind.MINISTRY).count()
    assert f"디지털 경쟁력 강화방안·혁신지구·부처 검색 항목 {51 + ministries}개" in out.getvalue()
    assert entries("digital_task").count() == 42
    assert search(query="정보화", level="digital").total == 1


def test_the_search_page_shows_where_a_digital_hit_is_read(client, db):
    html = client.get(reverse("search:search"), {"q": "디지털 혁신지구"}).content.decode()
    assert "「지방 디지털 경쟁력 강화방안」" in html
    assert 'href="/digital/#digital-task-' in html
