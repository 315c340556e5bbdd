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


def test_the_overview_shows_confirmed_work_money_and_tasks_by_state(
    client, digital, plans, staff
):
    task_link_create(actor=staff, digital_task=digital["tasks"][0], task=plans["practical"])

    html = client.get(OVERVIEW).content.decode()

    assert "블록체인 기반 디지털 경쟁력 강화" in html and "300억원" in html
    assert "찾지 못함: 확정된 연계도 제안도 없는 디지털 과제 (2개)" in html
    assert "검토 대기: 제안은 있으나 확정된 연계가 없는 디지털 과제 (0개)" in html
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


def test_the_task_search_names_the_query_with_its_particle(client, staff, digital, plans):
    client.force_login(staff)

    found = client.get(REVIEW, {"task_q": "수소"}).content.decode()
    none = client.get(REVIEW, {"task_q": "없는말"}).content.decode()

    assert "‘수소’가 들어간 시행계획 과제" in found
    assert "‘없는말’이 들어간 시행계획 과제가 없습니다." in none


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


def test_several_proposals_are_decided_in_one_request_with_one_reason(client, staff, proposals):
    client.force_login(staff)
    ids = [str(pk) for pk in proposals.values_list("pk", flat=True)]

    response = client.post(
        reverse("links:link_bulk_decide"),
        {"links": ids, "decision": "rejected", "note": "낱말만 같음", "next": REVIEW},
        follow=True,
    )

    assert f"제안 {len(ids)}건을 기각했습니다." in response.content.decode()
    assert set(TaskLink.objects.values_list("status", "note")) == {("rejected", "낱말만 같음")}


def test_a_batch_with_a_link_decided_meanwhile_is_refused_with_a_message(
    client, staff, proposals
):
    client.force_login(staff)
    ids = [str(pk) for pk in proposals.values_list("pk", flat=True)]
    client.post(reverse("links:link_decide", args=[ids[0], "confirm"]))
    before = database_fingerprint()

    response = client.post(
        reverse("links:link_bulk_decide"), {"links": ids, "decision": "rejected"}, follow=True
    )

    html = response.content.decode()
    assert "1건(" in html and "다른 담당자가 먼저 결정했습니다" in html
    assert "아무것도 바꾸지 않았습니다" in html
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "confirmed"}, "결정할 제안을 하나 이상 골라 주세요."),
        ({"links": ["1,x"], "decision": "confirmed"}, "고른 제안을 읽을 수 없습니다."),
        ({"links": ["1"], "decision": "proposed"}, "확정할지 기각할지 골라 주세요."),
    ],
)
def test_a_malformed_batch_is_refused_in_korean(client, staff, proposals, data, message):
    client.force_login(staff)
    before = database_fingerprint()

    response = client.post(reverse("links:link_bulk_decide"), data, follow=True)

    assert response.status_code == 200 and message in response.content.decode()
    assert database_fingerprint() == before


def test_the_review_list_has_a_checkbox_per_row_for_the_batch(client, staff, proposals):
    client.force_login(staff)

    html = client.get(REVIEW).content.decode()

    assert html.count('form="bulk" name="links"') == proposals.count()
    assert 'action="/digital/links/review/bulk/"' in html


def test_a_link_page_shows_its_history_and_withdraws_with_a_reason(client, staff, proposals):
    client.force_login(staff)
    link = proposals.first()
    client.post(reverse("links:link_decide", args=[link.pk, "confirm"]), {"note": "같은 사업"})
    page = reverse("links:link_detail", args=[link.pk])

    html = client.get(page).content.decode()
    assert "같은 사업" in html and "staff" in html and "제안 갱신" in html
    assert "검토 대기로 되돌리기" in html

    response = client.post(
        reverse("links:link_decide", args=[link.pk, "reopen"]),
        {"note": "다른 사업으로 확인", "seen_status": "confirmed", "next": page},
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page
    assert "연계를 검토 대기로 되돌렸습니다." in html and "다른 사업으로 확인" in html
    assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED
    assert link.history.count() == 3


def test_withdrawing_without_a_reason_is_refused(client, staff, proposals):
    client.force_login(staff)
    link = proposals.first()
    client.post(reverse("links:link_decide", args=[link.pk, "confirm"]))
    before = database_fingerprint()

    response = client.post(
        reverse("links:link_decide", args=[link.pk, "reopen"]),
        {"seen_status": "confirmed"},
        follow=True,
    )

    assert "까닭을 메모에 적어 주세요" in response.content.decode()
    assert database_fingerprint() == before


def test_decided_links_are_listed_on_the_review_page_for_withdrawal(client, staff, proposals):
    client.force_login(staff)
    link = proposals.first()
    client.post(reverse("links:link_decide", args=[link.pk, "reject"]))

    html = client.get(REVIEW).content.decode()

    assert "기각된 연계 1건" in html
    assert reverse("links:link_detail", args=[link.pk]) in html
