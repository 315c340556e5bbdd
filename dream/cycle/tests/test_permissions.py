"""Persona × action → allowed: the services enforce the shared table (persona_table.py),
and so every way in that calls them (the web forms, the API, the CLI); the web forms and
the API are held to the same table in test_permissions_web.py and test_permissions_api.py.
부산 is a province; 행안부 a ministry."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.cycle import amendments, comments, compilation, drafting
from dream.cycle.choices import DuplicateStatus, ItemKind, SubmissionState
from dream.cycle.errors import NotAllowed
from dream.cycle.guidelines import cycle_guidelines_record
from dream.cycle.models import Cycle, Submission
from dream.cycle.permissions import (
    can_edit_submission,
    can_manage_cycle,
    can_review,
    can_view_compilation,
    can_view_submission,
)
from dream.cycle.services import (
    cycle_open,
    cycle_resolve,
    submission_accept,
    submission_record_local_resolution,
    submission_return,
    submission_review,
    submission_submit,
)
from dream.cycle.workbook import workbook_apply
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

# step → the service call taking it, as `call(user, submission)`
CALLS = {
    "open": lambda user, s: cycle_open(actor=user, year=2026),
    "resolve": lambda user, s: cycle_resolve(
        actor=user, cycle=s.cycle, meeting="제3차 지방시대위원회", resolved_on=date(2025, 4, 4)
    ),
    "roll-forward": lambda user, s: drafting.submission_roll_forward(actor=user, submission=s),
    "task-edit": lambda user, s: drafting.task_update(
        actor=user, task=edited_task(s), name=TASK_NAME
    ),
    "budget-edit": lambda user, s: drafting.budget_update(
        actor=user, budget=edited_budget(s), amount_eok=EDITED_AMOUNT
    ),
    "budget-set": lambda user, s: drafting.budget_set(
        actor=user, plan=s.plan, strategy=s.plan.strategies.first(),
        source=BudgetSource.PRIVATE, amount_eok=SET_AMOUNT,
    ),
    "local-resolution": lambda user, s: submission_record_local_resolution(
        actor=user, submission=s, resolved_on=date(2025, 1, 20)
    ),
    "submit": lambda user, s: submission_submit(actor=user, submission=s),
    "review": lambda user, s: submission_review(actor=user, submission=s),
    "return": lambda user, s: submission_return(actor=user, submission=s, comment="보완해 주세요"),
    "accept": lambda user, s: submission_accept(actor=user, submission=s),
    "goal-edit": lambda user, s: drafting.plan_goal_update(actor=user, plan=s.plan, goal=GOAL),
    "strategy-edit": lambda user, s: drafting.strategy_update(
        actor=user, strategy=edited_strategy(s), name=STRATEGY_NAME
    ),
    "strategy-add": lambda user, s: drafting.strategy_add(
        actor=user, plan=s.plan, name=STRATEGY_NAME
    ),
    "strategy-remove": lambda user, s: drafting.strategy_remove(
        actor=user, strategy=s.plan.strategies.get(name=EMPTY_STRATEGY)
    ),
    "task-add": lambda user, s: drafting.task_add(
        actor=user, plan=s.plan, parent=None, name=ADDED_TASK, kind=TaskKind.CORE,
        strategy=edited_strategy(s),
    ),
    "task-remove": lambda user, s: drafting.task_remove(actor=user, task=removed_task(s)),
    "indicator-edit": lambda user, s: drafting.indicator_update(
        actor=user, indicator=edited_indicator(s), name=INDICATOR_NAME
    ),
    "indicator-add": lambda user, s: drafting.indicator_add(
        actor=user, plan=s.plan, name=INDICATOR_NAME, unit="%"
    ),
    "indicator-remove": lambda user, s: drafting.indicator_remove(
        actor=user, indicator=edited_indicator(s)
    ),
    "task-move": lambda user, s: drafting.task_move(
        actor=user, task=moved_task(s), parent=move_target(s)
    ),
    "indicator-relink": lambda user, s: drafting.indicator_relink(
        actor=user, indicator=edited_indicator(s), task=edited_task(s)
    ),
    "budget-remove": lambda user, s: drafting.budget_remove(actor=user, budget=removed_budget(s)),
    "amendment-start": lambda user, s: amendments.amendment_start(
        actor=user, submission=s, reason=AMENDMENT_REASON
    ),
    "amendment-submit": lambda user, s: amendments.amendment_submit(
        actor=user, amendment=s.amendments.get()
    ),
    "amendment-return": lambda user, s: amendments.amendment_return(
        actor=user, amendment=s.amendments.get(), comment="보완해 주세요"
    ),
    "amendment-withdraw": lambda user, s: amendments.amendment_withdraw(
        actor=user, amendment=s.amendments.get()
    ),
    "amendment-resolve": lambda user, s: amendments.amendment_resolve(
        actor=user, amendment=s.amendments.get(), meeting=AMENDMENT_MEETING,
        resolved_on=date(2025, 9, 1),
    ),
    "workbook-upload": lambda user, s: workbook_apply(
        actor=user, submission=s, content=workbook_with_goal(s.plan)
    ),
    "comment": lambda user, s: comments.comment_add(
        actor=user, submission=s, item_kind=ItemKind.TASK, item_id=edited_task(s).pk,
        text=REMARK,
    ),
    "answer": lambda user, s: comments.comment_answer(actor=user, comment=remark(s), text=ANSWER),
    "duplicates-find": lambda user, s: compilation.duplicates_find(
        actor=user, cycle=Cycle.objects.get(year=2025)
    ),
    "duplicate-decide": lambda user, s: compilation.duplicate_decide(
        actor=user, candidate=candidate(), status=DuplicateStatus.CONFIRMED, note=DECISION_NOTE
    ),
    "guidelines": lambda user, s: cycle_guidelines_record(
        actor=user, cycle=Cycle.objects.get(year=2025), title="2025년 시행계획 수립지침",
        meeting=GUIDELINES_MEETING, resolved_on=date(2024, 11, 21), sent_on=date(2024, 11, 22),
    ),
}  # fmt: skip
# the reads (READS) have no service: the pages and the API ask the predicates below

# persona: (view 부산's draft, edit 부산, edit 행안부, review, manage cycles, view the
# compilation)
PREDICATES = {
    "anonymous":       (0, 0, 0, 0, 0, 0),
    "busan_viewer":    (1, 0, 0, 0, 0, 0),
    "busan_editor":    (1, 1, 0, 0, 0, 0),
    "seoul_editor":    (0, 0, 0, 0, 0, 0),
    "ministry_editor": (0, 0, 1, 0, 0, 0),
    "committee_staff": (1, 1, 1, 1, 1, 1),
    "superuser":       (1, 1, 1, 1, 1, 1),
}  # fmt: skip
CHANGES = [action for action in ACTIONS if split(action)[0] not in READS]


def test_the_tables_cover_every_persona_and_action():
    assert list(ALLOWED) == PERSONAS == list(PREDICATES)
    assert {split(action)[0] for action in CHANGES} == set(CALLS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_predicates_follow_the_table(persona, personas, submissions):
    user = personas(persona)
    busan, ministry = submissions["부산"], submissions["행안부"]

    assert (
        can_view_submission(user, busan),
        can_edit_submission(user, busan),
        can_edit_submission(user, ministry),
        can_review(user, busan),
        can_manage_cycle(user),
        can_view_compilation(user),
    ) == tuple(bool(x) for x in PREDICATES[persona])


@pytest.mark.parametrize("action", CHANGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_action_is_allowed_exactly_as_the_table_says(persona, action, personas, submissions):
    submission = staged(action, submissions)
    user = personas(persona)
    call = CALLS[split(action)[0]]

    if ALLOWED[persona][action]:
        call(user, submission)
    else:
        with pytest.raises(NotAllowed):
            call(user, submission)
        if submission is not None:
            assert not submission.events.exists()

    assert happened(action, submission) == ALLOWED[persona][action]


def test_a_resolved_plan_is_visible_to_everyone(busan_submission):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.RESOLVED)
    busan_submission.refresh_from_db()

    assert can_view_submission(AnonymousUser(), busan_submission)
