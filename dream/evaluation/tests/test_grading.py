"""Round phases, self-grade, 점검, close and correction through the services (ADR 0008,
step 6)."""

import threading

import pytest
from django.db import connection

from dream.cycle.errors import InvalidInput, StateConflict
from dream.evaluation.choices import AssignmentState, RoundPhase
from dream.evaluation.grading import grade_check, grade_correct, round_advance, self_grade_record
from dream.evaluation.models import Grade, GradeCheck, RoundEvent, UnitScore
from dream.evaluation.permissions import can_view_grade, can_view_unit
from dream.evaluation.selectors_grades import grade_rows
from dream.evaluation.tests.grading_setup import (
    SEOUL_SCORE,
    checking,
    closed,
    evaluating,
    planned,
    scored,
)

pytestmark = pytest.mark.django_db
REASON = "추진실적 자료를 다시 확인한 결과 한 등급 조정이 타당함"


def test_the_full_phase_walk(orgs, staff, personas):
    graded = planned(orgs, staff)
    round = graded.round
    moved = round_advance(
        actor=staff, round=round, to=RoundPhase.EVALUATING, seen_phase=RoundPhase.PLANNING
    )
    round.refresh_from_db()
    assert round.phase == RoundPhase.EVALUATING and round.frozen_at is not None
    assert moved.event.from_phase == RoundPhase.PLANNING and moved.event.actor == staff

    for assignment in graded.assignments:
        scored(
            assignment,
            graded.small.criteria,
            90 if assignment.unit.plan.owner == orgs["부산"] else SEOUL_SCORE,
        )
    round_advance(
        actor=staff, round=round, to=RoundPhase.CHECKING, seen_phase=RoundPhase.EVALUATING
    )
    graded.refresh()
    assert UnitScore.objects.filter(unit__round=round).exists()
    assert graded.busan.computed_band.label == "우수"
    assert graded.busan.computed_score == 90
    assert graded.seoul.computed_band.label == "보통"
    assert graded.busan.final_band is None

    self_grade_record(
        actor=personas("busan_editor"), grade=graded.busan, band=graded.band("우수"), reason=REASON
    )
    with pytest.raises(StateConflict, match="점검하지 않은"):
        round_advance(
            actor=staff, round=round, to=RoundPhase.FEEDBACK, seen_phase=RoundPhase.CHECKING
        )
    grade_check(
        actor=staff, grade=graded.busan, band=graded.band("우수"), reason="", seen_band=None
    )
    grade_check(
        actor=staff, grade=graded.seoul, band=graded.band("미흡"), reason=REASON, seen_band=None
    )
    round_advance(actor=staff, round=round, to=RoundPhase.FEEDBACK, seen_phase=RoundPhase.CHECKING)
    graded.refresh()
    assert round.closed_at is not None and round.phase == RoundPhase.FEEDBACK
    assert graded.busan.self_band.label == "우수" and graded.busan.self_reason == REASON
    assert graded.seoul.final_band.label == "미흡"
    assert list(RoundEvent.objects.filter(round=round).values_list("from_phase", "to_phase")) == [
        ("planning", "evaluating"),
        ("evaluating", "checking"),
        ("checking", "feedback"),
    ]
    with pytest.raises(StateConflict):
        round_advance(
            actor=staff, round=round, to=RoundPhase.CHECKING, seen_phase=RoundPhase.FEEDBACK
        )


def test_too_few_evaluators_refused_naming_the_units(orgs, staff):
    graded = planned(orgs, staff, evaluators=1)
    with pytest.raises(StateConflict, match="2명 이상") as refused:
        round_advance(
            actor=staff, round=graded.round, to=RoundPhase.EVALUATING,
            seen_phase=RoundPhase.PLANNING,
        )  # fmt: skip
    assert "부산" in refused.value.message and "서울" in refused.value.message
    graded.round.refresh_from_db()
    assert graded.round.phase == RoundPhase.PLANNING and graded.round.frozen_at is None


