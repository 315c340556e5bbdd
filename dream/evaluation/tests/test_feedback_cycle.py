"""The cycle hooks of feedback actions (ADR 0008 step 7): an action raised on 부산's 2024 grade
shows in 부산's 2025 draft beside the rolled-forward task; linked, it is carried (반영) when the
plan is resolved, or opened again when the linked item was removed first; an amendment
carries an action linked in its copy onto the published row."""

import datetime as dt

import pytest
from django.urls import reverse

from dream.cycle.amendments import amendment_resolve, amendment_start, amendment_submit
from dream.cycle.choices import ItemKind
from dream.cycle.drafting import submission_roll_forward, task_remove
from dream.cycle.services import (
    cycle_resolve,
    submission_accept,
    submission_record_local_resolution,
    submission_submit,
)
from dream.cycle.tests.conftest import cycle_2025, sectoral_2024  # noqa: F401
from dream.evaluation.choices import FeedbackKind, FeedbackState
from dream.evaluation.feedback import GONE_NOTE, feedback_action_link, feedback_action_raise
from dream.plans.choices import TaskKind

from .feedback_setup import graded_busan

DAY = dt.date(2025, 3, 20)


@pytest.fixture
def action(busan_2024, staff):
    grade = graded_busan(busan_2024, staff)
    return feedback_action_raise(
        actor=staff, grade=grade, kind=FeedbackKind.NEXT_PLAN, organization=grade.unit.organization,
        due_step="plan_drafting", description="자치분권 과제의 성과지표 재설정",
    )  # fmt: skip


@pytest.fixture
def draft(action, cycle_2025, personas):  # noqa: F811
    submission = cycle_2025.submissions.get(organization=action.organization)
    submission_roll_forward(actor=personas("busan_editor"), submission=submission)
    submission.refresh_from_db()
    return submission


def resolve(submission, editor, staff):
    submission_record_local_resolution(actor=editor, submission=submission, resolved_on=DAY)
    submission_submit(actor=editor, submission=submission)
    submission_accept(actor=staff, submission=submission)
    cycle_resolve(
        actor=staff, cycle=submission.cycle, meeting="제9차 지방시대위원회", resolved_on=DAY
    )


def test_the_action_shows_beside_the_rolled_forward_task(client, draft, action, personas):
    client.force_login(personas("busan_editor"))
    page = client.get(reverse("cycle:draft_edit", args=[2025, draft.organization.short_name]))
    assert page.status_code == 200
    html = page.content.decode()
    rolled = draft.plan.tasks.get(kind=TaskKind.CORE)
    section = html.split(f'id="task-{rolled.pk}"')[1].split("</section>")[0]
    assert "자치분권 과제의 성과지표 재설정" in section
    assert "관련 항목을 찾지 못함" not in html


def test_an_action_whose_item_is_gone_shows_at_the_top(client, draft, action, personas, staff):
    editor = personas("busan_editor")
    task_remove(actor=editor, task=draft.plan.tasks.get(kind=TaskKind.CORE))
    client.force_login(editor)
    html = client.get(reverse("cycle:draft_edit", args=[2025, draft.organization.short_name]))
    assert "관련 항목을 찾지 못함" in html.content.decode()


def test_linked_then_resolved_is_carried(draft, action, personas, staff):
    editor = personas("busan_editor")
    rolled = draft.plan.tasks.get(kind=TaskKind.CORE)
    feedback_action_link(
        actor=editor, action=action, plan=draft.plan, item_kind=ItemKind.TASK, item_id=rolled.pk
    )
    resolve(draft, editor, staff)
    action.refresh_from_db()
    assert action.state == FeedbackState.CARRIED
    assert (action.linked_plan_id, action.linked_item_id) == (draft.plan_id, rolled.pk)
    assert [e.event for e in action.events.all()] == ["raise", "link", "carry"]


def test_linked_item_removed_before_resolution_opens_again(draft, action, personas, staff):
    editor = personas("busan_editor")
    detailed = draft.plan.tasks.get(kind=TaskKind.DETAILED)
    feedback_action_link(
        actor=editor, action=action, plan=draft.plan, item_kind=ItemKind.TASK, item_id=detailed.pk
    )
    task_remove(actor=editor, task=detailed)
    resolve(draft, editor, staff)
    action.refresh_from_db()
    assert (action.state, action.state_reason) == (FeedbackState.OPEN, GONE_NOTE)
    assert action.linked_plan_id is None


def test_an_amendment_carries_onto_the_published_row(draft, action, personas, staff):
    editor = personas("busan_editor")
    resolve(draft, editor, staff)  # nothing linked yet: the action stays open
    action.refresh_from_db()
    assert action.state == FeedbackState.OPEN
    draft.refresh_from_db()
    amendment = amendment_start(actor=editor, submission=draft, reason="환류 조치 반영")
    copy_task = amendment.draft_plan.tasks.get(kind=TaskKind.CORE)
    feedback_action_link(
        actor=editor, action=action, plan=amendment.draft_plan, item_kind=ItemKind.TASK,
        item_id=copy_task.pk,
    )  # fmt: skip
    amendment_submit(actor=editor, amendment=amendment)
    amendment_resolve(actor=staff, amendment=amendment, meeting="제10차", resolved_on=DAY)
    action.refresh_from_db()
    published = draft.plan.tasks.get(kind=TaskKind.CORE)
    assert action.state == FeedbackState.CARRIED
    assert (action.linked_plan_id, action.linked_item_id) == (draft.plan_id, published.pk)
