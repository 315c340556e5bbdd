"""The persona table (persona_table.py) held by the services, the web forms and the API."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from dream.allocation import services
from dream.allocation.models import (
    AllocationRun,
    AllocationSettings,
    BaseAmount,
    Measure,
    ProvinceScoreOverride,
    TurnkeyProgramme,
)
from dream.cycle.errors import NotAllowed

from .conftest import YEAR
from .persona_table import ROWS

WHAT_IF_BODY = {"base": {"부산": 10}, "scores": {"부산": 1}}


def _calls(user, orgs):
    programme = TurnkeyProgramme.objects.first()
    return {
        "base_amount_set": lambda: services.base_amount_set(
            actor=user, year=YEAR, province=orgs["광주"], programme=programme, amount_text="5"
        ),
        "settings_set": lambda: services.settings_set(
            actor=user, year=YEAR, cap="0.1", budget_neutral=False, weights={}
        ),
        "score_override_set": lambda: services.score_override_set(
            actor=user,
            year=YEAR,
            province=orgs["광주"],
            measure=Measure.TRACK1,
            value="70",
            reason="사유",
        ),
        "allocation_run": lambda: services.allocation_run(actor=user, year=YEAR),
    }


def _done(action: str) -> bool:
    return {
        "base_amount_set": lambda: BaseAmount.objects.filter(province__short_name="광주").exists(),
        "settings_set": lambda: AllocationSettings.objects.exists(),
        "score_override_set": lambda: ProvinceScoreOverride.objects.filter(
            measure=Measure.TRACK1
        ).exists(),
        "allocation_run": lambda: AllocationRun.objects.exists(),
    }[action]()


@pytest.fixture
def ready(orgs, staff):
    services.base_amount_set(
        actor=staff,
        year=YEAR,
        province=orgs["부산"],
        programme=TurnkeyProgramme.objects.first(),
        amount_text="10",
    )


# what_if is a pure function: its rows are held where it is exposed (the web and the API).
@pytest.mark.parametrize(("persona", "action", "allowed"), [r for r in ROWS if r[1] != "what_if"])
def test_service(persona, action, allowed, personas, orgs, ready):
    user = personas(persona)
    call = _calls(user, orgs)[action]
    if allowed:
        call()
    else:
        with pytest.raises(NotAllowed):
            call()
    assert _done(action) is allowed


WEB = {
    "base_amount_set": lambda: (
        "post",
        reverse("allocation:base_set", args=[YEAR]),
        {
            "province": "광주",
            "programme": str(TurnkeyProgramme.objects.first().pk),
            "amount": "5",
        },
    ),
    "settings_set": lambda: (
        "post",
        reverse("allocation:settings_set", args=[YEAR]),
        {"cap_percent": "10", "weight_evaluation_grade": "1"},
    ),
    "score_override_set": lambda: (
        "post",
        reverse("allocation:override_set", args=[YEAR]),
        {"province": "광주", "measure": "track1", "value": "70", "reason": "사유"},
    ),
    "allocation_run": lambda: ("post", reverse("allocation:run_create", args=[YEAR]), {}),
    "what_if": lambda: ("get", reverse("allocation:what_if", args=[YEAR]), {}),
}


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_web(persona, action, allowed, personas, client, ready):
    user = personas(persona)
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    method, url, data = WEB[action]()
    response = getattr(client, method)(url, data)
    if allowed:
        assert response.status_code == (200 if method == "get" else 302), response.content[:500]
        if action != "what_if":
            assert _done(action)
    elif isinstance(user, AnonymousUser):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
        assert "지방시대위원회 담당자" in response.content.decode()
    if not allowed and action != "what_if":
        assert not _done(action)


@pytest.mark.parametrize(("persona", "action", "allowed"), [r for r in ROWS if r[1] == "what_if"])
def test_api_what_if(persona, action, allowed, personas, api, token_for):
    user = personas(persona)
    headers = {} if isinstance(user, AnonymousUser) else token_for(user)
    response = api.post(
        "/api/v1/allocations/what-if", WHAT_IF_BODY, content_type="application/json", **headers
    )
    expected = 200 if allowed else (401 if isinstance(user, AnonymousUser) else 403)
    assert response.status_code == expected
