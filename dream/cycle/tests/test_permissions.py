"""Persona × action → allowed: the table every way in (web forms, API, CLI) enforces,
because each of them calls these services. 부산 is a province; 행안부 a ministry."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.cycle.choices import SubmissionState
from dream.cycle.errors import NotAllowed
from dream.cycle.models import Submission
from dream.cycle.permissions import (
    can_edit_submission,
    can_manage_cycle,
    can_review,
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

from .conftest import PERSONAS

# action: the submission it acts on, the state it starts from, the call
ACTIONS = {
    "open 2026": (None, None, lambda user, s: cycle_open(actor=user, year=2026)),
    "local resolution 부산": (
        "부산",
        SubmissionState.DRAFTING,
        lambda user, s: submission_record_local_resolution(
            actor=user, submission=s, resolved_on=date(2025, 1, 20)
        ),
    ),
    "submit 부산": ("부산", SubmissionState.DRAFTING, lambda user, s: submission_submit(actor=user, submission=s)),
    "submit 행안부": ("행안부", SubmissionState.DRAFTING, lambda user, s: submission_submit(actor=user, submission=s)),
    "review 부산": ("부산", SubmissionState.SUBMITTED, lambda user, s: submission_review(actor=user, submission=s)),
    "return 부산": (
        "부산",
        SubmissionState.SUBMITTED,
        lambda user, s: submission_return(actor=user, submission=s, comment="보완해 주세요"),
    ),
    "accept 부산": ("부산", SubmissionState.SUBMITTED, lambda user, s: submission_accept(actor=user, submission=s)),
    "resolve 2025": (
        "부산",
        SubmissionState.ACCEPTED,
        lambda user, s: cycle_resolve(
            actor=user, cycle=s.cycle, meeting="제3차 지방시대위원회", resolved_on=date(2025, 4, 4)
        ),
    ),
}  # fmt: skip

# persona:            open  local  submit submit review return accept resolve
#                     2026  부산    부산    행안부   부산    부산    부산    2025
ALLOWED = {
    "anonymous":       (0,    0,     0,     0,     0,     0,     0,     0),
    "busan_viewer":    (0,    0,     0,     0,     0,     0,     0,     0),
    "busan_editor":    (0,    1,     1,     0,     0,     0,     0,     0),
    "seoul_editor":    (0,    0,     0,     0,     0,     0,     0,     0),
    "ministry_editor": (0,    0,     0,     1,     0,     0,     0,     0),
    "committee_staff": (1,    1,     1,     1,     1,     1,     1,     1),
    "superuser":       (1,    1,     1,     1,     1,     1,     1,     1),
}  # fmt: skip

# persona: (view 부산's draft, edit 부산, edit 행안부, review, manage cycles)
PREDICATES = {
    "anonymous":       (0, 0, 0, 0, 0),
    "busan_viewer":    (1, 0, 0, 0, 0),
    "busan_editor":    (1, 1, 0, 0, 0),
    "seoul_editor":    (0, 0, 0, 0, 0),
    "ministry_editor": (0, 0, 1, 0, 0),
    "committee_staff": (1, 1, 1, 1, 1),
    "superuser":       (1, 1, 1, 1, 1),
}  # fmt: skip


def test_the_tables_cover_every_persona():
    assert list(ALLOWED) == PERSONAS == list(PREDICATES)
    assert all(len(row) == len(ACTIONS) for row in ALLOWED.values())


@pytest.fixture
def submissions(busan_submission, ministry_submission):
    return {"부산": busan_submission, "행안부": ministry_submission}


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
    ) == tuple(bool(x) for x in PREDICATES[persona])


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_action_is_allowed_exactly_as_the_table_says(persona, action, personas, submissions):
    body, state, call = ACTIONS[action]
    submission = None
    if body:
        submission = submissions[body]
        # the state the action starts from, with the local deliberation already recorded
        Submission.objects.filter(pk=submission.pk).update(
            state=state, local_resolution_date=date(2025, 1, 20)
        )
        submission.refresh_from_db()
    user = personas(persona)
    allowed = bool(ALLOWED[persona][list(ACTIONS).index(action)])

    if allowed:
        call(user, submission)
    else:
        with pytest.raises(NotAllowed):
            call(user, submission)
        if submission is not None:
            assert not submission.events.exists()


def test_a_resolved_plan_is_visible_to_everyone(busan_submission):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.RESOLVED)
    busan_submission.refresh_from_db()

    assert can_view_submission(AnonymousUser(), busan_submission)
