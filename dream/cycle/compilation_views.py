"""The compilation page of a cycle: candidates of the same project counted by a province
and a ministry (staff judge them) and the national totals DREAM computes. The Committee's
working view: its members read, its staff find and judge."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from . import compilation
from .errors import CycleError, NotAllowed
from .forms import DuplicateDecideForm
from .models import DuplicateCandidate
from .permissions import can_manage_cycle, can_view_compilation
from .responses import forbidden
from .selectors import cycle_of_year

FORBIDDEN = "종합 검토 화면은 지방시대위원회 구성원만 봅니다."


@require_GET
def compilation_view(request, year: int):
    cycle = cycle_of_year(year)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_compilation(request.user):
        return forbidden(request, FORBIDDEN)
    can_decide = can_manage_cycle(request.user)
    candidates = compilation.duplicate_candidates(cycle)
    rows = [
        (
            c,
            compilation.task_bodies(c.regional_task),
            compilation.task_bodies(c.sectoral_task),
            DuplicateDecideForm(initial={"status": c.status, "note": c.note}, prefix=f"d{c.pk}")
            if can_decide
            else None,
        )
        for c in candidates
    ]
    context = {
        "cycle": cycle,
        "rows": rows,
        "totals": compilation.national_totals(cycle),
        "threshold": compilation.similarity_threshold(),
        "relaxed": compilation.similarity_threshold() - compilation.AMOUNT_RELAXATION,
        "tolerance_percent": compilation.AMOUNT_TOLERANCE * 100,
        "can_decide": can_decide,
    }
    return render(request, "cycle/compilation.html", context)


@require_POST
def duplicates_find_view(request, year: int):
    cycle = cycle_of_year(year)
    back = reverse("cycle:compilation", args=[year])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        result = compilation.duplicates_find(actor=request.user, cycle=cycle)
    except NotAllowed as error:
        return forbidden(request, error.message)
    messages.success(
        request,
        f"중복계상 후보를 찾았습니다: 새 후보 {result.added}건, 다시 계산 {result.refreshed}건, "
        f"더 이상 비슷하지 않아 뺀 후보 {result.dropped}건, 판단을 유지한 후보 {result.judged}건.",
    )
    return redirect(back)


@require_POST
def duplicate_decide_view(request, year: int, pk: int):
    cycle = cycle_of_year(year)
    back = reverse("cycle:compilation", args=[year])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    candidate = get_object_or_404(DuplicateCandidate, pk=pk, cycle=cycle)
    if not can_manage_cycle(request.user):
        return forbidden(request, "중복계상 판단은 지방시대위원회 담당자만 합니다.")
    form = DuplicateDecideForm(request.POST, prefix=f"d{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    try:
        compilation.duplicate_decide(
            actor=request.user,
            candidate=candidate,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "판단을 기록했습니다.")
    return redirect(back)
