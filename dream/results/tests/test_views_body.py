"""The body's results page (/results/<year>/<org>/): who sees it, what it shows with which
mark, and its forms, which go through the services."""

import pytest
from django.urls import reverse

from dream.results.choices import ResultState
from dream.results.models import IndicatorActual, ResultSubmission

from .conftest import OBSERVED, SOURCE

PAGE = reverse("results:body", args=[2024, "부산"])


def _form(indicator, value, reason=""):
    prefix = f"actual-{indicator.pk}"
    return {
        f"{prefix}-value": value, f"{prefix}-source": SOURCE,
        f"{prefix}-observed_on": OBSERVED.isoformat(), f"{prefix}-note": "",
        f"{prefix}-reason": reason,
    }  # fmt: skip


def _record_url(indicator, org="부산"):
    return reverse("results:actual_record", args=[2024, org, indicator.pk])


def test_the_editor_sees_printed_entered_and_computed_figures_with_their_marks(
    client, actual_plans, personas, enter_actual
):
    editor = personas("busan_editor")
    enter_actual(editor, actual_plans.jobs, "1,660")
    client.force_login(editor)

    page = client.get(PAGE).content.decode()

    assert "적용 규칙" in page and "계획이 정하지 않음" in page
    assert '<span class="mark">원문</span> 2023년 1,650.5 천명' in page
    assert '<span class="mark">입력</span> 1,660' in page and SOURCE in page
    assert '<span class="mark">계산</span> 100.0% · 달성' in page
    assert "실적 없음" in page  # the text indicator, not entered: never 0
    assert page.count('class="filters actual-record"') == 2


def test_a_viewer_sees_the_results_without_forms(client, actual_plans, personas):
    client.force_login(personas("busan_viewer"))

    response = client.get(PAGE)

    assert response.status_code == 200
    assert "actual-record" not in response.content.decode()


def test_another_body_is_refused_with_the_403_page(client, actual_plans, personas):
    client.force_login(personas("seoul_editor"))

    response = client.get(PAGE)

    assert response.status_code == 403
    assert "확정되기 전에는" in response.content.decode()


def test_anonymous_visitors_sign_in_first_and_see_confirmed_results(client, actual_plans, orgs):
    assert "/login" in client.get(PAGE)["Location"]

    ResultSubmission.objects.create(
        plan=actual_plans.busan, organization=orgs["부산"], state=ResultState.CONFIRMED
    )

    assert client.get(PAGE).status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        reverse("results:body", args=[2024, "없는곳"]),
        reverse("results:body", args=[2019, "부산"]),
        reverse("results:body", args=[10**30, "부산"]),
    ],
)
def test_an_unknown_body_or_year_is_a_korean_404(client, actual_plans, personas, address):
    client.force_login(personas("busan_editor"))

    response = client.get(address)

    assert response.status_code == 404


def test_a_comma_decimal_comes_back_as_a_message_and_stores_nothing(client, actual_plans, personas):
    client.force_login(personas("busan_editor"))

    response = client.post(
        _record_url(actual_plans.jobs), _form(actual_plans.jobs, "31,6"), follow=True
    )

    assert "소수점은 마침표로" in response.content.decode()
    assert not IndicatorActual.objects.exists()


def test_replacing_on_the_page_needs_a_reason_and_the_history_shows_both(
    client, actual_plans, personas
):
    client.force_login(personas("busan_editor"))
    jobs = actual_plans.jobs
    client.post(_record_url(jobs), _form(jobs, "1,650"))

    refused = client.post(_record_url(jobs), _form(jobs, "1,662.3"), follow=True)
    client.post(_record_url(jobs), _form(jobs, "1,662.3", reason="확정치 공표"))

    assert "까닭을 적어" in refused.content.decode()
    assert IndicatorActual.objects.get().value_text == "1,662.3"
    history = client.get(reverse("results:actual_history", args=[2024, "부산", jobs.pk]))
    text = history.content.decode()
    assert "확정치 공표" in text and "1,650" in text and "1,662.3" in text


def test_deleting_on_the_page_needs_a_reason(client, actual_plans, personas, enter_actual):
    editor = personas("busan_editor")
    enter_actual(editor, actual_plans.jobs, "1,650")
    client.force_login(editor)
    url = reverse("results:actual_delete", args=[2024, "부산", actual_plans.jobs.pk])

    client.post(url, {f"delete-{actual_plans.jobs.pk}-reason": ""})
    assert IndicatorActual.objects.exists()
    client.post(url, {f"delete-{actual_plans.jobs.pk}-reason": "잘못 넣음"})
    assert not IndicatorActual.objects.exists()


def test_an_indicator_another_body_reports_on_is_404_under_this_body(
    client, actual_plans, personas
):
    client.force_login(personas("committee_staff"))

    response = client.post(_record_url(actual_plans.digital), _form(actual_plans.digital, "45"))

    assert response.status_code == 404
    assert not IndicatorActual.objects.exists()


def test_the_ministry_page_lists_only_the_indicators_it_leads(client, actual_plans, personas):
    client.force_login(personas("ministry_editor"))

    page = client.get(reverse("results:body", args=[2024, "행안부"])).content.decode()

    assert actual_plans.digital.name in page
    assert actual_plans.jobs.name not in page
