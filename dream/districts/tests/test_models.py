"""The database refuses what the services refuse, even for writes that bypass them."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from dream.districts.choices import MeasureKind
from dream.districts.models import DistrictMeasure, StageChange

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("from_stage", "to_stage", "allowed"),
    [
        (None, 1, True),
        (None, 2, False),
        (None, 3, False),
        (1, 2, True),
        (1, 3, False),
        (2, 1, True),
        (3, 1, False),
        (2, 2, False),
    ],
)
def test_stage_changes_are_one_step_in_the_database(
    make_district, staff, from_stage, to_stage, allowed
):
    district = make_district()
    change = StageChange(
        district=district,
        from_stage=from_stage,
        to_stage=to_stage,
        decided_on=date(2025, 1, 1),
        decision="심의 결과",
        recorded_by=staff,
    )

    if allowed:
        change.save()
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            change.save()


def test_a_stage_change_needs_its_decision_in_the_database(make_district, staff):
    change = StageChange(
        district=make_district(),
        from_stage=1,
        to_stage=2,
        decided_on=date(2025, 1, 1),
        decision="",
        recorded_by=staff,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        change.save()


def test_one_figure_per_district_kind_name_and_year(make_district, staff):
    district = make_district()
    figure = dict(
        district=district, kind=MeasureKind.DIGITAL_FIRMS, year=2024, source="s", recorded_by=staff
    )
    DistrictMeasure.objects.create(value=1, **figure)

    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictMeasure.objects.create(value=2, **figure)
    DistrictMeasure.objects.create(value=2, **(figure | {"year": 2025}))


def test_stage_change_reads_as_a_sentence(make_district):
    (first,) = make_district("울산", name="울산 혁신지구").stage_changes.all()

    assert str(first) == "울산 울산 혁신지구: 등록 → 1단계 초기기반 구축 (2024-03-01)"
