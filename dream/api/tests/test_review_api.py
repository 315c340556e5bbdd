"""Review and compilation through the API, as an outside system calls it: item remarks by
Committee staff and the body's answers on a submission, and the duplicate candidates of a
cycle that staff judge; each refusal with its status code and Korean detail."""

import json

import pytest

from dream.accounts.models import User
from dream.cycle.compilation import duplicates_find
from dream.cycle.models import Cycle, DuplicateCandidate

pytestmark = pytest.mark.usefixtures("plan_2024")

BASE = "/api/v1/cycles/2025/submissions/부산"


@pytest.fixture
def callers(db, person, token_for):
    return {
        "staff": token_for(person("staff", "위원회", "editor")),
        "committee_viewer": token_for(person("committee-viewer", "위원회", "viewer")),
        "busan": token_for(person("busan-editor", "부산", "editor")),
        "seoul": token_for(person("seoul-editor", "서울", "editor")),
    }


def post(api, path, headers, body=None):
    return api.post(path, json.dumps(body or {}), content_type="application/json", **headers)


def refused(response, status: int) -> str:
    assert response.status_code == status, response.content.decode()
    detail = response.json()["detail"]
    assert any("가" <= ch <= "힣" for ch in detail), detail
    return detail


@pytest.fixture
def submitted(api, callers):
    """부산's 2025 draft rolled forward and submitted through the API; its first task."""
    post(api, "/api/v1/cycles", callers["staff"], {"year": 2025})
    draft = post(api, f"{BASE}/roll-forward", callers["busan"]).json()
    post(api, f"{BASE}/local-resolution", callers["busan"], {"date": "2025-02-10"})
    assert post(api, f"{BASE}/submit", callers["busan"]).json()["state"] == "submitted"
    return next(t for s in draft["plan"]["strategies"] for t in s["tasks"])


def test_staff_remark_and_the_body_answers_then_the_submission_lists_both(api, callers, submitted):
    remark = post(
        api, f"{BASE}/comments", callers["staff"],
        {"item_kind": "task", "item_id": submitted["id"], "text": "성과지표를 연결해 주세요."},
    )  # fmt: skip
    assert remark.status_code == 201, remark.content.decode()
    remark = remark.json()
    assert (remark["item_label"], remark["is_open"], remark["reply_to"]) == (
        f"{submitted['code']} {submitted['name']}".strip(), True, None,
    )  # fmt: skip

    answer = post(
        api,
        f"{BASE}/comments",
        callers["busan"],
        {"reply_to": remark["id"], "text": "연결했습니다."},
    )
    assert answer.status_code == 201, answer.content.decode()
    assert (answer.json()["reply_to"], answer.json()["is_open"]) == (remark["id"], None)

    comments = api.get(BASE, **callers["busan"]).json()["comments"]
    assert [(c["text"], c["is_open"]) for c in comments] == [
        ("성과지표를 연결해 주세요.", False), ("연결했습니다.", None),
    ]  # fmt: skip


def test_comment_refusals(api, callers, submitted):
    item = {"item_kind": "task", "item_id": submitted["id"], "text": "의견"}
    assert post(api, f"{BASE}/comments", {}, item).status_code == 401
    refused(post(api, f"{BASE}/comments", callers["busan"], item), 403)  # a body answers only
    refused(
        post(api, "/api/v1/cycles/2025/submissions/없는곳/comments", callers["staff"], item), 404
    )
    refused(post(api, f"{BASE}/comments", callers["staff"], {"reply_to": 999999, "text": "x"}), 404)
    refused(post(api, "/api/v1/cycles/2025/submissions/서울/comments", callers["staff"], item), 409)
    refused(post(api, f"{BASE}/comments", callers["staff"], {**item, "item_kind": "finding"}), 422)
    refused(post(api, f"{BASE}/comments", callers["staff"], {**item, "text": ""}), 422)
    refused(post(api, f"{BASE}/comments", callers["staff"], {"text": "항목 없음"}), 422)
    other_plan_task = {**item, "item_id": 1 if submitted["id"] != 1 else 2}
    refused(post(api, f"{BASE}/comments", callers["staff"], other_plan_task), 422)

    remark = post(api, f"{BASE}/comments", callers["staff"], item).json()
    refused(
        post(api, f"{BASE}/comments", callers["seoul"], {"reply_to": remark["id"], "text": "x"}),
        403,
    )


def _candidates():
    cycle = Cycle.objects.get(year=2024)
    duplicates_find(actor=User.objects.create_superuser("finder"), cycle=cycle)
    return list(DuplicateCandidate.objects.filter(cycle=cycle))


def test_the_committee_reads_candidates_and_staff_judge_them(api, callers):
    candidates = _candidates()
    listing = api.get("/api/v1/cycles/2024/duplicates", **callers["committee_viewer"])
    assert listing.status_code == 200, listing.content.decode()
    body = listing.json()
    assert {c["id"] for c in body["candidates"]} == {c.pk for c in candidates}
    first = body["candidates"][0]
    assert (
        first["regional"]["bodies"] and first["sectoral"]["bodies"] and first["status"] == "pending"
    )

    path = f"/api/v1/cycles/2024/duplicates/{first['id']}"
    refused(post(api, path, callers["staff"], {"status": "confirmed"}), 422)
    decided = post(api, path, callers["staff"], {"status": "dismissed", "note": "별개 사업"})
    assert decided.status_code == 200, decided.content.decode()
    assert (decided.json()["status"], decided.json()["decided_by"], decided.json()["note"]) == (
        "dismissed", "staff", "별개 사업",
    )  # fmt: skip


def test_duplicate_refusals(api, callers):
    candidate = _candidates()[0]
    path = f"/api/v1/cycles/2024/duplicates/{candidate.pk}"
    assert api.get("/api/v1/cycles/2024/duplicates").status_code == 401
    refused(api.get("/api/v1/cycles/2024/duplicates", **callers["busan"]), 403)
    refused(api.get("/api/v1/cycles/1999/duplicates", **callers["staff"]), 404)
    refused(post(api, path, callers["committee_viewer"], {"status": "dismissed", "note": "x"}), 403)
    refused(post(api, path, callers["busan"], {"status": "dismissed", "note": "x"}), 403)
    body = {"status": "dismissed", "note": "x"}
    refused(post(api, "/api/v1/cycles/2024/duplicates/99999999", callers["staff"], body), 404)
    refused(post(api, f"/api/v1/cycles/2024/duplicates/{2**70}", callers["staff"], body), 404)
    refused(post(api, path, callers["staff"], {"status": "maybe", "note": "x"}), 422)
