"""The register through /api/v1/: public, paged reads and the counts beside the printed
figures; token writes answered 201, or 401/403/404/409/422 with a Korean detail."""

import pytest

from dream.regional_tasks import services
from dream.regional_tasks.choices import ClosureStep, TaskState
from dream.regional_tasks.models import RegionalPolicyTask

BODY = {
    "province": "부산",
    "code": "부산-20",
    "title": "북항 재개발",
    "announced_2022": True,
    "in_comprehensive_plan": True,
    "ministry": "해수부",
}


def post(api, path, body, headers):
    return api.post(path, body, content_type="application/json", **headers)


def test_the_list_is_public_paged_and_filtered(api, task_of, staff):
    first = task_of()
    task_of(code="부산-02", in_comprehensive_plan=False)
    task_of(persona="committee_staff", province="서울", code="서울-01")

    page = api.get("/api/v1/regional-tasks", {"limit": 2}).json()
    assert (page["count"], [i["code"] for i in page["items"]]) == (3, ["서울-01", "부산-01"])
    assert page["items"][1] == {
        "id": first.pk,
        "province": "부산",
        "code": "부산-01",
        "title": "가덕도 신공항 건설 지원",
        "origin_pledge": "부산 1. 가덕도 신공항 조기 건설",
        "announced_2022": True,
        "in_comprehensive_plan": True,
        "ministry": "행안부",
        "state": "active",
        "state_before_closing": "",
    }
    busan = api.get("/api/v1/regional-tasks", {"province": "부산광역시", "state": "active"})
    assert busan.json()["count"] == 2
    planned = api.get("/api/v1/regional-tasks", {"in_comprehensive_plan": "false"}).json()
    assert [i["code"] for i in planned["items"]] == ["부산-02"]


def test_the_year_filter_keeps_tasks_with_a_budget_request_of_that_year(api, task, personas):
    services.budget_request_submit(
        actor=personas("busan_editor"), task=task, year=2025, amount_text="10"
    )
    assert api.get("/api/v1/regional-tasks", {"year": 2025}).json()["count"] == 1
    assert api.get("/api/v1/regional-tasks", {"year": 2026}).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"province": "없는곳"}, 422),
        ({"state": "finished"}, 422),
        ({"limit": 1000}, 422),
        ({"year": "99999999999999999999"}, 422),
        ({"province": "가" * 60}, 422),
    ],
)
def test_a_bad_filter_is_a_korean_422(api, db, query, status):
    response = api.get("/api/v1/regional-tasks", query)
    assert response.status_code == status
    assert response.json()["detail"]


def test_a_nul_byte_in_the_address_is_refused_before_the_api(api, db):
    response = api.get("/api/v1/regional-tasks?province=%00")
    assert response.status_code == 400


def test_counts_carry_the_printed_figures_and_their_lines(api, task):
    counts = api.get("/api/v1/regional-tasks/counts").json()
    assert (counts["total"], counts["in_plan"], counts["announced"]) == (1, 1, 1)
    assert counts["by_state"] == {"active": 1}
    busan = next(p for p in counts["provinces"] if p["province"] == "부산")
    assert (busan["total"], busan["announced_printed"]) == (1, 15)
    assert len(counts["provinces"]) == 17
    printed = {p["key"]: (p["printed"], p["line"], p["registered"], p["difference"])
               for p in counts["printed"]}  # fmt: skip
    assert printed == {
        "total": (660, 620, 1, -659),
        "in_plan": (414, 620, 1, -413),
        "announced": (255, 611, 1, -254),
    }


@pytest.mark.parametrize("id", ["99999999999999999999999", "0", "-1", "12345"])
def test_an_unknown_task_is_a_korean_404(api, db, id):
    response = api.get(f"/api/v1/regional-tasks/{id}")
    assert response.status_code in (404, 422)
    assert response.json()["detail"]


def test_register_and_walk_the_closure_path_through_the_api(api, token_for, personas, inspection):
    editor = token_for(personas("busan_editor"))
    created = post(api, "/api/v1/regional-tasks", BODY, editor)
    assert created.status_code == 201, created.content
    task = created.json()
    assert (task["ministry"], task["state"], task["transitions"]) == ("해수부", "active", [])
    url = f"/api/v1/regional-tasks/{task['id']}/transitions"
    staff = token_for(personas("committee_staff"))

    decision = {"decided_on": "2025-03-04", "document": "공문"}
    assert post(api, url, {"kind": "closure_request"} | decision, editor).status_code == 201
    early = post(api, url, {"kind": "closure_step", "step": "expert_committee"} | decision, staff)
    assert early.status_code == 409
    assert "먼저 시·도·부처 협의를" in early.json()["detail"]
    for step, day in (("agreement", "2025-04-01"), ("expert_committee", "2025-05-02")):
        body = {"kind": "closure_step", "step": step, "decided_on": day, "document": "결과"}
        assert post(api, url, body, staff).status_code == 201
    final = post(
        api,
        url,
        {"kind": "closure_step", "step": "inspection_report", "inspection_id": inspection.pk,
         "decided_on": "2025-07-10", "document": "보고"},
        staff,
    )  # fmt: skip
    assert final.status_code == 201, final.content
    body = final.json()
    assert body["state"] == TaskState.CLOSED
    assert body["closure_steps"] == [step.value for step in ClosureStep]
    assert body["transitions"][-1]["inspection_id"] == inspection.pk
    assert "actor" not in body["transitions"][-1]


