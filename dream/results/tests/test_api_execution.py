# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""Execution, accounts and the submission's steps through the API: amounts as written,
errors as the other routers answer them (404, 409 naming the state, 422)."""

import pytest

from dream.plans.choices import TaskKind
from dream.results.models import FiscalExecution

from .fixtures_execution import busan_plan, execution_token, orgs, personas, staff  # noqa: F401

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def editor_headers(personas, execution_token):
    return execution_token(personas("busan_editor"))


def _put(client, plan, headers, **fields):
    payload = {"year": 2024, "source": "national", "spent": "93.5", "document": "결산",
               "observed_on": "2025-02-28"} | fields  # fmt: skip
    return client.put(f"/api/v1/plans/{plan.pk}/executions", payload, content_type=JSON, **headers)


def test_put_keeps_the_amount_as_written(client, busan_plan, editor_headers):
    strategy = busan_plan.strategies.get()
    response = _put(client, busan_plan, editor_headers, strategy_id=strategy.pk)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["spent"] == "93.5" and body["spent_text"] == "93.5"
    assert body["strategy_id"] == strategy.pk and body["recorded_by"] == "busan_editor"
    assert _put(client, busan_plan, editor_headers, strategy_id=strategy.pk).status_code == 422
    response = _put(client, busan_plan, editor_headers, strategy_id=strategy.pk, spent="90",
                    reason="정정")  # fmt: skip
    assert response.json()["spent_text"] == "90"


@pytest.mark.parametrize(
    "fields", [{"spent": "31,6"}, {"spent": "-1"}, {"source": "gold"}, {"year": 2025},
               {"observed_on": "어제"}, {"document": ""}, {"strategy_id": 1, "task_id": 1}],
)  # fmt: skip
def test_bad_input_is_422(client, busan_plan, editor_headers, fields):
    response = _put(client, busan_plan, editor_headers, **fields)
    assert response.status_code in (404, 422) and response.json()["detail"]
    assert not FiscalExecution.objects.exists()


def test_unknown_ids_are_404(client, busan_plan, editor_headers):
    assert client.put("/api/v1/plans/999999/executions", {}, content_type=JSON,
                      **editor_headers).status_code in (404, 422)  # fmt: skip
    assert _put(client, busan_plan, editor_headers, strategy_id=999999).status_code == 404
    response = client.delete("/api/v1/executions/999999", {"reason": "x"}, content_type=JSON,
                             **editor_headers)  # fmt: skip
    assert response.status_code == 404
    response = client.post(
        "/api/v1/results/2024/없는곳/submit", content_type=JSON, **editor_headers
    )
    assert response.status_code == 404
    response = client.post("/api/v1/results/2024/부산/bogus", content_type=JSON, **editor_headers)
    assert response.status_code == 404


def test_delete_needs_a_reason(client, busan_plan, editor_headers):
    row_id = _put(client, busan_plan, editor_headers).json()["id"]
    url = f"/api/v1/executions/{row_id}"
    assert (
        client.delete(url, {"reason": ""}, content_type=JSON, **editor_headers).status_code == 422
    )
    response = client.delete(url, {"reason": "중복"}, content_type=JSON, **editor_headers)
    assert response.status_code == 204 and not FiscalExecution.objects.exists()


def test_self_assessment_put(client, busan_plan, editor_headers):
    core = busan_plan.tasks.get(kind=TaskKind.CORE)
    url = f"/api/v1/tasks/{core.pk}/self-assessments/2024"
    response = client.put(url, {"text": "조례 제정"}, content_type=JSON, **editor_headers)
    assert response.status_code == 200 and response.json()["text"] == "조례 제정"
    response = client.put(url, {"text": "가" * 3001}, content_type=JSON, **editor_headers)
    assert response.status_code == 422
    strategy = busan_plan.strategies.get()
    response = client.put(f"/api/v1/strategies/{strategy.pk}/self-assessments/2024",
                          {"text": "x"}, content_type=JSON, **editor_headers)  # fmt: skip
    assert response.status_code == 422  # a province's strategy takes no account


def test_steps_answer_the_state(client, busan_plan, editor_headers, staff, execution_token):
    submit = "/api/v1/results/2024/부산/submit"
    response = client.post(submit, content_type=JSON, **editor_headers)
    assert response.status_code == 409 and "제출할 실적이 없습니다" in response.json()["detail"]
    _put(client, busan_plan, editor_headers)
    response = client.post(submit, content_type=JSON, **editor_headers)
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    response = client.post(submit, content_type=JSON, **editor_headers)
    assert response.status_code == 409 and "제출" in response.json()["detail"]
    staff_headers = execution_token(staff)
    response = client.post("/api/v1/results/2024/부산/confirm", content_type=JSON, **staff_headers)
    assert response.json()["state"] == "confirmed" and response.json()["confirmed_at"]
    response = client.post("/api/v1/results/2024/부산/reopen", {"comment": "정정"},
                           content_type=JSON, **staff_headers)  # fmt: skip
    assert response.json()["state"] == "returned" and response.json()["confirmed_at"] is None
