"""`province_district_measure`: the district measure the allocation reads per province."""

from decimal import Decimal

import pytest

from dream.districts.choices import MeasureKind
from dream.districts.selectors import province_district_measure
from dream.districts.services import district_measure_record

pytestmark = pytest.mark.django_db


def _record(district, actor, year, value, kind=MeasureKind.DIGITAL_FIRMS):
    district_measure_record(
        actor=actor, district=district, kind=kind, year=year, value=value, source="현황"
    )


def test_sums_each_districts_newest_firm_count_up_to_the_year(make_district, staff, orgs):
    first, second = make_district("부산"), make_district("부산")
    _record(first, staff, 2023, 300)
    _record(first, staff, 2024, 400)
    _record(first, staff, 2025, 900)  # after the year asked: not counted
    _record(second, staff, 2022, 50)  # older, but the newest of its district
    _record(second, staff, 2024, 20, kind=MeasureKind.GLOBAL_LABS)  # not a firm count
    quiet = make_district("대구")  # nothing reported
    _record(make_district("광주"), staff, 2025, 10)  # only after the year

    totals = province_district_measure(2024)

    assert totals == {orgs["부산"].pk: Decimal(450)}
    assert quiet.province_id not in totals
    assert province_district_measure(2025)[orgs["부산"].pk] == Decimal(950)


def test_a_reported_zero_is_zero_not_missing(make_district, staff, orgs):
    _record(make_district("울산"), staff, 2024, 0)

    assert province_district_measure(2024) == {orgs["울산"].pk: Decimal(0)}
