"""Track 1's expert evaluation keeps the plan evaluation's integrity rules (the same code): a
tied evaluator is never assigned (409 naming the tie), one declares before any assignment, a
later declaration cancels and voids, and a declaration racing an assignment leaves no tied live
assignment."""

import threading

import pytest
from django.db import connection

from dream.calls import evaluation, services
from dream.calls.models import CallAssignment, CallDeclaration
from dream.cycle.errors import InvalidInput, StateConflict
from dream.evaluation.choices import AssignmentState
from dream.evaluation.computation import CriterionSpec, evaluator_leaf_score
from dream.evaluation.integrity import ConflictOfInterest

from .setup import GOOD_REASON, applied_world, declared, expert, scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(orgs, staff):
    world = applied_world(orgs, staff, {"부산": "10", "서울": "10"})
    world.call = services.call_evaluation_start(actor=staff, call=world.call)
    world.panels = [
        evaluation.call_panel_save(actor=staff, call=world.call, name="1반", members=[])
    ]
    return world


def _assign(staff, world, name, evaluator):
    return evaluation.call_assignment_create(
        actor=staff,
        panel=world.panels[0],
        application=world.applications[name],
        evaluator=evaluator,
    )


def test_an_evaluator_without_a_declaration_for_the_call_is_refused(world, staff):
    x = expert(staff, "x")
    with pytest.raises(StateConflict, match="이해충돌 신고"):
        _assign(staff, world, "부산", x)


def test_a_tie_to_the_super_region_refuses_its_province(world, staff, orgs):
    x = expert(staff, "x", orgs["부울경"])
    declared(world.call, x)
    with pytest.raises(ConflictOfInterest, match="부울경"):
        _assign(staff, world, "부산", x)
    assert _assign(staff, world, "서울", x).state == AssignmentState.ASSIGNED


def test_a_declared_tie_is_refused(world, staff, orgs):
    x = expert(staff, "x")
    evaluation.call_conflict_declare(
        actor=x.user, call=world.call, ties=[evaluation.CallTieInput(orgs["서울"], "research")]
    )
    with pytest.raises(ConflictOfInterest, match="연구용역"):
        _assign(staff, world, "서울", x)


def test_a_later_declaration_cancels_the_tied_assignment_and_voids_its_scores(world, staff, orgs):
    x = expert(staff, "x")
    declared(world.call, x)
    tied, untied = _assign(staff, world, "서울", x), _assign(staff, world, "부산", x)
    scored(x, tied, 90)
    scored(x, untied, 70)
    evaluation.call_conflict_declare(
        actor=x.user, call=world.call, ties=[evaluation.CallTieInput(orgs["서울"], "advisory")]
    )
    tied.refresh_from_db()
    untied.refresh_from_db()
    assert tied.state == AssignmentState.CANCELLED and "이해관계 신고" in tied.cancel_reason
    assert untied.state == AssignmentState.ASSIGNED
    assert tied.scores.filter(void=True).count() == tied.scores.count() == 1
    applications = evaluation.call_compute(actor=staff, call=world.call)
    by_province = {str(a.province): a for a in applications}
    assert (
        by_province["서울"].raw_score is None
        and by_province["서울"].score_note == "완료된 채점 없음"
    )
    assert by_province["부산"].raw_score == 70
    assert CallDeclaration.objects.filter(call=world.call, evaluator=x).count() == 2


def test_a_reason_shorter_than_the_calls_minimum_is_refused(world, staff):
    x = expert(staff, "x")
    declared(world.call, x)
    assignment = _assign(staff, world, "부산", x)
    criterion = world.call.criteria.get()
    with pytest.raises(InvalidInput, match="10자 이상"):
        evaluation.call_scores_record(
            actor=x.user, assignment=assignment, scores={criterion.pk: ("80", "좋음")}
        )
    with pytest.raises(InvalidInput, match="0–100점"):
        evaluation.call_scores_record(
            actor=x.user, assignment=assignment, scores={criterion.pk: ("101", GOOD_REASON)}
        )


def test_the_evaluator_score_is_the_evaluations_formula(world, staff):
    criteria = [
        services.CriterionInput("지자체 추진의지", 2, 100, "printed", 1700),
        services.CriterionInput("사업 타당성", 1, 50),
    ]
    call = services.call_create(
        actor=staff, year=2025, title="2025 공모", budget="10", select_count=1,
        deadline=world.call.deadline, criteria=criteria,
    )  # fmt: skip
    specs = list(call.criteria.all())
    value = evaluator_leaf_score(
        {specs[0].pk: 80, specs[1].pk: 25},
        [CriterionSpec(c.pk, c.weight, c.max_score) for c in specs],
    )
    assert value == (2 * 80 / 100 + 1 * 25 / 50) / 3 * 100


def test_criteria_are_frozen_once_evaluation_starts(world, staff):
    with pytest.raises(StateConflict, match="고정"):
        services.call_criteria_set(
            actor=staff, call=world.call, criteria=[services.CriterionInput("새 기준", 1, 100)]
        )


@pytest.mark.django_db(transaction=True)
def test_a_declaration_racing_an_assignment_leaves_no_tied_live_assignment(orgs, staff):
    world = applied_world(orgs, staff, {"부산": "10"})
    call = services.call_evaluation_start(actor=staff, call=world.call)
    panel = evaluation.call_panel_save(actor=staff, call=call, name="1반", members=[])
    application = world.applications["부산"]
    for attempt in range(3):
        x = expert(staff, f"race_{attempt}")
        declared(call, x)
        barrier = threading.Barrier(2)
        outcomes = []

        def declare(x=x, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                evaluation.call_conflict_declare(
                    actor=x.user,
                    call=call,
                    ties=[evaluation.CallTieInput(orgs["부산"], "advisory")],
                )
                outcomes.append("declared")
            finally:
                connection.close()

        def assign(x=x, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                evaluation.call_assignment_create(
                    actor=staff, panel=panel, application=application, evaluator=x
                )
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
        assert not CallAssignment.objects.filter(
            evaluator=x, application=application, state=AssignmentState.ASSIGNED
        ).exists()
