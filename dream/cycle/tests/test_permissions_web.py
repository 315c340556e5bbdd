"""Persona × action → allowed through the web forms, held to the same table as the services
and the API (persona_table.py): a person who may not is shown the 403 page, an anonymous
visitor is sent to sign in, and neither changes anything."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dream.cycle.choices import DuplicateStatus, ItemKind
from dream.cycle.models import Submission
from dream.cycle.views import GUIDELINES_PREFIX
from dream.cycle.workbook import XLSX_CONTENT_TYPE
from dream.plans.choices import BudgetSource, TaskKind

from .conftest import PERSONAS
from .persona_table import (
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


def _submission_step(step: str, fields: dict | None = None):
    def post(submission: Submission) -> tuple[str, dict]:
        org = submission.organization.short_name
        url = reverse("cycle:submission_action", args=[2025, org, step])
        return url, {f"{step}-{name}": value for name, value in (fields or {}).items()}

    return post


def _draft_url(submission: Submission, kind: str, pk: int, name: str = "update") -> str:
    org = submission.organization.short_name
    return reverse(f"cycle:draft_item_{name}", args=[2025, org, kind, pk])


def _body_url(name: str, submission: Submission) -> str:
    return reverse(f"cycle:{name}", args=[2025, submission.organization.short_name])


def _goal_edit(submission: Submission) -> tuple[str, dict]:
    pk = submission.plan_id
    return _draft_url(submission, "plan", pk), {f"plan-{pk}-goal": GOAL}


def _strategy_edit(submission: Submission) -> tuple[str, dict]:
    pk = edited_strategy(submission).pk
    return _draft_url(submission, "strategy", pk), {f"strategy-{pk}-name": STRATEGY_NAME}


def _indicator_edit(submission: Submission) -> tuple[str, dict]:
    indicator = edited_indicator(submission)
    fields = {
        "name": INDICATOR_NAME,
        "unit": indicator.unit,
        "baseline_text": indicator.baseline_text,
        "target_text": indicator.target_text,
        "direction": indicator.direction,
    }
    prefix = f"indicator-{indicator.pk}"
    return _draft_url(submission, "indicator", indicator.pk), {
        f"{prefix}-{name}": value for name, value in fields.items()
    }


def _added(kind: str, fields):
    """The draft editor's form adding a `kind` item, with `fields(submission)`."""

    def post(submission: Submission) -> tuple[str, dict]:
        org = submission.organization.short_name
        url = reverse("cycle:draft_item_add", args=[2025, org, kind])
        return url, {f"{kind}-add-{name}": value for name, value in fields(submission).items()}

    return post


def _removed(kind: str, item):
    """The removal's confirmation page, confirmed."""

    def post(submission: Submission) -> tuple[str, dict]:
        url = _draft_url(submission, kind, item(submission).pk, name="remove")
        return url, {"confirm": "yes"}

    return post


def _comment(submission: Submission) -> tuple[str, dict]:
    item = {"item_kind": ItemKind.TASK, "item_id": edited_task(submission).pk}
    return _body_url("item_comment", submission), {**item, "text": REMARK}


def _answer(submission: Submission) -> tuple[str, dict]:
    return _body_url("item_comment", submission), {
        "reply_to": remark(submission).pk,
        "text": ANSWER,
    }


def _workbook_upload(submission: Submission) -> tuple[str, dict]:
    content = workbook_with_goal(submission.plan)
    return _body_url("workbook_upload", submission), {
        "file": SimpleUploadedFile("draft.xlsx", content)
    }


def _duplicate_decide(submission) -> tuple[str, dict]:
    pk = candidate().pk
    url = reverse("cycle:duplicate_decide", args=[2025, pk])
    return url, {f"d{pk}-status": DuplicateStatus.CONFIRMED, f"d{pk}-note": DECISION_NOTE}


def _task_edit(submission: Submission) -> tuple[str, dict]:
    task = edited_task(submission)
    return _draft_url(submission, "task", task.pk), {f"task-{task.pk}-name": TASK_NAME}


def _budget_row(source: str, amount):
    """The draft editor's grid row of the first strategy, with one cell filled."""

    def post(submission: Submission) -> tuple[str, dict]:
        strategy = edited_budget(submission).strategy
        url = _draft_url(submission, "budget", strategy.pk)
        return url, {f"budget-{strategy.pk}-{source}": str(amount)}

    return post


def _task_move(submission: Submission) -> tuple[str, dict]:
    task = moved_task(submission)
    url = reverse("cycle:draft_task_move", args=[2025, submission.organization.short_name, task.pk])
    return url, {f"move-{task.pk}-to": f"t{move_target(submission).pk}"}


def _indicator_relink(submission: Submission) -> tuple[str, dict]:
    indicator = edited_indicator(submission)
    org = submission.organization.short_name
    url = reverse("cycle:draft_indicator_relink", args=[2025, org, indicator.pk])
    return url, {f"relink-{indicator.pk}-task": edited_task(submission).pk}


def _budget_remove(submission: Submission) -> tuple[str, dict]:
    """The grid row with the 지방비 cell emptied (the other cells sent as they are)."""
    cell = removed_budget(submission)
    prefix = f"budget-{cell.strategy_id}"
    cells = {b.source: str(b.amount_eok) for b in cell.strategy.budgets.all()}
    return _draft_url(submission, "budget", cell.strategy_id), {
        f"{prefix}-{source}": "" if source == BudgetSource.LOCAL else cells.get(source, "")
        for source in BudgetSource.values
    }