def test_a_stale_phase_is_refused(orgs, staff):
    graded = evaluating(orgs, staff)
    with pytest.raises(StateConflict, match="다른 담당자가 먼저"):
        round_advance(
            actor=staff, round=graded.round, to=RoundPhase.EVALUATING,
            seen_phase=RoundPhase.PLANNING,
        )  # fmt: skip
    assert RoundEvent.objects.filter(to_phase=RoundPhase.EVALUATING).count() == 1


def test_missing_submissions_need_a_reason_named_in_the_event(orgs, staff):
    graded = evaluating(orgs, staff)
    for assignment in graded.assignments[1:]:
        scored(assignment, graded.small.criteria, 80)
    with pytest.raises(InvalidInput, match="사유를 적어"):
        round_advance(
            actor=staff, round=graded.round, to=RoundPhase.CHECKING,
            seen_phase=RoundPhase.EVALUATING,
        )  # fmt: skip
    moved = round_advance(
        actor=staff, round=graded.round, to=RoundPhase.CHECKING,
        seen_phase=RoundPhase.EVALUATING, reason="평가위원 한 명이 기한 안에 제출하지 못함",
    )  # fmt: skip
    missing = graded.assignments[0]
    assert missing.state == AssignmentState.ASSIGNED
    assert str(missing.evaluator) in moved.event.reason
    assert Grade.objects.filter(unit__round=graded.round).count() == 2


def test_a_unit_without_score_gets_a_grade_without_band(orgs, staff):
    graded = evaluating(orgs, staff)
    for assignment in graded.assignments:
        if assignment.unit_id == graded.small.busan_core.pk:
            scored(assignment, graded.small.criteria, 80)
    moved = round_advance(
        actor=staff, round=graded.round, to=RoundPhase.CHECKING,
        seen_phase=RoundPhase.EVALUATING, reason="서울 평가 미제출",
    )  # fmt: skip
    graded.refresh()
    assert graded.seoul.computed_band is None and graded.seoul.computed_score is None
    assert any("서울" in name for name in moved.unscored)


def test_a_change_without_reason_is_refused(orgs, staff):
    graded = checking(orgs, staff)
    with pytest.raises(InvalidInput, match="사유"):
        grade_check(
            actor=staff, grade=graded.busan, band=graded.band("보통"), reason="", seen_band=None
        )
    graded.refresh()
    assert graded.busan.final_band is None
    assert not GradeCheck.objects.exists()


def test_a_band_out_of_scope_is_refused(orgs, staff):
    graded = checking(orgs, staff)
    with pytest.raises(InvalidInput, match="범위 밖"):
        grade_check(
            actor=staff, grade=graded.busan, band=graded.band("미흡"), reason=REASON,
            seen_band=None,
        )  # fmt: skip
    check = grade_check(
        actor=staff, grade=graded.busan, band=graded.band("보통"), reason=REASON, seen_band=None
    )
    assert (check.from_band.label, check.to_band.label) == ("우수", "보통")


def test_a_checker_who_saw_an_older_band_is_told(orgs, staff, personas):
    graded = checking(orgs, staff)
    grade_check(
        actor=staff, grade=graded.busan, band=graded.band("보통"), reason=REASON, seen_band=None
    )
    with pytest.raises(StateConflict, match="다른 담당자가 먼저"):
        grade_check(
            actor=personas("superuser"), grade=graded.busan, band=graded.band("우수"),
            reason="", seen_band=None,
        )  # fmt: skip
    graded.refresh()
    assert graded.busan.final_band.label == "보통"
    assert GradeCheck.objects.count() == 1
    # seeing the current final band, the second checker may decide again (back: reason needed)
    grade_check(
        actor=personas("superuser"), grade=graded.busan, band=graded.band("우수"),
        reason=REASON, seen_band=graded.band("보통"),
    )  # fmt: skip
    assert GradeCheck.objects.count() == 2


