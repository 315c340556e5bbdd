"""The district pages over HTTP: reading, permissions, forms, downloads, query counts."""

import csv
import io
from datetime import date
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dream.districts.choices import MeasureKind, Stage
from dream.districts.models import DistrictMeasure, InnovationDistrict
from dream.districts.services import district_measure_record

pytestmark = pytest.mark.django_db

LIST = reverse("districts:district_list")
NEW = reverse("districts:district_register")


def _login(client, personas, name):
    if name != "anonymous":
        client.force_login(personas(name))
    return client


def _detail(district):
    return reverse("districts:district_detail", args=[district.pk])


def _stage_url(district):
    return reverse("districts:district_stage_change", args=[district.pk])


def _measure_url(district):
    return reverse("districts:district_measure_record", args=[district.pk])


def test_the_empty_registry_says_so_and_invents_nothing(client, orgs):
    html = client.get(LIST).content.decode()

    assert "등록된 디지털 혁신지구가 없습니다" in html
    assert "광주AI융합집적단지" in html  # named as an example, not as a district
    assert "1,000개 이상 기업 집적 지구" in html
    assert "0곳 / 5곳" in html and "(2030년 목표)" in html
    assert NEW not in html  # no registration link for an anonymous reader
    assert InnovationDistrict.objects.count() == 0


def test_staff_are_offered_the_registration_form_on_the_empty_registry(client, personas):
    html = _login(client, personas, "committee_editor").get(LIST).content.decode()

    assert f'href="{NEW}"' in html


def test_the_registry_lists_districts_with_newest_figures_and_the_map(client, make_district, staff):
    district = make_district("대구", name="수성 디지털 혁신지구")
    for year, value in [(2023, 800), (2024, 1200)]:
        district_measure_record(
            actor=staff,
            district=district,
            kind=MeasureKind.DIGITAL_FIRMS,
            year=year,
            value=value,
            source="s",
        )

    html = client.get(LIST).content.decode()

    assert "수성 디지털 혁신지구" in html and _detail(district) in html
    assert "1,200" in html and "(2024년)" in html
    assert "1곳 / 5곳" in html
    assert 'aria-label="대구광역시: 디지털 혁신지구 1곳(1단계 초기기반 구축 1곳)"' in html
    assert "1단계 초기기반 구축" in html


def test_the_registry_filters_by_province_and_stage(client, make_district):
    make_district("대구", name="대구 지구")
    make_district("부산", name="부산 지구")

    def registry(**query):
        return client.get(LIST, query).content.decode().split('id="registry-heading"')[1]

    assert "부산 지구" in registry(province="부산")
    assert "대구 지구" not in registry(province="부산")
    assert "조건에 맞는 디지털 혁신지구가 없습니다" in registry(stage=Stage.ACCELERATION)
    assert client.get(LIST, {"province": "없는곳", "stage": "x"}).status_code == 200


@pytest.mark.parametrize(
    ("persona", "measure_form", "stage_form"),
    [
        ("anonymous", False, False),
        ("busan_editor", True, False),
        ("seoul_editor", False, False),
        ("committee_viewer", False, False),
        ("committee_editor", True, True),
        ("superuser", True, True),
    ],
)
def test_the_detail_page_offers_each_reader_the_forms_they_may_use(
    client, personas, make_district, persona, measure_form, stage_form
):
    district = make_district("부산")
    response = _login(client, personas, persona).get(_detail(district))
    html = response.content.decode()

    assert response.status_code == 200
    assert "조성계획 적합성 검토 결과" in html  # the first entry of the stage history
    assert (_measure_url(district) in html) is measure_form
    assert (_stage_url(district) in html) is stage_form


def test_an_unknown_district_is_not_found(client, orgs):
    assert client.get(reverse("districts:district_detail", args=[999])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("busan_viewer", 403),
        ("committee_viewer", 403),
        ("busan_editor", 200),
        ("committee_editor", 200),
        ("superuser", 200),
    ],
)
def test_the_registration_form_needs_a_login_and_a_writable_province(
    client, personas, persona, status
):
    response = _login(client, personas, persona).get(NEW)

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 403:
        assert "디지털 혁신지구를 등록할 권한이 없습니다" in response.content.decode()


