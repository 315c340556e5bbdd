"""Persona × action → allowed through the API, held to the same table as the services and
the web forms (dream/cycle/tests/persona_table.py): 401 without a token, 403 for a caller
who may not, and only then 404 for what does not exist and 409 for what the state does not
allow; a refused call changes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dream.api.services import api_token_create
from dream.cycle.choices import DuplicateStatus, ItemKind, SubmissionState
from dream.cycle.models import Submission
from dream.cycle.tests.conftest import PERSONAS
from dream.cycle.tests.persona_table import (
    ACTIONS,
    ADDED_TASK,
    ALLOWED,
    AMENDMENT_MEETING,
    AMENDMENT_REASON,
    ANSWER,
    DECISION_NOTE,
    EDITED_AMOUNT,
    EMPTY_STRATEGY,
    GOAL,
    GUIDELINES_MEETING,
    INDICATOR_NAME,
    LOCAL_RESOLUTION,
    READS,
    REMARK,
    SET_AMOUNT,
    STRATEGY_NAME,
    TASK_NAME,
    candidate,
    edited_budget,
    edited_indicator,
    edited_strategy,
    edited_task,
    happened,
    move_target,
    moved_task,
    remark,
    removed_budget,
    removed_task,
    split,
    staged,
    workbook_with_goal,
)
from dream.cycle.workbook import XLSX_CONTENT_TYPE
from dream.plans.choices import BudgetSource, TaskKind

SUBMISSIONS = "/api/v1/cycles/2025/submissions"


def _step(step: str, body=None):
    """POST to the submission's `step`, with `body` (or `body(submission)`)."""

    def call(submission: Submission) -> tuple[str, str, dict]:
        org = submission.organization.short_name
        data = body(submission) if callable(body) else body
        return "post", f"{SUBMISSIONS}/{org}/{step}", data or {}

    return call