def test_self_grade_needs_a_reason_and_the_checking_phase(orgs, staff, personas):
    graded = evaluating(orgs, staff)
    round = graded.round
    for assignment in graded.assignments:
        scored(assignment, graded.small.criteria, 75)
    round_advance(
        actor=staff, round=round, to=RoundPhase.CHECKING, seen_phase=RoundPhase.EVALUATING
    )
    graded.refresh()
    editor = personas("busan_editor")
    with pytest.raises(InvalidInput):
        self_grade_record(actor=editor, grade=graded.busan, band=graded.band("우수"), reason=" ")
    grade_check(
        actor=staff, grade=graded.busan, band=graded.busan.computed_band, reason="", seen_band=None
    )
    grade_check(
        actor=staff, grade=graded.seoul, band=graded.seoul.computed_band, reason="", seen_band=None
    )
    round_advance(actor=staff, round=round, to=RoundPhase.FEEDBACK, seen_phase=RoundPhase.CHECKING)
    with pytest.raises(StateConflict):
        self_grade_record(actor=editor, grade=graded.busan, band=graded.band("우수"), reason=REASON)


def test_close_opens_grades_to_everyone(orgs, staff, personas):
    from django.contrib.auth.models import AnonymousUser

    graded = checking(orgs, staff)
    anonymous = AnonymousUser()
    assert not can_view_grade(anonymous, graded.small.busan_core)
    assert grade_rows(graded.round, anonymous) == []
    assert [r["organization"] for r in grade_rows(graded.round, personas("busan_viewer"))] == [
        "부산"
    ]
    for grade in (graded.busan, graded.seoul):
        grade_check(actor=staff, grade=grade, band=grade.computed_band, reason="", seen_band=None)
    round_advance(
        actor=staff, round=graded.round, to=RoundPhase.FEEDBACK, seen_phase=RoundPhase.CHECKING
    )
    graded.round.refresh_from_db()
    unit = graded.small.busan_core
    unit.refresh_from_db()
    assert can_view_grade(anonymous, unit) and can_view_unit(anonymous, unit)
    rows = grade_rows(graded.round, anonymous)
    assert {r["organization"] for r in rows} == {"부산", "서울"}
    busan = next(r for r in rows if r["organization"] == "부산")
    assert busan["rolled"] == "90.0" and busan["final_band"] == "우수"
    assert "evaluators" not in str(rows)


def test_correction_after_close_is_recorded(orgs, staff):
    graded = closed(orgs, staff)
    with pytest.raises(InvalidInput, match="정정 사유"):
        grade_correct(actor=staff, grade=graded.busan, band=graded.band("보통"), reason="")
    check = grade_correct(actor=staff, grade=graded.busan, band=graded.band("보통"), reason=REASON)
    graded.refresh()
    assert check.is_correction and graded.busan.final_band.label == "보통"


def test_correction_before_close_is_refused(orgs, staff):
    graded = checking(orgs, staff)
    with pytest.raises(StateConflict):
        grade_correct(actor=staff, grade=graded.busan, band=graded.band("보통"), reason=REASON)


@pytest.mark.django_db(transaction=True)
def test_two_staff_advancing_at_once_move_it_once(orgs, staff, personas):
    graded = planned(orgs, staff)
    barrier = threading.Barrier(2)
    outcomes = []

    def advance(actor):
        try:
            barrier.wait()
            round_advance(
                actor=actor, round=graded.round, to=RoundPhase.EVALUATING,
                seen_phase=RoundPhase.PLANNING,
            )  # fmt: skip
            outcomes.append("moved")
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=advance, args=(p,)) for p in (staff, personas("superuser"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["moved", "refused"]
    assert RoundEvent.objects.filter(to_phase=RoundPhase.EVALUATING).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_checkers_at_once_one_wins(orgs, staff, personas):
    graded = checking(orgs, staff)
    barrier = threading.Barrier(2)
    outcomes = []

    def check(actor, label):
        try:
            barrier.wait()
            grade_check(
                actor=actor, grade=graded.busan, band=graded.band(label), reason=REASON,
                seen_band=None,
            )  # fmt: skip
            outcomes.append("checked")
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=check, args=(staff, "보통")),
        threading.Thread(target=check, args=(personas("superuser"), "우수")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["checked", "refused"]
    assert GradeCheck.objects.filter(grade=graded.busan).count() == 1
