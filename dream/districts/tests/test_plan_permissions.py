"""Every row of the persona table for plan actions, run against the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from dream.districts.choices import ReviewOutcome
from dream.districts.models import DevelopmentPlan, PlanReview
from dream.districts.plans import (
    development_plan_draft,
    development_plan_submit,
    plan_review_record,
)

from .persona_table import ACTIONS, PERSONA_TABLE

pytestmark = pytest.mark.django_db


def _draft(actor, district):
    return development_plan_draft(
        actor=actor, district=district, title="센텀 발전계획", start_year=2025, end_year=2034
    )


def _run(action, user, district, staff):
    if action == "plan_draft":
        return _draft(user, district)
    plan = _draft(staff, district)
    if action == "plan_submit":
        return development_plan_submit(actor=user, plan=plan, submitted_on=date(2025, 1, 10))
    development_plan_submit(actor=staff, plan=plan, submitted_on=date(2025, 1, 10))
    return plan_review_record(
        actor=user,
        plan=plan,
        reviewed_on=date(2025, 3, 1),
        outcome=ReviewOutcome.SUITABLE,
        decision="적합",
    )


ROWS = [(persona, action) for persona in PERSONA_TABLE for action in ACTIONS]


@pytest.mark.parametrize(("persona", "action"), ROWS)
def test_the_services_follow_the_persona_table(persona, action, personas, make_district, staff):
    district = make_district("부산")
    user = personas(persona)
    plans_before = DevelopmentPlan.objects.count()

    if PERSONA_TABLE[persona][action]:
        assert _run(action, user, district, staff) is not None
    else:
        with pytest.raises(PermissionDenied):
            _run(action, user, district, staff)
        assert PlanReview.objects.count() == 0
        if action == "plan_draft":
            assert DevelopmentPlan.objects.count() == plans_before
        else:
            assert DevelopmentPlan.objects.filter(submitted_on__isnull=False).count() == (
                1 if action == "plan_review" else 0
            )


def test_the_table_covers_every_persona_of_the_conftest():
    from .conftest import PERSONA_SPECS

    assert set(PERSONA_TABLE) == set(PERSONA_SPECS)
    assert all(set(row) == set(ACTIONS) for row in PERSONA_TABLE.values())
