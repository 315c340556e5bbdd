"""Persona × action → allowed for the regional policy task register (issue 12 item 3), written
by hand from the issue and the plan, not computed from the permission functions. The task is
부산's, its ministry 행안부 (ministry_editor's); 과기정통부's editor (msit_editor) is another
ministry.

- A province keeps its own list: 부산's editor registers, edits and imports 부산's tasks and
  submits their budget needs; not its viewer, not 서울's editor; Committee staff may for any.
- The Committee sorts (적극추진 / 보완필요 / 중장기), discusses in the expert committee, reports
  the inspection that confirms a closure and forwards budgets to 기획재정부: staff only.
- "지자체 및 부처 철회 요청" (l.636): the province or the task's ministry requests a closure,
  agrees on it (시·도, 부처 협의) and may withdraw the request; staff too.
- "부처협의" (l.623): the task's ministry gives the budget opinion; staff too.
A superuser may do everything; an anonymous visitor nothing."""

from .conftest import REGIONAL_PERSONAS

PERSONAS = list(REGIONAL_PERSONAS)
ACTIONS = (
    "regional_task_register",
    "regional_task_update",
    "regional_tasks_import",
    "regional_task_classify",
    "closure_request",
    "closure_agreement",
    "closure_expert_committee",
    "closure_inspection_report",
    "closure_withdraw",
    "budget_request_submit",
    "budget_opinion_record",
    "budget_forward",
)
STAFF = {"committee_staff", "superuser"}
PROVINCE = {"busan_editor"} | STAFF
PROVINCE_OR_MINISTRY = {"busan_editor", "ministry_editor"} | STAFF
MINISTRY = {"ministry_editor"} | STAFF
WHO = {
    "regional_task_register": PROVINCE,
    "regional_task_update": PROVINCE,
    "regional_tasks_import": PROVINCE,
    "regional_task_classify": STAFF,
    "closure_request": PROVINCE_OR_MINISTRY,
    "closure_agreement": PROVINCE_OR_MINISTRY,
    "closure_expert_committee": STAFF,
    "closure_inspection_report": STAFF,
    "closure_withdraw": PROVINCE_OR_MINISTRY,
    "budget_request_submit": PROVINCE,
    "budget_opinion_record": MINISTRY,
    "budget_forward": STAFF,
}
ROWS = [(persona, action, persona in WHO[action]) for persona in PERSONAS for action in ACTIONS]
