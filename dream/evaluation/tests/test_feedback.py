"""Feedback action services (ADR 0008 step 7): raise, link, decline, done, cancel — who may,
in which state, and the event each step leaves."""

import pytest

from dream.cycle.choices import ItemKind
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.cycle.tests.conftest import draft_plan
from dream.evaluation.choices import FeedbackKind, FeedbackState, RoundPhase
from dream.evaluation.feedback import (
    feedback_action_cancel,
    feedback_action_decline,
    feedback_action_done,
    feedback_action_link,
    feedback_action_raise,
)
from dream.plans.choices import PlanLevel, TaskKind

from .feedback_setup import graded_busan


@pytest.fixture
def grade(busan_2024, staff):
    return graded_busan(busan_2024, staff)


def raise_action(grade, staff, kind=FeedbackKind.NEXT_PLAN, **extra):
    return feedback_action_raise(
        actor=staff, grade=grade, kind=kind, organization=grade.unit.organization,
        due_step="plan_drafting", description="미흡 과제의 성과지표를 다시 설정", **extra,
    )  # fmt: skip


def test_raise_defaults_due_year_and_item_to_the_graded_task(grade, staff):
    action = raise_action(grade, staff)
    assert action.due_year == 2025
    assert (action.item_kind, action.item_id) == (ItemKind.TASK, grade.unit.task_id)
    assert action.state == FeedbackState.OPEN
    assert [e.event for e in action.events.all()] == ["raise"]


def test_raise_only_in_checking_or_feedback(busan_2024, staff):
    grade = graded_busan(busan_2024, staff, phase=RoundPhase.EVALUATING)
    with pytest.raises(StateConflict):
        raise_action(grade, staff)


def test_raise_refuses_an_item_outside_the_judged_plan(grade, staff, orgs):
    other = draft_plan(orgs["서울"], PlanLevel.PROVINCE, year=2024)
    with pytest.raises(InvalidInput):
        raise_action(grade, staff, item_kind=ItemKind.TASK, item_id=other.tasks.first().pk)


def test_raise_refuses_a_body_not_judged_and_non_staff(grade, staff, orgs, personas):
    with pytest.raises(InvalidInput):
        feedback_action_raise(
            actor=staff, grade=grade, kind="other", organization=orgs["서울"],
            due_step="feedback_phase", description="다른 기관",
        )  # fmt: skip
    with pytest.raises(NotAllowed):
        raise_action(grade, personas("busan_editor"))


def test_link_needs_the_owners_plan_of_the_due_year(grade, staff, orgs, personas):
    action = raise_action(grade, staff)
    editor = personas("busan_editor")
    with pytest.raises(InvalidInput):  # last year's plan is not the due year's
        feedback_action_link(
            actor=editor, action=action, plan=grade.unit.plan,
            item_kind=ItemKind.TASK, item_id=grade.unit.task_id,
        )  # fmt: skip
    with pytest.raises(NotAllowed):
        feedback_action_link(
            actor=personas("seoul_editor"), action=action, plan=grade.unit.plan,
            item_kind=ItemKind.TASK, item_id=grade.unit.task_id,
        )  # fmt: skip


def test_linking_to_a_published_plan_item_is_carried(grade, staff, orgs, personas):
    plan_2025 = draft_plan(orgs["부산"], PlanLevel.PROVINCE, year=2025)
    plan_2025.is_draft = False
    plan_2025.save()
    task = plan_2025.tasks.get(kind=TaskKind.CORE)
    action = feedback_action_link(
        actor=personas("busan_editor"), action=raise_action(grade, staff), plan=plan_2025,
        item_kind=ItemKind.TASK, item_id=task.pk,
    )  # fmt: skip
    assert action.state == FeedbackState.CARRIED
    assert [e.event for e in action.events.all()] == ["raise", "link", "carry"]


def test_decline_needs_a_reason_and_is_shown(grade, staff, personas):
    action = raise_action(grade, staff)
    editor = personas("busan_editor")
    with pytest.raises(InvalidInput):
        feedback_action_decline(actor=editor, action=action, reason="  ")
    action = feedback_action_decline(actor=editor, action=action, reason="사업 종료로 반영 불가")
    assert (action.state, action.state_reason) == (
        FeedbackState.NOT_CARRIED,
        "사업 종료로 반영 불가",
    )
    with pytest.raises(StateConflict):
        feedback_action_decline(actor=editor, action=action, reason="다시")


def test_done_is_for_non_plan_kinds(grade, staff, personas):
    editor = personas("busan_editor")
    with pytest.raises(StateConflict):
        feedback_action_done(actor=editor, action=raise_action(grade, staff), note="했음")
    action = raise_action(grade, staff, kind=FeedbackKind.INCENTIVE)
    action = feedback_action_done(actor=editor, action=action, note="인센티브 지급")
    assert action.state == FeedbackState.DONE


def test_cancel_is_staff_only_with_reason(grade, staff, personas):
    action = raise_action(grade, staff)
    with pytest.raises(NotAllowed):
        feedback_action_cancel(actor=personas("busan_editor"), action=action, reason="취소")
    action = feedback_action_cancel(actor=staff, action=action, reason="중복 제기")
    assert action.state == FeedbackState.CANCELLED


def test_control_characters_refused(grade, staff):
    with pytest.raises(InvalidInput):
        feedback_action_raise(
            actor=staff, grade=grade, kind="other", organization=grade.unit.organization,
            due_step="feedback_phase", description="내용\x00",
        )  # fmt: skip
