"""The status rule at its boundaries, for goals where higher and where lower is better."""

import statistics
from decimal import Decimal as D
from fractions import Fraction

import pytest

from dream.tracking.choices import GoalStatusKind as S
from dream.tracking.projection import Point, goal_projection, least_squares, required_value

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


def test_the_trend_is_the_least_squares_line_over_the_baseline_and_every_actual():
    points = [START, *(Point(y, D(v)) for y, v in [(2022, 30), (2023, 33), (2024, 40)])]

    trend = least_squares(points)

    years, values = [p.year for p in points], [float(p.value) for p in points]
    slope, intercept = statistics.linear_regression(years, values)
    assert trend.slope == Fraction(349, 35)  # Σ(dx·dy) 87.25 ÷ Σ(dx²) 8.75
    assert float(trend.slope) == pytest.approx(slope)
    assert float(trend.at(2030)) == pytest.approx(intercept + slope * 2030)


def test_the_trend_needs_two_different_years():
    assert least_squares([Point(2024, D(1))]) is None
    assert least_squares([Point(2024, D(1)), Point(2024, D(3))]) is None


def test_the_worked_example_15_2_and_21_below_the_path_is_not_on_track():
    """Issue 8: 10.5조원 (2020) → 30조원 (2027), 2023 = 15.2 and 2024 = 21, both below the
    path (18.86, 21.64). The old rule (trend from the first actual) said 순항, 38.4조원."""
    projection = judge(
        [(2023, "15.2"), (2024, 21)], start=Point(2020, D("10.5")), target=Point(2027, D(30))
    )

    assert projection.status == S.OFF_TRACK
    assert round(projection.value, 2) == D("26.68")  # the trend through 10.5, 15.2 and 21
    assert round(projection.annual_change, 2) == D("2.38")
    assert round(projection.progress_share, 3) == D("0.830")  # short of 90%
    gap = projection.path_gap
    assert (gap.year, round(gap.path, 2), round(gap.gap, 2)) == (2024, D("21.64"), D("-0.64"))
    assert not gap.ahead
    assert round(gap.share * 100, 1) == D("-3.0")


def test_the_same_goal_mirrored_lower_is_better_is_judged_the_same():
    higher = judge(
        [(2023, "15.2"), (2024, 21)], start=Point(2020, D("10.5")), target=Point(2027, D(30))
    )
    lower = judge(
        [(2023, "-15.2"), (2024, -21)],
        start=Point(2020, D("-10.5")),
        target=Point(2027, D(-30)),
        higher_is_better=False,
    )

    assert lower.status == higher.status == S.OFF_TRACK
    assert lower.progress_share == higher.progress_share
    assert lower.path_gap.gap == -higher.path_gap.gap
    assert lower.path_gap.ahead is higher.path_gap.ahead is False


def test_lower_is_better_below_the_path_and_reaching_the_target_is_on_track():
    # 100 (2020) → 0 (2030): the path passes 70 in 2023 and 60 in 2024.
    projection = judge(
        [(2023, 68), (2024, 58)],
        start=Point(2020, D(100)),
        target=Point(2030, D(0)),
        higher_is_better=False,
    )

    assert projection.path_gap.ahead
    assert projection.value <= 0
    assert projection.status == S.ON_TRACK


def test_lower_is_better_above_the_path_is_off_track():
    projection = judge(
        [(2023, 85), (2024, 79)],
        start=Point(2020, D(100)),
        target=Point(2030, D(0)),
        higher_is_better=False,
    )

    assert not projection.path_gap.ahead and projection.path_gap.gap == D(19)
    assert projection.status == S.OFF_TRACK


def test_on_the_path_with_the_trend_reaching_the_target_exactly_is_on_track():
    # 0, 20, 50 lie on the line of 10 a year: the trend reaches 100 in 2030, 2025 is on the path.
    projection = judge([(2022, 20), (2025, 50)])

    assert (projection.value, projection.path_gap.gap) == (D(100), D(0))
    assert projection.status == S.ON_TRACK


def test_a_trend_reaching_the_target_with_the_latest_actual_behind_the_path_is_at_risk():
    # Trend through (2020, 0), (2024, 60), (2025, 45): 110 in 2030; 2025 is 5 below the path.
    projection = judge([(2024, 60), (2025, 45)])

    assert projection.value == D(110)
    assert (projection.path_gap.gap, projection.path_gap.ahead) == (D(-5), False)
    assert projection.status == S.AT_RISK


@pytest.mark.parametrize(
    ("actual_2025", "status"),
    [
        ("68.75", S.ON_TRACK),  # the trend reaches 100 exactly
        ("68.74", S.AT_RISK),
        ("61.25", S.AT_RISK),  # exactly 90% of the required progress
        ("61.24", S.OFF_TRACK),
    ],
)
def test_ahead_of_the_path_the_trend_still_decides(actual_2025, status):
    # A slump in 2024 bends the trend although 2025 is ahead of the path (50): through
    # (2020, 0), (2024, 10), (2025, v) the trend in 2030 is (50 + 8v) / 6.
    projection = judge([(2024, 10), (2025, actual_2025)])

    assert projection.path_gap.ahead
    assert projection.status == status


def test_an_actual_after_the_target_year_counts_in_the_trend_not_as_the_result():
    # (2020, 0), (2025, 20), (2032, 100): the trend passes 2030 below the target.
    projection = judge([(2025, 20), (2032, 100)])

    assert not projection.is_result
    assert projection.value < 100
    assert projection.path_gap.year == 2032 and projection.path_gap.path == D(100)
    assert round(projection.value, 2) == D("76.97")
    assert projection.status == S.OFF_TRACK


def test_an_actual_of_the_target_year_is_the_result_and_later_ones_do_not_count():
    projection = judge([(2025, 80), (2030, 95), (2031, 120)])

    assert projection.is_result
    assert projection.value == D(95)
    assert projection.status == S.AT_RISK


def test_without_a_baseline_the_first_actual_is_the_start():
    projection = judge([(2024, 50), (2026, 70)], start=None)

    assert projection.annual_change == D(10)
    assert (projection.value, projection.status) == (D(110), S.ON_TRACK)


def test_a_single_actual_without_baseline_is_not_enough_to_judge():
    """Issue 8: DX 제조기업 (no baseline, 5,000개 by 2027) with 2024 = 1,200 said 지연 at once."""
    projection = judge([(2024, 1200)], start=None, target=Point(2027, D(5000)))

    assert projection.status == S.INSUFFICIENT
    assert projection.status.label == "판단 유보"
    assert (projection.value, projection.trend, projection.path_gap) == (None, None, None)


def test_an_actual_in_the_baseline_year_alone_is_not_enough_to_judge():
    assert judge([(2020, 10)]).status == S.INSUFFICIENT


@pytest.mark.parametrize(("result", "status"), [("100", S.ON_TRACK), ("99", S.OFF_TRACK)])
def test_a_single_actual_of_the_target_year_without_baseline_is_the_result(result, status):
    projection = judge([(2030, result)], start=None)

    assert projection.is_result
    assert projection.status == status


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
