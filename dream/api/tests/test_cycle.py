"""The annual cycle through the API, as an outside system drives it: the 2025 walk for
부산 from opening to resolution, and each refusal with its status code and Korean detail."""

import json

import pytest

from dream.plans.choices import StrategyKind
from dream.plans.models import Plan, Strategy, Task

pytestmark = pytest.mark.usefixtures("plan_2024")


@pytest.fixture
def callers(db, person, token_for):
    """Token headers of Committee staff, 부산's editor and viewer, and 서울's editor."""
    return {
        "staff": token_for(person("staff", "위원회", "editor")),
        "busan": token_for(person("busan-editor", "부산", "editor")),
        "busan_viewer": token_for(person("busan-viewer", "부산", "viewer")),
        "seoul": token_for(person("seoul-editor", "서울", "editor")),
    }


def post(api, path, headers, body=None):
    return api.post(path, json.dumps(body or {}), content_type="application/json", **headers)


def patch(api, path, headers, body):
    return api.patch(path, json.dumps(body), content_type="application/json", **headers)


def refused(response, status: int) -> str:
    assert response.status_code == status, response.content.decode()
    detail = response.json()["detail"]
    assert any("가" <= ch <= "힣" for ch in detail), detail
    return detail


def _open(api, callers):
    response = post(
        api, "/api/v1/cycles", callers["staff"], {"year": 2025, "deadline": "2025-02-15"}
    )
    assert response.status_code == 201, response.content.decode()
    return response.json()


def _rolled(api, callers):
    _open(api, callers)
    path = "/api/v1/cycles/2025/submissions/부산광역시/roll-forward"
    response = post(api, path, callers["busan"])
    assert response.status_code == 201, response.content.decode()
    return response.json()


def _first_task(tree: dict) -> dict:
    return next(t for s in tree["strategies"] for t in s["tasks"])


