"""Persona × action → allowed for the round's planning steps (ADR 0008: "open round, rules,
units … – – – – – ✓ – ✓"), written by hand from the ADR, not computed from the permission
functions: only Committee staff and a superuser open a round, set its rules and generate its
units; every body's members and anonymous visitors only read."""

from dream.cycle.tests.conftest import PERSONAS

ACTIONS = ("round_open", "rule_set", "units_generate")
MANAGERS = {"committee_staff", "superuser"}
ALLOWED = {(persona, action): persona in MANAGERS for persona in PERSONAS for action in ACTIONS}
ROWS = [(persona, action, ALLOWED[persona, action]) for persona in PERSONAS for action in ACTIONS]
