"""The persona table (persona_table.py) held by the services, the web page and the API: each
allowed action happens, each refused one leaves the actual as it was."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from dream.accounts.models import User
from dream.cycle.errors import NotAllowed
from dream.results.models import IndicatorActual
from dream.results.permissions import can_view_results
from dream.results.selectors import body_submission
from dream.results.services import indicator_actual_delete, indicator_actual_record

from .conftest import OBSERVED, SOURCE
from .persona_table import ALLOWED, CASES, NEW_VALUE, REASON, STAGED_VALUE

WAYS = ["service", "web", "api"]


def _indicator(actual_plans, body: str):
    return actual_plans.jobs if body == "부산" else actual_plans.digital


def _staged(indicator, action: str) -> IndicatorActual | None:
    """An actual already there for replace and delete, entered by a superuser of its own."""
    if action not in ("replace", "delete"):
        return None
    setup = User.objects.create_superuser("setup-root")
    return indicator_actual_record(
        actor=setup, indicator=indicator, year=2024, value_text=STAGED_VALUE, source=SOURCE,
        observed_on=OBSERVED,
    )  # fmt: skip


def _happened(indicator, action: str) -> bool:
    actual = IndicatorActual.objects.filter(indicator=indicator, year=2024).first()
    if action == "delete":
        return actual is None
    return actual is not None and actual.value_text == NEW_VALUE


def _by_service(user, indicator, action, staged) -> bool:
    if action == "view":
        org = indicator.plan.owner if indicator.plan.level == "province" else None
        org = org or indicator.task.ministry_links.get(position=1).ministry
        return can_view_results(user, body_submission(indicator.plan, org))
    try:
        if action == "delete":
            indicator_actual_delete(actor=user, actual=staged, reason=REASON)
        else:
            indicator_actual_record(
                actor=user, indicator=indicator, year=2024, value_text=NEW_VALUE, source=SOURCE,
                observed_on=OBSERVED, reason=REASON if action == "replace" else "",
            )  # fmt: skip
    except NotAllowed:
        return False
    return True


def _by_web(user, indicator, action, body) -> bool:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    args = [2024, body, indicator.pk]
    if action == "view":
        response = client.get(reverse("results:body", args=[2024, body]))
        assert response.status_code in (200, 302, 403)
        return response.status_code == 200
    if action == "delete":
        response = client.post(
            reverse("results:actual_delete", args=args), {f"delete-{indicator.pk}-reason": REASON}
        )
    else:
        prefix = f"actual-{indicator.pk}"
        response = client.post(
            reverse("results:actual_record", args=args),
            {
                f"{prefix}-value": NEW_VALUE, f"{prefix}-source": SOURCE,
                f"{prefix}-observed_on": OBSERVED.isoformat(), f"{prefix}-note": "",
                f"{prefix}-reason": REASON if action == "replace" else "",
            },
        )  # fmt: skip
    assert response.status_code in (302, 403)
    return response.status_code == 302 and "/login" not in response["Location"]


def _by_api(user, indicator, action, body, token_for) -> bool:
    client = Client()
    headers = token_for(user) if user.is_authenticated else {}
    if action == "view":
        response = client.get(f"/api/v1/results/2024/{body}", **headers)
        assert response.status_code in (200, 401, 403)
        return response.status_code == 200
    url = f"/api/v1/indicators/{indicator.pk}/actuals/2024"
    if action == "delete":
        response = client.delete(
            url, json.dumps({"reason": REASON}), content_type="application/json", **headers
        )
        assert response.status_code in (204, 401, 403), response.content
        return response.status_code == 204
    payload = {"value": NEW_VALUE, "source": SOURCE, "observed_on": OBSERVED.isoformat()}
    if action == "replace":
        payload["reason"] = REASON
    response = client.put(url, json.dumps(payload), content_type="application/json", **headers)
    assert response.status_code in (200, 401, 403), response.content
    return response.status_code == 200


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("persona", "action", "body"), CASES)
def test_persona_table(way, persona, action, body, personas, actual_plans, token_for):
    user = personas(persona)
    indicator = _indicator(actual_plans, body)
    staged = _staged(indicator, action)

    if way == "service":
        allowed = _by_service(user, indicator, action, staged)
    elif way == "web":
        allowed = _by_web(user, indicator, action, body)
    else:
        allowed = _by_api(user, indicator, action, body, token_for)

    assert allowed == ALLOWED[persona][(action, body)]
    if action != "view":
        assert _happened(indicator, action) == allowed
