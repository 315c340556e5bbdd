"""The persona table (persona_table.py) held by the services: every persona × action, on
부산's application, and the action took effect exactly when it was allowed."""

import pytest

from dream.cycle.errors import NotAllowed
from dream.zones import services
from dream.zones.choices import DesignationStage
from dream.zones.models import ZoneDesignation

from .conftest import APPLIED_ON, DELIBERATED_ON
from .persona_table import ROWS


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, zone_task, applied):
    user = personas(persona)
    calls = {
        "designation_apply": lambda: services.designation_apply(
            actor=user,
            task=zone_task,
            province=orgs["부산"],
            name="부산 기회발전특구 2",
            area_text="30만평",
            applied_on=APPLIED_ON,
        ),
        "designation_update": lambda: services.designation_update(
            actor=user, designation=applied, area_text="130만평"
        ),
        "designation_decide": lambda: services.designation_decide(
            actor=user,
            designation=applied,
            stage=DesignationStage.DELIBERATED,
            decided_on=DELIBERATED_ON,
            decision="심의·의결",
        ),
        "designation_withdraw": lambda: services.designation_withdraw(
            actor=user, designation=applied, decided_on=DELIBERATED_ON, decision="철회"
        ),
    }
    if allowed:
        calls[action]()
    else:
        with pytest.raises(NotAllowed):
            calls[action]()
    assert _done(action, applied) is allowed


def _done(action: str, subject: ZoneDesignation) -> bool:
    """Whether `action` took effect."""
    if action == "designation_apply":
        return ZoneDesignation.objects.filter(name="부산 기회발전특구 2").exists()
    subject.refresh_from_db()
    return {
        "designation_update": subject.area_text == "130만평",
        "designation_decide": subject.stage == DesignationStage.DELIBERATED,
        "designation_withdraw": subject.stage == DesignationStage.WITHDRAWN,
    }[action]
