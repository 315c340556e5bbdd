"""The grades page and the advance button: forms by persona, refusals as messages or the 403
page, never a 500; anonymous visitors see a "공개 전" notice until close."""

import pytest
from django.urls import reverse

from dream.evaluation.choices import RoundPhase
from dream.evaluation.models import GradeCheck, RoundEvent
from dream.evaluation.tests.grading_setup import checking, closed, planned

pytestmark = pytest.mark.django_db
REASON = "추진실적 자료를 다시 확인한 결과 한 등급 조정이 타당함"


def test_staff_advance_from_the_round_page(client, orgs, staff):
    graded = planned(orgs, staff)
    client.force_login(staff)
    page = client.get(reverse("evaluation:round_detail", args=[2024]))
    assert "'추진실적 평가' 단계로 넘기기" in page.content.decode()
    url = reverse("evaluation:advance", args=[2024])
    response = client.post(url, {"to": "evaluating", "seen_phase": "planning"})
    assert response.status_code == 302
    graded.round.refresh_from_db()
    assert graded.round.phase == RoundPhase.EVALUATING
    # the same form again (a second tab): told, not moved twice
    response = client.post(url, {"to": "evaluating", "seen_phase": "planning"}, follow=True)
    assert "다른 담당자가 먼저" in response.content.decode()
    assert RoundEvent.objects.filter(to_phase="evaluating").count() == 1


def test_a_body_editor_cannot_advance(client, orgs, staff, personas):
    planned(orgs, staff)
    client.force_login(personas("busan_editor"))
    response = client.post(
        reverse("evaluation:advance", args=[2024]), {"to": "evaluating", "seen_phase": "planning"}
    )
    assert response.status_code == 403
    assert not RoundEvent.objects.exists()


def test_grades_page_before_and_after_close(client, orgs, staff, personas):
    graded = checking(orgs, staff)
    url = reverse("evaluation:grades", args=[2024])
    anonymous = client.get(url)
    text = anonymous.content.decode()
    assert (
        anonymous.status_code == 200
        and "공개 전" in text
        and "서울" not in text.split("<tbody>")[1]
    )

    client.force_login(personas("busan_editor"))
    text = client.get(url).content.decode()
    body = text.split("<tbody>")[1]
    assert "부산" in body and "서울" not in body
    assert "자체평가 적기" in text and "점검 저장" not in text
    response = client.post(
        reverse("evaluation:grade_action", args=[2024, "self-grade"]),
        {"grade": graded.busan.pk, "band": graded.band("보통").pk, "reason": REASON},
    )
    assert response.status_code == 302
    graded.refresh()
    assert graded.busan.self_band.label == "보통"

    client.force_login(staff)
    text = client.get(url).content.decode()
    assert "점검 저장" in text and "90.0점" in text and "적용 규칙" in text
    for grade in (graded.busan, graded.seoul):
        response = client.post(
            reverse("evaluation:grade_action", args=[2024, "check"]),
            {"grade": grade.pk, "band": grade.computed_band.pk, "reason": "", "seen_band": ""},
        )
        assert response.status_code == 302
    assert GradeCheck.objects.count() == 2
    client.post(
        reverse("evaluation:advance", args=[2024]), {"to": "feedback", "seen_phase": "checking"}
    )
    client.logout()
    text = client.get(url).content.decode()
    body = text.split("<tbody>")[1]
    assert "부산" in body and "서울" in body and "90.0점" in body and "공개 전" not in text


def test_a_stale_check_form_is_told(client, orgs, staff, personas):
    graded = checking(orgs, staff)
    check = reverse("evaluation:grade_action", args=[2024, "check"])
    client.force_login(staff)
    client.post(check, {"grade": graded.busan.pk, "band": graded.band("보통").pk, "reason": REASON})
    client.force_login(personas("superuser"))
    response = client.post(
        check, {"grade": graded.busan.pk, "band": graded.band("우수").pk, "reason": REASON},
        follow=True,
    )  # fmt: skip
    assert "다른 담당자가 먼저" in response.content.decode()
    assert GradeCheck.objects.count() == 1


def test_correct_after_close_from_the_page(client, orgs, staff):
    graded = closed(orgs, staff)
    client.force_login(staff)
    assert "종료 후 정정" in client.get(reverse("evaluation:grades", args=[2024])).content.decode()
    response = client.post(
        reverse("evaluation:grade_action", args=[2024, "correct"]),
        {"grade": graded.busan.pk, "band": graded.band("보통").pk, "reason": REASON},
    )
    assert response.status_code == 302
    assert GradeCheck.objects.filter(is_correction=True).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"grade": "x", "band": "1"},
        {"grade": "999999", "band": "999999"},
        {"grade": "1", "band": "\x00"},
        {},
    ],
)
def test_hostile_posts_never_500(client, orgs, staff, data):
    checking(orgs, staff)
    client.force_login(staff)
    for action in ("self-grade", "check", "correct", "nope"):
        response = client.post(reverse("evaluation:grade_action", args=[2024, action]), data)
        assert response.status_code in (302, 404)
    response = client.post(reverse("evaluation:advance", args=[2024]), {"to": "\x00"})
    assert response.status_code == 302
