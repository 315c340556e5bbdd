"""The settings forms the round's rules, units and unit pages carry: staff's criterion set,
band set, set choice and unit weight forms while the round is planned (else the reason they
are gone), and the assigned evaluator's judgement forms."""

from django import template

from ..choices import RoundPhase
from ..forms_config import BandSetForm, CriterionSetForm, RoundSetsForm, UnitWeightForm
from ..permissions import can_manage_round
from ..selectors import band_set_dicts, criterion_set_dicts
from ..views_config import judgement_rows

register = template.Library()


def _closed_reason(user, round) -> str:
    """Why the settings cannot be changed now; empty when they can."""
    if not can_manage_round(user):
        return "평가 기준, 등급 구간과 가중치는 지방시대위원회 담당자가 정합니다."
    if round.frozen_at is not None or round.phase != RoundPhase.PLANNING:
        return (
            f"{round.year}년 평가 회차는 {round.get_phase_display()} 단계라 평가 기준, 등급 구간과 "
            "가중치를 바꿀 수 없습니다(평가계획 수립 단계에서만 바꿉니다)."
        )
    return ""


@register.inclusion_tag("evaluation/_config_sets.html", takes_context=True)
def round_sets_forms(context, round):
    reason = _closed_reason(context["request"].user, round)
    shown = {"round": round, "reason": reason, "csrf_token": context.get("csrf_token")}
    if reason:
        return shown
    criterion_sets, band_sets = criterion_set_dicts(), band_set_dicts()
    return {
        **shown,
        "criterion_form": CriterionSetForm(),
        "band_form": BandSetForm(),
        "sets_form": RoundSetsForm(
            initial={"criterion_set": round.criterion_set_id, "band_set": round.band_set_id},
            criterion_sets=criterion_sets,
            band_sets=band_sets,
        ),
        "criterion_sets": criterion_sets,
        "band_sets": band_sets,
    }


@register.inclusion_tag("evaluation/_config_weight.html", takes_context=True)
def unit_weight_form(context, round, units):
    reason = _closed_reason(context["request"].user, round)
    shown = {"round": round, "reason": reason, "csrf_token": context.get("csrf_token")}
    if reason or not units:
        return shown
    return {**shown, "form": UnitWeightForm(units=units)}


@register.inclusion_tag("evaluation/_config_judgements.html", takes_context=True)
def judgement_forms(context, assignment):
    if assignment is None:
        return {"rows": None}
    return {
        "assignment": assignment,
        "rows": judgement_rows(assignment),
        "csrf_token": context.get("csrf_token"),
    }
