"""Persona × action × object → allowed: the table the services and views enforce."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from dream.districts.choices import MeasureKind, Stage
from dream.districts.models import InnovationDistrict
from dream.districts.permissions import (
    can_change_district_stage,
    can_record_district_measure,
    can_register_district,
    provinces_writable_by,
)
from dream.districts.services import (
    district_measure_record,
    district_stage_change,
)

# persona: (register in 부산, register in 서울, record for 부산, record for 서울, change stage)
ALLOWED = {
    "anonymous": (False, False, False, False, False),
    "busan_editor": (True, False, True, False, False),
    "busan_viewer": (False, False, False, False, False),
    "seoul_editor": (False, True, False, True, False),
    "committee_viewer": (False, False, False, False, False),
    "committee_editor": (True, True, True, True, True),
    "superuser": (True, True, True, True, True),
}


@pytest.fixture
def districts(make_district):
    return {"부산": make_district("부산"), "서울": make_district("서울")}


@pytest.mark.parametrize("persona", ALLOWED)
def test_permission_predicates_follow_the_table(persona, personas, orgs, districts):
    user = personas(persona)
    expected = ALLOWED[persona]

    assert (
        can_register_district(user, orgs["부산"]),
        can_register_district(user, orgs["서울"]),
        can_record_district_measure(user, districts["부산"]),
        can_record_district_measure(user, districts["서울"]),
        can_change_district_stage(user, districts["부산"]),
    ) == expected
    assert provinces_writable_by(user).filter(short_name="부산").exists() is expected[0]


def _record(user, district):
    return district_measure_record(
        actor=user,
        district=district,
        kind=MeasureKind.DIGITAL_FIRMS,
        year=2024,
        value=120,
        source="입주기업 현황",
    )


def _change(user, district):
    return district_stage_change(
        actor=user,
        district=district,
        to_stage=Stage.ACCELERATION,
        decided_on=date(2024, 6, 1),
        decision="특별위원회 심의 결과 2단계 진입",
    )


ACTIONS = [
    ("register 부산", lambda user, make, d: make("부산", actor=user, name="새 지구")),
    ("register 서울", lambda user, make, d: make("서울", actor=user, name="새 지구")),
    ("record 부산", lambda user, make, d: _record(user, d["부산"])),
    ("record 서울", lambda user, make, d: _record(user, d["서울"])),
    ("change stage", lambda user, make, d: _change(user, d["부산"])),
]


@pytest.mark.parametrize("persona", ALLOWED)
@pytest.mark.parametrize("action", range(len(ACTIONS)), ids=[name for name, _ in ACTIONS])
def test_services_enforce_the_table(persona, action, personas, make_district, districts):
    user = personas(persona)
    _name, run = ACTIONS[action]

    if ALLOWED[persona][action]:
        run(user, make_district, districts)
    else:
        with pytest.raises(PermissionDenied):
            run(user, make_district, districts)


def test_a_refused_change_writes_nothing(personas, districts):
    with pytest.raises(PermissionDenied, match="지방시대위원회"):
        _change(personas("busan_editor"), districts["부산"])

    district = InnovationDistrict.objects.get(pk=districts["부산"].pk)
    assert district.stage == Stage.FOUNDATION
    assert district.stage_changes.count() == 1


def test_an_inactive_committee_editor_may_do_nothing(personas, districts):
    user = personas("committee_editor")
    user.is_active = False
    user.save()

    assert not can_change_district_stage(user, districts["부산"])
    assert not can_record_district_measure(user, districts["부산"])
    assert not provinces_writable_by(user).exists()