def _amendment_step(step: str, fields: dict | None = None):
    """The form of a step on the submission's amendment 1 (staged)."""

    def post(submission: Submission) -> tuple[str, dict]:
        org = submission.organization.short_name
        url = reverse("cycle:amendment_action", args=[2025, org, 1, step])
        prefix = f"amendment-1-{step}"
        return url, {f"{prefix}-{name}": value for name, value in (fields or {}).items()}

    return post


# step → the form's URL and data for the submission acted on
FORMS = {
    "open": lambda s: (reverse("cycle:cycle_list"), {"year": 2026}),
    "resolve": lambda s: (
        reverse("cycle:cycle_resolve", args=[2025]),
        {"meeting": "제3차 지방시대위원회", "resolved_on": "2025-04-04"},
    ),
    "roll-forward": _submission_step("roll-forward"),
    "task-edit": _task_edit,
    "budget-edit": _budget_row(BudgetSource.NATIONAL, EDITED_AMOUNT),
    "budget-set": _budget_row(BudgetSource.PRIVATE, SET_AMOUNT),
    "local-resolution": _submission_step("local-resolution", {"resolved_on": "2025-01-20"}),
    "submit": _submission_step("submit"),
    "review": _submission_step("review"),
    "return": _submission_step("return", {"comment": "보완해 주세요"}),
    "accept": _submission_step("accept"),
    "goal-edit": _goal_edit,
    "strategy-edit": _strategy_edit,
    "strategy-add": _added("strategy", lambda s: {"name": STRATEGY_NAME}),
    "strategy-remove": _removed("strategy", lambda s: s.plan.strategies.get(name=EMPTY_STRATEGY)),
    "task-add": _added(
        "task",
        lambda s: {"name": ADDED_TASK, "kind": TaskKind.CORE, "strategy": edited_strategy(s).pk},
    ),
    "task-remove": _removed("task", removed_task),
    "indicator-edit": _indicator_edit,
    "indicator-add": _added("indicator", lambda s: {"name": INDICATOR_NAME, "unit": "%"}),
    "indicator-remove": _removed("indicator", edited_indicator),
    "task-move": _task_move,
    "indicator-relink": _indicator_relink,
    "budget-remove": _budget_remove,
    "amendment-start": lambda s: (
        _body_url("amendment_start", s),
        {"amendment-reason": AMENDMENT_REASON},
    ),
    "amendment-submit": _amendment_step("submit"),
    "amendment-return": _amendment_step("return", {"comment": "보완해 주세요"}),
    "amendment-withdraw": _amendment_step("withdraw"),
    "amendment-resolve": _amendment_step(
        "resolve", {"meeting": AMENDMENT_MEETING, "resolved_on": "2025-09-01"}
    ),
    "workbook-upload": _workbook_upload,
    "comment": _comment,
    "answer": _answer,
    "duplicates-find": lambda s: (reverse("cycle:duplicates_find", args=[2025]), {}),
    "duplicate-decide": _duplicate_decide,
    "guidelines": lambda s: (
        reverse("cycle:cycle_guidelines", args=[2025]),
        {
            f"{GUIDELINES_PREFIX}-{name}": value
            for name, value in {
                "title": "2025년 시행계획 수립지침",
                "meeting": GUIDELINES_MEETING,
                "resolved_on": "2024-11-21",
                "sent_on": "2024-11-22",
            }.items()
        },
    ),
}

# the reads (READS): step → (the page's URL for the submission, whether an answer shows it)
PAGES = {
    "workbook-download": (
        lambda s: _body_url("workbook_download", s),
        lambda response: (
            response["Content-Type"] == XLSX_CONTENT_TYPE and response.content.startswith(b"PK")
        ),
    ),
    "compilation-view": (
        lambda s: reverse("cycle:compilation", args=[2025]),
        lambda response: len(response.context["rows"]) == 1,  # the staged candidate
    ),
}


def test_every_action_of_the_table_has_its_web_form_or_page():
    assert set(PAGES) == READS
    assert {split(action)[0] for action in ACTIONS} == set(FORMS) | set(PAGES)


@pytest.mark.parametrize("action", [a for a in ACTIONS if split(a)[0] in FORMS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_web_form_is_allowed_exactly_as_the_table_says(
    persona, action, client, personas, submissions
):
    submission = staged(action, submissions)
    url, data = FORMS[split(action)[0]](submission)
    if persona != "anonymous":
        client.force_login(personas(persona))

    response = client.post(url, data)

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif ALLOWED[persona][action]:
        assert response.status_code == 302, response.content.decode()
        told = [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]
        assert [tag for tag, _message in told] == ["success"], told
    else:
        assert response.status_code == 403
        assert "cycle/forbidden.html" in [t.name for t in response.templates]
        assert "권한이 없습니다" in response.content.decode()
    assert happened(action, submission) == ALLOWED[persona][action]


@pytest.mark.parametrize("action", [a for a in ACTIONS if split(a)[0] in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_page_is_shown_exactly_as_the_table_says(
    persona, action, client, personas, submissions
):
    submission = staged(action, submissions)
    url, shown = PAGES[split(action)[0]]
    if persona != "anonymous":
        client.force_login(personas(persona))

    response = client.get(url(submission))

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif ALLOWED[persona][action]:
        assert response.status_code == 200
        assert shown(response)
    else:
        assert response.status_code == 403
        assert "cycle/forbidden.html" in [t.name for t in response.templates]
        assert "권한이 없습니다" in response.content.decode()
