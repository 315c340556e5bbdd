"""The results API: a body's results, and an indicator's actual put and deleted, with the
status codes and Korean messages of docs/api.md."""

import json

import pytest

from dream.results.choices import ResultState
from dream.results.models import IndicatorActual, ResultSubmission

from .conftest import OBSERVED, SOURCE


def _put(client, indicator, headers, year=2024, **fields):
    body = {"value": "1,662.3", "source": SOURCE, "observed_on": OBSERVED.isoformat(), **fields}
    return client.put(
        f"/api/v1/indicators/{indicator}/actuals/{year}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def _delete(client, indicator, headers, body):
    return client.delete(
        f"/api/v1/indicators/{indicator}/actuals/2024",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def editor_headers(personas, token_for):
    return token_for(personas("busan_editor"))


def test_put_stores_the_actual_and_answers_the_stored_row(client, actual_plans, editor_headers):
    response = _put(client, actual_plans.jobs.pk, editor_headers, note="잠정치")

    assert response.status_code == 200
    row = response.json()
    assert row["value_text"] == "1,662.3" and row["value_number"] == "1662.3000"
    assert (row["observed_on"], row["note"], row["recorded_by"]) == (
        "2025-01-31", "잠정치", "busan_editor",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "year", "status", "message"),
    [
        ({"value": "31,6"}, 2024, 422, "소수점은 마침표로"),
        ({"observed_on": "어제"}, 2024, 422, "2025-01-31처럼"),
        ({}, 2025, 422, "2024년이어야"),
    ],
)
def test_put_refusals_are_korean(
    client, actual_plans, editor_headers, fields, year, status, message
):
    response = _put(client, actual_plans.jobs.pk, editor_headers, year=year, **fields)

    assert response.status_code == status
    assert message in response.json()["detail"]


def test_replacing_without_a_reason_is_422_and_with_one_200(client, actual_plans, editor_headers):
    _put(client, actual_plans.jobs.pk, editor_headers, value="1,650")

    refused = _put(client, actual_plans.jobs.pk, editor_headers)
    replaced = _put(client, actual_plans.jobs.pk, editor_headers, reason="확정치")

    assert refused.status_code == 422 and "까닭" in refused.json()["detail"]
    assert replaced.status_code == 200 and replaced.json()["value_text"] == "1,662.3"


def test_a_submitted_result_is_409_for_the_body(client, actual_plans, editor_headers, orgs):
    ResultSubmission.objects.create(
        plan=actual_plans.busan, organization=orgs["부산"], state=ResultState.SUBMITTED
    )

    response = _put(client, actual_plans.jobs.pk, editor_headers)

    assert response.status_code == 409
    assert not IndicatorActual.objects.exists()


@pytest.mark.parametrize("indicator", [0, 10**6, 2**63])
def test_an_unknown_indicator_is_404(client, actual_plans, editor_headers, indicator):
    assert _put(client, indicator, editor_headers).status_code == 404


def test_put_without_a_token_is_401(client, actual_plans):
    assert _put(client, actual_plans.jobs.pk, {}).status_code == 401


def test_delete_needs_a_reason_and_answers_204(client, actual_plans, editor_headers):
    _put(client, actual_plans.jobs.pk, editor_headers)

    assert _delete(client, actual_plans.jobs.pk, editor_headers, {}).status_code == 422
    assert _delete(client, actual_plans.jobs.pk, editor_headers, {"reason": " "}).status_code == 422
    assert (
        _delete(client, actual_plans.jobs.pk, editor_headers, {"reason": "오기"}).status_code == 204
    )
    assert (
        _delete(client, actual_plans.jobs.pk, editor_headers, {"reason": "오기"}).status_code == 404
    )
    assert not IndicatorActual.objects.exists()


def test_the_bodys_results_for_members_and_publicly_once_confirmed(
    client, actual_plans, editor_headers, orgs
):
    _put(client, actual_plans.jobs.pk, editor_headers, value="1,660")

    assert client.get("/api/v1/results/2024/부산").status_code == 401
    answer = client.get("/api/v1/results/2024/부산", **editor_headers).json()
    ResultSubmission.objects.filter(plan=actual_plans.busan).update(state=ResultState.CONFIRMED)
    public = client.get("/api/v1/results/2024/부산")

    assert public.status_code == 200
    assert answer["state"] == "drafting" and answer["organization"]["short_name"] == "부산"
    jobs, notice = answer["indicators"]
    assert (jobs["actual"]["value_text"], jobs["achievement"]["percent"]) == ("1,660", "100.0")
    assert (jobs["achievement"]["level"], jobs["achievement"]["status"]) == ("달성", "computed")
    assert notice["actual"] is None and notice["achievement"]["status"] == "no_actual"
    assert any(rule["basis"] == "not_fixed" for rule in answer["rules"])


def test_an_unknown_body_is_404(client, actual_plans, editor_headers):
    assert client.get("/api/v1/results/2024/없는곳", **editor_headers).status_code == 404
