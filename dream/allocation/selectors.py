"""Reads for the allocation: the year's settings (defaults when staff set none), its base
amounts by province, and the raw measure values by province from the other apps."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.calls import selectors as calls_selectors
from dream.districts.selectors import province_district_measure

from .models import (
    DEFAULT_WEIGHTS,
    AllocationRun,
    AllocationSettings,
    BaseAmount,
    Measure,
    ProvinceScoreOverride,
)

NOT_FIXED = "계획이 정하지 않음 — DREAM 기본값"
NOT_FIXED_SET = "계획이 정하지 않음 — 위원회 설정"
NO_DATA = "자료 없음"


@dataclass(frozen=True)
class MeasureSource:
    """Where a measure's raw values come from and whether that source exists yet."""

    values: dict[str, Decimal]  # province short name → raw value (absent: no data)
    note: str  # how the raw value is read, or why there is none


def settings_for(year: int) -> AllocationSettings:
    """The year's saved settings, or an unsaved one holding the defaults."""
    found = AllocationSettings.objects.filter(year=year).first()
    return found or AllocationSettings(year=year, weights=dict(DEFAULT_WEIGHTS))


def weights_of(settings: AllocationSettings) -> dict[str, Decimal]:
    weights = {**DEFAULT_WEIGHTS, **(settings.weights or {})}
    return {key: Decimal(str(weights[key])) for key in DEFAULT_WEIGHTS}


def provinces() -> list[Organization]:
    return list(Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position"))


def base_by_province(year: int) -> dict[str, Decimal]:
    """Σ over programmes of each province's base amount (억원) for `year`."""
    rows = (
        BaseAmount.objects.filter(year=year)
        .values("province__short_name", "province__position")
        .annotate(total=Sum("amount_eok"))
        .order_by("province__position")
    )
    return {row["province__short_name"]: row["total"] for row in rows}


def _by_name(values: dict[int, Decimal | None]) -> dict[str, Decimal]:
    names = dict(Organization.objects.filter(pk__in=list(values)).values_list("pk", "short_name"))
    return {names[pk]: value for pk, value in values.items() if value is not None and pk in names}


def grade_values(year: int) -> MeasureSource:
    """Mean grade rank of the province's graded units in the closed round of `year`: the
    top band 1, the lowest 0 (final band after 점검, else the computed one)."""
    from dream.evaluation.models import Grade, GradeBand

    grades = Grade.objects.filter(
        unit__round__year=year,
        unit__round__closed_at__isnull=False,
        unit__organization__kind=OrganizationKind.PROVINCE,
    ).values_list("unit__organization__short_name", "final_band_id", "computed_band_id")
    bands = {
        b.pk: b
        for b in GradeBand.objects.filter(
            band_set__rounds__year=year, band_set__rounds__closed_at__isnull=False
        )
    }
    counts: dict[int, int] = {}
    for band in bands.values():
        counts[band.band_set_id] = counts.get(band.band_set_id, 0) + 1
    ranks: dict[str, list[Decimal]] = {}
    for name, final_id, computed_id in grades:
        band = bands.get(final_id or computed_id)
        if band is None:
            continue
        size = counts[band.band_set_id]
        rank = Decimal(size - band.position) / Decimal(size - 1) if size > 1 else Decimal(1)
        ranks.setdefault(name, []).append(rank)
    values = {name: sum(r) / len(r) for name, r in ranks.items()}
    note = f"{year}년 종료된 평가 회차의 시·도 등급(최상위 1, 최하위 0의 평균)"
    return MeasureSource(values, note if values else f"{note}: {NO_DATA}")


def track1_values(year: int) -> MeasureSource:
    """Track 1 results from dream.calls (mean normalised final score of the province's
    evaluated applications in the year's calls, 0–100점)."""
    values = _by_name(calls_selectors.province_track1_scores(year))
    note = f"{year}년 트랙1 공모 평가 점수 평균(0–100점)"
    return MeasureSource(values, note if values else f"{note}: {NO_DATA}")


def district_values(year: int) -> MeasureSource:
    values = _by_name(province_district_measure(year))
    note = f"{year}년까지 보고된 디지털 혁신지구 기업 수 합(개)"
    return MeasureSource(values, note if values else f"{note}: {NO_DATA}")


READERS = {
    Measure.EVALUATION_GRADE: grade_values,
    Measure.TRACK1: track1_values,
    Measure.DISTRICT: district_values,
}


def measure_values(year: int) -> tuple[dict[str, dict[str, Decimal]], dict[str, str], dict]:
    """Raw values by measure and province, with staff-entered values replacing the computed
    ones; also each measure's note and the overrides used ({measure: {province: reason}})."""
    values, notes, overridden = {}, {}, {}
    for measure, reader in READERS.items():
        source = reader(year)
        values[measure.value] = dict(source.values)
        notes[measure.value] = source.note
    for row in ProvinceScoreOverride.objects.filter(year=year).select_related("province"):
        values[row.measure][row.province.short_name] = row.value
        overridden.setdefault(row.measure, {})[row.province.short_name] = row.reason
    return values, notes, overridden


def latest_runs(year: int, limit: int = 10) -> list[AllocationRun]:
    return list(AllocationRun.objects.filter(year=year).select_related("created_by")[:limit])
