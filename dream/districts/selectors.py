"""Reads for the district pages: the registry with latest figures, the 2030 target, the map.

Each function runs a fixed number of queries, however many districts there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery

from dream.accounts.registry import PROVINCES
from dream.core.history import HistoryEntry, history_entries, merged
from dream.plans.selectors.overview import PALETTE, TILE_POSITIONS

from .choices import MeasureKind, Stage
from .models import DistrictMeasure, InnovationDistrict
from .services import EDITABLE_FIELDS

TARGET_YEAR = 2030
FIRMS_THRESHOLD = 1000
DISTRICTS_NEEDED = 5


def _latest(kind: str, field: str) -> Subquery:
    """`field` of the district's newest yearly figure of `kind`."""
    newest = DistrictMeasure.objects.filter(district=OuterRef("pk"), kind=kind).order_by(
        "-year", "-observed_on"
    )
    return Subquery(newest.values(field)[:1])


def district_registry(*, province: str = "", stage: int | None = None) -> QuerySet:
    """Districts with their newest firm and lab counts (and those counts' years),
    optionally of one province (short name) or one stage."""
    districts = InnovationDistrict.objects.select_related("province").annotate(
        latest_firms=_latest(MeasureKind.DIGITAL_FIRMS, "value"),
        latest_firms_year=_latest(MeasureKind.DIGITAL_FIRMS, "year"),
        latest_labs=_latest(MeasureKind.GLOBAL_LABS, "value"),
        latest_labs_year=_latest(MeasureKind.GLOBAL_LABS, "year"),
    )
    if province:
        districts = districts.filter(province__short_name=province)
    if stage:
        districts = districts.filter(stage=stage)
    return districts


def measures_of(districts: Iterable[InnovationDistrict] | None = None) -> QuerySet:
    """Figures over time, by district, kind and year (all districts when none are given)."""
    measures = DistrictMeasure.objects.select_related("district__province")
    if districts is not None:
        measures = measures.filter(district__in=districts)
    return measures.order_by(
        "district__province__position", "district__name", "kind", "name", "year"
    )


@dataclass(frozen=True)
class TargetRow:
    """A district's way towards the threshold: where it is and where its trend leads."""

    district: InnovationDistrict
    latest_firms: Decimal | None
    latest_year: int | None
    projected_firms: int | None  # None: fewer than two years of figures, no trend
    reached: bool
    projected_reached: bool


@dataclass(frozen=True)
class TargetProgress:
    """The plan's target: `districts_needed` districts of `firms_threshold`+ digital firms
    by `year_target`, with how many are there now and how many the trends bring there."""

    year_target: int
    firms_threshold: int
    districts_needed: int
    rows: list[TargetRow]

    @property
    def reached_count(self) -> int:
        return sum(row.reached for row in self.rows)

    @property
    def projected_count(self) -> int:
        return sum(row.projected_reached for row in self.rows)

    @property
    def met(self) -> bool:
        return self.reached_count >= self.districts_needed