# step → (method, path, body) for the submission acted on, and the success status; the
# method "multipart" is a POST of the body as multipart/form-data (an upload), others JSON
CALLS = {
    "open": (lambda s: ("post", "/api/v1/cycles", {"year": 2026}), 201),
    "resolve": (
        lambda s: (
            "post",
            "/api/v1/cycles/2025/resolve",
            {"meeting": "제3차 지방시대위원회", "date": "2025-04-04"},
        ),
        200,
    ),
    "roll-forward": (_step("roll-forward"), 201),
    "task-edit": (
        lambda s: ("patch", f"/api/v1/tasks/{edited_task(s).pk}", {"name": TASK_NAME}),
        200,
    ),
    "budget-edit": (
        lambda s: (
            "patch",
            f"/api/v1/budgets/{edited_budget(s).pk}",
            {"amount": str(EDITED_AMOUNT)},
        ),
        200,
    ),
    "budget-set": (
        lambda s: (
            "post",
            f"/api/v1/plans/{s.plan_id}/budgets",
            {
                "strategy_id": edited_budget(s).strategy_id,
                "source": BudgetSource.PRIVATE,
                "amount": str(SET_AMOUNT),
            },
        ),
        201,
    ),
    "local-resolution": (_step("local-resolution", {"date": LOCAL_RESOLUTION.isoformat()}), 200),
    "submit": (_step("submit"), 200),
    "review": (_step("review"), 200),
    "return": (_step("return", {"comment": "보완해 주세요"}), 200),
    "accept": (_step("accept"), 200),
    "goal-edit": (lambda s: ("patch", f"/api/v1/plans/{s.plan_id}", {"goal": GOAL}), 200),
    "strategy-edit": (
        lambda s: (
            "patch",
            f"/api/v1/strategies/{edited_strategy(s).pk}",
            {"name": STRATEGY_NAME},
        ),
        200,
    ),
    "indicator-edit": (
        lambda s: (
            "patch",
            f"/api/v1/indicators/{edited_indicator(s).pk}",
            {"name": INDICATOR_NAME},
        ),
        200,
    ),
    "comment": (
        _step(
            "comments",
            lambda s: {"item_kind": ItemKind.TASK, "item_id": edited_task(s).pk, "text": REMARK},
        ),
        201,
    ),
    "answer": (_step("comments", lambda s: {"reply_to": remark(s).pk, "text": ANSWER}), 201),
    "duplicate-decide": (
        lambda s: (
            "post",
            f"/api/v1/cycles/2025/duplicates/{candidate().pk}",
            {"status": DuplicateStatus.CONFIRMED, "note": DECISION_NOTE},
        ),
        200,
    ),
    "strategy-add": (
        lambda s: ("post", f"/api/v1/plans/{s.plan_id}/strategies", {"name": STRATEGY_NAME}),
        201,
    ),
    "strategy-remove": (
        lambda s: (
            "delete",
            f"/api/v1/strategies/{s.plan.strategies.get(name=EMPTY_STRATEGY).pk}",
            {},
        ),
        204,
    ),
    "task-add": (
        lambda s: (
            "post",
            f"/api/v1/plans/{s.plan_id}/tasks",
            {"name": ADDED_TASK, "kind": TaskKind.CORE, "strategy_id": edited_strategy(s).pk},
        ),
        201,
    ),
    "task-remove": (lambda s: ("delete", f"/api/v1/tasks/{removed_task(s).pk}", {}), 204),
    "indicator-add": (
        lambda s: (
            "post",
            f"/api/v1/plans/{s.plan_id}/indicators",
            {"name": INDICATOR_NAME, "unit": "%"},
        ),
        201,
    ),
    "indicator-remove": (
        lambda s: ("delete", f"/api/v1/indicators/{edited_indicator(s).pk}", {}),
        204,
    ),
    "workbook-upload": (
        lambda s: (
            "multipart",
            f"{SUBMISSIONS}/{s.organization.short_name}/workbook",
            {"file": SimpleUploadedFile("draft.xlsx", workbook_with_goal(s.plan))},
        ),
        200,
    ),
    "duplicates-find": (lambda s: ("post", "/api/v1/cycles/2025/duplicates/find", {}), 200),
    "task-move": (
        lambda s: ("patch", f"/api/v1/tasks/{moved_task(s).pk}", {"parent_id": move_target(s).pk}),
        200,
    ),
    "indicator-relink": (
        lambda s: (
            "patch",
            f"/api/v1/indicators/{edited_indicator(s).pk}",
            {"task_id": edited_task(s).pk},
        ),
        200,
    ),
    "budget-remove": (lambda s: ("delete", f"/api/v1/budgets/{removed_budget(s).pk}", {}), 204),
    "amendment-start": (_step("amendments", {"reason": AMENDMENT_REASON}), 201),
    "amendment-submit": (_step("amendments/1/submit"), 200),
    "amendment-return": (_step("amendments/1/return", {"comment": "보완해 주세요"}), 200),
    "amendment-withdraw": (_step("amendments/1/withdraw"), 200),
    "amendment-resolve": (
        _step("amendments/1/resolve", {"meeting": AMENDMENT_MEETING, "date": "2025-09-01"}),
        200,
    ),
    "guidelines": (
        lambda s: (
            "multipart",
            "/api/v1/cycles/2025/guidelines",
            {
                "title": "2025년 시행계획 수립지침",
                "meeting": GUIDELINES_MEETING,
                "resolved_on": "2024-11-21",
                "sent_on": "2024-11-22",
            },
        ),
        200,
    ),
}
# the reads (READS) on the API: step → the call, and whether the response shows what was read
READ_CALLS = {
    "compilation-view": (
        lambda s: ("get", "/api/v1/cycles/2025/duplicates", {}),
        lambda response: len(response.json()["candidates"]) == 1,  # the staged candidate
    ),
    "workbook-download": (
        lambda s: ("get", f"{SUBMISSIONS}/{s.organization.short_name}/workbook", {}),
        lambda response: (
            response["Content-Type"] == XLSX_CONTENT_TYPE and response.content.startswith(b"PK")
        ),
    ),
}