def test_the_2025_walk_from_opening_to_resolution(api, callers):
    base = "/api/v1/cycles/2025/submissions/부산"
    opened = _open(api, callers)
    busan = next(s for s in opened["submissions"] if s["organization"]["short_name"] == "부산")
    assert busan["state"] == "drafting"

    draft = post(api, f"{base}/roll-forward", callers["busan"]).json()
    assert draft["state"] == "drafting" and draft["plan"]["is_draft"]
    task = _first_task(draft["plan"])
    renamed = patch(api, f"/api/v1/tasks/{task['id']}", callers["busan"], {"name": "새 과제명"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "새 과제명"

    steps = [
        ("busan", "local-resolution", {"date": "2025-02-10"}, "drafting"),
        ("busan", "submit", {}, "submitted"),
        ("staff", "return", {"comment": "재정투입 합계를 확인해 주세요."}, "returned"),
        ("busan", "submit", {"comment": "보완했습니다."}, "submitted"),
        ("staff", "accept", None, "accepted"),
    ]
    for caller, action, body, state in steps:
        if body is None:  # no body at all, as `curl -X POST` sends
            response = api.generic("POST", f"{base}/{action}", **callers[caller])
        else:
            response = post(api, f"{base}/{action}", callers[caller], body)
        assert response.status_code == 200, (action, response.content.decode())
        assert response.json()["state"] == state, action

    submission = api.get(base, **callers["busan"]).json()
    assert submission["local_resolution_date"] == "2025-02-10"
    assert submission["is_late"] is True  # first submitted long after 15 February 2025
    assert "재정투입 합계를 확인해 주세요." in [e["comment"] for e in submission["events"]]
    assert _first_task(submission["plan"])["name"] == "새 과제명"

    resolved = post(
        api,
        "/api/v1/cycles/2025/resolve",
        callers["staff"],
        {"meeting": "제3차 위원회", "date": "2025-04-04"},
    )
    assert resolved.status_code == 200, resolved.content.decode()
    (version,) = resolved.json()
    assert (
        version["owner"] == "부산" and version["number"] == 1 and len(version["content_hash"]) == 64
    )

    refused(patch(api, f"/api/v1/tasks/{task['id']}", callers["busan"], {"name": "또"}), 409)
    assert api.get(f"/api/v1/plans/{draft['plan']['id']}").status_code == 200
    assert api.get(base, **callers["busan"]).json()["state"] == "resolved"


def test_a_draft_is_not_public_until_resolved(api, callers):
    draft = _rolled(api, callers)

    assert api.get(f"/api/v1/plans/{draft['plan']['id']}").status_code == 404
    assert api.get("/api/v1/plans?year=2025").json()["count"] == 0


def _pillar(draft: dict) -> Strategy:
    return Strategy.objects.filter(plan_id=draft["plan"]["id"], kind=StrategyKind.PILLAR)[0]


def test_a_budget_cell_is_written_and_its_amount_answered_exactly(api, callers):
    draft = _rolled(api, callers)
    cell = {"strategy_id": _pillar(draft).pk, "source": "national", "amount": "1"}

    created = post(api, f"/api/v1/plans/{draft['plan']['id']}/budgets", callers["busan"], cell)
    assert created.status_code == 201, created.content.decode()
    budget = created.json()
    response = patch(api, f"/api/v1/budgets/{budget['id']}", callers["busan"], {"amount": "93.5"})

    assert response.status_code == 200, response.content.decode()
    assert response.json()["amount_eok"] == "93.50"
    tree = api.get("/api/v1/cycles/2025/submissions/부산", **callers["busan"]).json()["plan"]
    assert [b["amount_eok"] for b in tree["budgets"]] == ["93.50"]
    for bad in ["-1", "1.234", "열", 1e20]:
        refused(
            patch(api, f"/api/v1/budgets/{budget['id']}", callers["busan"], {"amount": bad}), 422
        )


def test_writing_the_same_budget_cell_again_changes_it(api, callers):
    draft = _rolled(api, callers)
    path = f"/api/v1/plans/{draft['plan']['id']}/budgets"
    cell = {"strategy_id": _pillar(draft).pk, "source": "local"}

    first = post(api, path, callers["busan"], {**cell, "amount": "10"}).json()
    second = post(api, path, callers["busan"], {**cell, "amount": "12.25"}).json()

    assert second["id"] == first["id"] and second["amount_eok"] == "12.25"


def test_a_budget_cell_is_refused_by_its_status_code(api, callers):
    draft = _rolled(api, callers)
    path = f"/api/v1/plans/{draft['plan']['id']}/budgets"
    cell = {"strategy_id": _pillar(draft).pk, "source": "national", "amount": "5"}
    resolved_2024 = Plan.objects.get(year=2024, owner__short_name="부산")
    other_strategy = Strategy.objects.filter(plan=resolved_2024, kind=StrategyKind.PILLAR)[0]

    refused(post(api, path, {}, cell), 401)
    refused(post(api, path, callers["seoul"], cell), 403)
    refused(post(api, "/api/v1/plans/99999999/budgets", callers["busan"], cell), 404)
    refused(post(api, path, callers["busan"], {**cell, "strategy_id": 99999999}), 404)
    refused(post(api, f"/api/v1/plans/{resolved_2024.pk}/budgets", callers["busan"], cell), 409)
    refused(post(api, path, callers["busan"], {**cell, "strategy_id": other_strategy.pk}), 422)
    refused(post(api, path, callers["busan"], {**cell, "source": "세금"}), 422)
    refused(post(api, path, callers["busan"], {**cell, "amount": "0.001"}), 422)


def test_without_a_token_every_cycle_call_is_401(api, callers):
    for response in [
        post(api, "/api/v1/cycles", {}, {"year": 2025}),
        api.get("/api/v1/cycles/2025"),
        post(api, "/api/v1/cycles/2025/submissions/부산/roll-forward", {}),
        api.get("/api/v1/cycles/2025/submissions/부산"),
        post(api, "/api/v1/cycles/2025/submissions/부산/submit", {}),
        post(api, "/api/v1/cycles/2025/resolve", {}, {"meeting": "제3차", "date": "2025-04-04"}),
        patch(api, "/api/v1/tasks/1", {}, {"name": "x"}),
        patch(api, "/api/v1/budgets/1", {}, {"amount": "1"}),
    ]:
        refused(response, 401)


def test_only_committee_staff_open_review_and_resolve(api, callers):
    refused(post(api, "/api/v1/cycles", callers["busan"], {"year": 2025}), 403)
    _rolled(api, callers)
    local = {"date": "2025-02-10"}
    post(api, "/api/v1/cycles/2025/submissions/부산/local-resolution", callers["busan"], local)
    assert (
        post(api, "/api/v1/cycles/2025/submissions/부산/submit", callers["busan"]).status_code
        == 200
    )

    refused(post(api, "/api/v1/cycles/2025/submissions/부산/accept", callers["busan"]), 403)
    refused(
        post(
            api, "/api/v1/cycles/2025/submissions/부산/return", callers["busan"], {"comment": "x"}
        ),
        403,
    )
    body = {"meeting": "제3차 위원회", "date": "2025-04-04"}
    refused(post(api, "/api/v1/cycles/2025/resolve", callers["busan"], body), 403)


def test_another_body_may_neither_see_nor_edit_a_draft(api, callers):
    draft = _rolled(api, callers)
    task = _first_task(draft["plan"])

    refused(api.get("/api/v1/cycles/2025/submissions/부산", **callers["seoul"]), 403)
    refused(patch(api, f"/api/v1/tasks/{task['id']}", callers["seoul"], {"name": "x"}), 403)
    refused(post(api, "/api/v1/cycles/2025/submissions/부산/submit", callers["seoul"]), 403)
    assert (
        api.get("/api/v1/cycles/2025/submissions/부산", **callers["busan_viewer"]).status_code
        == 200
    )
    board = api.get("/api/v1/cycles/2025", **callers["seoul"]).json()["submissions"]
    by_name = {row["organization"]["short_name"]: row for row in board}
    assert by_name["서울"]["state"] == "drafting"
    assert by_name["부산"]["visible"] is False and by_name["부산"]["state"] is None


def test_unknown_years_bodies_actions_and_items_are_404(api, callers):
    _open(api, callers)

    refused(api.get("/api/v1/cycles/2031", **callers["staff"]), 404)
    refused(api.get("/api/v1/cycles/2025/submissions/없는기관", **callers["staff"]), 404)
    refused(post(api, "/api/v1/cycles/2025/submissions/부산/approve", callers["staff"]), 404)
    refused(patch(api, "/api/v1/tasks/99999999", callers["staff"], {"name": "x"}), 404)
    refused(patch(api, "/api/v1/budgets/99999999", callers["staff"], {"amount": "1"}), 404)


def test_an_action_the_state_does_not_allow_is_409(api, callers):
    refused(post(api, "/api/v1/cycles", callers["staff"], {"year": 2024}), 409)
    _rolled(api, callers)

    refused(post(api, "/api/v1/cycles/2025/submissions/부산/roll-forward", callers["busan"]), 409)
    refused(post(api, "/api/v1/cycles/2025/submissions/부산/accept", callers["staff"]), 409)
    body = {"meeting": "제3차 위원회", "date": "2025-04-04"}
    refused(post(api, "/api/v1/cycles/2025/resolve", callers["staff"], body), 409)


def test_an_edit_of_a_resolved_2024_plan_is_409(api, callers):
    task = Task.objects.filter(plan__year=2024, plan__owner__short_name="부산").first()

    detail = refused(patch(api, f"/api/v1/tasks/{task.pk}", callers["busan"], {"name": "x"}), 409)

    assert "의결" in detail


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/cycles", {"year": "내년"}),
        ("/api/v1/cycles", {"year": 2025, "deadline": "2월 15일"}),
        ("/api/v1/cycles/2025/submissions/부산/local-resolution", {}),
        ("/api/v1/cycles/2025/submissions/부산/return", {"comment": ""}),
        ("/api/v1/cycles/2025/resolve", {"meeting": "", "date": "2025-04-04"}),
    ],
)
def test_invalid_input_is_422(api, callers, path, body):
    _rolled(api, callers)
    if "local-resolution" not in path:
        local = {"date": "2025-02-10"}
        post(api, "/api/v1/cycles/2025/submissions/부산/local-resolution", callers["busan"], local)
        post(api, "/api/v1/cycles/2025/submissions/부산/submit", callers["busan"])
    caller = "busan" if "local-resolution" in path else "staff"

    refused(post(api, path, callers[caller], body), 422)


