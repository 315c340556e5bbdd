"""Persona × feedback and 지특회계 actions (ADR 0008: "raise / cancel feedback action … ✓ staff,
superuser"; "link / decline / done … own, staff, superuser"; "import and match 지특회계 … staff,
superuser"), written by hand from the ADR and held by the services, the web and the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dream.cycle.choices import ItemKind
from dream.cycle.errors import NotAllowed
from dream.cycle.tests.conftest import PERSONAS, draft_plan
from dream.evaluation import feedback, special_account
from dream.evaluation.choices import FeedbackKind, FeedbackState
from dream.evaluation.models import FeedbackAction, SpecialAccountResult
from dream.plans.choices import PlanLevel, TaskKind

from .feedback_setup import graded_busan

MANAGERS = {"committee_staff", "superuser"}
BODY = {"busan_editor"} | MANAGERS  # 부산's own actions: its editors (M is not 부산's)
ACTIONS = ("raise", "link", "decline", "done", "cancel", "import")
ALLOWED = {
    "raise": MANAGERS, "cancel": MANAGERS, "import": MANAGERS,
    "link": BODY, "decline": BODY, "done": BODY,
}  # fmt: skip
ROWS = [(p, a, p in ALLOWED[a]) for p in PERSONAS for a in ACTIONS]
CSV = "계정,사업명,기관,등급,점수\n자율계정,사업,부산,우수,80\n".encode()


@pytest.fixture
def setup(busan_2024, staff, orgs):
    grade = graded_busan(busan_2024, staff)
    plan_2025 = draft_plan(orgs["부산"], PlanLevel.PROVINCE, year=2025)
    plan_2025.is_draft = False
    plan_2025.save()
    action = feedback.feedback_action_raise(
        actor=staff, grade=grade, kind=FeedbackKind.CONSULTING, organization=orgs["부산"],
        due_step="feedback_phase", description="심층컨설팅 실시",
    )  # fmt: skip
    return grade, action, plan_2025.tasks.get(kind=TaskKind.CORE)


def _service(name, actor, setup):
    grade, action, task = setup
    calls = {
        "raise": lambda: feedback.feedback_action_raise(
            actor=actor, grade=grade, kind="other", organization=grade.unit.organization,
            due_step="feedback_phase", description="기타 조치",
        ),
        "link": lambda: feedback.feedback_action_link(
            actor=actor, action=action, plan=task.plan, item_kind=ItemKind.TASK, item_id=task.pk
        ),
        "decline": lambda: feedback.feedback_action_decline(actor=actor, action=action, reason="사유"),
        "done": lambda: feedback.feedback_action_done(actor=actor, action=action, note="실시함"),
        "cancel": lambda: feedback.feedback_action_cancel(actor=actor, action=action, reason="사유"),
        "import": lambda: special_account.special_account_import(
            actor=actor, year=2024, file=SimpleUploadedFile("a.csv", CSV), filename="a.csv"
        ),
    }  # fmt: skip
    calls[name]()


def _changed(name, action) -> bool:
    if name == "raise":
        return FeedbackAction.objects.count() == 2
    if name == "import":
        return SpecialAccountResult.objects.exists()
    action.refresh_from_db()
    return action.state != FeedbackState.OPEN


@pytest.mark.parametrize(("persona", "name", "allowed"), ROWS)
def test_services(persona, name, allowed, setup, personas):
    actor = personas(persona)
    if allowed:
        _service(name, actor, setup)
    else:
        with pytest.raises(NotAllowed):
            _service(name, actor, setup)
    assert _changed(name, setup[1]) is allowed


def _web(client, name, setup):
    grade, action, task = setup
    if name == "raise":
        data = {"raise-grade": grade.pk, "raise-kind": "other", "raise-due_step": "feedback_phase",
                "raise-description": "기타 조치"}  # fmt: skip
        return client.post(reverse("evaluation:feedback_raise", args=[2024]), data)
    if name == "import":
        file = SimpleUploadedFile("a.csv", CSV, content_type="text/csv")
        return client.post(reverse("evaluation:special_account", args=[2024]), {"file": file})
    data = {"reason": "사유를 적음", "plan": task.plan_id, "item_kind": "task", "item_id": task.pk}
    return client.post(reverse("evaluation:feedback_act", args=[2024, action.pk, name]), data)


@pytest.mark.parametrize(("persona", "name", "allowed"), ROWS)
def test_web(persona, name, allowed, setup, personas, client):
    user = personas(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = _web(client, name, setup)
    assert response.status_code in ((302,) if allowed else (302, 403))
    if not allowed and user.is_authenticated:
        assert response.status_code == 403
    assert _changed(name, setup[1]) is allowed


def _api(api, headers, name, setup):
    grade, action, task = setup
    if name == "raise":
        body = {"grade_id": grade.pk, "kind": "other", "due_step": "feedback_phase",
                "description": "기타 조치"}  # fmt: skip
        return api.post(
            "/api/v1/feedback-actions", body, content_type="application/json", **headers
        )
    if name == "import":
        file = SimpleUploadedFile("a.csv", CSV, content_type="text/csv")
        return api.post("/api/v1/evaluations/2024/special-account", {"file": file}, **headers)
    body = {
        "reason": "사유를 적음",
        "plan_id": task.plan_id,
        "item_kind": "task",
        "item_id": task.pk,
    }
    return api.post(
        f"/api/v1/feedback-actions/{action.pk}/{name}", body, content_type="application/json",
        **headers,
    )  # fmt: skip


@pytest.mark.parametrize(("persona", "name", "allowed"), ROWS)
def test_api(persona, name, allowed, setup, personas, api, token_for):
    user = personas(persona)
    headers = token_for(user) if user.is_authenticated else {}
    response = _api(api, headers, name, setup)
    expected = (201 if name in ("raise", "import") else 200) if allowed else None
    if allowed:
        assert response.status_code == expected, response.content.decode()
    else:
        assert response.status_code == (403 if user.is_authenticated else 401)
    assert _changed(name, setup[1]) is allowed
