"""The status of a goal: its trend projected to the target year, and its latest actual
compared with the required path, both against the target.

This module is pure (no database), so the rule is tested to its boundaries
(tests/test_projection.py). The same rule is printed on the goal pages
(templates/tracking/_rule.html) and in the README:

1. The required path is the straight line from the start (the baseline; for a goal without
   one, its first actual) to the target in the target year; after the target year it stays
   at the target.
2. The trend is the least-squares line through the baseline (if any) and every actual, the
   years as x. The judged value is the actual of the target year if there is one (the
   result), else the trend in the target year. A trend needs two different years; without
   them and without a result the goal is 판단 유보 (not enough data), never 지연.
3. Progress is the judged value minus the start, counted in the goal's good direction (up
   when higher is better, down otherwise); the required progress is the target minus the
   start, counted the same way. Path gap: the latest actual minus the path at its own year,
   counted the same way.
   순항 (on track): progress ≥ required progress AND path gap ≥ 0;
   주의 (at risk): not both, but progress ≥ 90% of the required progress;
   지연 (off track): anything less; 실적 없음 (no data): no actual yet.

The comparisons are made with exact fractions, so a value on a boundary falls on the side
the rule names.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .choices import GoalStatusKind

AT_RISK_SHARE = Fraction(9, 10)


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class Trend:
    """The least-squares line over the baseline and the actuals: value = level + slope × year."""

    slope: Fraction
    level: Fraction

    def exact(self, year: int) -> Fraction:
        return self.level + self.slope * year

    def at(self, year: int) -> Decimal:
        return _decimal(self.exact(year))

    @property
    def annual_change(self) -> Decimal:
        return _decimal(self.slope)


@dataclass(frozen=True)
class PathGap:
    """The latest actual against the required path at its own year."""

    year: int
    path: Decimal  # the value the path passes in that year
    gap: Decimal  # actual − path (a plain difference, in the goal's unit)
    ahead: bool  # on or beyond the path in the goal's good direction
    share: Decimal | None  # gap ÷ path (None when the path is at 0)


@dataclass(frozen=True)
class Projection:
    """What the rule concluded, with the figures a reader needs to check it."""

    status: GoalStatusKind
    value: Decimal | None = None  # the value judged in the target year
    is_result: bool = False  # the judged value was measured in the target year, not projected
    trend: Trend | None = None
    path_gap: PathGap | None = None
    progress_share: Decimal | None = None  # progress ÷ required progress (1 = target reached)

    @property
    def annual_change(self) -> Decimal | None:
        """The trend's change per year (the slope of the least-squares line)."""
        return None if self.trend is None else self.trend.annual_change


def required_value(start: Point, target: Point, year: int) -> Decimal:
    """The value the path from start to target passes in `year` (the target after it)."""
    return _decimal(_required(start, target, year))


def least_squares(points: Sequence[Point]) -> Trend | None:
    """The line minimising the squared distances of the points; None without two years."""
    if len({point.year for point in points}) < 2:
        return None
    count = len(points)
    mean_x = Fraction(sum(point.year for point in points), count)
    mean_y = sum(Fraction(point.value) for point in points) / count
    sxx = sum((point.year - mean_x) ** 2 for point in points)
    sxy = sum((point.year - mean_x) * (Fraction(point.value) - mean_y) for point in points)
    slope = sxy / sxx
    return Trend(slope=slope, level=mean_y - slope * mean_x)


def goal_projection(
    *, start: Point | None, target: Point, actuals: Sequence[Point], higher_is_better: bool
) -> Projection:
    """Judge the goal by the rule above."""
    if not actuals:
        return Projection(GoalStatusKind.NO_DATA)
    actuals = sorted(actuals, key=lambda point: point.year)
    trend = least_squares(([start] if start else []) + actuals)
    start = start or actuals[0]
    result = next((point for point in actuals if point.year == target.year), None)
    if result is None and trend is None:
        return Projection(GoalStatusKind.INSUFFICIENT)
    judged = Fraction(result.value) if result else trend.exact(target.year)
    direction = 1 if higher_is_better else -1
    progress = (judged - Fraction(start.value)) * direction
    required = (Fraction(target.value) - Fraction(start.value)) * direction
    path_gap = _path_gap(start, target, actuals[-1], direction)
    return Projection(
        status=_status(progress, required, path_gap.ahead),
        value=_decimal(judged),
        is_result=result is not None,
        trend=trend,
        path_gap=path_gap,
        progress_share=_decimal(progress / required) if required else None,
    )


def _required(start: Point, target: Point, year: int) -> Fraction:
    if year >= target.year or target.year == start.year:
        return Fraction(target.value)
    share = Fraction(year - start.year, target.year - start.year)
    return Fraction(start.value) + (Fraction(target.value) - Fraction(start.value)) * share


def _path_gap(start: Point, target: Point, latest: Point, direction: int) -> PathGap:
    path = _required(start, target, latest.year)
    gap = Fraction(latest.value) - path
    return PathGap(
        year=latest.year,
        path=_decimal(path),
        gap=_decimal(gap),
        ahead=gap * direction >= 0,
        share=_decimal(gap / path) if path else None,
    )


def _status(progress: Fraction, required: Fraction, on_path: bool) -> GoalStatusKind:
    if progress >= required and on_path:
        return GoalStatusKind.ON_TRACK
    if progress >= required * AT_RISK_SHARE:
        return GoalStatusKind.AT_RISK
    return GoalStatusKind.OFF_TRACK


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)
