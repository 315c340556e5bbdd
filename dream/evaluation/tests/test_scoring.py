"""Scores, submission and the round's computation (ADR 0008 step 5)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.evaluation.choices import AssignmentState, RoundPhase
from dream.evaluation.integrity import (
    ConflictOfInterest,
    TieInput,
    assignment_create,
    conflict_declare,
    panel_save,
)
from dream.evaluation.models import Assignment, EvaluationRound, RoundRule, Score, UnitScore
from dream.evaluation.rules import RuleKey
from dream.evaluation.scoring import (
    ScoreInput,
    assignment_submit,
    round_compute,
    score_record,
    scores_record,
)
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, small_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(orgs, staff):
    return small_round(orgs, staff)


@pytest.fixture
def panel(small, staff):
    return panel_save(actor=staff, round=small.round, name="1반", members=[])


@pytest.fixture
def x_on_busan(small, staff, panel):
    x = declared(staff, small.round, "expert_x")
    return assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)


def score_all(assignment, leaves, criteria, value):
    return scores_record(
        actor=assignment.evaluator.user,
        assignment=assignment,
        items=[ScoreInput(leaf, c, value, GOOD_REASON) for leaf in leaves for c in criteria],
    )


def test_the_evaluator_scores_within_the_maximum_with_a_long_enough_reason(small, x_on_busan):
    user = x_on_busan.evaluator.user
    leaf, criterion = small.busan_leaves[0], small.criteria[0]
    score = score_record(
        actor=user, assignment=x_on_busan, leaf=leaf, criterion=criterion, value="85.5",
        reason=GOOD_REASON,
    )  # fmt: skip
    assert score.value == Decimal("85.5")
    for value in ("-1", "100.01", "abc", "NaN"):
        with pytest.raises(InvalidInput):
            score_record(
                actor=user, assignment=x_on_busan, leaf=leaf, criterion=criterion, value=value,
                reason=GOOD_REASON,
            )  # fmt: skip
    with pytest.raises(InvalidInput, match="20자 이상"):
        score_record(
            actor=user, assignment=x_on_busan, leaf=leaf, criterion=criterion, value=50,
            reason="짧음",
        )  # fmt: skip


def test_the_reason_length_is_the_rounds_rule(small, x_on_busan):
    RoundRule.objects.create(
        round=small.round, key=RuleKey.REASON_MIN_LENGTH, value=3, basis="not_fixed"
    )
    score = score_record(
        actor=x_on_busan.evaluator.user, assignment=x_on_busan, leaf=small.busan_leaves[0],
        criterion=small.criteria[0], value=50, reason="근거 충분",
    )  # fmt: skip
    assert score.reason == "근거 충분"


def test_nobody_scores_for_another_superusers_included(small, x_on_busan, staff, personas):
    for actor in (staff, personas("superuser"), personas("busan_editor")):
        with pytest.raises(NotAllowed, match="누구도 대신"):
            score_record(
                actor=actor, assignment=x_on_busan, leaf=small.busan_leaves[0],
                criterion=small.criteria[0], value=50, reason=GOOD_REASON,
            )  # fmt: skip


def test_a_leaf_outside_the_assignment_is_refused(small, x_on_busan):
    with pytest.raises(InvalidInput, match="채점 단위가 아닙니다"):
        score_record(
            actor=x_on_busan.evaluator.user, assignment=x_on_busan, leaf=small.seoul_core,
            criterion=small.criteria[0], value=50, reason=GOOD_REASON,
        )  # fmt: skip


def test_no_score_outside_evaluating(small, x_on_busan):
    EvaluationRound.objects.filter(pk=small.round.pk).update(phase=RoundPhase.CHECKING)
    with pytest.raises(StateConflict, match="평가결과 점검"):
        score_all(x_on_busan, small.busan_leaves, small.criteria, 50)


def test_a_batch_is_all_or_none(small, x_on_busan):
    items = [ScoreInput(small.busan_leaves[0], small.criteria[0], 50, GOOD_REASON)]
    items.append(ScoreInput(small.busan_leaves[1], small.criteria[0], 500, GOOD_REASON))
    with pytest.raises(InvalidInput):
        scores_record(actor=x_on_busan.evaluator.user, assignment=x_on_busan, items=items)
    assert not Score.objects.exists()


def test_a_tie_found_while_scoring_is_refused(small, x_on_busan, orgs):
    from dream.accounts.models import Membership

    Membership.objects.create(user=x_on_busan.evaluator.user, organization=orgs["부울경"])
    with pytest.raises(ConflictOfInterest, match="부울경에 속한 부산"):
        score_all(x_on_busan, small.busan_leaves, small.criteria, 50)


def test_submit_needs_every_leaf_and_criterion_and_then_freezes(small, x_on_busan):
    user = x_on_busan.evaluator.user
    score_all(x_on_busan, small.busan_leaves[:1], small.criteria, 70)
    with pytest.raises(InvalidInput, match="빠진 점수"):
        assignment_submit(actor=user, assignment=x_on_busan)
    score_all(x_on_busan, small.busan_leaves[1:], small.criteria, 70)
    assert assignment_submit(actor=user, assignment=x_on_busan).state == (AssignmentState.SUBMITTED)
    with pytest.raises(StateConflict):
        score_all(x_on_busan, small.busan_leaves, small.criteria, 80)
    with pytest.raises(StateConflict, match="이미 제출"):
        assignment_submit(actor=user, assignment=x_on_busan)


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_gives_one_step_and_one_refusal(orgs, staff):
    small = small_round(orgs, staff)
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    score_all(assignment, small.busan_leaves, small.criteria, 70)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            assignment_submit(actor=x.user, assignment=assignment)
            outcomes.append("submitted")
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "submitted"]
    assert (
        Assignment.objects.get(pk=assignment.pk)
        .history.filter(state=AssignmentState.SUBMITTED)
        .count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_evaluators_scoring_one_unit_at_once_are_both_kept(orgs, staff):
    small = small_round(orgs, staff)
    assignments = [
        assignment_create(
            actor=staff,
            panel=None,
            unit=small.busan_core,
            evaluator=declared(staff, small.round, name),
        )  # fmt: skip
        for name in ("expert_x", "expert_z")
    ]
    barrier = threading.Barrier(2)

    def score(assignment):
        try:
            barrier.wait()
            score_all(assignment, small.busan_leaves, small.criteria, 60)
        finally:
            connection.close()

    threads = [threading.Thread(target=score, args=(a,)) for a in assignments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Score.objects.count() == 2 * len(small.busan_leaves) * len(small.criteria)


def test_round_compute_means_submitted_scores_and_rolls_up(small, staff, panel, orgs):
    x = declared(staff, small.round, "expert_x")
    z = declared(staff, small.round, "expert_z")
    late = declared(staff, small.round, "expert_late")
    done = []
    for evaluator, value in ((x, 60), (z, 80)):
        a = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=evaluator)
        score_all(a, small.busan_leaves, small.criteria, value)
        done.append(assignment_submit(actor=evaluator.user, assignment=a))
    not_submitted = assignment_create(
        actor=staff, panel=panel, unit=small.busan_core, evaluator=late
    )
    score_all(not_submitted, small.busan_leaves, small.criteria, 0)

    written = round_compute(actor=staff, round=small.round)

    leaf = UnitScore.objects.get(unit=small.busan_leaves[0])
    assert leaf.raw == Decimal(70) and leaf.evaluator_count == 2
    assert leaf.normalised is None and "최소 3개" in leaf.normalisation_note
    core = UnitScore.objects.get(unit=small.busan_core)
    assert core.rolled == Decimal(70)
    assert len(core.inputs["children"]) == 2 and core.inputs["missing"] == []
    seoul = UnitScore.objects.get(unit=small.seoul_core)
    assert seoul.raw is None and seoul.normalisation_note == "점수 없음"
    root = UnitScore.objects.get(unit=small.busan_core.parent)
    assert root.rolled == Decimal(70)
    assert UnitScore.objects.count() == written
    assert len(leaf.rules_hash) == 64

    conflict_declare(actor=z.user, round=small.round, ties=[TieInput(orgs["부산"], "other")])
    round_compute(actor=staff, round=small.round)
    assert UnitScore.objects.get(unit=small.busan_leaves[0]).raw == Decimal(60)
    assert UnitScore.objects.count() == written


def test_round_compute_is_staffs_and_only_while_evaluating_or_checking(small, staff, personas):
    with pytest.raises(NotAllowed):
        round_compute(actor=personas("busan_editor"), round=small.round)
    EvaluationRound.objects.filter(pk=small.round.pk).update(phase=RoundPhase.PLANNING)
    with pytest.raises(StateConflict):
        round_compute(actor=staff, round=small.round)


def test_a_reopened_assignment_is_scored_and_submitted_again(small, staff, x_on_busan):
    from dream.evaluation.integrity import assignment_reopen

    user = x_on_busan.evaluator.user
    score_all(x_on_busan, small.busan_leaves, small.criteria, 70)
    assignment_submit(actor=user, assignment=x_on_busan)
    assignment_reopen(actor=staff, assignment=x_on_busan, reason="근거 자료 추가 제출")
    score_all(x_on_busan, small.busan_leaves[:1], small.criteria, 90)
    assert assignment_submit(actor=user, assignment=x_on_busan).state == (AssignmentState.SUBMITTED)
    values = set(Score.objects.filter(leaf=small.busan_leaves[0]).values_list("value", flat=True))
    assert values == {Decimal(90)}


def test_an_indicator_is_judged_by_the_assigned_evaluator_only(small, x_on_busan, staff):
    from dream.evaluation.scoring import indicator_judge
    from dream.indicators.models import Indicator

    indicator = Indicator.objects.create(
        plan=small.busan_core.plan, position=1, group="common", name="기본계획 고시", unit=""
    )
    judgement = indicator_judge(
        actor=x_on_busan.evaluator.user, assignment=x_on_busan, indicator=indicator,
        level="partial", reason=GOOD_REASON,
    )  # fmt: skip
    assert judgement.get_level_display() == "부분 달성"
    with pytest.raises(InvalidInput):
        indicator_judge(
            actor=x_on_busan.evaluator.user, assignment=x_on_busan, indicator=indicator,
            level="great", reason=GOOD_REASON,
        )  # fmt: skip
    with pytest.raises(NotAllowed):
        indicator_judge(
            actor=staff, assignment=x_on_busan, indicator=indicator, level="achieved",
            reason=GOOD_REASON,
        )  # fmt: skip


def test_round_compute_normalises_per_panel_and_notes_why_not(small, staff):
    RoundRule.objects.create(
        round=small.round, key=RuleKey.NORMALISATION_MIN_UNITS, value=2, basis="not_fixed"
    )
    panel_a = panel_save(actor=staff, round=small.round, name="가반", members=[])
    panel_b = panel_save(actor=staff, round=small.round, name="나반", members=[])
    x = declared(staff, small.round, "expert_x")
    z = declared(staff, small.round, "expert_z")
    busan = assignment_create(actor=staff, panel=panel_a, unit=small.busan_core, evaluator=x)
    score_all(busan, small.busan_leaves[:1], small.criteria, 60)
    score_all(busan, small.busan_leaves[1:], small.criteria, 80)
    assignment_submit(actor=x.user, assignment=busan)
    seoul = assignment_create(actor=staff, panel=panel_b, unit=small.seoul_core, evaluator=z)
    score_all(seoul, [small.seoul_core], small.criteria, 40)
    assignment_submit(actor=z.user, assignment=seoul)

    round_compute(actor=staff, round=small.round)

    low, high = (UnitScore.objects.get(unit=leaf) for leaf in small.busan_leaves)
    # round: 60, 80, 40 → mean 60, sd √(800/3); panel 가: mean 70, sd 10
    assert low.raw == Decimal(60) and low.normalised is not None
    assert low.normalised < Decimal(60) < high.normalised
    assert UnitScore.objects.get(unit=small.seoul_core).normalisation_note == (
        "표준화 안 함 (평가반 단위 1개 < 최소 2개)"
    )

    split = assignment_create(actor=staff, panel=panel_b, unit=small.busan_core, evaluator=z)
    score_all(split, small.busan_leaves, small.criteria, 70)
    assignment_submit(actor=z.user, assignment=split)
    round_compute(actor=staff, round=small.round)
    assert UnitScore.objects.get(unit=small.busan_leaves[0]).normalisation_note == (
        "표준화 안 함 (여러 평가반이 채점)"
    )