def _registration(orgs, province="부산", **overrides):
    return {
        "province": orgs[province].pk,
        "name": "센텀 디지털 혁신지구",
        "location": "부산 해운대구 센텀2지구",
        "operator": "부산정보산업진흥원",
        "anchor_facilities": "공유오피스",
        "decided_on": "2024-05-01",
        "decision": "조성계획 적합성 검토 결과",
        "decided_by_body": "과학기술정보통신부",
        **overrides,
    }


def test_a_province_editor_registers_a_district_of_their_province(client, personas, orgs):
    client = _login(client, personas, "busan_editor")
    page = client.get(NEW).content.decode()
    assert ">부산<" in page and ">서울<" not in page

    response = client.post(NEW, _registration(orgs))

    district = InnovationDistrict.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(district)
    assert district.stage == Stage.FOUNDATION
    assert district.stage_changes.get().decided_by_body == "과학기술정보통신부"
    assert (
        "센텀 디지털 혁신지구를 1단계로 등록했습니다"
        in client.get(_detail(district)).content.decode()
    )


def test_a_province_editor_cannot_register_for_another_province(client, personas, orgs):
    response = _login(client, personas, "busan_editor").post(NEW, _registration(orgs, "서울"))

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not InnovationDistrict.objects.exists()


def test_registration_errors_are_shown_in_korean_on_their_fields(
    client, personas, orgs, make_district
):
    make_district("부산", name="센텀 디지털 혁신지구")

    response = _login(client, personas, "committee_editor").post(
        NEW, _registration(orgs, decided_on="2999-01-01")
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "같은 이름의 디지털 혁신지구가 이미 있습니다" in html
    assert "결정일은 오늘 이후일 수 없습니다" in html
    assert InnovationDistrict.objects.count() == 1


def _stage_post(to_stage=Stage.ACCELERATION, **overrides):
    return {
        "to_stage": to_stage,
        "decided_on": "2025-02-01",
        "decision": "지방디지털화 특별위원회 심의 결과 2단계 진입",
        "decided_by_body": "지방디지털화 특별위원회",
        **overrides,
    }


def test_committee_staff_change_a_stage_by_post(client, personas, make_district):
    district = make_district()

    response = _login(client, personas, "committee_editor").post(
        _stage_url(district), _stage_post()
    )

    assert response.status_code == 302 and response["Location"] == _detail(district)
    district.refresh_from_db()
    assert district.stage == Stage.ACCELERATION
    html = client.get(_detail(district)).content.decode()
    assert "2단계 성장 가속화로 바꿨습니다" in html
    assert "지방디지털화 특별위원회 심의 결과 2단계 진입" in html
    assert 'datetime="2025-02-01"' in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("busan_editor", 403), ("committee_viewer", 403)],
)
def test_others_cannot_change_a_stage(client, personas, make_district, persona, status):
    district = make_district()

    response = _login(client, personas, persona).post(_stage_url(district), _stage_post())

    assert response.status_code == status
    if status == 403:
        assert "지방시대위원회 담당자만" in response.content.decode()
    district.refresh_from_db()
    assert district.stage == Stage.FOUNDATION


def test_skipping_a_stage_is_refused_on_the_form(client, personas, make_district):
    district = make_district()

    response = _login(client, personas, "committee_editor").post(
        _stage_url(district), _stage_post(to_stage=Stage.PRIVATE_GLOBAL)
    )

    assert response.status_code == 200
    assert "한 번에 한 단계씩만" in response.content.decode()
    district.refresh_from_db()
    assert district.stage == Stage.FOUNDATION


def test_a_move_sent_again_from_a_page_shown_before_it_is_told_it_is_done(
    client, personas, make_district
):
    """The second of two colleagues sending the same move: the page they sent it from offered
    stage 2, so they are told the district is there now, and the page shows it there."""
    district = make_district()
    staff = _login(client, personas, "committee_editor")
    staff.post(_stage_url(district), _stage_post())

    response = staff.post(_stage_url(district), _stage_post())

    assert response.status_code == 200
    html = response.content.decode()
    assert "이 지구는 이미 2단계 성장 가속화입니다." in html
    assert response.context["district"].stage == Stage.ACCELERATION
    assert district.stage_changes.count() == 2


def test_a_decision_before_the_last_one_is_refused_on_its_field(client, personas, make_district):
    district = make_district()

    response = _login(client, personas, "committee_editor").post(
        _stage_url(district), _stage_post(decided_on="2020-01-01")
    )

    assert "마지막 단계 결정일(2024-03-01) 이후여야 합니다" in response.content.decode()


