"""Reads for the goal pages and the digital dashboard: each goal with its actuals and status."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dream.core.history import HistoryEntry, history_entries
from dream.digital.choices import GoalKind
from dream.digital.models import DigitalGoal, DigitalPlan
from dream.web.templatetags.dream_format import figure

from .choices import GoalStatusKind
from .models import GoalValue
from .projection import Point, Projection, goal_projection, required_value

SHOWN_PLACES = Decimal("0.01")  # computed figures (path, projection) are shown to 2 places


def share_text(share: Decimal, *, signed: bool = False) -> str:
    """A share (1 = 100 %) in percent with one decimal: "83.0%", signed "−3.0%"."""
    percent = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{abs(percent)}%" if signed else f"{percent}%"
    if not signed or not percent:
        return text
    return ("+" if percent > 0 else "−") + text


@dataclass(frozen=True)
class GoalStatus:
    """A goal as the dashboard and the goal list show it: where it started, where it must
    go, its latest actual and what the projection says."""

    goal: DigitalGoal
    baseline: Point | None
    target: Point
    latest: Point | None
    latest_text: str
    projection: Projection

    @property
    def status(self) -> GoalStatusKind:
        return self.projection.status

    @property
    def status_label(self) -> str:
        return GoalStatusKind(self.projection.status).label

    @property
    def projected_value(self) -> Decimal | None:
        return shown(self.projection.value)

    @property
    def progress_percent(self) -> Decimal | None:
        """Projected progress as a share of the required progress, in percent."""
        share = self.projection.progress_share
        return None if share is None else shown(share * 100)

    @property
    def path_gap_value(self) -> Decimal | None:
        """The latest actual minus the required path at its year, rounded for reading."""
        gap = self.projection.path_gap
        return None if gap is None else shown(gap.gap)

    @property
    def baseline_shown(self) -> str:
        return (
            figure(self.baseline.value, self.goal.unit, self.baseline.year)
            if self.baseline
            else "없음"
        )

    @property
    def target_shown(self) -> str:
        return figure(self.target.value, self.goal.unit, self.target.year)

    @property
    def latest_shown(self) -> str:
        return (
            figure(self.latest.value, self.goal.unit, self.latest.year) if self.latest else "없음"
        )

    @property
    def projected_shown(self) -> str:
        """The judged value in the target year: "26.68조원 (2027년)"."""
        return figure(self.projected_value, self.goal.unit, self.target.year)

    @property
    def progress_shown(self) -> str:
        share = self.projection.progress_share
        return "–" if share is None else share_text(share)

    @property
    def annual_change_shown(self) -> str:
        change = self.projection.annual_change
        if change is None:
            return "–"
        return f"연 {figure(shown(change), self.goal.unit, difference=True)}"

    @property
    def path_shown(self) -> str:
        """경로 대비: "2024년 필요 경로 21.64조원보다 0.64조원 뒤처짐(−3.0%)"."""
        gap = self.projection.path_gap
        if gap is None:
            return "–"
        path = figure(shown(gap.path), self.goal.unit)
        if not gap.gap:
            return f"{gap.year}년 필요 경로({path}) 그대로"
        side = "앞섬" if gap.ahead else "뒤처짐"
        share = f"({share_text(gap.share, signed=True)})" if gap.share is not None else ""
        amount = figure(shown(abs(gap.gap)), self.goal.unit, difference=True)
        return f"{gap.year}년 필요 경로 {path}보다 {amount} {side}{share}"


def shown(value: Decimal | None) -> Decimal | None:
    """A computed figure rounded for reading; stored figures are shown as entered."""
    return None if value is None else value.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)


def goal_statuses(plan: DigitalPlan) -> list[GoalStatus]:
    """Every goal of the plan, the headline goals first, then sub-goals in the order of
    their areas; two queries whatever the number of goals and actuals."""
    goals = sorted(
        plan.goals.select_related("area"),
        key=lambda g: (g.kind != GoalKind.HEADLINE, g.area.position if g.area else 0, g.position),
    )
    actuals: dict[int, list[tuple[int, Decimal, str]]] = defaultdict(list)
    rows = GoalValue.objects.filter(goal__plan=plan).order_by("year")
    for goal_id, year, value, text in rows.values_list("goal_id", "year", "value", "value_text"):
        actuals[goal_id].append((year, value, text))
    return [goal_status(goal, actuals[goal.pk]) for goal in goals]


def goal_status(goal: DigitalGoal, actuals: list[tuple[int, Decimal, str]]) -> GoalStatus:
    """The status of one goal from its actuals as (year, value, text), oldest first."""
    points = [Point(year, value) for year, value, _text in actuals]
    baseline = (
        Point(goal.baseline_year, goal.baseline_value)
        if goal.baseline_year and goal.baseline_value is not None
        else None
    )
    target = Point(goal.target_year, goal.target_value)
    return GoalStatus(
        goal=goal,
        baseline=baseline,
        target=target,
        latest=points[-1] if points else None,
        latest_text=actuals[-1][2] if actuals else "",
        projection=goal_projection(
            start=baseline, target=target, actuals=points, higher_is_better=goal.higher_is_better
        ),
    )


@dataclass(frozen=True)
class TrajectoryRow:
    year: int
    required: Decimal | None  # on the straight path from the start to the target
    actual: Decimal | None
    trend: Decimal | None  # the least-squares line, from its first year to the target year


@dataclass(frozen=True)
class GoalPage:
    status: GoalStatus
    rows: list[TrajectoryRow]
    values: list[GoalValue]
    chart: dict


def goal_page(goal: DigitalGoal) -> GoalPage:
    """A goal's trajectory year by year, its actuals with who entered them, and the chart."""
    values = list(goal.actuals.select_related("recorded_by").order_by("year"))
    status = goal_status(goal, [(v.year, v.value, v.value_text) for v in values])
    rows = _trajectory_rows(status, {v.year: v.value for v in values})
    return GoalPage(status=status, rows=rows, values=values, chart=_chart(status, rows))


