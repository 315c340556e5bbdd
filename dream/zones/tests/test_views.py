"""The zone pages as a visitor and as the people who write: the registry by task and province
with caps, usage, the over-cap warning and the printed lines; a designation's page with its
decisions and history; forms that refuse in Korean and never answer 500."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from dream.zones.choices import DesignationStage
from dream.zones.models import ZoneDesignation

from .conftest import DELIBERATED_ON, DESIGNATED_ON

REGISTRY = "/priorities/zones/"


def _login(client, personas, name):
    user = personas(name)
    client.force_login(user)
    return user


def _decide(client, designation, stage, on=DESIGNATED_ON, decision="결정"):
    return client.post(
        reverse("zones:designation_decide", args=[designation.pk]),
        {"stage": stage, "decided_on": on.isoformat(), "decision": decision},
    )


def test_the_registry_is_at_its_address_and_shows_caps_usage_and_the_printed_lines(
    client, applied, uncapped_task
):
    assert reverse("zones:registry") == REGISTRY
    response = client.get(REGISTRY, {"year": 2024})

    assert response.status_code == 200
    html = response.content.decode()
    zones = {zone.task.name: zone for zone in response.context["zones"]}
    capped = zones["기회발전특구 지정으로 양질의 신규 일자리 창출"]
    busan = next(u for u in capped.provinces if u.province.short_name == "부산")
    assert (busan.cap.pyeong, busan.pending, busan.designated) == (150, 120, 0)
    assert len(capped.provinces) == 17  # every province with its cap, used or not
    assert zones[uncapped_task.name].provinces == []
    for text in (
        "원문 l.231",
        "면적상한(광역시: 150만평, 도: 200만평)",
        "원문 l.257–259",
        "원문 l.255",
        "계획이 정하지 않음",
        "계획이 면적 상한을 정하지 않음",
        "부산 기회발전특구 1",
        "120만평",
    ):
        assert text in html, text


def test_a_province_over_its_cap_is_warned_on_the_registry_and_the_designation(
    client, apply, staff
):
    client.force_login(staff)
    for name, area in (("가", "100만평"), ("나", "60만평")):
        designation = apply(name=name, area_text=area)
        _decide(client, designation, DesignationStage.DELIBERATED, on=DELIBERATED_ON)
        response = _decide(client, designation, DesignationStage.DESIGNATED)
        assert response.status_code == 302
    warned = client.get(response["Location"])
    assert "면적 상한" in warned.content.decode() and "넘습니다" in warned.content.decode()
    assert ZoneDesignation.objects.filter(stage=DesignationStage.DESIGNATED).count() == 2

    client.logout()
    html = client.get(REGISTRY).content.decode()
    assert "⚠ 면적 상한 초과: 부산 (지정 160만평, 상한 150만평)" in html
    page = client.get(reverse("zones:designation_detail", args=[designation.pk]))
    assert "⚠ 상한 초과" in page.content.decode()


def test_the_designation_page_shows_decisions_and_recorded_changes(client, deliberated, staff):
    response = client.get(reverse("zones:designation_detail", args=[deliberated.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "제5차 지방시대위원회 심의·의결" in html
    changes = [change for entry in response.context["history"] for change in entry.changes]
    assert [(c.label, c.old, c.new) for c in changes] == [("단계", "신청", "심의·의결")]
    assert "특구 지정 신청" in html and staff.username in html
    assert response.context["decide_form"] is None  # a visitor gets no form
    assert "csrfmiddlewaretoken" not in html


def test_staff_see_the_decide_form_and_the_province_the_withdraw_form(
    client, personas, deliberated
):
    url = reverse("zones:designation_detail", args=[deliberated.pk])
    _login(client, personas, "committee_staff")
    form = client.get(url).context["decide_form"]
    assert [c for c, _ in form.fields["stage"].choices] == ["designated", "refused"]
    _login(client, personas, "busan_editor")
    context = client.get(url).context
    assert context["decide_form"] is None and context["withdraw_form"] is not None


def test_a_province_editor_applies_edits_and_withdraws_through_the_pages(
    client, personas, orgs, zone_task
):
    _login(client, personas, "busan_editor")
    form = client.get(reverse("zones:designation_apply"), {"task": zone_task.pk})
    assert form.status_code == 200
    response = client.post(
        reverse("zones:designation_apply"),
        {"task": zone_task.pk, "province": orgs["부산"].pk, "name": "동남권 특구",
         "area_text": "1,200,000평", "applied_on": "2024-03-29"},
    )  # fmt: skip
    designation = ZoneDesignation.objects.get(name="동남권 특구")
    assert response["Location"] == reverse("zones:designation_detail", args=[designation.pk])
    assert designation.area_pyeong == 120

    edit = reverse("zones:designation_update", args=[designation.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"name": "동남권 특구", "area_text": "90만평"}).status_code == 302
    response = client.post(
        reverse("zones:designation_withdraw", args=[designation.pk]),
        {"decided_on": "2024-04-01", "decision": "입지 재검토"},
    )
    designation.refresh_from_db()
    assert (response.status_code, designation.stage) == (302, DesignationStage.WITHDRAWN)
    assert designation.area_text == "90만평"


def test_a_comma_decimal_area_is_shown_as_an_error_on_the_form(client, personas, orgs, zone_task):
    _login(client, personas, "busan_editor")
    response = client.post(
        reverse("zones:designation_apply"),
        {"task": zone_task.pk, "province": orgs["부산"].pk, "name": "x", "area_text": "31,6만평",
         "applied_on": "2024-03-29"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "소수점은 마침표로" in response.content.decode()
    assert not ZoneDesignation.objects.exists()


@pytest.mark.parametrize("name", ["부산\x00특구", "부산\x07특구"])
def test_control_characters_in_a_form_are_refused_not_a_500(
    client, personas, orgs, zone_task, name
):
    """A plain form post is refused whole by the site (400); an upload-style post reaches the
    form and the service (422)."""
    _login(client, personas, "busan_editor")
    data = {"task": zone_task.pk, "province": orgs["부산"].pk, "name": name, "area_text": "",
            "applied_on": "2024-03-29"}  # fmt: skip
    url = reverse("zones:designation_apply")
    assert client.post(url, data).status_code == 422
    encoded = urlencode(data)
    response = client.post(url, encoded, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert not ZoneDesignation.objects.exists()


def test_a_formula_looking_name_is_shown_as_text(client, apply):
    designation = apply(name='=HYPERLINK("http://x")')
    html = client.get(reverse("zones:designation_detail", args=[designation.pk])).content.decode()
    assert "=HYPERLINK(&quot;http://x&quot;)" in html
    assert '<a href="http://x"' not in html


def test_a_province_cannot_apply_for_another_and_a_viewer_not_at_all(
    client, personas, orgs, zone_task
):
    _login(client, personas, "busan_editor")
    response = client.post(
        reverse("zones:designation_apply"),
        {
            "task": zone_task.pk,
            "province": orgs["서울"].pk,
            "name": "x",
            "applied_on": "2024-03-29",
        },
    )
    assert response.status_code == 422  # 서울 is not among 부산's choices
    _login(client, personas, "busan_viewer")
    response = client.get(reverse("zones:designation_apply"))
    assert response.status_code == 403
    assert "권한" in response.content.decode()


def test_anonymous_writers_are_sent_to_login(client, applied):
    for name in ("designation_decide", "designation_withdraw", "designation_update"):
        response = client.post(reverse(f"zones:{name}", args=[applied.pk]))
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get(reverse("zones:designation_apply")).status_code == 302


def test_only_staff_decide_through_the_page(client, personas, applied):
    _login(client, personas, "busan_editor")
    response = _decide(client, applied, DesignationStage.DELIBERATED, on=DELIBERATED_ON)
    assert response.status_code == 403
    applied.refresh_from_db()
    assert applied.stage == DesignationStage.APPLIED


def test_a_refused_move_is_a_message_not_a_500(client, personas, applied):
    _login(client, personas, "committee_staff")
    response = _decide(client, applied, DesignationStage.DESIGNATED)  # skips 심의·의결
    assert response.status_code == 422
    response = _decide(client, applied, DesignationStage.DELIBERATED, on=DELIBERATED_ON)
    assert response.status_code == 302
    client.post(
        reverse("zones:designation_withdraw", args=[applied.pk]),
        {"decided_on": "2024-06-06", "decision": "철회"},
    )
    response = _decide(client, applied, DesignationStage.DESIGNATED)
    assert response.status_code == 422
    assert "끝난 신청" in response.content.decode()
    response = client.post(
        reverse("zones:designation_withdraw", args=[applied.pk]),
        {"decided_on": "2024-06-07", "decision": "다시"},
    )
    assert response.status_code == 422
    assert "끝난 신청" in response.content.decode()


@pytest.mark.parametrize("query", ["?year=abc", "?year=1999", "?year=99999", "?year=²"])
def test_a_year_that_is_not_published_is_a_korean_404(client, tasks_2024, query):
    response = client.get(REGISTRY + query)
    assert response.status_code == 404
    assert "공개하는 시행계획의 연도가 아닙니다" in response.content.decode()


@pytest.mark.parametrize("query", ["?year=%00", "?year=2024%00", "?province=%00"])
def test_a_nul_byte_in_the_query_is_a_korean_400(client, tasks_2024, query):
    response = client.get(REGISTRY + query)
    assert response.status_code == 400
    assert "제어 문자" in response.content.decode()


@pytest.mark.parametrize("pk", [0, 999999, 2**63, 10**30])
def test_an_unknown_or_huge_designation_id_is_a_404(client, tasks_2024, pk):
    assert client.get(f"{REGISTRY}{pk}/").status_code == 404


def test_the_apply_page_ignores_a_hostile_task_parameter(client, personas, tasks_2024):
    _login(client, personas, "committee_staff")
    for value in ("9" * 400, "-1", "²", "=HYPERLINK(1)"):
        assert client.get(reverse("zones:designation_apply"), {"task": value}).status_code == 200


def test_the_task_partial_lists_the_tasks_designations(client, applied, zone_task):
    from django.template.loader import render_to_string

    from dream.zones.selectors import designations_for_task

    html = render_to_string(
        "zones/_task_designations.html", {"zone": designations_for_task(zone_task)}
    )
    assert "부산 기회발전특구 1" in html and "원문 l.231" in html
    assert render_to_string("zones/_task_designations.html", {"zone": None}).strip() == ""


def test_the_registry_reads_in_a_fixed_number_of_queries(
    client, apply, django_assert_max_num_queries
):
    for number in range(5):
        apply(name=f"특구 {number}")
    with django_assert_max_num_queries(12):
        assert client.get(REGISTRY).status_code == 200


def test_no_zone_page_shows_an_english_label(client, personas, deliberated, apply):
    from tests.test_korean_labels import LabelReader, is_english_label

    apply(name="둘째", area_text="")
    pages = [REGISTRY, reverse("zones:designation_detail", args=[deliberated.pk])]
    found = {}
    for persona in ("anonymous", "committee_staff", "busan_editor"):
        if persona != "anonymous":
            _login(client, personas, persona)
        urls = pages + ([reverse("zones:designation_apply")] if persona != "anonymous" else [])
        for url in urls:
            reader = LabelReader()
            reader.feed(client.get(url).content.decode())
            english = [
                text
                for _where, text in reader.labels
                if is_english_label(text) and text != f"· {persona}"  # the header's sign-in name
            ]
            if english:
                found[(persona, url)] = english
    assert found == {}


@pytest.mark.parametrize("value", ["²", "9" * 4000, "a\x00b", 'x"\r\nSet-Cookie: a=b', "가" * 1000])
def test_every_zone_page_and_path_survives_hostile_parameters(client, personas, applied, value):
    urls = [
        REGISTRY,
        reverse("zones:designation_apply"),
        *(
            reverse(f"zones:{name}", args=[applied.pk])
            for name in ("designation_detail", "designation_update", "designation_decide",
                         "designation_withdraw")
        ),
        "/api/v1/zone-designations",
        f"/api/v1/zone-designations/{applied.pk}",
    ]  # fmt: skip
    _login(client, personas, "committee_staff")
    for url in urls:
        for method in (client.get, client.post):
            response = method(url, {"year": value, "task": value, "province": value})
            assert response.status_code < 500, (url, method, value[:20])
