"""The plan and review forms on the district page: the province drafts and submits, the
Committee records the review; drafts stay off the public page."""

import pytest
from django.urls import reverse

from dream.districts.models import DevelopmentPlan, PlanReview

pytestmark = pytest.mark.django_db


def _plan_post(**overrides):
    return {
        "title": "센텀 디지털 혁신지구 발전계획",
        "start_year": 2025,
        "end_year": 2034,
    } | overrides


def test_a_province_editor_drafts_and_submits_and_staff_review(client, personas, make_district):
    district = make_district("부산")
    client.force_login(personas("busan_editor"))

    response = client.post(reverse("districts:plan_draft", args=[district.pk]), _plan_post())
    assert response.status_code == 302
    plan = DevelopmentPlan.objects.get()
    assert "작성 중(공개되지 않음)" in client.get(district.get_absolute_url()).content.decode()
    client.logout()
    assert (
        "센텀 디지털 혁신지구 발전계획"
        not in client.get(district.get_absolute_url()).content.decode()
    )

    client.force_login(personas("busan_editor"))
    submit = reverse("districts:plan_submit", args=[district.pk, plan.pk])
    assert client.post(submit, {"submitted_on": "2025-01-10"}).status_code == 302
    client.force_login(personas("committee_editor"))
    review = reverse("districts:plan_review", args=[district.pk, plan.pk])
    response = client.post(
        review,
        {
            "reviewed_on": "2025-02-01",
            "outcome": "supplement",
            "reviewer_body": "과학기술정보통신부",
            "decision": "보완 요청",
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(district.get_absolute_url()).content.decode()
    assert "적합성 검토: <strong>보완</strong>" in page and "(2025년~2034년, 10년)" in page


def test_a_short_plan_is_refused_on_the_form_in_korean(client, personas, make_district):
    district = make_district("부산")
    client.force_login(personas("busan_editor"))

    response = client.post(
        reverse("districts:plan_draft", args=[district.pk]), _plan_post(end_year=2030)
    )

    assert response.status_code == 200
    assert "10년 이상 단위로 수립합니다" in response.content.decode()
    assert not DevelopmentPlan.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 302), ("busan_editor", 403)])
def test_only_staff_record_a_review(client, personas, make_district, staff, persona, status):
    district = make_district("부산")
    client.force_login(staff)
    client.post(reverse("districts:plan_draft", args=[district.pk]), _plan_post())
    plan = DevelopmentPlan.objects.get()
    client.post(
        reverse("districts:plan_submit", args=[district.pk, plan.pk]),
        {"submitted_on": "2025-01-10"},
    )
    client.logout()
    if persona != "anonymous":
        client.force_login(personas(persona))

    response = client.post(
        reverse("districts:plan_review", args=[district.pk, plan.pk]),
        {
            "reviewed_on": "2025-02-01",
            "outcome": "suitable",
            "reviewer_body": "과기정통부",
            "decision": "적합",
        },
    )

    assert response.status_code == status
    assert not PlanReview.objects.exists()


def test_a_plan_of_another_district_is_not_found(client, personas, make_district, staff):
    busan, daegu = make_district("부산"), make_district("대구")
    client.force_login(staff)
    client.post(reverse("districts:plan_draft", args=[busan.pk]), _plan_post())
    plan = DevelopmentPlan.objects.get()

    response = client.post(
        reverse("districts:plan_submit", args=[daegu.pk, plan.pk]), {"submitted_on": "2025-01-10"}
    )

    assert response.status_code == 404
