"""Goal, strategy and indicator edits of a draft through the API, as an outside system
calls them: answers with the changed item, and each refusal by its status code."""

import pytest

from dream.indicators.models import Indicator
from dream.plans.models import Plan

from .test_cycle import _rolled, patch, refused
from .test_cycle import callers as callers  # the fixture

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_the_goal_a_strategy_and_an_indicator_are_edited(api, callers):
    draft = _rolled(api, callers)["plan"]
    strategy = draft["strategies"][0]
    indicator = draft["indicators"][0]

    goal = patch(api, f"/api/v1/plans/{draft['id']}", callers["busan"], {"goal": "새 목표"})
    named = patch(
        api, f"/api/v1/strategies/{strategy['id']}", callers["busan"], {"name": "새  전략"}
    )
    changed = patch(
        api,
        f"/api/v1/indicators/{indicator['id']}",
        callers["busan"],
        {"target": "1,250", "unit": "개", "direction": "higher"},
    )

    assert goal.status_code == 200 and goal.json()["goal"] == "새 목표"
    assert named.status_code == 200 and named.json()["name"] == "새 전략"
    assert changed.status_code == 200, changed.content.decode()
    body = changed.json()
    assert (body["target_text"], body["target_value"], body["unit"], body["direction"]) == (
        "1,250",
        "1250.0000",
        "개",
        "higher",
    )
    assert Indicator.objects.get(pk=indicator["id"]).history.first().history_user.username == (
        "busan-editor"
    )


def test_a_text_target_is_kept_without_a_number(api, callers):
    indicator = _rolled(api, callers)["plan"]["indicators"][0]
    body = patch(
        api, f"/api/v1/indicators/{indicator['id']}", callers["busan"], {"target": "기본계획 고시"}
    ).json()
    assert (body["target_text"], body["target_value"]) == ("기본계획 고시", None)


def test_item_edits_are_refused_by_their_status_code(api, callers):
    draft = _rolled(api, callers)["plan"]
    indicator = f"/api/v1/indicators/{draft['indicators'][0]['id']}"
    resolved = Plan.objects.get(year=2024, owner__short_name="부산")
    resolved_indicator = resolved.indicators.first()

    refused(patch(api, indicator, {}, {"target": "1"}), 401)
    refused(patch(api, indicator, callers["seoul"], {"target": "1"}), 403)
    refused(patch(api, "/api/v1/indicators/99999999", callers["busan"], {"target": "1"}), 404)
    refused(patch(api, f"/api/v1/plans/{resolved.pk}", callers["busan"], {"goal": "x"}), 409)
    refused(
        patch(api, f"/api/v1/indicators/{resolved_indicator.pk}", callers["busan"], {"unit": "개"}),
        409,
    )
    refused(patch(api, indicator, callers["busan"], {}), 422)
    refused(patch(api, indicator, callers["busan"], {"target": "31,6"}), 422)
    refused(patch(api, indicator, callers["busan"], {"direction": "sideways"}), 422)
    strategy = f"/api/v1/strategies/{draft['strategies'][0]['id']}"
    refused(patch(api, strategy, callers["busan"], {"name": ""}), 422)
