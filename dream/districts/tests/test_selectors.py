"""The 2030 target, the projection and the map."""

from decimal import Decimal

import pytest

from dream.districts.choices import MeasureKind, Stage
from dream.districts.selectors import (
    district_registry,
    district_target_progress,
    districts_by_province,
    firm_trend,
)
from dream.districts.services import district_measure_record, district_stage_change

pytestmark = pytest.mark.django_db


def _firms(district, actor, **by_year):
    for year, value in by_year.items():
        district_measure_record(
            actor=actor,
            district=district,
            kind=MeasureKind.DIGITAL_FIRMS,
            year=int(year[1:]),
            value=value,
            source="입주기업 현황",
        )


def test_five_districts_of_1200_firms_reach_the_target(make_district, staff):
    for province in ["부산", "대구", "광주", "대전", "울산"]:
        _firms(make_district(province), staff, y2024=1200)

    progress = district_target_progress()

    assert (progress.reached_count, progress.districts_needed, progress.met) == (5, 5, True)
    assert [row.latest_firms for row in progress.rows] == [1200] * 5


def test_the_newest_figure_counts_and_four_are_not_enough(make_district, staff):
    for province in ["부산", "대구", "광주", "대전"]:
        _firms(make_district(province), staff, y2023=900, y2024=1000)
    _firms(make_district("울산"), staff, y2023=1500, y2024=999)  # fell below

    progress = district_target_progress()

    assert progress.reached_count == 4
    assert not progress.met
    assert progress.rows[0].latest_firms == 1000
    assert progress.rows[-1].district.province.short_name == "울산"


def test_the_projection_extends_the_average_yearly_change_to_2030(make_district, staff):
    growing = make_district("부산")
    _firms(growing, staff, y2022=200, y2024=600)  # +200 a year → 1,800 in 2030
    shrinking = make_district("대구")
    _firms(shrinking, staff, y2023=500, y2024=100)  # -400 a year, never below 0
    single = make_district("광주")
    _firms(single, staff, y2024=1100)  # no trend: the figure stands
    make_district("대전")  # nothing reported

    rows = {row.district.pk: row for row in district_target_progress().rows}

    assert (rows[growing.pk].projected_firms, rows[growing.pk].projected_reached) == (1800, True)
    assert rows[shrinking.pk].projected_firms == 0
    assert (rows[single.pk].projected_firms, rows[single.pk].projected_reached) == (None, True)
    assert rows[single.pk].reached
    assert district_target_progress().projected_count == 2


def test_the_target_parameters_can_be_changed(make_district, staff):
    _firms(make_district(), staff, y2024=600)

    assert district_target_progress(firms_threshold=500, districts_needed=1).met
    assert district_target_progress(year_target=2023).rows[0].latest_firms is None


def test_the_registry_carries_the_newest_firm_and_lab_counts(make_district, staff):
    district = make_district()
    _firms(district, staff, y2023=300, y2024=420)
    district_measure_record(
        actor=staff, district=district, kind=MeasureKind.GLOBAL_LABS, year=2023, value=2, source="s"
    )

    (row,) = district_registry()

    assert (row.latest_firms, row.latest_firms_year) == (420, 2024)
    assert (row.latest_labs, row.latest_labs_year) == (2, 2023)
    assert list(district_registry(province="서울")) == []
    assert list(district_registry(stage=Stage.ACCELERATION)) == []


def test_the_map_counts_districts_by_province_and_stage(make_district, staff):
    make_district("부산")
    moved = make_district("부산")
    district_stage_change(
        actor=staff,
        district=moved,
        to_stage=2,
        decided_on=moved.stage_changes.get().decided_on,
        decision="심의 결과",
    )

    tiles = {tile.short_name: tile for tile in districts_by_province()}

    assert len(tiles) == 17
    assert tiles["부산"].count == 2
    assert tiles["부산"].by_stage == [("1단계 초기기반 구축", 1), ("2단계 성장 가속화", 1)]
    assert tiles["부산"].description == (
        "부산광역시: 디지털 혁신지구 2곳(1단계 초기기반 구축 1곳, 2단계 성장 가속화 1곳)"
    )
    assert (tiles["서울"].count, tiles["서울"].description) == (
        0,
        "서울특별시: 디지털 혁신지구 없음",
    )
    assert (tiles["부산"].row, tiles["부산"].column) == (4, 4)


def test_the_trend_is_scaled_so_the_threshold_shows(make_district, staff):
    district = make_district()
    _firms(district, staff, y2023=250, y2024=500)

    trend = firm_trend(list(district.measures.all()))

    assert [(bar.year, bar.width) for bar in trend.bars] == [(2023, 25), (2024, 50)]
    assert trend.threshold_at == 100
    assert firm_trend([]).bars == []
    assert Decimal(trend.bars[0].value) == 250