def goal_history(goal: DigitalGoal) -> list[HistoryEntry]:
    """Every actual of the goal as it was entered, corrected and deleted, newest first,
    with who, when and why; a deleted actual's last values stay readable here."""
    records = GoalValue.history.filter(goal_id=goal.pk).select_related("history_user")
    return history_entries(
        records,
        fields=("value", "source", "observed_on"),
        subject=lambda record: f"{record.year}년 실적",
        formats={"value": lambda value: figure(value, goal.unit)},
    )


def _trajectory_rows(status: GoalStatus, actuals: dict[int, Decimal]) -> list[TrajectoryRow]:
    start = status.baseline or (Point(min(actuals), actuals[min(actuals)]) if actuals else None)
    years = [status.target.year, *actuals] + ([start.year] if start else [])
    trend = status.projection.trend
    rows = []
    for year in range(min(years), max(years) + 1):
        required = (
            required_value(start, status.target, year)
            if start and start.year <= year <= status.target.year
            else None
        )
        trend_value = trend.at(year) if trend and min(years) <= year <= status.target.year else None
        rows.append(TrajectoryRow(year, shown(required), actuals.get(year), shown(trend_value)))
    return rows


def _chart(status: GoalStatus, rows: list[TrajectoryRow]) -> dict:
    """The series of the trajectory chart (static/tracking/trajectory.js), aligned by year."""

    def as_float(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "unit": status.goal.unit,
        "status": status.status,
        "categories": [str(row.year) for row in rows],
        "series": [
            {"kind": "required", "name": "필요 경로", "data": [as_float(r.required) for r in rows]},
            {"kind": "actual", "name": "실적", "data": [as_float(r.actual) for r in rows]},
            {"kind": "projection", "name": "추세선", "data": [as_float(r.trend) for r in rows]},
        ],
    }
