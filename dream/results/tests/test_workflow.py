# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""The result submission's steps: 작성 중/보완 요청 → 제출 → 보완 요청 or 확정 (→ 보완 요청 by
reopening), each an event and a history row; wrong states and persons refused by name."""

import threading

import pytest
from django.db import connection

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.plans.choices import TaskKind
from dream.results.choices import ResultAction, ResultState
from dream.results.execution import self_assessment_record
from dream.results.models import ResultEvent, ResultSubmission
from dream.results.workflow import (
    NOTHING_TO_SUBMIT,
    result_confirm,
    result_reopen,
    result_return,
    result_submit,
    results_body,
    submission_of,
)

from .fixtures_execution import busan_plan, enter, orgs, personas, staff  # noqa: F401


@pytest.fixture
def entered(personas, enter):  # noqa: F811
    enter(personas("busan_editor"))
    return ResultSubmission.objects.get()


@pytest.mark.django_db
def test_nothing_entered_cannot_be_submitted(busan_plan, personas):
    submission = submission_of(results_body(2024, "부산"))
    assert submission.pk is None and submission.state == ResultState.DRAFTING
    with pytest.raises(StateConflict, match=NOTHING_TO_SUBMIT):
        result_submit(actor=personas("busan_editor"), submission=submission)
    assert not ResultEvent.objects.exists()


@pytest.mark.django_db
def test_an_account_alone_can_be_submitted(busan_plan, personas):
    editor = personas("busan_editor")
    core = busan_plan.tasks.get(kind=TaskKind.CORE)
    self_assessment_record(actor=editor, year=2024, task=core, text="추진 완료")
    event = result_submit(actor=editor, submission=ResultSubmission.objects.get())
    assert event.to_state == ResultState.SUBMITTED


@pytest.mark.django_db
def test_the_whole_walk_leaves_events_and_history(entered, personas, staff, enter):  # noqa: F811
    editor = personas("busan_editor")
    result_submit(actor=editor, submission=entered)
    with pytest.raises(StateConflict, match=r"지금 상태\(제출\)"):
        result_submit(actor=editor, submission=entered)
    with pytest.raises(InvalidInput):
        result_return(actor=staff, submission=entered, comment=" ")
    result_return(actor=staff, submission=entered, comment="국비 집행 근거 보완")
    enter(editor, "92", reason="보완")
    result_submit(actor=editor, submission=entered)
    result_confirm(actor=staff, submission=entered)
    with pytest.raises(InvalidInput):
        result_reopen(actor=staff, submission=entered, reason="")
    result_reopen(actor=staff, submission=entered, reason="결산서 정정")
    entered.refresh_from_db()
    assert entered.state == ResultState.RETURNED and entered.confirmed_at is None
    assert entered.submitted_at is not None
    steps = [(e.action, e.from_state, e.to_state, e.actor) for e in entered.events.all()]
    S = ResultState
    assert steps == [
        (ResultAction.SUBMIT, S.DRAFTING, S.SUBMITTED, editor),
        (ResultAction.RETURN, S.SUBMITTED, S.RETURNED, staff),
        (ResultAction.SUBMIT, S.RETURNED, S.SUBMITTED, editor),
        (ResultAction.CONFIRM, S.SUBMITTED, S.CONFIRMED, staff),
        (ResultAction.REOPEN, S.CONFIRMED, S.RETURNED, staff),
    ]
    assert entered.events.get(action=ResultAction.RETURN).comment == "국비 집행 근거 보완"
    reasons = list(
        entered.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons[-5:] == [
        "result.submit",
        "result.return",
        "result.submit",
        "result.confirm",
        "result.reopen",
    ]


@pytest.mark.django_db
def test_body_cannot_review_and_others_cannot_submit(entered, personas):
    with pytest.raises(NotAllowed):
        result_submit(actor=personas("seoul_editor"), submission=entered)
    result_submit(actor=personas("busan_editor"), submission=entered)
    for name in ("busan_editor", "busan_viewer", "ministry_editor"):
        with pytest.raises(NotAllowed):
            result_confirm(actor=personas(name), submission=entered)
    with pytest.raises(StateConflict, match="확정"):
        result_reopen(actor=personas("superuser"), submission=entered, reason="x")


@pytest.mark.django_db
def test_unknown_body_or_year_is_404(busan_plan):
    from django.http import Http404

    for year, name in [(2024, "없는기관"), (2023, "부산"), (2024, "서울")]:
        with pytest.raises(Http404):
            results_body(year, name)


@pytest.mark.django_db(transaction=True)
def test_two_staff_confirming_at_once_confirm_once(entered, personas):
    result_submit(actor=personas("busan_editor"), submission=entered)
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(actor):
        try:
            barrier.wait()
            result_confirm(actor=actor, submission=entered)
            outcomes.append("confirmed")
        except StateConflict as error:
            outcomes.append("refused" if "확정" in error.message else error.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(p,))
        for p in (personas("committee_staff"), personas("superuser"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed", "refused"]
    assert ResultEvent.objects.filter(action=ResultAction.CONFIRM).count() == 1


@pytest.mark.django_db
def test_results_first_submitted_after_the_evaluation_began_are_marked_late(
    entered, personas, staff
):
    from dream.evaluation.services import round_open

    editor = personas("busan_editor")
    round = round_open(actor=staff, year=2024)  # printed dates: 평가 from 2025-01-01
    assert round.evaluating_from.isoformat() == "2025-01-01"
    result_submit(actor=editor, submission=entered)
    entered.refresh_from_db()
    assert entered.is_late  # today is after 2025-01-01


@pytest.mark.django_db
def test_results_submitted_before_any_round_are_not_late(entered, personas):
    result_submit(actor=personas("busan_editor"), submission=entered)
    entered.refresh_from_db()
    assert entered.submitted_at is not None and not entered.is_late
