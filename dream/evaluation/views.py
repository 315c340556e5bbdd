"""The evaluation round's pages: everyone reads a round's board, rules and units; Committee
staff open rounds, set rules and generate units here. Thin: the services decide."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dream.core.korean import with_particle
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.plans.selectors import published_years

from . import services
from .forms import RoundOpenForm, RuleSetForm
from .permissions import can_manage_round
from .rules import rules_for_year
from .selectors import (
    EQUAL_WEIGHT,
    band_set_dicts,
    criterion_set_dicts,
    round_dict,
    round_of_year,
    rounds_list,
    unit_dicts,
)


def _refused(request, error: CycleError, back: str, **kwargs):
    if isinstance(error, NotAllowed):
        return forbidden(request, error.message)
    messages.error(request, error.message)
    return redirect(back, **kwargs)


def _staff_only(request, what: str):
    """None when the person may manage rounds; else the login page or the 403 page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_round(request.user):
        return forbidden(
            request, f"{with_particle(what, '은')} 지방시대위원회 담당자만 할 수 있습니다."
        )
    return None


@require_http_methods(["GET", "POST"])
def round_list_view(request):
    """Every evaluation round; Committee staff open the next one here."""
    form = RoundOpenForm() if can_manage_round(request.user) else None
    if request.method == "POST":
        refusal = _staff_only(request, "평가 회차 열기")
        if refusal:
            return refusal
        form = RoundOpenForm(request.POST)
        if form.is_valid():
            try:
                round = services.round_open(actor=request.user, year=form.cleaned_data["year"])
            except CycleError as error:
                return _refused(request, error, "evaluation:round_list")
            messages.success(request, f"{round.year}년 평가 회차를 열었습니다.")
            return redirect("evaluation:round_detail", year=round.year)
        status = 422
    else:
        status = 200
    context = {"rounds": rounds_list(), "form": form, "result_years": published_years()}
    return render(request, "evaluation/round_list.html", context, status=status)


def round_detail_view(request, year: int):
    """A round's phases with their dates and basis, and how many units it judges."""
    round = round_of_year(year)
    context = {
        "round": round,
        "board": round_dict(round),
        "rules": rules_for_year(year),
        "can_manage": can_manage_round(request.user),
    }
    return render(request, "evaluation/round_detail.html", context)


@require_http_methods(["GET", "POST"])
def round_rules_view(request, year: int):
    """The rules in use with their basis; staff set a rule while the round is planned."""
    round = round_of_year(year)
    can_manage = can_manage_round(request.user)
    form = RuleSetForm() if can_manage else None
    status = 200
    if request.method == "POST":
        refusal = _staff_only(request, "평가 규칙 설정")
        if refusal:
            return refusal
        form = RuleSetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.round_rule_set(
                    actor=request.user,
                    round=round,
                    key=data["key"],
                    value=data["value"],
                    note=data["note"],
                )
            except CycleError as error:
                return _refused(request, error, "evaluation:round_rules", year=year)
            messages.success(request, "규칙을 정했습니다.")
            return redirect("evaluation:round_rules", year=year)
        status = 422
    context = {
        "round": round,
        "rules": rules_for_year(year),
        "form": form if can_manage and not round.is_frozen else None,
        "criterion_set": next(
            (s for s in criterion_set_dicts() if s["id"] == round.criterion_set_id), None
        ),
        "band_set": next((s for s in band_set_dicts() if s["id"] == round.band_set_id), None),
    }
    return render(request, "evaluation/round_rules.html", context, status=status)


def round_units_view(request, year: int):
    """The round's unit tree with each unit's body and weight."""
    round = round_of_year(year)
    context = {
        "round": round,
        "units": unit_dicts(round),
        "rules": rules_for_year(year),
        "equal_weight": EQUAL_WEIGHT,
        "can_generate": can_manage_round(request.user) and not round.is_frozen,
    }
    return render(request, "evaluation/round_units.html", context)


@require_POST
def units_generate_view(request, year: int):
    round = round_of_year(year)
    refusal = _staff_only(request, "평가 단위 만들기")
    if refusal:
        return refusal
    try:
        made = services.units_generate(actor=request.user, round=round)
    except CycleError as error:
        return _refused(request, error, "evaluation:round_units", year=year)
    messages.success(request, f"평가 단위 {made:,}개를 만들었습니다.")
    return redirect("evaluation:round_units", year=year)
