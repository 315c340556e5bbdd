"""The status of a goal: its actuals projected to the target year, compared with the target.

This module is pure (no database), so the rule is tested to its boundaries. The same rule
is printed on the goal pages (templates/tracking/_rule.html) and in the README:

1. The required path is the straight line from the start (the baseline; for a goal
   without one, its first actual) to the target in the target year.
2. The value judged is the value in the target year:
   - if there is an actual for the target year or later, the earliest of them (the result);
   - else the latest actual carried forward by an annual change: with two or more actuals
     the average annual change from the first actual to the latest; with one actual the
     change per year from the start through it; no change if that spans no year.
3. Progress is the judged value minus the start, counted in the goal's good direction
   (up when higher is better, down otherwise); the required progress is the target minus
   the start, counted the same way.
   순항 (on track): progress ≥ required progress (the target is reached);
   주의 (at risk): progress ≥ 90% of the required progress;
   지연 (off track): anything less; 실적 없음 (no data): no actual yet.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .choices import GoalStatusKind

AT_RISK_SHARE = Decimal("0.9")


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class Projection:
    """What the rule concluded, with the figures a reader needs to check it."""

    status: GoalStatusKind
    value: Decimal | None = None  # the value judged in the target year
    annual_change: Decimal | None = None  # None when the judged value is an actual
    origin: Point | None = None  # the actual the projection starts from
    progress_share: Decimal | None = None  # progress ÷ required progress (1 = target reached)

    @property
    def is_result(self) -> bool:
        """The judged value was measured, not projected (the target year has been reported)."""
        return self.value is not None and self.annual_change is None


def required_value(start: Point, target: Point, year: int) -> Decimal:
    """The value the straight path from start to target passes in `year`."""
    if target.year == start.year:
        return target.value
    share = Decimal(year - start.year) / Decimal(target.year - start.year)
    return start.value + (target.value - start.value) * share


def goal_projection(
    *, start: Point | None, target: Point, actuals: Sequence[Point], higher_is_better: bool
) -> Projection:
    """Project the actuals to the target year and judge the goal by the rule above."""
    if not actuals:
        return Projection(GoalStatusKind.NO_DATA)
    actuals = sorted(actuals, key=lambda point: point.year)
    start = start or actuals[0]
    reported = [point for point in actuals if point.year >= target.year]
    if reported:
        value, annual_change, origin = reported[0].value, None, reported[0]
    else:
        annual_change = _annual_change(start, actuals)
        origin = actuals[-1]
        value = origin.value + annual_change * (target.year - origin.year)
    direction = 1 if higher_is_better else -1
    progress = (value - start.value) * direction
    required = (target.value - start.value) * direction
    return Projection(
        status=_status(progress, required),
        value=value,
        annual_change=annual_change,
        origin=origin,
        progress_share=progress / required if required else None,
    )


def _annual_change(start: Point, actuals: Sequence[Point]) -> Decimal:
    """The trend of the actuals: first to latest actual, or start to the only actual.

    With several actuals the baseline is left out on purpose: it often comes from the plan's
    own document and method, while the actuals come from the source the Committee tracks.
    """
    first = actuals[0] if len(actuals) > 1 else start
    latest = actuals[-1]
    if latest.year == first.year:
        return Decimal(0)
    return (latest.value - first.value) / Decimal(latest.year - first.year)


def _status(progress: Decimal, required: Decimal) -> GoalStatusKind:
    if progress >= required:
        return GoalStatusKind.ON_TRACK
    if progress >= required * AT_RISK_SHARE:
        return GoalStatusKind.AT_RISK
    return GoalStatusKind.OFF_TRACK
