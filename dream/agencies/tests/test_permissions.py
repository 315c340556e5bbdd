"""The persona table (persona_table.py) held by the services and the visibility rule."""

import pytest

from dream.agencies.choices import Incorporation
from dream.agencies.models import DigitalAgency, PerformanceReport
from dream.agencies.permissions import can_view_report
from dream.agencies.services import (
    agency_register,
    agency_update,
    performance_report_save,
    performance_report_submit,
)
from dream.cycle.errors import NotAllowed, StateConflict

from .conftest import DIP
from .persona_table import ACTIONS, ROWS


def test_the_table_covers_every_persona_and_action():
    assert len(ROWS) == len({(p, a) for p, a, _ in ROWS})
    assert {a for _, a, _ in ROWS} == set(ACTIONS)


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, dip, make_report, staff):
    user = personas(persona)
    report = None
    if action in ("report_submit", "report_correct_submitted", "report_view_draft"):
        report = make_report()
    if action == "report_correct_submitted":
        report = performance_report_submit(actor=staff, report=report)

    if action == "report_view_draft":
        assert can_view_report(user, report) is allowed
        return
    calls = {
        "agency_register": lambda: agency_register(
            actor=user, province=orgs["광주"], name="광주정보문화산업진흥원"
        ),
        "agency_update": lambda: agency_update(
            actor=user,
            agency=dip,
            province=dip.province,
            name=DIP,
            incorporation=Incorporation.INDEPENDENT,
            reason="확인",
        ),  # fmt: skip
        "report_save": lambda: performance_report_save(
            actor=user,
            agency=dip,
            year=2024,
            ministry=orgs["과기정통부"],
            programme="SW융합클러스터",
            budget="50",
        ),  # fmt: skip
        "report_submit": lambda: performance_report_submit(actor=user, report=report),
        "report_correct_submitted": lambda: performance_report_save(
            actor=user,
            agency=dip,
            report=report,
            year=2024,
            ministry=report.ministry,
            programme=report.programme,
            budget="100",
        ),  # fmt: skip
    }
    if allowed:
        calls[action]()
    else:
        with pytest.raises((NotAllowed, StateConflict)):
            calls[action]()
    done = {
        "agency_register": lambda: DigitalAgency.objects.filter(
            organization__short_name="광주정보문화산업진흥원"
        ).exists(),
        "agency_update": lambda: (
            DigitalAgency.objects.get(pk=dip.pk).incorporation == Incorporation.INDEPENDENT
        ),
        "report_save": lambda: PerformanceReport.objects.filter(
            programme="SW융합클러스터"
        ).exists(),
        "report_submit": lambda: PerformanceReport.objects.get(pk=report.pk).is_submitted,
        "report_correct_submitted": lambda: (
            PerformanceReport.objects.get(pk=report.pk).budget_text == "100"
        ),
    }
    assert done[action]() is allowed


def test_a_submitted_report_is_seen_by_everyone(personas, make_report, staff):
    report = performance_report_submit(actor=staff, report=make_report())
    for persona in ("anonymous", "seoul_editor", "other_agency_editor"):
        assert can_view_report(personas(persona), report)
