"""Amendments through the API: start with a reason, edit the copy with the draft paths,
submit, return, withdraw, resolve into version 2; refusals by status code with a Korean
detail."""

import json

import pytest

from dream.cycle.models import PlanVersion
from dream.cycle.tests.test_amendments import resolve_directly

BASE = "/api/v1/cycles/2025/submissions/부산/amendments"


@pytest.fixture
def callers(busan_submission, personas, token_for):
    resolve_directly(busan_submission, personas("committee_staff"))
    return {
        name: token_for(personas(name))
        for name in ("busan_editor", "busan_viewer", "seoul_editor", "committee_staff")
    }


def post(api, path, headers, body=None):
    return api.post(path, json.dumps(body or {}), content_type="application/json", **headers)


def refused(response, status: int) -> str:
    assert response.status_code == status, response.content.decode()
    detail = response.json()["detail"]
    assert any("가" <= ch <= "힣" for ch in detail), detail
    return detail


def test_the_amendment_walk_through_the_api(api, callers, busan_submission):
    busan, staff = callers["busan_editor"], callers["committee_staff"]
    started = post(api, BASE, busan, {"reason": "재정투입 조정"})
    assert started.status_code == 201, started.content.decode()
    body = started.json()
    assert (body["number"], body["state"], body["reason"]) == (1, "drafting", "재정투입 조정")
    draft_id = body["draft_plan_id"]
    assert draft_id and draft_id != busan_submission.plan_id

    patched = api.patch(
        f"/api/v1/plans/{draft_id}",
        json.dumps({"goal": "바뀐 목표"}),
        content_type="application/json",
        **busan,
    )
    assert patched.status_code == 200, patched.content.decode()

    submitted = post(api, f"{BASE}/1/submit", busan)
    assert submitted.json()["state"] == "submitted"
    returned = post(api, f"{BASE}/1/return", staff, {"comment": "근거를 더"})
    assert returned.json()["state"] == "drafting"
    post(api, f"{BASE}/1/submit", busan)
    resolved = post(api, f"{BASE}/1/resolve", staff, {"meeting": "제9차", "date": "2025-09-01"})
    assert resolved.status_code == 200, resolved.content.decode()
    body = resolved.json()
    assert (body["state"], body["version_number"], body["draft_plan_id"]) == ("resolved", 2, None)
    version = PlanVersion.objects.get(plan=busan_submission.plan_id, number=2)
    assert (version.reason, version.content["goal"]) == ("재정투입 조정", "바뀐 목표")
    assert body["version_hash"] == version.content_hash

    listed = api.get(BASE, **callers["seoul_editor"])  # a resolved amendment: anyone's to read
    assert [a["number"] for a in listed.json()] == [1]


def test_refusals(api, callers):
    busan, staff = callers["busan_editor"], callers["committee_staff"]
    refused(api.get(BASE), 401)
    refused(post(api, BASE, {}, {"reason": "x"}), 401)
    refused(post(api, BASE, callers["seoul_editor"], {"reason": "x"}), 403)
    refused(post(api, BASE, callers["busan_viewer"], {"reason": "x"}), 403)
    refused(post(api, BASE, busan, {"reason": ""}), 422)
    refused(
        post(api, "/api/v1/cycles/2025/submissions/없는곳/amendments", busan, {"reason": "x"}), 404
    )
    refused(post(api, f"{BASE}/1/submit", busan), 404)
    assert post(api, BASE, busan, {"reason": "변경"}).status_code == 201
    refused(post(api, BASE, busan, {"reason": "또"}), 409)
    refused(post(api, f"{BASE}/1/approve", busan), 404)
    refused(post(api, f"{BASE}/1/resolve", staff, {"meeting": "제9차", "date": "2025-09-01"}), 409)
    post(api, f"{BASE}/1/submit", busan)
    refused(post(api, f"{BASE}/1/resolve", busan, {"meeting": "제9차", "date": "2025-09-01"}), 403)
    refused(post(api, f"{BASE}/1/resolve", staff, {"meeting": "제9차"}), 422)
    refused(post(api, f"{BASE}/1/return", staff, {}), 422)
    # the amendment is on the record; its draft's content is the body's and the Committee's
    assert [a["reason"] for a in api.get(BASE, **callers["seoul_editor"]).json()] == ["변경"]
    refused(api.get(f"{BASE}/1", **callers["seoul_editor"]), 403)
    tree = api.get(f"{BASE}/1", **busan).json()["plan"]
    assert tree["goal"] == "부산 지방시대 실현"
    refused(api.get(f"{BASE}/2", **busan), 404)
    refused(post(api, f"{BASE}/1/withdraw", callers["seoul_editor"]), 403)
    assert post(api, f"{BASE}/1/withdraw", busan).json()["state"] == "withdrawn"