def test_a_body_that_is_not_json_is_400(api, callers):
    _open(api, callers)

    response = api.post(
        "/api/v1/cycles", "{year: 2025", content_type="application/json", **callers["staff"]
    )

    assert refused(response, 400) == "요청 본문을 JSON으로 읽을 수 없습니다."


def test_an_empty_patch_is_422(api, callers):
    task = _first_task(_rolled(api, callers)["plan"])

    refused(patch(api, f"/api/v1/tasks/{task['id']}", callers["busan"], {}), 422)
    refused(patch(api, f"/api/v1/tasks/{task['id']}", callers["busan"], {"name": ""}), 422)


def test_a_control_character_in_a_text_is_422_and_changes_nothing(api, callers):
    draft = _rolled(api, callers)["plan"]
    task = _first_task(draft)
    path = f"/api/v1/tasks/{task['id']}"
    before = Task.objects.values("name", "description").get(pk=task["id"])

    for body in ({"name": "a\u0001b"}, {"description": "첫 줄\n\u001f"}, {"name": "\u0000"}):
        assert "제어 문자" in refused(patch(api, path, callers["busan"], body), 422)
    strategy = f"/api/v1/strategies/{draft['strategies'][0]['id']}"
    refused(patch(api, strategy, callers["busan"], {"name": "전략\u007f"}), 422)
    refused(patch(api, f"/api/v1/plans/{draft['id']}", callers["busan"], {"goal": "\u0008"}), 422)

    assert Task.objects.values("name", "description").get(pk=task["id"]) == before
    assert Task.objects.get(pk=task["id"]).history.count() == 1  # the roll-forward only
