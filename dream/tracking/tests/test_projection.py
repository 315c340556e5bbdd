"""The status rule at its boundaries, for goals where higher and where lower is better."""

from decimal import Decimal as D

import pytest

from dream.tracking.choices import GoalStatusKind as S
from dream.tracking.projection import Point, goal_projection, required_value

START, TARGET = Point(2020, D(0)), Point(2030, D(100))


def judge(actuals, *, start=START, target=TARGET, higher_is_better=True):
    points = [Point(year, D(value)) for year, value in actuals]
    return goal_projection(
        start=start, target=target, actuals=points, higher_is_better=higher_is_better
    )


def test_without_actuals_there_is_no_status():
    assert judge([]).status == S.NO_DATA
    assert judge([]).value is None


def test_the_required_path_is_the_straight_line_from_baseline_to_target():
    start, target = Point(2020, D("10.5")), Point(2027, D(30))

    assert required_value(start, target, 2020) == D("10.5")
    assert required_value(start, target, 2027) == D(30)
    assert required_value(start, target, 2024) == D("10.5") + D("19.5") * 4 / 7


@pytest.mark.parametrize(
    ("actual_2025", "projected", "status"),
    [
        ("60", "120", S.ON_TRACK),
        ("50", "100", S.ON_TRACK),  # reaches the target exactly
        ("49.99", "99.98", S.AT_RISK),
        ("45", "90", S.AT_RISK),  # exactly 90% of the required progress
        ("44.99", "89.98", S.OFF_TRACK),
        ("0", "0", S.OFF_TRACK),
        ("-5", "-10", S.OFF_TRACK),
    ],
)
def test_one_actual_is_projected_on_the_line_from_the_baseline_through_it(
    actual_2025, projected, status
):
    projection = judge([(2025, actual_2025)])

    assert projection.value == D(projected)
    assert projection.status == status


@pytest.mark.parametrize(
    ("actual_2025", "projected", "status"),
    [
        ("40", "-20", S.ON_TRACK),
        ("50", "0", S.ON_TRACK),
        ("55", "10", S.AT_RISK),  # 90 of the 100 points of reduction
        ("55.01", "10.02", S.OFF_TRACK),
        ("100", "100", S.OFF_TRACK),
    ],
)
def test_lower_is_better_counts_progress_downwards(actual_2025, projected, status):
    projection = judge(
        [(2025, actual_2025)],
        start=Point(2020, D(100)),
        target=Point(2030, D(0)),
        higher_is_better=False,
    )

    assert projection.value == D(projected)
    assert projection.status == status


def test_two_actuals_are_projected_with_their_own_average_annual_change():
    # From the baseline the pace would be 10 a year (on track); the actuals show 5 a year.
    projection = judge([(2022, 30), (2023, 33), (2024, 40)])

    assert projection.annual_change == D(5)
    assert projection.origin == Point(2024, D(40))
    assert projection.value == D(70)
    assert projection.status == S.OFF_TRACK
    assert projection.progress_share == D("0.7")


def test_an_actual_of_the_target_year_is_the_result_and_later_ones_do_not_count():
    projection = judge([(2025, 80), (2030, 95), (2031, 120)])

    assert projection.is_result
    assert projection.value == D(95)
    assert projection.status == S.AT_RISK


def test_an_actual_after_the_target_year_stands_for_the_result_when_none_was_reported_then():
    projection = judge([(2025, 20), (2032, 100)])

    assert (projection.value, projection.status) == (D(100), S.ON_TRACK)


def test_without_a_baseline_the_first_actual_is_the_start():
    projection = judge([(2024, 50), (2026, 70)], start=None)

    assert projection.annual_change == D(10)
    assert (projection.value, projection.status) == (D(110), S.ON_TRACK)


def test_a_single_actual_without_baseline_shows_no_change_yet():
    projection = judge([(2024, 50)], start=None)

    assert (projection.annual_change, projection.value) == (D(0), D(50))
    assert projection.status == S.OFF_TRACK


def test_an_actual_in_the_baseline_year_alone_shows_no_change():
    assert judge([(2020, 10)]).value == D(10)


def test_a_goal_to_hold_a_level_is_on_track_while_the_level_holds():
    level = Point(2020, D(50))

    held = judge([(2025, 50)], start=level, target=Point(2030, D(50)))
    slipped = judge([(2025, 49)], start=level, target=Point(2030, D(50)))

    assert (held.status, held.progress_share) == (S.ON_TRACK, None)
    assert slipped.status == S.OFF_TRACK


@pytest.mark.parametrize(
    ("actual_2027", "status"),
    [("30", S.ON_TRACK), ("28.05", S.AT_RISK), ("28.04", S.OFF_TRACK)],
)
def test_the_digital_economy_goal_as_the_rule_text_explains_it(actual_2027, status):
    projection = judge(
        [(2027, actual_2027)], start=Point(2020, D("10.5")), target=Point(2027, D(30))
    )

    assert projection.status == status


def test_the_example_of_the_rule_text_2025_at_20_is_off_track():
    projection = judge([(2025, 20)], start=Point(2020, D("10.5")), target=Point(2027, D(30)))

    assert projection.annual_change == D("1.9")
    assert projection.value == D("23.8")
    assert projection.status == S.OFF_TRACK