def test_the_budget_path_through_the_api(api, token_for, personas, task):
    url = f"/api/v1/regional-tasks/{task.pk}/budget-requests"
    editor = token_for(personas("busan_editor"))
    refused = post(api, url, {"year": 2025, "amount": "31,6"}, editor)
    assert refused.status_code == 422 and "소수점" in refused.json()["detail"]
    created = post(api, url, {"year": 2025, "amount": "1,234.5억원"}, editor)
    assert created.status_code == 201
    assert (created.json()["amount_eok"], created.json()["stage"]) == ("1234.5000", "requested")
    staff = token_for(personas("committee_staff"))
    early = post(api, f"{url}/2025/forward", {"forwarded_on": "2025-05-30"}, staff)
    assert early.status_code == 409
    opinion = post(
        api, f"{url}/2025/opinion", {"opinion": "검토"}, token_for(personas("ministry_editor"))
    )
    assert opinion.status_code == 200 and opinion.json()["stage"] == "ministry_opinion"
    forwarded = post(api, f"{url}/2025/forward", {"forwarded_on": "2025-05-30"}, staff)
    assert forwarded.json()["forwarded_on"] == "2025-05-30"
    assert post(api, f"{url}/2099/opinion", {"opinion": "x"}, staff).status_code == 404
    missing = post(api, f"{url}/99999999999/opinion", {"opinion": "x"}, staff)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("persona", "body", "status"),
    [
        (None, BODY, 401),
        ("busan_viewer", BODY, 403),
        ("seoul_editor", BODY, 403),
        ("busan_editor", BODY | {"province": "없는곳"}, 404),
        ("busan_editor", BODY | {"ministry": "없는부"}, 404),
        ("busan_editor", BODY | {"title": "공항\x00"}, 422),
        ("busan_editor", BODY | {"title": '=HYPERLINK("http://x")\x00'}, 422),
        ("busan_editor", BODY | {"state": "closed"}, 422),
        ("busan_editor", BODY | {"announced_2022": "몰라"}, 422),
    ],
)
def test_refusals_of_a_registration(api, token_for, personas, persona, body, status):
    headers = token_for(personas(persona)) if persona else {}
    response = post(api, "/api/v1/regional-tasks", body, headers)
    assert response.status_code == status
    assert response.json()["detail"]
    assert not RegionalPolicyTask.objects.exists()


def test_a_formula_is_stored_as_text(api, token_for, personas):
    body = BODY | {"title": '=HYPERLINK("http://x","y")'}
    response = post(api, "/api/v1/regional-tasks", body, token_for(personas("busan_editor")))
    assert response.json()["title"] == '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    ("persona", "body", "status"),
    [
        (None, {"kind": "classify", "to_state": "long_term"}, 401),
        ("busan_editor", {"kind": "classify", "to_state": "long_term"}, 403),
        ("committee_staff", {"kind": "classify", "to_state": "active"}, 409),
        ("committee_staff", {"kind": "classify", "to_state": "closed"}, 422),
        ("committee_staff", {"kind": "classify"}, 422),
        ("committee_staff", {"kind": "vote"}, 422),
        ("committee_staff", {"kind": "closure_withdraw"}, 409),
        ("committee_staff", {"kind": "closure_step", "step": "agreement"}, 409),
        ("committee_staff", {"kind": "closure_step", "step": "x", "inspection_id": 5}, 404),
        ("committee_staff", {"kind": "classify", "to_state": "long_term",
                             "decided_on": "2999-01-01"}, 422),
        ("committee_staff", {"kind": "classify", "to_state": "long_term",
                             "decided_on": "2025-02-30"}, 422),
    ],
)  # fmt: skip
def test_refusals_of_a_transition(api, token_for, personas, task, persona, body, status):
    headers = token_for(personas(persona)) if persona else {}
    full = {"decided_on": "2025-03-04", "document": "공문"} | body
    response = post(api, f"/api/v1/regional-tasks/{task.pk}/transitions", full, headers)
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not task.transitions.exists()


def test_a_transition_of_an_unknown_task_is_a_404(api, token_for, personas, db):
    response = post(
        api,
        "/api/v1/regional-tasks/99999999999999999999/transitions",
        {"kind": "closure_request", "decided_on": "2025-03-04", "document": "d"},
        token_for(personas("committee_staff")),
    )
    assert response.status_code == 404


def test_the_paths_are_in_the_schema(api, db):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/regional-tasks"])
    for path in (
        "/api/v1/regional-tasks/counts",
        "/api/v1/regional-tasks/{id}",
        "/api/v1/regional-tasks/{id}/transitions",
        "/api/v1/regional-tasks/{id}/budget-requests",
        "/api/v1/regional-tasks/{id}/budget-requests/{year}/opinion",
        "/api/v1/regional-tasks/{id}/budget-requests/{year}/forward",
    ):
        assert path in paths