def _projection(points: list[tuple[int, Decimal]], year_target: int) -> int | None:
    """The firm count in `year_target` if the average yearly change between the first
    and the last reported year goes on (a straight line; never below zero).

    A straight line rather than a growth rate: with the few yearly figures a district
    has, a rate compounds one good year into an implausible 2030. None with fewer than
    two years; the last figure itself once `year_target` is reached.
    """
    if len(points) < 2:
        return None
    (first_year, first), (last_year, last) = points[0], points[-1]
    if last_year >= year_target:
        return int(last)
    slope = (last - first) / (last_year - first_year)
    projected = last + slope * (year_target - last_year)
    return max(0, int(projected.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def district_target_progress(
    year_target: int = TARGET_YEAR,
    firms_threshold: int = FIRMS_THRESHOLD,
    districts_needed: int = DISTRICTS_NEEDED,
) -> TargetProgress:
    """How far the registered districts are from the plan's 2030 target.

    A district counts as reached when its newest firm count (up to `year_target`) is at
    least the threshold; it counts in the projection when its trend (see `_projection`)
    or, without a trend, its newest count is. Two queries.
    """
    points: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for district_id, year, value in (
        DistrictMeasure.objects.filter(kind=MeasureKind.DIGITAL_FIRMS, year__lte=year_target)
        .order_by("year")
        .values_list("district_id", "year", "value")
    ):
        points[district_id].append((year, value))
    rows = []
    for district in InnovationDistrict.objects.select_related("province"):
        series = points.get(district.pk, [])
        latest_year, latest = series[-1] if series else (None, None)
        projected = _projection(series, year_target)
        outlook = projected if projected is not None else latest
        rows.append(
            TargetRow(
                district=district,
                latest_firms=latest,
                latest_year=latest_year,
                projected_firms=projected,
                reached=latest is not None and latest >= firms_threshold,
                projected_reached=outlook is not None and outlook >= firms_threshold,
            )
        )
    rows.sort(key=lambda row: (row.latest_firms is None, -(row.latest_firms or 0)))
    return TargetProgress(year_target, firms_threshold, districts_needed, rows)


@dataclass(frozen=True)
class ProvinceTile:
    """A province on the tile map with its districts counted by stage."""

    short_name: str
    full_name: str
    row: int
    column: int
    count: int
    by_stage: list[tuple[str, int]]  # (stage label, number), stages with districts only
    color: str
    dark: bool

    @property
    def description(self) -> str:
        """What the tile says to a screen reader."""
        if not self.count:
            return f"{self.full_name}: 디지털 혁신지구 없음"
        stages = ", ".join(f"{label} {n}곳" for label, n in self.by_stage)
        return f"{self.full_name}: 디지털 혁신지구 {self.count}곳({stages})"


# number of districts → (colour, white text?); 3 and more share the darkest colour
COUNT_COLORS = [("#eeeeee", False), (PALETTE[1], False), (PALETTE[3], True), (PALETTE[4], True)]
COUNT_LEGEND = ["없음", "1곳", "2곳", "3곳 이상"]


def districts_by_province() -> list[ProvinceTile]:
    """The 17 provinces in their tile-map places, with their districts by stage. One query."""
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for short, stage, n in (
        InnovationDistrict.objects.values_list("province__short_name", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[short][stage] = n
    tiles = []
    for short, full, _capital in PROVINCES:
        stages = counts.get(short, {})
        count = sum(stages.values())
        color, dark = COUNT_COLORS[min(count, len(COUNT_COLORS) - 1)]
        row, column = TILE_POSITIONS[short]
        tiles.append(
            ProvinceTile(
                short_name=short,
                full_name=full,
                row=row,
                column=column,
                count=count,
                by_stage=[(Stage(s).label, stages[s]) for s in Stage.values if s in stages],
                color=color,
                dark=dark,
            )
        )
    return tiles


def map_legend() -> list[tuple[str, str]]:
    """(colour, label) of each class of the districts map."""
    return [
        (color, label) for (color, _dark), label in zip(COUNT_COLORS, COUNT_LEGEND, strict=True)
    ]


@dataclass(frozen=True)
class TrendBar:
    year: int
    value: Decimal
    width: int  # % of the scale


@dataclass(frozen=True)
class FirmTrend:
    """A district's yearly digital firm counts as bars, on a scale that always shows the
    threshold (at `threshold_at` % of the width) so a reader sees how far it is."""

    bars: list[TrendBar]
    threshold: int
    threshold_at: int


def firm_trend(measures: list[DistrictMeasure], threshold: int = FIRMS_THRESHOLD) -> FirmTrend:
    """The trend of one district from measures already loaded for its page (no query)."""
    firms = sorted(
        (m for m in measures if m.kind == MeasureKind.DIGITAL_FIRMS), key=lambda m: m.year
    )
    scale = max([threshold, *(m.value for m in firms)])
    bars = [TrendBar(m.year, m.value, int(m.value * 100 / scale)) for m in firms]
    return FirmTrend(bars, threshold, int(threshold * 100 / scale))


# The audit verbs the services store as change reasons, as a reader says them.
HISTORY_REASONS = {
    "district.registered": "등록",
    "district.seeded": "원문에서 등록(dream seed-pilot-districts)",
    "district.stage_changed": "단계 변경(단계 변경 이력 참고)",
    "measure.recorded": "측정값 기록",
    "measure.corrected": "측정값 정정(같은 연도 다시 기록)",
}


def district_history(district: InnovationDistrict) -> list[HistoryEntry]:
    """The district's details and its yearly figures as they were registered, corrected and
    moved, newest first, with who, when, what and why."""
    details = history_entries(
        district.history.select_related("history_user"),
        fields=("stage", *EDITABLE_FIELDS),
        subject=lambda record: "지구 정보",
        reasons=HISTORY_REASONS,
    )
    figures = history_entries(
        DistrictMeasure.history.filter(district_id=district.pk).select_related("history_user"),
        fields=("value", "unit", "source", "observed_on"),
        subject=lambda record: (
            f"{record.year}년 "
            + (record.name if record.kind == MeasureKind.OTHER else record.get_kind_display())
        ),
        reasons=HISTORY_REASONS,
    )
    return merged(details, figures)


def province_district_measure(year: int) -> dict[int, Decimal | None]:
    """Per province (organization id), the sum over its districts of each district's newest
    digital-firm count reported up to `year` — the district measure the allocation's
    performance score can use. Provinces none of whose districts reported are absent, so a
    caller never mistakes "no data" for 0. One query."""
    newest: dict[int, tuple[int, Decimal]] = {}
    for district_id, province_id, value in (
        DistrictMeasure.objects.filter(kind=MeasureKind.DIGITAL_FIRMS, year__lte=year)
        .order_by("year", "observed_on")
        .values_list("district_id", "district__province_id", "value")
    ):
        newest[district_id] = (province_id, value)
    totals: dict[int, Decimal | None] = {}
    for province_id, value in newest.values():
        totals[province_id] = totals.get(province_id, Decimal(0)) + value
    return totals


# Stage 2 ("자생 가능한 규모") as the digital plan exemplifies it, l.1072: "디지털 기업 1,000개
# 이상 집적, 글로벌 수준의 연구실 10개 이상 운영 등". Examples only: a check shown to readers,
# never a stage change (stages move only by the special committee's decision).
STAGE2_EXAMPLE_LINE = 1072
STAGE2_EXAMPLES = (
    (MeasureKind.DIGITAL_FIRMS, "디지털 기업", 1000),
    (MeasureKind.GLOBAL_LABS, "글로벌 수준 연구실", 10),
)
MET, NOT_MET, NO_DATA = "충족", "미충족", "자료 없음"


@dataclass(frozen=True)
class ThresholdCheck:
    """One example threshold against the district's newest figure of its kind."""

    label: str
    threshold: int
    latest: Decimal | None
    year: int | None

    @property
    def status(self) -> str:
        if self.latest is None:
            return NO_DATA
        return MET if self.latest >= self.threshold else NOT_MET


def stage2_example_checks(district: InnovationDistrict) -> list[ThresholdCheck]:
    """The stage-2 examples against a district annotated by `district_registry` (no query)."""
    latest = {
        MeasureKind.DIGITAL_FIRMS: (district.latest_firms, district.latest_firms_year),
        MeasureKind.GLOBAL_LABS: (district.latest_labs, district.latest_labs_year),
    }
    return [
        ThresholdCheck(label, threshold, *latest[kind])
        for kind, label, threshold in STAGE2_EXAMPLES
    ]


def stage2_checks_from_measures(measures: list[DistrictMeasure]) -> list[ThresholdCheck]:
    """The same checks from a district's measures already loaded for its page (no query)."""
    newest: dict[str, DistrictMeasure] = {}
    for measure in sorted(measures, key=lambda m: (m.year, m.observed_on or date.min)):
        newest[measure.kind] = measure
    checks = []
    for kind, label, threshold in STAGE2_EXAMPLES:
        measure = newest.get(kind)
        checks.append(
            ThresholdCheck(
                label, threshold, measure.value if measure else None, measure and measure.year
            )
        )
    return checks


def development_plans_of(district: InnovationDistrict, *, with_drafts: bool) -> list:
    """The district's plans, newest first, each with `reviews_list` (oldest first) and
    `live_review` (the newest, the outcome in force). Drafts only for those who may edit."""
    plans = district.development_plans.select_related("submitted_by").prefetch_related("reviews")
    if not with_drafts:
        plans = plans.filter(submitted_on__isnull=False)
    plans = list(plans.order_by("-recorded_at", "-pk"))
    for plan in plans:
        plan.reviews_list = sorted(
            plan.reviews.all(), key=lambda r: (r.reviewed_on, r.recorded_at, r.pk)
        )
        plan.live_review = plan.reviews_list[-1] if plan.reviews_list else None
    return plans


def district_source_url(district: InnovationDistrict) -> str:
    """The "원문 보기" address of the line the district was read from ("" if none)."""
    from dream.web.source_text import BUNDLED_TEXTS, line_url

    text = BUNDLED_TEXTS.get(district.source_document)
    if text is None or not district.source_line or district.source_line > len(text.lines):
        return ""
    return line_url(text, district.source_line)


def digital_plan_line_url(line: int) -> str:
    """The address of a line of the digital plan, for the rules this app cites."""
    from dream.web.source_text import DIGITAL_TEXT, line_url

    return line_url(DIGITAL_TEXT, line)
