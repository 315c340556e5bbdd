"""Control characters in the texts the cycle's services store are refused with a Korean
message and change nothing, whichever way they come (form, API, Excel template): they are
invisible, and one in the database broke the draft's Excel download (openpyxl refuses it)."""

from datetime import date

import pytest

from dream.core.spreadsheets import excel_safe, excel_storable
from dream.core.text import has_control_character
from dream.cycle import drafting
from dream.cycle.errors import InvalidInput
from dream.cycle.guidelines import cycle_guidelines_record
from dream.cycle.models import SubmissionEvent
from dream.cycle.services import cycle_resolve, submission_submit
from dream.plans.choices import TaskKind
from dream.plans.models import Task

# One of each kind: NUL, a C0 control that str.split() keeps, one it takes for a space
# (so collapsing whitespace would have hidden it), and DEL.
CONTROLS = ["\x00", "\x01", "\x1f", "\x7f"]


@pytest.fixture
def editor(personas):
    return personas("busan_editor")


def _state(plan):
    plan.refresh_from_db()
    return (
        plan.goal,
        sorted(plan.strategies.values_list("pk", "name")),
        sorted(plan.tasks.values_list("pk", "name", "description")),
        sorted(plan.indicators.values_list("pk", "name", "unit", "baseline_text", "target_text")),
        Task.history.count(),
    )


def _edits(plan, text):
    """Each drafting service that stores text, called with `text` in one of its fields."""
    task = plan.tasks.get(code="①")
    strategy = plan.strategies.get()
    indicator = plan.indicators.get()
    core = plan.tasks.get(code="Ⅰ-1")
    return {
        "task name": lambda actor: drafting.task_update(actor=actor, task=task, name=text),
        "task description": lambda actor: drafting.task_update(
            actor=actor, task=task, description=text
        ),
        "goal": lambda actor: drafting.plan_goal_update(actor=actor, plan=plan, goal=text),
        "strategy name": lambda actor: drafting.strategy_update(
            actor=actor, strategy=strategy, name=text
        ),
        "new strategy": lambda actor: drafting.strategy_add(actor=actor, plan=plan, name=text),
        "new task": lambda actor: drafting.task_add(
            actor=actor, plan=plan, parent=core, name=text, kind=TaskKind.DETAILED
        ),
        "indicator name": lambda actor: drafting.indicator_update(
            actor=actor, indicator=indicator, name=text
        ),
        "indicator unit": lambda actor: drafting.indicator_update(
            actor=actor, indicator=indicator, unit=text
        ),
        "indicator target": lambda actor: drafting.indicator_update(
            actor=actor, indicator=indicator, target_text=text
        ),
        "new indicator": lambda actor: drafting.indicator_add(
            actor=actor, plan=plan, name="새 지표", baseline_text=text
        ),
    }


EDITS = [
    "task name", "task description", "goal", "strategy name", "new strategy", "new task",
    "indicator name", "indicator unit", "indicator target", "new indicator",
]  # fmt: skip


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("edit", EDITS)
def test_a_draft_text_with_a_control_character_is_refused(busan_submission, editor, edit, control):
    plan = busan_submission.plan
    before = _state(plan)
    counts = (plan.strategies.count(), plan.tasks.count(), plan.indicators.count())

    with pytest.raises(InvalidInput) as refused:
        _edits(plan, f"가{control}나")[edit](editor)

    assert "제어 문자" in refused.value.message
    assert _state(plan) == before
    assert (plan.strategies.count(), plan.tasks.count(), plan.indicators.count()) == counts


def test_tabs_and_line_breaks_stay_ordinary_text(busan_submission, editor):
    """A description keeps its lines; a name is one line, its whitespace one space."""
    task = busan_submission.plan.tasks.get(code="①")

    drafting.task_update(
        actor=editor, task=task, name="자치\t역량\r\n강화", description="첫 줄\n\t둘째 줄"
    )

    task.refresh_from_db()
    assert (task.name, task.description) == ("자치 역량 강화", "첫 줄\n\t둘째 줄")


@pytest.mark.parametrize("field", ["title", "meeting"])
def test_guidelines_names_with_a_control_character_are_refused(staff, cycle_2025, field):
    fields = {
        "title": "2025년 수립지침",
        "meeting": "제9차 지방시대위원회",
        "resolved_on": date(2024, 11, 20),
        "sent_on": date(2024, 11, 22),
    }
    fields[field] = "제9차\x01"

    with pytest.raises(InvalidInput, match="제어 문자"):
        cycle_guidelines_record(actor=staff, cycle=cycle_2025, **fields)

    cycle_2025.refresh_from_db()
    assert cycle_2025.guidelines_title == ""


def test_a_step_comment_and_a_meeting_with_a_control_character_are_refused(
    ministry_submission, staff
):
    with pytest.raises(InvalidInput, match="제어 문자"):
        submission_submit(actor=staff, submission=ministry_submission, comment="제출\x02")
    ministry_submission.refresh_from_db()
    assert ministry_submission.submitted_at is None
    assert not SubmissionEvent.objects.filter(submission=ministry_submission).exists()

    with pytest.raises(InvalidInput, match="제어 문자"):
        cycle_resolve(
            actor=staff, cycle=ministry_submission.cycle, meeting="제6차\x03",
            resolved_on=date(2025, 4, 4),
        )  # fmt: skip


def test_the_one_rule_is_the_web_forms_rule():
    assert all(has_control_character(f"a{c}b") for c in CONTROLS)
    assert not any(has_control_character(f"a{c}b") for c in "\t\n\r가")


def test_excel_storable_replaces_only_what_excel_cannot_hold():
    """Unlike excel_safe, no formula prefix: the template reads its texts back."""
    assert excel_storable("=SUM(1)\x01\n끝") == "=SUM(1)\ufffd\n끝"
    assert excel_safe("=SUM(1)\x01") == "'=SUM(1)\ufffd"
    assert excel_storable(12.5) == 12.5
