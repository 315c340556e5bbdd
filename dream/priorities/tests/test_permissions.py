"""The persona table (persona_table.py) held by the services: every persona × action, and
a refusal leaves nothing behind."""

from datetime import date

import pytest

from dream.cycle.errors import NotAllowed
from dream.priorities import services
from dream.priorities.models import ActionOwner, Inspection, StepReport, TrackerSettings

from .persona_table import ROWS


@pytest.fixture
def committee_step(step, orgs, staff):
    """A step of an action the Committee itself owns (l.255)."""
    item = step.task.items.get(source_line=255)
    services.action_owner_assign(actor=staff, action=item.action, organization=orgs["위원회"])
    return item


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, step, committee_step):
    user = personas(persona)
    calls = {
        "owner_assign": lambda: services.action_owner_assign(
            actor=user, action=step.action, organization=orgs["과기정통부"]
        ),
        "step_report": lambda: services.step_report_add(
            actor=user, item=step, status="in_progress", as_of=date(2024, 5, 1), evidence="착수"
        ),
        "step_report_committee_owned": lambda: services.step_report_add(
            actor=user, item=committee_step, status="done", as_of=date(2024, 5, 1), evidence="완료"
        ),
        "settings_set": lambda: services.tracker_settings_set(
            actor=user, year=2024, ongoing_late_at_year_end=True, basis="위원회 결정"
        ),
        "inspection_take": lambda: services.inspection_take(
            actor=user, year=2024, half=1, taken_on=date(2024, 7, 5)
        ),
    }
    if allowed:
        calls[action]()
    else:
        with pytest.raises(NotAllowed):
            calls[action]()
    assert _done(action, step, committee_step) is allowed


def _done(action: str, step, committee_step) -> bool:
    """Whether `action` took effect."""
    return {
        "owner_assign": lambda: (
            ActionOwner.objects.get(action=step.action).organization.short_name == "과기정통부"
        ),
        "step_report": lambda: StepReport.objects.filter(item=step).exists(),
        "step_report_committee_owned": lambda: StepReport.objects.filter(
            item=committee_step
        ).exists(),
        "settings_set": lambda: TrackerSettings.objects.filter(year=2024).exists(),
        "inspection_take": lambda: Inspection.objects.filter(year=2024, half=1).exists(),
    }[action]()
