"""What the grades page and the API read: every graded unit's grade with its scores, the
body's self-grade and the 점검 history, as plain dicts, filtered by who may see them.

Before a round closes only Committee staff and the body's own members see a grade, and the
body sees the score its grade came from but not raw beside normalised; after close everything
here is public. Individual evaluators' scores never appear here."""

from decimal import Decimal

from django.db.models import Prefetch

from . import computation
from .models import EvaluationRound, Grade, GradeBand, GradeCheck
from .permissions import can_manage_round


def _shown(value: Decimal | None) -> str | None:
    return None if value is None else str(computation.shown(value))


def _label(band: GradeBand | None) -> str | None:
    return None if band is None else band.label


def round_bands(round: EvaluationRound) -> list[GradeBand]:
    return list(GradeBand.objects.filter(band_set_id=round.band_set_id).order_by("position"))


def visible_grades(round: EvaluationRound, user):
    """The round's grades the person may see (module docstring)."""
    grades = Grade.objects.filter(unit__round=round)
    if round.closed_at is None and not can_manage_round(user):
        if not user.is_authenticated or not user.is_active:
            return grades.none()
        grades = grades.filter(
            unit__organization__memberships__user=user,
        ).distinct()
    return grades


def grade_rows(round: EvaluationRound, user) -> list[dict]:
    full = round.closed_at is not None or can_manage_round(user)
    checks = GradeCheck.objects.select_related("from_band", "to_band", "actor").order_by("at", "pk")
    grades = (
        visible_grades(round, user)
        .select_related(
            "unit__organization",
            "unit__task",
            "unit__strategy",
            "unit__computed",
            "computed_band",
            "self_band",
            "final_band",
            "checked_by",
        )
        .prefetch_related(Prefetch("checks", queryset=checks))
        .order_by("unit__position")
    )
    rows = []
    for grade in grades:
        unit = grade.unit
        score = getattr(unit, "computed", None)
        rows.append(
            {
                "id": grade.pk,
                "unit_id": unit.pk,
                "unit": str(unit),
                "organization": unit.organization.short_name,
                "organization_id": unit.organization_id,
                "raw": _shown(score.raw) if full and score else None,
                "normalised": _shown(score.normalised) if full and score else None,
                "rolled": _shown(score.rolled) if full and score else None,
                "computed_score": _shown(grade.computed_score),
                "computed_band": _label(grade.computed_band),
                "self_band": _label(grade.self_band),
                "self_reason": grade.self_reason,
                "final_band": _label(grade.final_band),
                "final_band_id": grade.final_band_id,
                "changed": grade.final_band_id is not None
                and grade.final_band_id != grade.computed_band_id,
                "checked_by": str(grade.checked_by) if grade.checked_by else "",
                "checked_at": grade.checked_at,
                "checks": [
                    {
                        "from_band": _label(c.from_band),
                        "to_band": c.to_band.label,
                        "reason": c.reason,
                        "is_correction": c.is_correction,
                        "actor": str(c.actor),
                        "at": c.at,
                    }
                    for c in grade.checks.all()
                ],
                "unit_object": unit,
            }
        )
    return rows
