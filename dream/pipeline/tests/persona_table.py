"""Persona × action → allowed for the pipeline (issue 11 item 9), written by hand from the
issue, not computed from the permission functions: a province proposes and ranks for itself
(부산's editor; not its viewer, not 서울, not the Committee); Track 2 steps are the owner
ministry's (행안부 here) or Committee staff's; "Committee staff record committee decisions"
— the special committee step is theirs alone. A superuser may do everything."""

from .conftest import PIPELINE_PERSONAS

PERSONAS = list(PIPELINE_PERSONAS)
PROPOSAL_ACTIONS = (
    "proposal_create",
    "proposal_update",
    "proposal_submit",
    "proposal_withdraw",
    "proposals_rank",
)
ACTIONS = (*PROPOSAL_ACTIONS, "large_project_start", "large_project_step", "special_committee")
BUSAN_WRITERS = {"busan_editor", "superuser"}
OWNER_OR_STAFF = {"ministry_editor", "committee_staff", "superuser"}
STAFF = {"committee_staff", "superuser"}
WHO = {action: BUSAN_WRITERS for action in PROPOSAL_ACTIONS} | {
    "large_project_start": OWNER_OR_STAFF,
    "large_project_step": OWNER_OR_STAFF,
    "special_committee": STAFF,
}
ROWS = [(persona, action, persona in WHO[action]) for persona in PERSONAS for action in ACTIONS]
