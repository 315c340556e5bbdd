"""The round's settings as forms: Committee staff make criterion and band sets, choose the
round's pair, weigh units and give an indicator the direction its plan leaves out, while the
round is planned; the assigned evaluator judges the indicators DREAM cannot compute. Thin:
the services decide, a refusal comes back as a message (a permission refusal the 403 page)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dream.core.korean import with_particle
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.indicators.models import Indicator

from . import scoring, services
from .forms_config import (
    BandSetForm,
    CriterionSetForm,
    IndicatorRuleForm,
    JudgementForm,
    RoundSetsForm,
    UnitWeightForm,
)
from .integrity import unit_leaves
from .models import Assignment, CriterionSet, GradeBandSet, IndicatorJudgement, IndicatorRule
from .permissions import SCORING_STATES, can_manage_round
from .rules import rules_for_year
from .selectors import band_set_dicts, criterion_set_dicts, round_of_year, unit_dicts
from .selectors_scoring import unit_of_round

CHECK_INPUT = "입력을 확인해 주세요: 빠졌거나 잘못된 값이 있습니다."


def _refusal(request, what: str):
    """None for Committee staff; else the login page or the 403 page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_round(request.user):
        return forbidden(
            request, f"{with_particle(what, '은')} 지방시대위원회 담당자만 할 수 있습니다."
        )
    return None


def _run(request, call, done: str, back: str, **kwargs):
    try:
        call()
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back, **kwargs)


def _invalid(request, form, back: str, **kwargs):
    shown = [str(e) for errors in form.errors.values() for e in errors][:3]
    messages.error(request, " ".join([CHECK_INPUT, *shown]))
    return redirect(back, **kwargs)


def indicators_without_direction(round):
    """The round year's published indicators whose plan states no direction: those the
    Committee may give one for the round."""
    return (
        Indicator.objects.filter(plan__year=round.year, plan__is_draft=False, direction="")
        .select_related("plan__owner")
        .order_by("plan__owner__short_name", "plan_id", "position")
    )


def indicators_to_judge(round, unit) -> list[Indicator]:
    """The unit's indicators an evaluator judges: a target with no number, or no direction
    from the plan nor from the round's indicator rules. Those linked to the unit's tasks when
    any are; otherwise every such indicator of the unit's plan."""
    ruled = set(
        IndicatorRule.objects.filter(round=round)
        .exclude(direction="")
        .values_list("indicator_id", flat=True)
    )
    candidates = [
        i
        for i in Indicator.objects.filter(plan_id=unit.plan_id).order_by("position")
        if i.target_value is None or (not i.direction and i.pk not in ruled)
    ]
    if unit.task_id is None:
        return candidates
    tasks = {unit.task_id} | {leaf.task_id for leaf in unit_leaves(unit) if leaf.task_id}
    linked = [i for i in candidates if i.task_id in tasks]
    return linked or [i for i in candidates if i.task_id is None]


def judgement_rows(assignment) -> list[dict]:
    """Each indicator to judge with the evaluator's judgement so far and a form."""
    unit = assignment.unit
    saved = {
        j.indicator_id: j
        for j in IndicatorJudgement.objects.filter(assignment=assignment, void=False)
    }
    rows = []
    for indicator in indicators_to_judge(assignment.round, unit):
        judgement = saved.get(indicator.pk)
        initial = {"indicator": indicator.pk}
        if judgement is not None:
            initial.update(level=judgement.level, reason=judgement.reason)
        rows.append(
            {
                "indicator": indicator,
                "why": "목표가 수치가 아님" if indicator.target_value is None else "방향 미정",
                "judgement": judgement,
                "form": JudgementForm(initial=initial, prefix=f"j{indicator.pk}"),
            }
        )
    return rows


@require_POST
def criterion_set_create_view(request, year: int):
    round_of_year(year)
    refusal = _refusal(request, "평가 기준 저장")
    if refusal:
        return refusal
    form = CriterionSetForm(request.POST)
    back = "evaluation:round_rules"
    if not form.is_valid():
        return _invalid(request, form, back, year=year)
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.criterion_set_save(
            actor=request.user, name=data["name"], criteria=form.criteria(), note=data["note"]
        ),
        f"평가 기준 묶음 '{data['name']}'을(를) 만들었습니다. 아래에서 이 회차에 고르세요.",
        back,
        year=year,
    )


@require_POST
def band_set_create_view(request, year: int):
    round_of_year(year)
    refusal = _refusal(request, "등급 구간 저장")
    if refusal:
        return refusal
    form = BandSetForm(request.POST)
    back = "evaluation:round_rules"
    if not form.is_valid():
        return _invalid(request, form, back, year=year)
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.grade_band_set_save(
            actor=request.user, name=data["name"], bands=form.bands(), note=data["note"]
        ),
        f"등급 구간 묶음 '{data['name']}'을(를) 만들었습니다. 아래에서 이 회차에 고르세요.",
        back,
        year=year,
    )


