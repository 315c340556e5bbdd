"""The grades page (`…/grades/`): every graded unit's scores, computed band, self-grade,
final band and 점검 history, with the self-grade, check and correction forms by persona; and
the round's advance button. Thin: the services in grading.py decide.

Before a round closes an anonymous visitor gets the page with a "공개 전" notice and no rows
(not a 403): the page exists for everyone, its rows open at close."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dream.accounts.permissions import organizations_written_for
from dream.cycle.errors import CycleError

from . import grading
from .choices import RoundPhase
from .forms_grades import AdvanceForm, GradeActionForm
from .models import Grade, GradeBand
from .permissions import can_check_grades, can_manage_round
from .rules import rules_for_year
from .selectors import round_of_year
from .selectors_grades import grade_rows, round_bands
from .views import _refused, _staff_only

DONE = {
    "self-grade": "자체평가를 적었습니다.",
    "check": "등급을 점검했습니다.",
    "correct": "등급을 정정했습니다.",
}


def grades_view(request, year: int):
    round = round_of_year(year)
    user = request.user
    rows = grade_rows(round, user)
    checking = round.phase == RoundPhase.CHECKING
    closed = round.closed_at is not None
    written = organizations_written_for(user)  # can_self_evaluate's rule, asked once
    may_check, may_correct = checking and can_check_grades(user), closed and can_manage_round(user)
    for row in rows:
        body = row["unit_object"].organization_id
        row["can_self"] = checking and (written is None or body in written)
        row["can_check"] = may_check
        row["can_correct"] = may_correct
    context = {
        "round": round,
        "rows": rows,
        "bands": round_bands(round),
        "closed": closed,
        "full": closed or can_manage_round(user),
        "can_manage": can_manage_round(user),
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/grades.html", context)


@require_POST
def grade_action_view(request, year: int, action: str):
    if action not in DONE:
        raise Http404("알 수 없는 처리입니다.")
    round = round_of_year(year)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("evaluation:grades", args=[year]))
    form = GradeActionForm(request.POST, bands=round_bands_queryset(round))
    if not form.is_valid():
        messages.error(
            request, "등급과 사유를 확인해 주세요: 이 회차의 등급 구간에서 골라야 합니다."
        )
        return redirect("evaluation:grades", year=year)
    data = form.cleaned_data
    grade = (
        Grade.objects.select_related("unit__organization", "unit__round")
        .filter(pk=data["grade"], unit__round=round)
        .first()
    )
    if grade is None:
        raise Http404("이 회차의 등급이 아닙니다.")
    try:
        if action == "self-grade":
            grading.self_grade_record(
                actor=request.user, grade=grade, band=data["band"], reason=data["reason"]
            )
        elif action == "check":
            grading.grade_check(
                actor=request.user, grade=grade, band=data["band"], reason=data["reason"],
                seen_band=data["seen_band"],
            )  # fmt: skip
        else:
            grading.grade_correct(
                actor=request.user, grade=grade, band=data["band"], reason=data["reason"]
            )
    except CycleError as error:
        return _refused(request, error, "evaluation:grades", year=year)
    messages.success(request, DONE[action])
    return redirect("evaluation:grades", year=year)


def round_bands_queryset(round):
    return GradeBand.objects.filter(band_set_id=round.band_set_id)


@require_POST
def advance_view(request, year: int):
    round = round_of_year(year)
    refusal = _staff_only(request, "평가 단계 넘기기")
    if refusal:
        return refusal
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "넘길 단계를 확인해 주세요.")
        return redirect("evaluation:round_detail", year=year)
    data = form.cleaned_data
    try:
        moved = grading.round_advance(
            actor=request.user, round=round, to=data["to"], seen_phase=data["seen_phase"],
            reason=data["reason"],
        )  # fmt: skip
    except CycleError as error:
        return _refused(request, error, "evaluation:round_detail", year=year)
    text = f"{round.year}년 평가 회차를 '{moved.round.get_phase_display()}' 단계로 넘겼습니다."
    if moved.unscored:
        text += f" 점수 없는 등급 단위 {len(moved.unscored)}개는 등급 없이 두었습니다."
    messages.success(request, text)
    return redirect("evaluation:round_detail", year=year)
