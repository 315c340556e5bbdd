"""Persona × action → allowed for zone designations (issue 12 item 2), written by hand from
the issue and the plan, not computed from the permission functions: a province applies for
itself (부산's editor; not its viewer, not 서울, not a ministry), and Committee staff may
register, correct or withdraw an application on a province's behalf; the Committee's
deliberation and designation (l.257–259 "지방시대위원회 심의·의결을 거쳐 신규 특구 지정")
are Committee staff's alone. A superuser may do everything; an anonymous visitor nothing.
The subject is always 부산's application."""

PERSONAS = (
    "committee_staff",
    "busan_editor",
    "busan_viewer",
    "seoul_editor",
    "ministry_editor",
    "anonymous",
    "superuser",
)
ACTIONS = (
    "designation_apply",
    "designation_update",
    "designation_decide",
    "designation_withdraw",
)
PROVINCE_OR_STAFF = {"busan_editor", "committee_staff", "superuser"}
STAFF = {"committee_staff", "superuser"}
WHO = {
    "designation_apply": PROVINCE_OR_STAFF,
    "designation_update": PROVINCE_OR_STAFF,
    "designation_decide": STAFF,
    "designation_withdraw": PROVINCE_OR_STAFF,
}
ROWS = [(persona, action, persona in WHO[action]) for persona in PERSONAS for action in ACTIONS]
