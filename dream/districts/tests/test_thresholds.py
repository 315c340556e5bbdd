"""Stage-2 example thresholds (l.1072): 충족 / 미충족 / 자료 없음 at the boundaries 1,000 and 10."""

import pytest

from dream.districts.choices import MeasureKind, Stage
from dream.districts.selectors import (
    MET,
    NO_DATA,
    NOT_MET,
    district_registry,
    stage2_checks_from_measures,
    stage2_example_checks,
)
from dream.districts.services import district_measure_record

pytestmark = pytest.mark.django_db


def _record(district, actor, kind, year, value):
    district_measure_record(
        actor=actor, district=district, kind=kind, year=year, value=value, source="현황"
    )


@pytest.mark.parametrize(
    ("firms", "labs", "expected"),
    [
        (1000, 10, [MET, MET]),
        (999, 9, [NOT_MET, NOT_MET]),
        (None, 10, [NO_DATA, MET]),
        (1000, None, [MET, NO_DATA]),
    ],
)
def test_the_checks_at_the_boundary(make_district, staff, firms, labs, expected):
    district = make_district()
    if firms is not None:
        _record(district, staff, MeasureKind.DIGITAL_FIRMS, 2024, firms)
    if labs is not None:
        _record(district, staff, MeasureKind.GLOBAL_LABS, 2024, labs)

    annotated = district_registry().get(pk=district.pk)

    assert [c.status for c in stage2_example_checks(annotated)] == expected
    assert [c.status for c in stage2_checks_from_measures(list(district.measures.all()))] == (
        expected
    )


def test_the_newest_year_counts_and_the_stage_is_not_changed(make_district, staff):
    district = make_district()
    _record(district, staff, MeasureKind.DIGITAL_FIRMS, 2023, 1500)
    _record(district, staff, MeasureKind.DIGITAL_FIRMS, 2024, 999)

    check = stage2_example_checks(district_registry().get(pk=district.pk))[0]

    assert (check.status, check.latest, check.year) == (NOT_MET, 999, 2024)
    district.refresh_from_db()
    assert district.stage == Stage.FOUNDATION


def test_the_pages_show_the_checks_labelled_as_examples(client, make_district, staff):
    district = make_district()
    _record(district, staff, MeasureKind.DIGITAL_FIRMS, 2024, 1000)

    detail = client.get(district.get_absolute_url()).content.decode()
    listing = client.get("/digital/districts/").content.decode()

    assert "예시 기준 (<a" in detail and "원문 l.1072</a>, 계획은 예시로만 제시" in detail
    assert "DREAM 계산" in detail and "디지털 기업 1,000개 이상</strong>: 충족" in detail
    assert "글로벌 수준 연구실 10개 이상</strong>: 자료 없음" in detail
    assert "디지털 기업 1,000개: 충족 · 글로벌 수준 연구실 10개: 자료 없음" in listing