@require_POST
def round_sets_view(request, year: int):
    round = round_of_year(year)
    refusal = _refusal(request, "평가 기준·등급 구간 선택")
    if refusal:
        return refusal
    form = RoundSetsForm(
        request.POST, criterion_sets=criterion_set_dicts(), band_sets=band_set_dicts()
    )
    back = "evaluation:round_rules"
    if not form.is_valid():
        return _invalid(request, form, back, year=year)
    criterion_set = CriterionSet.objects.get(pk=form.cleaned_data["criterion_set"])
    band_set = GradeBandSet.objects.get(pk=form.cleaned_data["band_set"])
    return _run(
        request,
        lambda: services.round_sets_choose(
            actor=request.user, round=round, criterion_set=criterion_set, band_set=band_set
        ),
        "이 회차의 평가 기준과 등급 구간을 골랐습니다.",
        back,
        year=year,
    )


@require_POST
def unit_weight_view(request, year: int):
    round = round_of_year(year)
    refusal = _refusal(request, "가중치 설정")
    if refusal:
        return refusal
    form = UnitWeightForm(request.POST, units=unit_dicts(round))
    back = "evaluation:round_units"
    if not form.is_valid():
        return _invalid(request, form, back, year=year)
    data = form.cleaned_data
    unit = unit_of_round(round, data["unit"])
    if unit is None:
        raise Http404("이 회차에 그 평가 단위가 없습니다.")
    weight = data["weight"].strip() or None
    return _run(
        request,
        lambda: services.unit_weight_set(
            actor=request.user, unit=unit, weight=weight, reason=data["reason"]
        ),
        "가중치를 정했습니다." if weight else "같은 가중치로 되돌렸습니다.",
        back,
        year=year,
    )


@require_http_methods(["GET", "POST"])
def indicator_rules_view(request, year: int):
    """The directions the Committee gave indicators for this round; staff add one while the
    round is planned."""
    round = round_of_year(year)
    can_edit = can_manage_round(request.user) and not round.is_frozen
    indicators = indicators_without_direction(round)
    if request.method == "POST":
        refusal = _refusal(request, "지표별 평가 규칙 설정")
        if refusal:
            return refusal
        form = IndicatorRuleForm(request.POST, indicators=indicators)
        if not form.is_valid():
            return _invalid(request, form, "evaluation:indicator_rules", year=year)
        data = form.cleaned_data
        indicator = Indicator.objects.get(pk=data["indicator"])
        return _run(
            request,
            lambda: services.indicator_rule_set(
                actor=request.user,
                round=round,
                indicator=indicator,
                direction=data["direction"],
                note=data["note"],
            ),
            "지표의 방향을 정했습니다.",
            "evaluation:indicator_rules",
            year=year,
        )
    context = {
        "round": round,
        "indicator_rules": IndicatorRule.objects.filter(round=round)
        .select_related("indicator__plan__owner", "chosen_by")
        .order_by("indicator__plan__owner__short_name", "indicator__position"),
        "without_direction": indicators.count(),
        "form": IndicatorRuleForm(indicators=indicators) if can_edit else None,
        "can_manage": can_manage_round(request.user),
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/indicator_rules.html", context)


@require_POST
def judgement_view(request, year: int, unit_id: int):
    """The assigned evaluator's 달성/부분 달성/미달성 for one indicator of the unit."""
    round = round_of_year(year)
    unit = unit_of_round(round, unit_id)
    if unit is None:
        raise Http404("이 회차에 그 평가 단위가 없습니다.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assignment = (
        Assignment.objects.filter(
            round=round, unit=unit, evaluator__user=request.user, state__in=SCORING_STATES
        )
        .select_related("round", "unit", "evaluator")
        .first()
    )
    if assignment is None:
        return forbidden(request, "이 단위에 배정된 평가위원 본인만 지표를 판단합니다.")
    back = "evaluation:unit_detail"
    prefix = next((k.split("-")[0] for k in request.POST if k.endswith("-indicator")), None)
    form = JudgementForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _invalid(request, form, back, year=year, unit_id=unit.pk)
    data = form.cleaned_data
    indicator = next(
        (i for i in indicators_to_judge(round, unit) if i.pk == data["indicator"]), None
    )
    if indicator is None:
        messages.error(request, "이 단위에서 판단할 지표가 아닙니다(수치 목표와 방향이 있는 지표).")
        return redirect(back, year=year, unit_id=unit.pk)
    return _run(
        request,
        lambda: scoring.indicator_judge(
            actor=request.user,
            assignment=assignment,
            indicator=indicator,
            level=data["level"],
            reason=data["reason"],
        ),
        f"'{indicator.name}'을(를) 판단했습니다.",
        back,
        year=year,
        unit_id=unit.pk,
    )
