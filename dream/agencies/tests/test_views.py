"""The pages: registry with the printed counts, the agency, its entry page and the
Committee's integrated view; no 500 for odd query parameters."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from dream.agencies.models import PerformanceReport
from dream.agencies.services import performance_report_submit

from .conftest import DIP


def _as(client, user):
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client


def test_the_registry_prints_the_document_counts_beside_the_registered(client, orgs):
    page = client.get(reverse("agencies:agency_list")).content.decode()
    assert "문서: 16개 지자체 21개 기관(" in page and "원문 l.1681" in page
    assert "독립 법인 12개(" in page and "원문 l.770" in page
    assert "— 등록 2개" in page
    assert "나머지 기관은 지방시대위원회 담당자가" in page
    assert DIP in page


def test_the_integrated_view_shows_submitted_reports_and_the_example_apart(
    client, make_report, staff, orgs
):
    draft = make_report(programme="초안 사업")
    submitted = performance_report_submit(actor=staff, report=make_report(budget="100"))
    url = reverse("agencies:performance_integrated", args=[2024])
    page = client.get(url + "?province=대구").content.decode()
    assert submitted.programme in page and draft.programme not in page
    assert "833억원" in page and "원문 l.1739" in page and "데이터 아님" in page
    assert "예산 100억원" in page  # the total holds the report only, not the example
    across = client.get(url + "?programme=" + submitted.programme + "&group=programme")
    assert submitted.programme in across.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?province=없는도",
        "?programme=" + "가" * 300,
        "?group=x&province=²",
        "?report=9999999999999",
    ],
)
def test_odd_query_parameters_are_ignored(client, dip, query):
    for url in (
        reverse("agencies:performance_integrated", args=[2024]),
        reverse("agencies:agency_performance", args=[dip.pk, 2024]),
    ):
        assert client.get(url + query).status_code == 200
    assert client.get(reverse("agencies:performance_integrated", args=[99999])).status_code == 404


@pytest.mark.parametrize(
    "persona", ["anonymous", "agency_editor", "committee_staff", "seoul_editor"]
)
def test_pages_render_for_everyone(client, personas, dip, make_report, persona):
    make_report()
    client = _as(client, personas(persona))
    for url in (
        reverse("agencies:agency_list"),
        reverse("agencies:agency_detail", args=[dip.pk]),
        reverse("agencies:agency_performance", args=[dip.pk, 2024]),
        reverse("agencies:performance_integrated", args=[2024]),
    ):
        assert client.get(url).status_code == 200


def test_the_agency_editor_adds_a_report_by_form(client, personas, dip, orgs):
    client = _as(client, personas("agency_editor"))
    response = client.post(
        reverse("agencies:agency_performance", args=[dip.pk, 2024]),
        {
            "ministry": orgs["과기정통부"].pk, "programme": "SW융합클러스터", "budget": "50",
            "outcome_1_name": "입주 기업", "outcome_1_unit": "개", "outcome_1_target": "10",
            "outcome_1_actual": "8",
        },
    )  # fmt: skip
    assert response.status_code == 302
    report = PerformanceReport.objects.get()
    assert report.outcomes.get().achievement_percent == 80


def test_a_form_with_a_comma_decimal_is_shown_again_with_the_reason(client, personas, dip, orgs):
    client = _as(client, personas("agency_editor"))
    response = client.post(
        reverse("agencies:agency_performance", args=[dip.pk, 2024]),
        {"ministry": orgs["과기정통부"].pk, "programme": "사업", "budget": "31,6"},
    )
    assert response.status_code == 422 and "31,6" in response.content.decode()


def test_writers_only(client, personas, dip, orgs):
    url = reverse("agencies:agency_performance", args=[dip.pk, 2024])
    data = {"ministry": orgs["과기정통부"].pk, "programme": "사업", "budget": "1"}
    response = client.post(url, data)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    response = _as(client, personas("other_agency_editor")).post(url, data)
    assert response.status_code == 403
    assert client.get(reverse("agencies:agency_register")).status_code == 403


def test_staff_register_an_agency_by_form(client, staff, orgs):
    response = _as(client, staff).post(
        reverse("agencies:agency_register"),
        {
            "province": orgs["광주"].pk,
            "name": "광주정보문화산업진흥원",
            "incorporation": "unconfirmed",
        },
    )
    assert response.status_code == 302


def test_the_workbook_downloads_and_uploads(client, personas, dip):
    client = _as(client, personas("agency_editor"))
    download = client.get(reverse("agencies:workbook_download", args=[dip.pk, 2024]))
    assert download.status_code == 200
    upload = reverse("agencies:workbook_upload", args=[dip.pk, 2024])
    assert client.get(upload).status_code == 200
    response = client.post(upload, {"file": _file(download.content)})
    assert response.status_code == 302


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("dip.xlsx", content)
