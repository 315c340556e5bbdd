"""Correcting a district's details: who may, the reason it needs, the page and the search
showing the new details, and the change history (who, when, what, why) for staff only."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dream.core.fingerprint import database_fingerprint
from dream.districts.choices import MeasureKind, Stage
from dream.districts.models import InnovationDistrict
from dream.districts.selectors import district_history
from dream.districts.services import (
    EDITABLE_FIELDS,
    district_measure_record,
    district_stage_change,
    district_update,
    district_version,
)
from dream.search.selectors import search


def details(district: InnovationDistrict, **changes) -> dict:
    """The district's details as the form sends them back, with `changes`."""
    return {field: getattr(district, field) for field in EDITABLE_FIELDS} | {
        "reason": "지구 이름 오기 정정",
        **changes,
    }


@pytest.fixture
def district(make_district):
    return make_district("부산", name="센텀 디지탈 혁신지구")


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("anonymous", False),
        ("busan_viewer", False),
        ("seoul_editor", False),
        ("committee_viewer", False),
        ("busan_editor", True),
        ("committee_editor", True),
        ("superuser", True),
    ],
)
def test_who_may_correct_a_districts_details(personas, district, name, allowed):
    """As for registering it: Committee staff, and the editors of its province."""
    user = personas(name)
    before = database_fingerprint()

    if allowed:
        changed = district_update(
            actor=user, district=district, **details(district, name="센텀 디지털 혁신지구")
        )
        assert changed.name == "센텀 디지털 혁신지구"
    else:
        with pytest.raises(PermissionDenied):
            district_update(
                actor=user, district=district, **details(district, name="센텀 디지털 혁신지구")
            )
        assert database_fingerprint() == before


def test_a_province_editor_cannot_move_a_district_to_another_province(personas, orgs, district):
    editor = personas("busan_editor")
    before = database_fingerprint()

    with pytest.raises(PermissionDenied):
        district_update(
            actor=editor,
            district=district,
            **details(district, province=orgs["울산"]),
        )
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": "  "}, "reason", "고치는 까닭을 적어 주세요"),
        ({"reason": "가" * 101}, "reason", "까닭은 100자까지"),
        ({"name": ""}, "name", ""),
        ({"name": "가" * 101}, "name", ""),
    ],
)
def test_a_refused_correction_says_why_and_leaves_the_database_unchanged(
    staff, district, changes, field, message
):
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        district_update(actor=staff, district=district, **details(district, **changes))

    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert database_fingerprint() == before


def test_a_name_another_district_of_the_province_has_is_refused(staff, make_district, district):
    other = make_district("부산", name="부산 블록체인 혁신지구")
    before = database_fingerprint()

    with pytest.raises(ValidationError, match="같은 이름의 디지털 혁신지구가 이미 있습니다"):
        district_update(actor=staff, district=district, **details(district, name=other.name))
    assert database_fingerprint() == before


def test_a_correction_that_changes_nothing_is_refused(staff, district):
    with pytest.raises(ValidationError, match="바뀐 것이 없습니다"):
        district_update(actor=staff, district=district, **details(district))


def test_the_history_names_who_when_what_and_why(personas, staff, orgs, district):
    editor = personas("busan_editor")
    district_update(
        actor=editor,
        district=district,
        **details(district, name="센텀 디지털 혁신지구", designated_on=date(2025, 1, 2)),
    )
    district_stage_change(
        actor=staff,
        district=district,
        to_stage=Stage.ACCELERATION,
        decided_on=date(2025, 2, 1),
        decision="특별위원회 심의",
    )
    district_measure_record(
        actor=editor,
        district=district,
        kind=MeasureKind.DIGITAL_FIRMS,
        year=2024,
        value=120,
        source="입주기업 현황",
    )

    figures, stage, corrected, registered = district_history(district)

    assert (corrected.who, corrected.action, corrected.subject, corrected.reason) == (
        "busan",
        "변경",
        "지구 정보",
        "지구 이름 오기 정정",
    )
    assert [(c.label, c.old, c.new) for c in corrected.changes] == [
        ("이름", "센텀 디지탈 혁신지구", "센텀 디지털 혁신지구"),
        ("지정일", "(없음)", "2025-01-02"),
    ]
    assert [(c.label, c.old, c.new) for c in stage.changes] == [
        ("단계", "1단계 초기기반 구축", "2단계 성장 가속화")
    ]
    assert (registered.action, registered.reason) == ("추가", "등록")
    assert (figures.subject, figures.reason) == ("2024년 디지털 기업 수", "측정값 기록")
    assert corrected.when > registered.when


