"""What the evaluators', assignments' and scores' pages and API read, as plain dicts so both
say the same. An evaluator's reads are limited to their own assignments until the round
closes."""

from dream.accounts.models import User

from .computation import shown
from .models import Assignment, EvaluationRound, Score, Unit, UnitScore
from .permissions import LIVE_STATES
from .selectors import plain, unit_name


def _text(value) -> str | None:
    return None if value is None else plain(value)


def assignment_dicts(round: EvaluationRound, *, user: User | None = None) -> list[dict]:
    """The round's assignments (of one evaluator's user when given)."""
    rows = Assignment.objects.filter(round=round).select_related(
        "unit__task", "unit__strategy", "unit__plan__owner", "unit__organization",
        "evaluator__user", "panel",
    )  # fmt: skip
    if user is not None:
        rows = rows.filter(evaluator__user=user)
    return [
        {
            "id": a.pk,
            "unit_id": a.unit_id,
            "unit": unit_name(a.unit),
            "organization": a.unit.organization.short_name,
            "evaluator_id": a.evaluator_id,
            "evaluator": str(a.evaluator),
            "panel_id": a.panel_id,
            "panel": a.panel.name if a.panel_id else "",
            "state": a.state,
            "state_label": a.get_state_display(),
            "cancel_reason": a.cancel_reason,
            "submitted_at": a.submitted_at,
        }
        for a in rows.order_by("unit__position", "evaluator__user__username", "pk")
    ]


def units_of_evaluator(round: EvaluationRound, user: User) -> list[Assignment]:
    """The live assignments of the user in the round, for 'my units'."""
    return list(
        Assignment.objects.filter(round=round, evaluator__user=user, state__in=LIVE_STATES)
        .select_related("unit__task", "unit__strategy", "unit__plan__owner", "unit__organization")
        .order_by("unit__position")
    )


def score_rows(
    round: EvaluationRound, *, user: User | None = None, assignment: Assignment | None = None
) -> list[dict]:
    """Individual scores: all of the round, one evaluator's, or one assignment's."""
    rows = Score.objects.filter(assignment__round=round).select_related(
        "assignment__evaluator__user", "leaf__task", "leaf__strategy", "leaf__plan__owner",
        "criterion",
    )  # fmt: skip
    if user is not None:
        rows = rows.filter(assignment__evaluator__user=user)
    if assignment is not None:
        rows = rows.filter(assignment=assignment)
    return [
        {
            "assignment_id": s.assignment_id,
            "evaluator": str(s.assignment.evaluator),
            "leaf_id": s.leaf_id,
            "leaf": unit_name(s.leaf),
            "criterion_id": s.criterion_id,
            "criterion": s.criterion.name,
            "value": plain(s.value),
            "reason": s.reason,
            "void": s.void,
        }
        for s in rows.order_by("leaf__position", "assignment_id", "criterion__position")
    ]


def unit_score_rows(round: EvaluationRound) -> list[dict]:
    """The computed unit scores, raw and normalised side by side, in tree order."""
    rows = UnitScore.objects.filter(unit__round=round).select_related(
        "unit__task", "unit__strategy", "unit__plan__owner", "unit__organization"
    )
    return [
        {
            "unit_id": s.unit_id,
            "unit": unit_name(s.unit),
            "organization": s.unit.organization.short_name,
            "kind": s.unit.kind,
            "raw": _text(s.raw),
            "normalised": _text(s.normalised),
            "normalisation_note": s.normalisation_note,
            "rolled": _text(s.rolled),
            "shown_raw": None if s.raw is None else shown(s.raw),
            "shown_normalised": None if s.normalised is None else shown(s.normalised),
            "shown_rolled": None if s.rolled is None else shown(s.rolled),
            "evaluator_count": s.evaluator_count,
            "missing": s.inputs.get("missing", []),
            "rules_hash": s.rules_hash,
            "computed_at": s.computed_at,
        }
        for s in rows.order_by("unit__position")
    ]


def unit_of_round(round: EvaluationRound, pk: int) -> Unit | None:
    return (
        Unit.objects.select_related("round", "task", "strategy", "plan__owner", "organization")
        .filter(round=round, pk=pk)
        .first()
    )
