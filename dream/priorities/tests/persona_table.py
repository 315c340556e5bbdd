"""Persona × action → allowed for the priority-task tracker (issue 12 item 2), written by
hand from the issue and ADR 0010, not computed from the permission functions: Committee
staff assign owners, set the tracker's rules and take the half-yearly inspections; a step
is reported by its action's owner (행안부 here: its editor, not its viewer, not another
ministry, not a province, not Committee staff) — unless the owner is the Committee itself,
whose staff are then its members. A superuser may do everything."""

from .conftest import TRACKER_PERSONAS

PERSONAS = list(TRACKER_PERSONAS)
ACTIONS = (
    "owner_assign",
    "step_report",
    "step_report_committee_owned",
    "settings_set",
    "inspection_take",
)
STAFF = {"committee_staff", "superuser"}
WHO = {
    "owner_assign": STAFF,
    "step_report": {"ministry_editor", "superuser"},
    "step_report_committee_owned": STAFF,
    "settings_set": STAFF,
    "inspection_take": STAFF,
}
ROWS = [(persona, action, persona in WHO[action]) for persona in PERSONAS for action in ACTIONS]
