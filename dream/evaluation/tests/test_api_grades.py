"""Round phases and grades through the API: advance, self-grade, check, correct; 409 for a
stale `seen_phase` / `seen_band`; grades public after close."""

import pytest

from dream.evaluation.models import GradeCheck
from dream.evaluation.tests.grading_setup import checking, planned

pytestmark = pytest.mark.django_db
JSON = "application/json"
REASON = "추진실적 자료를 다시 확인한 결과 한 등급 조정이 타당함"


def test_advance_and_a_stale_phase(api, token_for, orgs, staff):
    planned(orgs, staff)
    url = "/api/v1/evaluations/2024/advance"
    body = {"to": "evaluating", "seen_phase": "planning"}
    response = api.post(url, body, content_type=JSON, **token_for(staff))
    assert response.status_code == 200, response.content
    assert response.json()["phase"] == "evaluating" and response.json()["frozen_at"]
    response = api.post(url, body, content_type=JSON, **token_for(staff))
    assert response.status_code == 409 and "다른 담당자가 먼저" in response.json()["detail"]
    assert api.post(url, body, content_type=JSON).status_code == 401


def test_grades_check_self_grade_and_publication(api, token_for, orgs, staff, personas):
    graded = checking(orgs, staff)
    url = "/api/v1/evaluations/2024/grades"
    assert api.get(url).json()["grades"] == []
    mine = api.get(url, **token_for(personas("busan_viewer"))).json()["grades"]
    assert [g["organization"] for g in mine] == ["부산"] and mine[0]["raw"] is None

    self_url = f"/api/v1/grades/{graded.busan.pk}/self-grade"
    editor = token_for(personas("busan_editor"))
    response = api.post(self_url, {"band": "우수", "reason": REASON}, content_type=JSON, **editor)
    assert response.status_code == 200 and response.json()["self_band"] == "우수"
    response = api.post(self_url, {"band": "최우수", "reason": REASON}, content_type=JSON, **editor)
    assert response.status_code == 422

    as_staff = token_for(staff)
    check = f"/api/v1/grades/{graded.busan.pk}/check"
    response = api.post(check, {"band": "보통", "reason": ""}, content_type=JSON, **as_staff)
    assert response.status_code == 422
    response = api.post(check, {"band": "보통", "reason": REASON}, content_type=JSON, **as_staff)
    assert response.status_code == 200 and response.json()["final_band"] == "보통"
    response = api.post(
        check, {"band": "우수", "reason": REASON, "seen_band": None}, content_type=JSON,
        **token_for(personas("superuser")),
    )  # fmt: skip
    assert response.status_code == 409
    seoul = f"/api/v1/grades/{graded.seoul.pk}/check"
    assert api.post(seoul, {"band": "보통"}, content_type=JSON, **as_staff).status_code == 200
    response = api.post(
        "/api/v1/evaluations/2024/advance", {"to": "feedback", "seen_phase": "checking"},
        content_type=JSON, **as_staff,
    )  # fmt: skip
    assert response.status_code == 200, response.content
    public = api.get(url).json()["grades"]
    assert {g["organization"] for g in public} == {"부산", "서울"}
    busan = next(g for g in public if g["organization"] == "부산")
    assert busan["rolled"] == "90.0" and busan["changed"] and len(busan["checks"]) == 1

    correct = f"/api/v1/grades/{graded.busan.pk}/correct"
    response = api.post(correct, {"band": "우수", "reason": REASON}, content_type=JSON, **as_staff)
    assert response.status_code == 200 and response.json()["final_band"] == "우수"
    assert GradeCheck.objects.filter(is_correction=True).count() == 1
    assert (
        api.post(
            f"/api/v1/grades/{graded.busan.pk}/nope",
            {"band": "우수"},
            content_type=JSON,
            **as_staff,
        ).status_code
        == 404
    )
