"""Feedback actions and the 지특회계 import through the API: the list with its filters, a
refused link told as 422, the all-or-nothing import answered with every row's error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dream.evaluation import feedback
from dream.evaluation.choices import FeedbackKind
from dream.evaluation.models import SpecialAccountResult

from .feedback_setup import graded_busan


@pytest.fixture
def action(busan_2024, staff):
    grade = graded_busan(busan_2024, staff)
    return feedback.feedback_action_raise(
        actor=staff, grade=grade, kind=FeedbackKind.INCENTIVE, organization=grade.unit.organization,
        due_step="feedback_phase", description="우수 과제 인센티브",
    )  # fmt: skip


def test_list_filters_by_year_body_and_state(api, token_for, action, personas, staff):
    headers = token_for(personas("busan_viewer"))
    rows = api.get("/api/v1/feedback-actions?year=2024&org=부산&state=open", **headers).json()
    assert [(r["id"], r["state"], r["item"]) for r in rows] == [
        (action.pk, "open", "Ⅰ-1 자치분권 강화")
    ]
    assert api.get("/api/v1/feedback-actions?state=done", **headers).json() == []
    assert api.get("/api/v1/feedback-actions", **token_for(personas("seoul_editor"))).json() == []
    assert api.get("/api/v1/feedback-actions?org=없는곳", **headers).status_code == 404
    assert api.get("/api/v1/feedback-actions?state=bogus", **headers).status_code == 422


def test_steps_are_answered_with_the_action(api, token_for, action, personas):
    headers = token_for(personas("busan_editor"))
    url = f"/api/v1/feedback-actions/{action.pk}"
    link = api.post(f"{url}/link", {}, content_type="application/json", **headers)
    assert link.status_code == 422
    done = api.post(f"{url}/done", {"reason": "지급함"}, content_type="application/json", **headers)
    assert (done.status_code, done.json()["state"], done.json()["state_reason"]) == (
        200, "done", "지급함",
    )  # fmt: skip
    again = api.post(f"{url}/decline", {"reason": "x"}, content_type="application/json", **headers)
    assert again.status_code == 409
    assert (
        api.post(f"{url}/explode", {}, content_type="application/json", **headers).status_code
        == 404
    )


def test_raise_outside_checking_is_409(api, token_for, action, staff):
    action.round.phase = "evaluating"
    action.round.save()
    body = {"grade_id": action.grade_id, "kind": "other", "due_step": "feedback_phase",
            "description": "기타"}  # fmt: skip
    response = api.post("/api/v1/feedback-actions", body, content_type="application/json",
                        **token_for(staff))  # fmt: skip
    assert response.status_code == 409


def test_import_lists_every_row_error_and_stores_nothing(api, token_for, action, staff):
    content = "계정,사업명,기관\n자율계정,사업,부산\n이상한계정,,부산\n".encode()
    response = api.post(
        "/api/v1/evaluations/2024/special-account",
        {"file": SimpleUploadedFile("a.csv", content)},
        **token_for(staff),
    )
    assert response.status_code == 422
    messages = [e["msg"] for e in response.json()["errors"]]
    assert len(messages) == 2 and all(m.startswith("3행") for m in messages)
    assert not SpecialAccountResult.objects.exists()
    missing = api.post("/api/v1/evaluations/2024/special-account", {}, **token_for(staff))
    assert missing.status_code == 422
    assert (
        api.post("/api/v1/evaluations/1999/special-account", {}, **token_for(staff)).status_code
        == 404
    )
