"""Persona × plan action → allowed, written by hand: who may draft and submit a district's
development plan (its province's editors, Committee staff) and who records the government's
suitability review (Committee staff only). Rows are for a district in 부산."""

ACTIONS = ("plan_draft", "plan_submit", "plan_review")

PERSONA_TABLE = {
    "anonymous": {"plan_draft": False, "plan_submit": False, "plan_review": False},
    "busan_editor": {"plan_draft": True, "plan_submit": True, "plan_review": False},
    "busan_viewer": {"plan_draft": False, "plan_submit": False, "plan_review": False},
    "seoul_editor": {"plan_draft": False, "plan_submit": False, "plan_review": False},
    "committee_viewer": {"plan_draft": False, "plan_submit": False, "plan_review": False},
    "committee_editor": {"plan_draft": True, "plan_submit": True, "plan_review": True},
    "superuser": {"plan_draft": True, "plan_submit": True, "plan_review": True},
}
