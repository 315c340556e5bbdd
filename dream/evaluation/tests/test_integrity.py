"""Evaluators with integrity (ADR 0008 step 4): a tied evaluator is never assigned, a later
declaration cancels and voids, and a declaration racing an assignment leaves no tied one."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.evaluation.choices import AssignmentState, RoundPhase, TieKind
from dream.evaluation.integrity import (
    ConflictOfInterest,
    TieInput,
    assignment_cancel,
    assignment_create,
    assignment_reopen,
    conflict_declare,
    evaluator_register,
    panel_save,
)
from dream.evaluation.models import Assignment, ConflictDeclaration, Score
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, expert, small_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(orgs, staff):
    return small_round(orgs, staff)


@pytest.fixture
def panel(small, staff):
    return panel_save(actor=staff, round=small.round, name="1반", members=[])


def test_a_declared_untied_evaluator_is_assigned_and_joins_the_panel(small, staff, panel):
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    assert assignment.state == AssignmentState.ASSIGNED
    assert list(panel.members.all()) == [x]


def test_an_evaluator_without_a_declaration_is_refused(small, staff, panel):
    x = expert(staff, "expert_x")
    with pytest.raises(StateConflict, match="이해충돌 신고 먼저"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)


def test_a_member_of_the_body_is_refused_naming_the_tie(small, staff, panel, orgs):
    y = declared(staff, small.round, "expert_y", member_of=orgs["부산"])
    with pytest.raises(ConflictOfInterest, match="부산 소속"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=y)
    assert assignment_create(actor=staff, panel=panel, unit=small.seoul_core, evaluator=y)


def test_a_declared_tie_is_refused(small, staff, panel, orgs):
    y = expert(staff, "expert_y")
    conflict_declare(
        actor=y.user, round=small.round, ties=[TieInput(orgs["부산"], TieKind.ADVISORY)]
    )
    with pytest.raises(ConflictOfInterest, match="신고한 관계\\(자문\\)"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=y)


def test_a_tie_to_the_super_region_refuses_its_province_and_back(small, staff, panel, orgs):
    to_region = expert(staff, "expert_region")
    conflict_declare(
        actor=to_region.user, round=small.round, ties=[TieInput(orgs["부울경"], TieKind.RESEARCH)]
    )
    with pytest.raises(ConflictOfInterest, match="부울경에 속한 부산"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=to_region)

    from dream.evaluation.models import Unit

    region_unit = Unit.objects.get(pk=small.seoul_core.pk)
    region_unit.organization = orgs["부울경"]
    region_unit.save()
    to_province = declared(staff, small.round, "expert_prov", member_of=orgs["부산"])
    with pytest.raises(ConflictOfInterest, match="부산이\\(가\\) 속한 부울경"):
        assignment_create(actor=staff, panel=panel, unit=region_unit, evaluator=to_province)


def test_a_cooperating_ministry_refuses_its_member(small, staff, panel, orgs):
    small.busan_leaves[0].related_organizations.add(orgs["행안부"])
    m = declared(staff, small.round, "expert_m", member_of=orgs["행안부"])
    with pytest.raises(ConflictOfInterest, match="행안부"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=m)


def test_a_later_declaration_cancels_the_tied_assignment_and_voids_its_scores(
    small, staff, panel, orgs
):
    x = declared(staff, small.round, "expert_x")
    tied = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    untied = assignment_create(actor=staff, panel=panel, unit=small.seoul_core, evaluator=x)
    score = Score.objects.create(
        assignment=tied, leaf=small.busan_leaves[0], criterion=small.criteria[0],
        value=Decimal(70), reason=GOOD_REASON,
    )  # fmt: skip

    conflict_declare(actor=x.user, round=small.round, ties=[TieInput(orgs["부산"], "family")])

    tied.refresh_from_db()
    untied.refresh_from_db()
    score.refresh_from_db()
    assert tied.state == AssignmentState.CANCELLED
    assert "이해관계 신고로 취소" in tied.cancel_reason
    assert untied.state == AssignmentState.ASSIGNED
    assert score.void and score.value == 70
    assert ConflictDeclaration.objects.filter(evaluator=x).count() == 2


def test_only_the_evaluator_declares_for_self(small, staff, personas):
    for actor in (staff, personas("superuser"), personas("busan_editor")):
        with pytest.raises(NotAllowed):
            conflict_declare(actor=actor, round=small.round, ties=[], none_to_declare=True)


def test_a_declaration_says_none_or_names_ties(small, staff, orgs):
    x = expert(staff, "expert_x")
    with pytest.raises(InvalidInput):
        conflict_declare(actor=x.user, round=small.round, ties=[])
    with pytest.raises(InvalidInput):
        conflict_declare(
            actor=x.user, round=small.round, ties=[TieInput(orgs["부산"], "other")],
            none_to_declare=True,
        )  # fmt: skip


@pytest.mark.parametrize("who", ["busan_editor", "anonymous"])
def test_only_staff_register_panel_and_assign(small, staff, panel, personas, who):
    actor = personas(who)
    x = declared(staff, small.round, "expert_x")
    with pytest.raises(NotAllowed):
        evaluator_register(actor=actor, user=personas("seoul_editor"))
    with pytest.raises(NotAllowed):
        panel_save(actor=actor, round=small.round, name="2반", members=[])
    with pytest.raises(NotAllowed):
        assignment_create(actor=actor, panel=panel, unit=small.busan_core, evaluator=x)


def test_cancel_and_reopen(small, staff, panel):
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    with pytest.raises(StateConflict, match="제출된 배정만"):
        assignment_reopen(actor=staff, assignment=assignment, reason="다시 보기")
    Assignment.objects.filter(pk=assignment.pk).update(state=AssignmentState.SUBMITTED)
    assert assignment_reopen(actor=staff, assignment=assignment, reason="근거 보완").state == (
        AssignmentState.REOPENED
    )
    with pytest.raises(InvalidInput):
        assignment_cancel(actor=staff, assignment=assignment, reason=" ")
    assert assignment_cancel(actor=staff, assignment=assignment, reason="일정").state == (
        AssignmentState.CANCELLED
    )
    again = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    assert again.pk != assignment.pk


def test_a_second_live_assignment_of_the_same_pair_is_refused(small, staff, panel):
    x = declared(staff, small.round, "expert_x")
    assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    with pytest.raises(StateConflict, match="이미 배정"):
        assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)


def test_no_assignment_after_evaluating(orgs, staff):
    small = small_round(orgs, staff, phase=RoundPhase.CHECKING)
    x = declared(staff, small.round, "expert_x")
    with pytest.raises(StateConflict, match="평가결과 점검"):
        assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)


@pytest.mark.django_db(transaction=True)
def test_a_declaration_racing_an_assignment_leaves_no_tied_live_assignment(orgs, staff):
    small = small_round(orgs, staff)
    for attempt in range(3):
        x = declared(staff, small.round, f"expert_race_{attempt}")
        barrier = threading.Barrier(2)
        outcomes = []

        def declare(x=x, small=small, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                conflict_declare(
                    actor=x.user, round=small.round, ties=[TieInput(orgs["부산"], "advisory")]
                )
                outcomes.append("declared")
            finally:
                connection.close()

        def assign(x=x, small=small, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
                outcomes.append("assigned")
            except ConflictOfInterest:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=declare), threading.Thread(target=assign)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(outcomes) in (["assigned", "declared"], ["declared", "refused"])
        assert not Assignment.objects.filter(
            evaluator=x, unit=small.busan_core, state=AssignmentState.ASSIGNED
        ).exists()
