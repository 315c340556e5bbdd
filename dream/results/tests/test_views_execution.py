# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""The execution and accounts pages and the submission's steps on the web: planned beside
spent with units and marks, forms for the body, Korean 404 and 403, never a 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dream.plans.choices import TaskKind
from dream.results.choices import ResultState
from dream.results.models import FiscalExecution, ResultEvent, ResultSubmission, SelfAssessment

from .fixtures_execution import (  # noqa: F401
    busan_plan,
    enter,
    execution_token,
    orgs,
    personas,
    staff,
)

pytestmark = pytest.mark.django_db
PAGE = "results:execution"


def test_execution_page_shows_planned_spent_and_computed_rate(client, personas, enter):
    enter(personas("busan_editor"), "84.15")
    client.force_login(personas("busan_viewer"))
    html = client.get(reverse(PAGE, args=[2024, "부산"])).content.decode()
    assert "93.5억원" in html and "84.15억원" in html and "135.27억원" in html
    assert "90.0% <small>(DREAM 계산)</small>" in html
    assert "execution-record" not in html  # a viewer gets no form
    assert "적용 규칙" in html


def test_editor_enters_replaces_and_deletes_through_the_form(client, personas, busan_plan):
    client.force_login(personas("busan_editor"))
    url = reverse(PAGE, args=[2024, "부산"])
    strategy = busan_plan.strategies.get()
    post = {"anchor": f"s:{strategy.pk}", "source": "national", "spent": "93.5",
            "document": "결산", "observed_on": "2025-02-01"}  # fmt: skip
    assert "execution-record" in client.get(url).content.decode()
    assert client.post(url, post).status_code == 302
    assert FiscalExecution.objects.get().spent_eok == Decimal("93.5")
    response = client.post(url, post | {"spent": "31,6", "reason": "정정"}, follow=True)
    assert "소수점은 마침표로" in response.content.decode()
    response = client.post(url, post | {"spent": "90"}, follow=True)
    assert "까닭" in response.content.decode()
    client.post(url, post | {"spent": "90", "reason": "결산 정정"})
    assert FiscalExecution.objects.get().spent_text == "90"
    row = FiscalExecution.objects.get()
    client.post(url, {"delete": "1", "execution": row.pk, "reason": "중복"})
    assert not FiscalExecution.objects.exists()
    response = client.post(url, {"delete": "1", "execution": row.pk, "reason": "중복"}, follow=True)
    assert response.status_code == 200 and "이미 지워졌습니다" in response.content.decode()


@pytest.mark.parametrize("anchor", ["s:999999", "t:abc", "x:1", "s:" + "9" * 40])
def test_unknown_anchor_is_not_a_500(client, personas, busan_plan, anchor):
    client.force_login(personas("busan_editor"))
    response = client.post(
        reverse(PAGE, args=[2024, "부산"]),
        {"anchor": anchor, "source": "national", "spent": "1", "document": "d",
         "observed_on": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code in (302, 404)
    assert not FiscalExecution.objects.exists()


def test_unknown_year_or_body_is_a_korean_404(client, busan_plan):
    for args in ([2023, "부산"], [2024, "없는곳"], [9999, "부산"]):
        response = client.get(reverse(PAGE, args=args))
        assert response.status_code == 404


def test_results_before_confirmation_are_not_public(client, personas, busan_plan, enter):
    enter(personas("busan_editor"))
    response = client.get(reverse(PAGE, args=[2024, "부산"]))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(personas("seoul_editor"))
    assert client.get(reverse(PAGE, args=[2024, "부산"])).status_code == 403
    ResultSubmission.objects.update(state=ResultState.CONFIRMED)
    client.logout()
    assert client.get(reverse(PAGE, args=[2024, "부산"])).status_code == 200


def test_self_assessment_page(client, personas, busan_plan):
    core = busan_plan.tasks.get(kind=TaskKind.CORE)
    client.force_login(personas("busan_editor"))
    url = reverse("results:self_assessment", args=[2024, "부산"])
    html = client.get(url).content.decode()
    assert "Ⅰ-1 자치분권 강화" in html and "3000자" in html
    client.post(url, {"anchor": f"t:{core.pk}", "text": "조례 3건 제정"})
    assert SelfAssessment.objects.get().text == "조례 3건 제정"
    assert "조례 3건 제정" in client.get(url).content.decode()
    response = client.post(url, {"anchor": f"t:{core.pk}", "text": "a\x00b"}, follow=True)
    assert response.status_code == 200 and SelfAssessment.objects.get().text == "조례 3건 제정"


def test_steps_redirect_to_the_body_page(client, personas, enter, staff):
    client.force_login(personas("busan_editor"))
    url = reverse("results:action", args=[2024, "부산", "submit"])
    response = client.post(url, follow=True)
    assert "제출할 실적이 없습니다" in response.content.decode()
    enter(personas("busan_editor"))
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] in (
        reverse("results:body", args=[2024, "부산"]),
        "/results/2024/부산/",
    )
    assert ResultSubmission.objects.get().state == ResultState.SUBMITTED
    assert client.post(reverse("results:action", args=[2024, "부산", "confirm"])).status_code == 403
    client.force_login(staff)
    response = client.post(reverse("results:action", args=[2024, "부산", "return"]), follow=True)
    assert "의견을 적어" in response.content.decode()
    client.post(reverse("results:action", args=[2024, "부산", "return"]), {"comment": "보완"})
    assert ResultEvent.objects.filter(comment="보완").exists()
    assert client.get(reverse("results:action", args=[2024, "부산", "submit"])).status_code == 405
    assert client.post("/results/2024/부산/bogus/").status_code in (404, 405)


@pytest.mark.parametrize(
    "path",
    [
        "/results/2024/%00/execution/",
        "/results/2024/부산%00/self-assessment/",
        "/results/99999999999999999999999/부산/execution/",
        "/results/2024/부산/execution/?anchor=%00&year=²",
    ],
)
def test_hostile_addresses_are_not_a_500(client, personas, busan_plan, path):
    client.force_login(personas("busan_editor"))
    assert client.get(path).status_code in (200, 400, 404)
    assert client.post(path.replace("execution", "submit")).status_code in (302, 400, 403, 404)


def test_api_hostile_year_is_404(client, busan_plan, personas, execution_token):
    headers = execution_token(personas("busan_editor"))
    response = client.post(
        "/api/v1/results/99999999999999999999/부산/submit",
        content_type="application/json",
        **headers,
    )
    assert response.status_code in (404, 422)


def test_real_2024_pages_carry_units(plan_2024, client, personas):
    """부산's printed 2024 cells as planned, an execution entered: no number without its unit."""
    from dream.results.execution import execution_rows
    from dream.results.workflow import results_body
    from tests.bare_numbers import bare_numbers

    body = results_body(2024, "부산")
    row = execution_rows(body.plan, 2024, body.organization)[0]
    client.force_login(personas("busan_editor"))
    url = reverse(PAGE, args=[2024, "부산"])
    client.post(
        url,
        {
            "anchor": f"s:{row.strategy.pk}" if row.strategy else "",
            "source": row.source,
            "spent": "12.5",
            "document": "결산",
            "observed_on": "2025-02-01",
        },
    )
    html = client.get(url).content.decode()
    assert f"{row.planned.normalize():f}억원" in html and "12.5억원" in html
    assert "(DREAM 계산)" in html
    assert bare_numbers(html) == []
    html = client.get(reverse("results:self_assessment", args=[2024, "부산"])).content.decode()
    assert bare_numbers(html) == []
