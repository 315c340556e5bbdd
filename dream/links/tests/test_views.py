"""The pages at HTTP level: what readers and reviewers see and send."""

import csv
import io

import pytest
from django.urls import reverse

from dream.core.fingerprint import database_fingerprint
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh, task_link_create

OVERVIEW = reverse("links:link_overview")
REVIEW = reverse("links:link_review")


@pytest.fixture
def proposals(digital, plans):
    link_proposals_refresh(year=2024)
    return TaskLink.objects.filter(status=LinkStatus.PROPOSED)


def test_the_overview_shows_confirmed_work_money_and_tasks_without_work(
    client, digital, plans, staff
):
    task_link_create(actor=staff, digital_task=digital["tasks"][0], task=plans["practical"])

    html = client.get(OVERVIEW).content.decode()

    assert "블록체인 기반 디지털 경쟁력 강화" in html and "300억원" in html
    assert "시행계획에 수행 과제가 없는 디지털 과제 (2개)" in html
    assert "전략 전체" in html  # the note on money is on the page


def test_the_overview_downloads_every_link_as_csv_with_korean_headers(client, proposals):
    response = client.get(OVERVIEW, {"_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["디지털 세부분야", "디지털 과제", "시행계획 수준"]
    assert len(rows) == 1 + proposals.count()
    assert "제안" in rows[1]


def test_a_reviewer_sees_proposals_with_shared_words_marked(client, staff, proposals):
    client.force_login(staff)

    html = client.get(REVIEW).content.decode()

    assert "<mark>블록체인</mark> 특화 클러스터 조성" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_review_list_filters_by_digital_task_and_by_area(client, staff, digital, proposals):
    client.force_login(staff)
    village = digital["tasks"][1]

    by_task = client.get(REVIEW, {"digital_task": village.pk}).context["proposals"]
    by_area = client.get(REVIEW, {"area": digital["area"].pk}).context["proposals"]

    assert {link.digital_task for link in by_task} == {village}
    assert len(by_area) == proposals.count()


def test_confirming_by_post_records_the_reviewer_and_returns_to_the_list(client, staff, proposals):
    client.force_login(staff)
    link = proposals.first()

    response = client.post(
        reverse("links:link_decide", args=[link.pk, "confirm"]), {"next": REVIEW + "?area="}
    )

    assert response.status_code == 302 and response["Location"] == REVIEW + "?area="
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED and link.decided_by == staff


def test_a_second_decision_the_table_forbids_is_reported_not_raised(client, staff, proposals):
    client.force_login(staff)
    link = proposals.first()
    url = reverse("links:link_decide", args=[link.pk, "confirm"])
    client.post(url)

    response = client.post(url, follow=True)

    assert "이미 확정된 연계입니다." in response.content.decode()


def test_the_decision_forms_send_the_status_the_reviewer_saw(client, staff, proposals):
    client.force_login(staff)

    html = client.get(REVIEW).content.decode()

    assert html.count('name="seen_status" value="proposed"') == 2 * proposals.count()


def test_a_decision_on_a_link_decided_meanwhile_is_reported_not_taken(
    client, staff, proposals
):
    client.force_login(staff)
    link = proposals.first()
    client.post(reverse("links:link_decide", args=[link.pk, "reject"]), {"seen_status": "proposed"})

    response = client.post(
        reverse("links:link_decide", args=[link.pk, "confirm"]),
        {"seen_status": "proposed"},
        follow=True,
    )

    assert "다른 담당자가 먼저 이 연계를 기각했습니다." in response.content.decode()
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.REJECTED


def test_a_decision_note_over_500_characters_is_refused_and_nothing_is_saved(
    client, staff, proposals
):
    client.force_login(staff)
    link = proposals.first()
    before = database_fingerprint()

    response = client.post(
        reverse("links:link_decide", args=[link.pk, "confirm"]),
        {"seen_status": "proposed", "note": "가" * 501},
        follow=True,
    )

    assert "메모는 500자까지 적을 수 있습니다." in response.content.decode()
    assert database_fingerprint() == before


def test_a_manual_link_note_over_500_characters_is_refused_and_nothing_is_saved(
    client, staff, digital, plans
):
    client.force_login(staff)
    before = database_fingerprint()

    response = client.post(
        reverse("links:link_create"),
        {"digital_task": digital["tasks"][2].pk, "task": plans["core"].pk, "note": "가" * 501},
        follow=True,
    )

    assert "메모는 500자까지 적을 수 있습니다." in response.content.decode()
    assert database_fingerprint() == before


def test_a_non_reviewer_cannot_post_a_decision(client, make_persona, proposals):
    client.force_login(make_persona("committee_viewer"))
    link = proposals.first()

    response = client.post(reverse("links:link_decide", args=[link.pk, "reject"]))

    assert response.status_code == 403
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_a_reviewer_finds_a_task_and_adds_a_manual_link(client, staff, digital, plans):
    client.force_login(staff)
    found = client.get(REVIEW, {"task_q": "수소"}).context["found_tasks"]
    assert found == [plans["detailed"]["수소 융합 클러스터 조성"]]

    client.post(
        reverse("links:link_create"),
        {"digital_task": digital["tasks"][2].pk, "task": found[0].pk, "note": "직접"},
    )

    link = TaskLink.objects.get(digital_task=digital["tasks"][2])
    assert link.manual and link.status == LinkStatus.CONFIRMED and link.note == "직접"


def test_the_pages_use_a_bounded_number_of_queries(
    client, staff, digital, plans, proposals, django_assert_max_num_queries
):
    for link in proposals[:3]:
        task_link_create(actor=staff, digital_task=link.digital_task, task=link.task)
    task_link_create(actor=staff, digital_task=digital["tasks"][2], task=plans["practical"])

    with django_assert_max_num_queries(12):
        assert client.get(OVERVIEW).status_code == 200
    client.force_login(staff)
    with django_assert_max_num_queries(16):
        assert client.get(REVIEW).status_code == 200
