"""Persona × Track 1 action → allowed, written by hand from docs/calls.md (issue 11, item 9), not
computed from the permission functions: the owner ministry (과기정통부) runs its calls with
Committee staff; a province applies only for itself (its editors; a superuser too, as for its
proposals — not Committee staff); an evaluator declares and scores only for self (nobody else,
a superuser included); viewers, other bodies and anonymous visitors only read."""

from .conftest import CALL_PERSONAS

MANAGERS = {"msit_editor", "committee_staff", "superuser"}
WHO = {
    "call_create": MANAGERS,
    "call_open": MANAGERS,
    "call_criteria_set": MANAGERS,
    "call_evaluation_start": MANAGERS,
    "preconsultation_log": MANAGERS,
    "application_submit": {"busan_editor", "superuser"},
    "panel_save": MANAGERS,
    "conflict_declare": {"evaluator"},
    "assignment_create": MANAGERS,
    "assignment_cancel": MANAGERS,
    "scores_record": {"evaluator"},
    "call_compute": MANAGERS,
    "call_select": MANAGERS,
    "call_close": MANAGERS,
    "funded_year_record": MANAGERS,
    "application_mark_excellent": MANAGERS,
    "application_move_to_track2": MANAGERS,
}
ACTIONS = tuple(WHO)
ROWS = [
    (persona, action, persona in WHO[action]) for persona in CALL_PERSONAS for action in ACTIONS
]