# HTTP: the page, the form and the search


def found(district: InnovationDistrict, query: str) -> bool:
    """Whether searching `query` finds the district (a hit landing on its page)."""
    return any(hit.url.startswith(district.get_absolute_url()) for hit in search(query=query).hits)


@pytest.fixture
def signed_in(client, personas):
    def sign_in(name):
        if name != "anonymous":
            client.force_login(personas(name))
        return client

    return sign_in


def test_staff_correct_a_district_and_page_and_search_show_the_new_name(signed_in, district):
    client = signed_in("committee_editor")
    url = reverse("districts:district_update", args=[district.pk])
    form = client.get(url).content.decode()
    assert "센텀 디지탈 혁신지구" in form and "고치는 까닭" in form
    assert not found(district, "센텀 디지털 혁신지구")

    data = {
        "province": district.province.pk,
        "name": "센텀 디지털 혁신지구",
        "location": "부산 해운대구 센텀시티",
        "operator": district.operator,
        "anchor_facilities": district.anchor_facilities,
        "reason": "지구 이름 오기 정정",
    }
    response = client.post(url, data, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == district.get_absolute_url()
    assert "센텀 디지털 혁신지구의 정보를 고쳤습니다" in html
    assert "부산 해운대구 센텀시티" in html
    history = html.split('id="history-heading"', 1)[1]
    assert "센텀 디지탈 혁신지구" in history and "지구 이름 오기 정정" in history
    assert "committee" in history
    assert found(district, "센텀 디지털 혁신지구")
    assert not found(district, "디지탈")


def test_a_correction_without_a_reason_comes_back_with_the_message(signed_in, district):
    client = signed_in("committee_editor")
    before = database_fingerprint()

    response = client.post(
        reverse("districts:district_update", args=[district.pk]),
        {"province": district.province.pk, "name": "새 이름", "location": "x", "operator": "y"},
    )

    assert response.status_code == 200
    assert "필수 항목입니다" in response.content.decode()
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anonymous", 302), ("seoul_editor", 403), ("committee_viewer", 403)],
)
def test_others_are_refused_the_form_with_a_korean_page(signed_in, district, name, expected):
    client = signed_in(name)
    url = reverse("districts:district_update", args=[district.pk])
    before = database_fingerprint()

    assert client.get(url).status_code == expected
    response = client.post(url, {"name": "새 이름", "reason": "x"})
    assert response.status_code == expected
    if expected == 403:
        assert "이 디지털 혁신지구의 정보를 고칠 권한이 없습니다." in response.content.decode()
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("anonymous", False),
        ("seoul_editor", False),
        ("busan_editor", True),
        ("committee_editor", True),
    ],
)
def test_the_change_history_and_the_edit_link_are_for_staff_only(signed_in, district, name, shown):
    html = signed_in(name).get(district.get_absolute_url()).content.decode()

    assert ('id="history-heading"' in html) == shown
    assert (reverse("districts:district_update", args=[district.pk]) in html) == shown


def test_a_correction_from_a_form_a_colleague_has_changed_since_is_refused(
    personas, staff, district
):
    seen = district_version(district)
    district_update(
        actor=personas("busan_editor"),
        district=district,
        **details(district, name="센텀 디지털 혁신지구"),
        seen=seen,
    )
    before = database_fingerprint()

    with pytest.raises(ValidationError, match="다른 담당자가 먼저 이 지구를 고쳤습니다"):
        district_update(
            actor=staff, district=district, **details(district, location="해운대"), seen=seen
        )
    assert database_fingerprint() == before
