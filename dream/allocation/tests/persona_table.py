"""Persona × action → allowed for the allocation (docs/allocation.md), written by hand: only
Committee staff (and a superuser) set base amounts, settings and measure values, run the
allocation and use the what-if; a province's editor or viewer, a ministry's editor and
anonymous visitors may not (they read the runs, which are public)."""

from dream.cycle.tests.conftest import PERSONAS

ACTIONS = ("base_amount_set", "settings_set", "score_override_set", "allocation_run", "what_if")
ROWS = [
    ("anonymous", "base_amount_set", False),
    ("anonymous", "settings_set", False),
    ("anonymous", "score_override_set", False),
    ("anonymous", "allocation_run", False),
    ("anonymous", "what_if", False),
    ("busan_viewer", "base_amount_set", False),
    ("busan_viewer", "settings_set", False),
    ("busan_viewer", "score_override_set", False),
    ("busan_viewer", "allocation_run", False),
    ("busan_viewer", "what_if", False),
    ("busan_editor", "base_amount_set", False),
    ("busan_editor", "settings_set", False),
    ("busan_editor", "score_override_set", False),
    ("busan_editor", "allocation_run", False),
    ("busan_editor", "what_if", False),
    ("seoul_editor", "base_amount_set", False),
    ("seoul_editor", "settings_set", False),
    ("seoul_editor", "score_override_set", False),
    ("seoul_editor", "allocation_run", False),
    ("seoul_editor", "what_if", False),
    ("ministry_editor", "base_amount_set", False),
    ("ministry_editor", "settings_set", False),
    ("ministry_editor", "score_override_set", False),
    ("ministry_editor", "allocation_run", False),
    ("ministry_editor", "what_if", False),
    ("committee_staff", "base_amount_set", True),
    ("committee_staff", "settings_set", True),
    ("committee_staff", "score_override_set", True),
    ("committee_staff", "allocation_run", True),
    ("committee_staff", "what_if", True),
    ("superuser", "base_amount_set", True),
    ("superuser", "settings_set", True),
    ("superuser", "score_override_set", True),
    ("superuser", "allocation_run", True),
    ("superuser", "what_if", True),
]
assert {(p, a) for p, a, _ in ROWS} == {(p, a) for p in PERSONAS for a in ACTIONS}
