"""Persona × action → allowed for agencies and their performance reports, written by hand
from docs/agencies.md, not computed from the permission functions:

- Committee staff (and a superuser) register agencies, correct their profiles and may do
  everything with reports, a submitted one included (correct it, see every draft);
- the agency's editor (and manager) saves and submits its reports and sees its drafts, but registers no
  agency and cannot change a submitted report;
- the agency's viewer only sees its drafts;
- other bodies (a province, another agency, a ministry) and anonymous visitors only read
  submitted reports.
"""

from .conftest import PERSONAS

ACTIONS = (
    "agency_register",
    "agency_update",
    "report_save",
    "report_submit",
    "report_correct_submitted",
    "report_view_draft",
)
STAFF = {"committee_staff", "superuser"}
ALLOWED = {(persona, action): persona in STAFF for persona in PERSONAS for action in ACTIONS}
ALLOWED |= {
    ("agency_editor", "report_save"): True,
    ("agency_editor", "report_submit"): True,
    ("agency_editor", "report_view_draft"): True,
    ("agency_viewer", "report_view_draft"): True,
    ("agency_manager_2", "report_save"): True,
    ("agency_manager_2", "report_submit"): True,
    ("agency_manager_2", "report_view_draft"): True,
}
ROWS = [(persona, action, ALLOWED[persona, action]) for persona in PERSONAS for action in ACTIONS]