def _measure_post(**overrides):
    return {
        "kind": MeasureKind.DIGITAL_FIRMS,
        "year": 2024,
        "value": "420",
        "source": "부산정보산업진흥원 입주기업 현황",
        "observed_on": "2024-12-31",
        **overrides,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("busan_editor", 302),
        ("seoul_editor", 403),
        ("committee_viewer", 403),
        ("committee_editor", 302),
    ],
)
def test_recording_a_figure_follows_the_permissions(
    client, personas, make_district, persona, status
):
    district = make_district("부산")

    response = _login(client, personas, persona).post(_measure_url(district), _measure_post())

    assert response.status_code == status
    recorded = DistrictMeasure.objects.filter(district=district).exists()
    assert recorded is (persona in ("busan_editor", "committee_editor"))


def test_a_fractional_firm_count_is_refused_on_its_field(client, personas, make_district):
    district = make_district("부산")

    response = _login(client, personas, "busan_editor").post(
        _measure_url(district), _measure_post(value="10.5")
    )

    assert response.status_code == 200
    assert "정수로 적습니다" in response.content.decode()
    assert not DistrictMeasure.objects.exists()


def _csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_registry_and_its_figures_download(client, make_district, staff):
    district = make_district("대구", name="수성 디지털 혁신지구")
    district_measure_record(
        actor=staff,
        district=district,
        kind=MeasureKind.DIGITAL_FIRMS,
        year=2024,
        value=1200,
        source="입주기업 현황",
    )

    rows = _csv(client.get(LIST, {"_export": "csv"}))
    assert rows[0][:3] == ["시·도", "이름", "단계"]
    assert "위치" in rows[0] and "디지털 기업 수 연도" in rows[0]
    assert rows[1][:3] == ["대구", "수성 디지털 혁신지구", "1단계 초기기반 구축"]

    measures = _csv(client.get(LIST, {"_export": "csv", "table": "measures"}))
    assert measures[0][:5] == ["시·도", "디지털 혁신지구", "항목", "연도", "값"]
    assert measures[1][:5] == ["대구", "수성 디지털 혁신지구", "디지털 기업 수", "2024", "1200"]

    xlsx = client.get(LIST, {"_export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert quote("디지털혁신지구-지구목록.xlsx") in xlsx["Content-Disposition"]


def test_a_districts_figures_and_stage_history_download(client, make_district, staff):
    district = make_district()
    district_measure_record(
        actor=staff, district=district, kind=MeasureKind.GLOBAL_LABS, year=2024, value=3, source="s"
    )

    measures = _csv(client.get(_detail(district), {"_export": "csv"}))
    stages = _csv(client.get(_detail(district), {"_export": "csv", "table": "stages"}))

    assert measures[1][2:5] == ["글로벌 수준 연구실 수", "2024", "3"]
    assert stages[0][:3] == ["결정일", "이전 단계", "바뀐 단계"]
    assert stages[1][:3] == ["2024-03-01", "(등록)", "1단계 초기기반 구축"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_registry_runs_the_same_few_queries_for_any_number_of_districts(
    client, make_district, staff
):
    def add(n):
        for _ in range(n):
            district = make_district()
            district_measure_record(
                actor=staff,
                district=district,
                kind=MeasureKind.DIGITAL_FIRMS,
                year=2024,
                value=10,
                source="s",
            )

    add(2)
    few = _queries(client, LIST)
    add(8)
    many = _queries(client, LIST)

    assert few == many
    assert many <= 5


def test_the_detail_page_runs_a_fixed_number_of_queries(client, personas, make_district, staff):
    district = make_district()
    for year in (2022, 2023, 2024):
        district_measure_record(
            actor=staff,
            district=district,
            kind=MeasureKind.DIGITAL_FIRMS,
            year=year,
            value=year - 2000,
            source="s",
        )
    client.force_login(staff)

    # + for staff: may edit, the change history of the district (and the names of its
    # provinces and operators)
    # and of its figures; + its development plans and their reviews
    assert _queries(client, _detail(district)) <= 14
    assert _queries(client, f"{LIST}") <= 9
    assert date(2024, 3, 1) == district.stage_changes.get().decided_on
