"""Selection in rank order within the call's budget and number to select (DREAM's rule; the
plan fixes none): exactly at the budget is in, a hundredth of 억원 over is not; the call's rule
says whether a too-large application is skipped or stops the selection."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from dream.calls.choices import ApplicationState, SelectionRule
from dream.calls.models import Application, Call
from dream.calls.services import _selection_walk

START = datetime(2024, 3, 1, tzinfo=UTC)


def _applications(*pairs):
    """(requested 억원, final score) in order of application."""
    return [
        Application(
            pk=i,
            requested_eok=Decimal(requested),
            final_score=None if score is None else Decimal(score),
            submitted_at=START + timedelta(minutes=i),
        )
        for i, (requested, score) in enumerate(pairs, start=1)
    ]


def _selected(applications):
    return [a.pk for a in applications if a.state == ApplicationState.SELECTED]


def _call(budget="30", count=12, rule=SelectionRule.SKIP):
    return Call(budget_eok=Decimal(budget), select_count=count, selection_rule=rule)


def test_an_application_that_exactly_fills_the_remaining_budget_is_selected():
    applications = _applications(("10", "90"), ("20", "80"))
    _selection_walk(_call("30"), applications)
    assert _selected(applications) == [1, 2]
    assert sum(a.selected_eok for a in applications) == Decimal(30)


def test_one_hundredth_over_the_remaining_budget_is_skipped_and_the_next_one_taken():
    applications = _applications(("10", "90"), ("20.01", "80"), ("5", "70"))
    _selection_walk(_call("30"), applications)
    assert _selected(applications) == [1, 3]
    assert "남은 예산 20억원을 넘음" in applications[1].selection_note
    assert applications[1].selected_eok is None


def test_the_stop_rule_ends_the_selection_at_the_first_that_does_not_fit():
    applications = _applications(("10", "90"), ("20.01", "80"), ("5", "70"))
    _selection_walk(_call("30", rule=SelectionRule.STOP), applications)
    assert _selected(applications) == [1]
    assert applications[2].selection_note == "선정이 멈춘 뒤 순위"


def test_the_number_to_select_caps_the_selection():
    applications = _applications(("1", "90"), ("1", "80"), ("1", "70"))
    _selection_walk(_call("30", count=2), applications)
    assert _selected(applications) == [1, 2]
    assert "2개를 채움" in applications[2].selection_note


def test_rank_by_final_score_ties_to_the_earlier_application_and_unscored_are_left_out():
    applications = _applications(("1", "70"), ("1", None), ("1", "80"), ("1", "80"))
    _selection_walk(_call("30"), applications)
    assert [a.rank for a in applications] == [3, None, 1, 2]
    assert applications[1].state == ApplicationState.NOT_SELECTED
