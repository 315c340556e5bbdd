"""The persona × action rows of ADR 0008 for evaluators, assignments and scores, held by the
services (A anonymous · V/E 부산 viewer/editor · O 서울 editor · M 행안부 editor · S staff ·
X expert evaluator assigned to 부산's unit · R superuser)."""

import pytest

from dream.accounts.models import User
from dream.cycle.errors import CycleError, NotAllowed
from dream.evaluation.integrity import (
    assignment_cancel,
    assignment_create,
    conflict_declare,
    evaluator_register,
    panel_save,
)
from dream.evaluation.permissions import can_view_scores, can_view_unit
from dream.evaluation.scoring import assignment_submit, round_compute, score_record
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, small_round

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous", "busan_viewer", "busan_editor", "seoul_editor", "ministry_editor",
    "committee_staff", "expert", "superuser",
]  # fmt: skip
STAFF = {"committee_staff", "superuser"}
# action → personas allowed (the ADR table's rows)
ALLOWED = {
    "register": STAFF,
    "panel": STAFF,
    "assign": STAFF,
    "cancel": STAFF,
    "compute": STAFF,
    "declare": {"expert"},
    "score": {"expert"},
    "submit": {"expert"},
    "view_scores": STAFF,
    "open_busan_unit": {"busan_viewer", "busan_editor", "expert"} | STAFF,
    "open_seoul_unit": {"seoul_editor"} | STAFF,
}


@pytest.fixture
def world(orgs, staff, personas):
    small = small_round(orgs, staff)
    x = declared(staff, small.round, "expert")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    other_unit = small.busan_leaves[0]
    other_unit.graded = True
    other_unit.save()

    def who(name):
        return x.user if name == "expert" else personas(name)

    return small, assignment, who


def _do(action, small, assignment, actor):
    if action == "register":
        return evaluator_register(actor=actor, user=User.objects.create_user("new_one"))
    if action == "panel":
        return panel_save(actor=actor, round=small.round, name="반", members=[])
    if action == "assign":
        return assignment_create(
            actor=actor, panel=None, unit=small.seoul_core, evaluator=assignment.evaluator
        )
    if action == "cancel":
        return assignment_cancel(actor=actor, assignment=assignment, reason="일정 변경")
    if action == "compute":
        return round_compute(actor=actor, round=small.round)
    if action == "declare":
        return conflict_declare(actor=actor, round=small.round, ties=[], none_to_declare=True)
    if action == "score":
        return score_record(
            actor=actor, assignment=assignment, leaf=small.busan_leaves[0],
            criterion=small.criteria[0], value=50, reason=GOOD_REASON,
        )  # fmt: skip
    if action == "submit":
        for leaf in small.busan_leaves:
            for criterion in small.criteria:
                if actor == assignment.evaluator.user:
                    score_record(
                        actor=actor, assignment=assignment, leaf=leaf, criterion=criterion,
                        value=50, reason=GOOD_REASON,
                    )  # fmt: skip
        return assignment_submit(actor=actor, assignment=assignment)
    raise AssertionError(action)


SERVICE_ACTIONS = [a for a in ALLOWED if not a.startswith(("view", "open"))]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", SERVICE_ACTIONS)
def test_services(persona, action, world):
    small, assignment, who = world
    actor = who(persona)
    if persona in ALLOWED[action]:
        _do(action, small, assignment, actor)
    else:
        with pytest.raises(NotAllowed):
            _do(action, small, assignment, actor)


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading(persona, world):
    small, _assignment, who = world
    actor = who(persona)
    assert can_view_scores(actor, small.round) == (persona in ALLOWED["view_scores"])
    assert can_view_unit(actor, small.busan_core) == (persona in ALLOWED["open_busan_unit"])
    assert can_view_unit(actor, small.seoul_core) == (persona in ALLOWED["open_seoul_unit"])


def test_a_tied_second_evaluator_is_refused_every_busan_action(world, staff, orgs):
    small, assignment, _who = world
    tied = declared(staff, small.round, "expert_tied", member_of=orgs["부산"])
    with pytest.raises(CycleError):
        assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=tied)
    with pytest.raises(NotAllowed):
        score_record(
            actor=tied.user, assignment=assignment, leaf=small.busan_leaves[0],
            criterion=small.criteria[0], value=50, reason=GOOD_REASON,
        )  # fmt: skip
    assert not can_view_unit(tied.user, small.seoul_core)