@pytest.fixture
def send(api, personas):
    """send(persona, method, path, body) → the response, with the persona's token (none for
    the anonymous caller)."""

    def call(persona: str, method: str, path: str, body: dict):
        headers = {}
        if persona != "anonymous":
            _token, raw = api_token_create(user=personas(persona), name="시험")
            headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        if method == "get":
            return api.get(path, body, **headers)
        if method == "multipart":
            return api.post(path, body, **headers)
        return getattr(api, method)(
            path, json.dumps(body), content_type="application/json", **headers
        )

    return call


def _status(response, expected: int) -> None:
    assert response.status_code == expected, response.content.decode()
    if expected >= 400:
        detail = response.json()["detail"]
        assert any("가" <= ch <= "힣" for ch in detail), detail


def test_every_action_of_the_table_has_its_api_call():
    assert set(READ_CALLS) == READS
    assert not set(CALLS) & set(READ_CALLS), "each step is in one of them"
    assert {split(action)[0] for action in ACTIONS} == set(CALLS) | set(READ_CALLS)


@pytest.mark.parametrize("action", [a for a in ACTIONS if split(a)[0] in CALLS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_api_call_is_allowed_exactly_as_the_table_says(persona, action, send, submissions):
    submission = staged(action, submissions)
    request, success = CALLS[split(action)[0]]

    response = send(persona, *request(submission))

    if persona == "anonymous":
        _status(response, 401)
    else:
        _status(response, success if ALLOWED[persona][action] else 403)
    assert happened(action, submission) == ALLOWED[persona][action]


@pytest.mark.parametrize("action", [a for a in ACTIONS if split(a)[0] in READ_CALLS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_api_read_is_answered_exactly_as_the_table_says(persona, action, send, submissions):
    submission = staged(action, submissions)
    request, shown = READ_CALLS[split(action)[0]]

    response = send(persona, *request(submission))

    if persona == "anonymous":
        _status(response, 401)
    elif ALLOWED[persona][action]:
        _status(response, 200)
        assert shown(response)
    else:
        _status(response, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_is_checked_before_the_state(persona, send, submissions):
    """Accepting a draft, renaming a task of a submitted plan, recording a ministry's
    local deliberation (only provinces and super-regions have one): 409 for who may do
    these at all, 403 for everyone else, who learn nothing about the state."""
    busan, ministry = submissions["부산"], submissions["행안부"]  # drafting
    accept, _ = CALLS["accept"]
    accepted = send(persona, *accept(busan))
    deliberate, _ = CALLS["local-resolution"]
    deliberated = send(persona, *deliberate(ministry))
    Submission.objects.filter(pk=busan.pk).update(state=SubmissionState.SUBMITTED)
    rename, _ = CALLS["task-edit"]
    renamed = send(persona, *rename(busan))

    for response, action in (
        (accepted, "accept 부산"),
        (renamed, "task-edit 부산"),
        (deliberated, "submit 행안부"),  # the same rule: who may write for the ministry
    ):
        if persona == "anonymous":
            _status(response, 401)
        else:
            _status(response, 409 if ALLOWED[persona][action] else 403)
    assert not busan.events.exists() and not ministry.events.exists()
    assert edited_task(busan).name != TASK_NAME


@pytest.mark.parametrize("persona", PERSONAS)
def test_what_does_not_exist_is_404_for_every_signed_in_caller(persona, send, submissions):
    missing = [
        ("post", f"{SUBMISSIONS}/없는기관/submit", {}),
        ("post", "/api/v1/cycles/2030/resolve", {"meeting": "제1차", "date": "2030-04-04"}),
        ("patch", "/api/v1/tasks/999999999", {"name": TASK_NAME}),
        ("patch", "/api/v1/budgets/999999999", {"amount": "1"}),
        ("post", f"{SUBMISSIONS}/부산/no-such-step", {}),
        ("delete", "/api/v1/tasks/999999999", {}),
        ("post", "/api/v1/plans/999999999/strategies", {"name": STRATEGY_NAME}),
        ("post", "/api/v1/cycles/2030/duplicates/find", {}),
        ("get", f"{SUBMISSIONS}/없는기관/workbook", {}),
    ]
    for call in missing:
        _status(send(persona, *call), 401 if persona == "anonymous" else 404)
