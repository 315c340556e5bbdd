"""Registering, moving through stages and recording figures, with their history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dream.districts.choices import MeasureKind, Stage
from dream.districts.models import DistrictMeasure, InnovationDistrict, StageChange
from dream.districts.services import (
    STAGE_TRANSITIONS,
    district_measure_record,
    district_stage_change,
    stages_reachable_from,
)

pytestmark = pytest.mark.django_db


def test_registering_starts_at_stage_one_with_the_designation_decision(make_district, staff):
    district = make_district("광주", name="광주 AI 디지털 혁신지구", designated_on=date(2024, 3, 2))

    assert district.stage == Stage.FOUNDATION
    (first,) = district.stage_changes.all()
    assert (first.from_stage, first.to_stage) == (None, Stage.FOUNDATION)
    assert first.decided_on == date(2024, 3, 1)
    assert first.decision.startswith("조성계획 적합성 검토")
    assert first.recorded_by == staff
    (created,) = district.history.all()
    assert (created.history_type, created.history_user) == ("+", staff)


def test_registering_the_same_name_twice_in_a_province_is_refused(make_district):
    make_district("대구", name="수성 디지털 혁신지구")

    with pytest.raises(ValidationError, match="같은 이름의 디지털 혁신지구가 이미 있습니다"):
        make_district("대구", name="수성 디지털 혁신지구")
    make_district("부산", name="수성 디지털 혁신지구")  # another province may use it


def test_registering_reports_every_missing_field_at_once(make_district):
    with pytest.raises(ValidationError) as refused:
        make_district(name=" ", decided_on=timezone.localdate() + timedelta(days=1))

    assert {"name", "decided_on"} <= set(refused.value.message_dict)
    assert InnovationDistrict.objects.count() == 0
    assert StageChange.objects.count() == 0


def test_the_transition_table_moves_one_step_and_allows_one_step_back():
    assert STAGE_TRANSITIONS == {
        None: (1,),
        1: (2,),
        2: (3, 1),
        3: (2,),
    }
    assert stages_reachable_from(Stage.ACCELERATION) == [Stage.PRIVATE_GLOBAL, Stage.FOUNDATION]


def _walk(district, actor, *stages):
    for day, stage in enumerate(stages, start=1):
        district_stage_change(
            actor=actor,
            district=district,
            to_stage=stage,
            decided_on=date(2025, 1, day),
            decision=f"특별위원회 심의 결과 {stage}단계",
        )


@pytest.mark.parametrize(
    ("path", "to_stage", "allowed"),
    [
        ((), Stage.ACCELERATION, True),
        ((), Stage.PRIVATE_GLOBAL, False),  # skipping
        ((), Stage.FOUNDATION, False),  # no change
        ((Stage.ACCELERATION,), Stage.PRIVATE_GLOBAL, True),
        ((Stage.ACCELERATION,), Stage.FOUNDATION, True),  # one step back
        ((Stage.ACCELERATION,), Stage.ACCELERATION, False),
        ((Stage.ACCELERATION, Stage.PRIVATE_GLOBAL), Stage.ACCELERATION, True),
        ((Stage.ACCELERATION, Stage.PRIVATE_GLOBAL), Stage.FOUNDATION, False),  # skipping back
        ((), 4, False),
    ],
)
def test_stage_moves_follow_the_table(make_district, staff, path, to_stage, allowed):
    district = make_district()
    _walk(district, staff, *path)
    changes_before = district.stage_changes.count()

    def move():
        district_stage_change(
            actor=staff,
            district=district,
            to_stage=to_stage,
            decided_on=date(2025, 2, 1),
            decision="특별위원회 심의 결과",
        )

    if allowed:
        move()
        district.refresh_from_db()
        assert district.stage == to_stage
    else:
        with pytest.raises(ValidationError) as refused:
            move()
        assert "to_stage" in refused.value.message_dict
        assert district.stage_changes.count() == changes_before


def test_a_full_walk_keeps_the_history_with_dates_and_decisions(make_district, staff):
    district = make_district("대구")

    _walk(district, staff, Stage.ACCELERATION, Stage.PRIVATE_GLOBAL)

    district.refresh_from_db()
    assert district.stage == Stage.PRIVATE_GLOBAL
    history = [
        (c.from_stage, c.to_stage, c.decided_on, c.decision)
        for c in district.stage_changes.order_by("decided_on")
    ]
    assert history == [
        (None, 1, date(2024, 3, 1), "조성계획 적합성 검토 결과 1단계 지원 대상으로 선정"),
        (1, 2, date(2025, 1, 1), "특별위원회 심의 결과 2단계"),
        (2, 3, date(2025, 1, 2), "특별위원회 심의 결과 3단계"),
    ]
    rows = district.history.order_by("history_date", "history_id")
    assert [(r.stage, r.history_type, r.history_user) for r in rows] == [
        (1, "+", staff),
        (2, "~", staff),
        (3, "~", staff),
    ]
    assert rows.last().history_change_reason == "district.stage_changed"


@pytest.mark.parametrize(
    ("decided_on", "decision", "field"),
    [
        (date(2025, 1, 1), "  ", "decision"),
        (date(2024, 2, 29), "심의 결과", "decided_on"),  # before the last decision
        (None, "심의 결과", "decided_on"),  # tomorrow, filled in below
    ],
)
def test_a_move_needs_a_decision_and_a_date_in_order(
    make_district, staff, decided_on, decision, field
):
    district = make_district()

    with pytest.raises(ValidationError) as refused:
        district_stage_change(
            actor=staff,
            district=district,
            to_stage=Stage.ACCELERATION,
            decided_on=decided_on or timezone.localdate() + timedelta(days=1),
            decision=decision,
        )

    assert field in refused.value.message_dict
    district.refresh_from_db()
    assert district.stage == Stage.FOUNDATION


def test_a_step_back_records_its_reason(make_district, staff):
    district = make_district()
    _walk(district, staff, Stage.ACCELERATION)

    change = district_stage_change(
        actor=staff,
        district=district,
        to_stage=Stage.FOUNDATION,
        decided_on=date(2025, 3, 1),
        decision="입주기업 이탈로 자생 규모 미달, 1단계로 재조정",
    )

    assert change.is_step_back
    assert district.stage_changes.last().decision.startswith("입주기업 이탈")


def test_a_move_recorded_twice_is_refused_as_already_done(make_district, staff):
    """Two people recording the same decision: the second one is told, from the locked row
    (not from the page they saw), that the district is there already."""
    district = make_district()
    seen_by_second_person = InnovationDistrict.objects.get(pk=district.pk)
    _walk(district, staff, Stage.ACCELERATION)

    with pytest.raises(ValidationError, match="이 지구는 이미 2단계 성장 가속화입니다"):
        district_stage_change(
            actor=staff,
            district=seen_by_second_person,
            to_stage=Stage.ACCELERATION,
            decided_on=date(2025, 1, 1),
            decision="특별위원회 심의 결과 2단계",
        )
    assert district.stage_changes.count() == 2


def _record(district, actor, **overrides):
    values = {
        "kind": MeasureKind.DIGITAL_FIRMS,
        "year": 2024,
        "value": 350,
        "source": "운영기관 입주기업 현황",
        "observed_on": date(2024, 12, 31),
    }
    return district_measure_record(actor=actor, district=district, **(values | overrides))


def test_recording_a_figure_again_corrects_it_and_keeps_the_old_value(make_district, staff):
    district = make_district()

    first, created = _record(district, staff)
    again, created_again = _record(district, staff, value=362)

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert DistrictMeasure.objects.get().value == 362
    assert DistrictMeasure.objects.get().unit == "개"
    assert [h.value for h in again.history.order_by("history_date")] == [350, 362]
    assert again.history.latest().history_change_reason == "measure.corrected"


def test_other_measures_need_a_name_and_counts_are_whole(make_district, staff):
    district = make_district()

    with pytest.raises(ValidationError, match="항목 이름"):
        _record(district, staff, kind=MeasureKind.OTHER, value=Decimal("12.5"))
    with pytest.raises(ValidationError, match="정수"):
        _record(district, staff, value=Decimal("10.5"))
    with pytest.raises(ValidationError, match="0 이상"):
        _record(district, staff, value=-1)
    with pytest.raises(ValidationError, match="연도"):
        _record(district, staff, year=1999)

    invested, _ = _record(
        district, staff, kind=MeasureKind.OTHER, name="민간투자", unit="억원", value=Decimal("12.5")
    )
    assert (invested.label, invested.unit, invested.value) == ("민간투자", "억원", Decimal("12.5"))
    labs, _ = _record(district, staff, kind=MeasureKind.GLOBAL_LABS, name="무시됨", value=3)
    assert (labs.label, labs.name) == ("글로벌 수준 연구실 수", "")
