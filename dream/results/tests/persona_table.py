"""Persona × action → allowed for indicator actuals: the one table the services, the web page
and the API are held to (test_permissions.py), so the three ways in cannot drift apart.

Written by hand from ADR 0008's persona table, not computed from the permission functions:
- entering, replacing and deleting an actual: an editor or manager of the reporting body, or
  Committee staff (can_record_results); for the Committee's sectoral plan the reporting body
  of an indicator is the lead ministry of its task (responsible_body);
- seeing results before they are confirmed: the body's members of any role and the
  Committee's members (can_view_results); a superuser may do everything.

부산 reports on its own plan; 행안부 on the sectoral plan's indicator of the task it leads.
The submissions are 작성 중 (nothing submitted yet), as in step 1.
"""

from dream.cycle.tests.conftest import PERSONAS

ACTIONS = ["enter", "replace", "delete", "view"]
BODIES = ["부산", "행안부"]

# columns: 부산 enter, replace, delete, view | 행안부 enter, replace, delete, view
_GRID = {
    "anonymous":       (0, 0, 0, 0,   0, 0, 0, 0),
    "busan_viewer":    (0, 0, 0, 1,   0, 0, 0, 0),
    "busan_editor":    (1, 1, 1, 1,   0, 0, 0, 0),
    "seoul_editor":    (0, 0, 0, 0,   0, 0, 0, 0),
    "ministry_editor": (0, 0, 0, 0,   1, 1, 1, 1),
    "committee_staff": (1, 1, 1, 1,   1, 1, 1, 1),
    "superuser":       (1, 1, 1, 1,   1, 1, 1, 1),
}  # fmt: skip

COLUMNS = [(action, body) for body in BODIES for action in ACTIONS]
ALLOWED: dict[str, dict[tuple[str, str], bool]] = {
    persona: dict(zip(COLUMNS, map(bool, row), strict=True)) for persona, row in _GRID.items()
}
assert list(ALLOWED) == PERSONAS, "the table names every persona of the cycle's conftest, in order"

CASES = [(persona, action, body) for persona in PERSONAS for body in BODIES for action in ACTIONS]
# what a refused or allowed write leaves behind, checked by every way in
STAGED_VALUE = "1,650"
NEW_VALUE = "1,662.3"
REASON = "통계청 확정치로 바꿈"
