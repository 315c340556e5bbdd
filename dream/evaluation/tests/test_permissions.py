"""The persona table (persona_table.py) held by the services, the web forms and the API: only
Committee staff and a superuser open a round, set a rule or generate the units."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from dream.cycle.errors import NotAllowed
from dream.evaluation import services
from dream.evaluation.models import EvaluationRound, RoundRule, Unit
from dream.evaluation.rules import RuleKey

from .persona_table import ROWS

YEAR = 2024


def _done(action: str) -> bool:
    """Whether `action` took effect on the 2024 round."""
    if action == "round_open":
        return EvaluationRound.objects.filter(year=YEAR).exists()
    if action == "rule_set":
        return RoundRule.objects.filter(
            round__year=YEAR, key=RuleKey.MIN_EVALUATORS, chosen_by__isnull=False
        ).exists()
    return Unit.objects.filter(round__year=YEAR).exists()


@pytest.fixture
def prepared(busan_2024, staff):
    """For every action but opening, the round is already open (by staff)."""

    def prepare(action: str) -> EvaluationRound | None:
        if action == "round_open":
            return None
        return services.round_open(actor=staff, year=YEAR)

    return prepare


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, prepared):
    round = prepared(action)
    user = personas(persona)
    calls = {
        "round_open": lambda: services.round_open(actor=user, year=YEAR),
        "rule_set": lambda: services.round_rule_set(
            actor=user, round=round, key=RuleKey.MIN_EVALUATORS, value=3
        ),
        "units_generate": lambda: services.units_generate(actor=user, round=round),
    }
    if allowed:
        calls[action]()
    else:
        with pytest.raises(NotAllowed):
            calls[action]()
    assert _done(action) is allowed


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_web(persona, action, allowed, personas, prepared, client):
    prepared(action)
    user = personas(persona)
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    posts = {
        "round_open": (reverse("evaluation:round_list"), {"year": YEAR}),
        "rule_set": (
            reverse("evaluation:round_rules", args=[YEAR]),
            {"key": RuleKey.MIN_EVALUATORS, "value": "3", "note": ""},
        ),
        "units_generate": (reverse("evaluation:units_generate", args=[YEAR]), {}),
    }
    url, data = posts[action]
    response = client.post(url, data)
    if allowed:
        assert response.status_code == 302
    elif isinstance(user, AnonymousUser):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
        assert "지방시대위원회 담당자만" in response.content.decode()
    assert _done(action) is allowed


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_api(persona, action, allowed, personas, prepared, api, token_for):
    prepared(action)
    user = personas(persona)
    headers = {} if isinstance(user, AnonymousUser) else token_for(user)
    if action == "round_open":
        response = api.post(
            "/api/v1/evaluations", {"year": YEAR}, content_type="application/json", **headers
        )
    elif action == "rule_set":
        response = api.patch(
            f"/api/v1/evaluations/{YEAR}/rules",
            {"key": RuleKey.MIN_EVALUATORS, "value": 3},
            content_type="application/json",
            **headers,
        )
    else:
        response = api.post(f"/api/v1/evaluations/{YEAR}/units", **headers)
    if allowed:
        assert response.status_code == (201 if action == "round_open" else 200)
    else:
        assert response.status_code == (401 if isinstance(user, AnonymousUser) else 403)
        assert response.json()["detail"]
    assert _done(action) is allowed
