"""The evaluators' pages: staff register evaluators, make panels and assign (a refusal is shown
as a message), an evaluator declares ties before seeing any unit, sees only assigned units and
scores them; staff compare raw and normalised scores. Thin: the services decide."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden

from . import integrity, scoring
from .forms_assignments import (
    AssignmentForm,
    DeclarationForm,
    EvaluatorRegisterForm,
    PanelForm,
    ReasonForm,
    ScoreForm,
)
from .models import Assignment, ConflictDeclaration, Criterion, Evaluator, Panel, Score
from .permissions import (
    SCORING_STATES,
    active_evaluator,
    can_manage_round,
    can_view_scores,
    can_view_unit,
)
from .rules import rules_for_year
from .selectors import plain, round_of_year, unit_name
from .selectors_scoring import (
    assignment_dicts,
    score_rows,
    unit_of_round,
    unit_score_rows,
    units_of_evaluator,
)


def _login_or_forbidden(request, message: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return forbidden(request, message)


def _run(request, call, done: str, back: str, **kwargs):
    """Call a service; its refusal becomes a message (a permission refusal the 403 page)."""
    try:
        call()
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back, **kwargs)


def _declared(round, evaluator) -> bool:
    return ConflictDeclaration.objects.filter(round=round, evaluator=evaluator).exists()


@require_http_methods(["GET", "POST"])
def evaluators_view(request, year: int):
    """Staff: evaluators with their declaration for the round, panels and assignments."""
    round = round_of_year(year)
    if not can_manage_round(request.user):
        return _login_or_forbidden(request, "평가위원 관리는 지방시대위원회 담당자만 합니다.")
    back = ("evaluation:evaluators",)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "register":
            form = EvaluatorRegisterForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                return _run(
                    request,
                    lambda: integrity.evaluator_register(
                        actor=request.user,
                        user=data["user"],
                        field=data["field"],
                        affiliation=data["affiliation"],
                    ),
                    "평가위원을 등록했습니다.",
                    *back,
                    year=year,
                )
        elif action == "panel":
            form = PanelForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                return _run(
                    request,
                    lambda: integrity.panel_save(
                        actor=request.user,
                        round=round,
                        name=data["name"],
                        members=list(data["members"]),
                    ),
                    "평가반을 만들었습니다.",
                    *back,
                    year=year,
                )
        elif action == "assign":
            form = AssignmentForm(request.POST, round=round)
            if form.is_valid():
                data = form.cleaned_data
                return _run(
                    request,
                    lambda: integrity.assignment_create(
                        actor=request.user,
                        panel=data["panel"],
                        unit=data["unit"],
                        evaluator=data["evaluator"],
                    ),
                    "평가위원을 배정했습니다.",
                    *back,
                    year=year,
                )
        elif action in ("cancel", "reopen"):
            form = ReasonForm(request.POST)
            if form.is_valid():
                assignment = Assignment.objects.filter(
                    round=round, pk=form.cleaned_data["assignment"]
                ).first()
                if assignment is not None:
                    service = (
                        integrity.assignment_cancel
                        if action == "cancel"
                        else integrity.assignment_reopen
                    )
                    return _run(
                        request,
                        lambda: service(
                            actor=request.user,
                            assignment=assignment,
                            reason=form.cleaned_data["reason"],
                        ),
                        "배정을 취소했습니다." if action == "cancel" else "재작성을 허용했습니다.",
                        *back,
                        year=year,
                    )
        messages.error(request, "입력을 확인해 주세요: 빠졌거나 잘못된 값이 있습니다.")
        return redirect(*back, year=year)
    declared = set(
        ConflictDeclaration.objects.filter(round=round).values_list("evaluator_id", flat=True)
    )
    evaluators = [
        {"evaluator": e, "declared": e.pk in declared}
        for e in Evaluator.objects.select_related("user").order_by("user__username")
    ]
    context = {
        "round": round,
        "evaluators": evaluators,
        "panels": Panel.objects.filter(round=round).prefetch_related("members__user"),
        "assignments": assignment_dicts(round),
        "register_form": EvaluatorRegisterForm(),
        "panel_form": PanelForm(),
        "assignment_form": AssignmentForm(round=round),
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/evaluators.html", context)


@require_http_methods(["GET", "POST"])
def declaration_view(request, year: int):
    """The evaluator's own declaration of ties for the round; shown before any unit."""
    round = round_of_year(year)
    evaluator = active_evaluator(request.user)
    if evaluator is None:
        return _login_or_forbidden(request, "이해관계 신고는 평가위원 본인만 합니다.")
    if request.method == "POST":
        form = DeclarationForm(request.POST)
        if not form.is_valid():
            messages.error(request, "입력을 확인해 주세요.")
            return redirect("evaluation:declaration", year=year)
        data = form.cleaned_data
        ties = [
            integrity.TieInput(org, data["kind"] or "other", data["period"])
            for org in data["organizations"]
        ]
        return _run(
            request,
            lambda: integrity.conflict_declare(
                actor=request.user,
                round=round,
                ties=ties,
                none_to_declare=data["none_to_declare"],
                statement=data["statement"],
            ),
            "이해관계 신고를 받았습니다. 이 신고에 걸리는 배정은 취소되었습니다.",
            "evaluation:mine",
            year=year,
        )
    context = {
        "round": round,
        "latest": integrity.latest_declaration(round, evaluator),
        "history": ConflictDeclaration.objects.filter(round=round, evaluator=evaluator)
        .prefetch_related("ties__organization")
        .order_by("-declared_at", "-pk"),
        "form": DeclarationForm(),
    }
    return render(request, "evaluation/declaration.html", context)


def mine_view(request, year: int):
    """The evaluator's assigned units; the declaration comes first."""
    round = round_of_year(year)
    evaluator = active_evaluator(request.user)
    if evaluator is None:
        return _login_or_forbidden(request, "배정된 단위는 평가위원 본인만 봅니다.")
    if not _declared(round, evaluator):
        messages.info(request, "단위를 보기 전에 이해관계를 먼저 신고해 주세요.")
        return redirect("evaluation:declaration", year=year)
    context = {
        "round": round,
        "assignments": [
            {"assignment": a, "name": unit_name(a.unit)}
            for a in units_of_evaluator(round, request.user)
        ],
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/mine.html", context)


def _scoring_assignment(round, unit, user):
    return (
        Assignment.objects.filter(
            round=round, unit=unit, evaluator__user=user, state__in=SCORING_STATES
        )
        .select_related("evaluator", "round", "unit")
        .first()
    )


@transaction.atomic
def _scores_save(user, assignment, items, *, submit: bool) -> None:
    """The scores on the form, then (제출) the assignment: one step, so pressing 제출 right
    after typing never loses what was typed, and a refused submit keeps nothing half-done."""
    if items:
        scoring.scores_record(actor=user, assignment=assignment, items=items)
    if submit:
        scoring.assignment_submit(actor=user, assignment=assignment)


@require_http_methods(["GET", "POST"])
def unit_detail_view(request, year: int, unit_id: int):
    """A unit: its parts, the score form for its assigned evaluator, the assignments for
    staff. The body sees its own unit, never individual scores or evaluators."""
    round = round_of_year(year)
    unit = unit_of_round(round, unit_id)
    if unit is None:
        raise Http404("이 회차에 그 평가 단위가 없습니다.")
    if not can_view_unit(request.user, unit):
        return _login_or_forbidden(request, "이 평가 단위는 배정된 평가위원과 해당 기관만 봅니다.")
    evaluator = active_evaluator(request.user)
    if evaluator is not None and not can_manage_round(request.user):
        if not _declared(round, evaluator):
            return redirect("evaluation:declaration", year=year)
    assignment = _scoring_assignment(round, unit, request.user)
    leaves = integrity.unit_leaves(unit)
    criteria = list(Criterion.objects.filter(criterion_set_id=round.criterion_set_id))
    form = None
    if assignment is not None:
        scores = {
            (s.leaf_id, s.criterion_id): s
            for s in Score.objects.filter(assignment=assignment, void=False)
        }
        form = ScoreForm(request.POST or None, leaves=leaves, criteria=criteria, scores=scores)
        if request.method == "POST":
            if form.is_valid():
                items = [
                    scoring.ScoreInput(leaf, criterion, value, reason)
                    for leaf, criterion, value, reason in form.entries()
                ]
                submit = request.POST.get("action") == "submit"
                return _run(
                    request,
                    lambda: _scores_save(request.user, assignment, items, submit=submit),
                    "점수를 제출했습니다." if submit else "점수를 저장했습니다.",
                    "evaluation:unit_detail",
                    year=year,
                    unit_id=unit.pk,
                )
            messages.error(request, "점수를 확인해 주세요: 범위를 벗어난 값이 있습니다.")
    elif request.method == "POST":
        return forbidden(request, "배정된 평가위원 본인만 점수를 입력합니다.")
    own_scores = score_rows(round, assignment=assignment) if assignment else []
    context = {
        "round": round,
        "unit": unit,
        "name": unit_name(unit),
        "leaves": [(leaf, unit_name(leaf)) for leaf in leaves],
        "criteria": [
            {"name": c.name, "weight": plain(c.weight), "max_score": plain(c.max_score)}
            for c in criteria
        ],
        "is_example": bool(round.criterion_set and round.criterion_set.is_example),
        "assignment": assignment,
        "form": form,
        "own_scores": own_scores,
        "staff_view": can_view_scores(request.user, round),
        "assignments": [a for a in assignment_dicts(round) if a["unit_id"] == unit.pk]
        if can_view_scores(request.user, round)
        else [],
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/unit_detail.html", context)


def scores_view(request, year: int):
    """Staff: computed unit scores, raw and normalised side by side, and individual scores."""
    round = round_of_year(year)
    if not can_view_scores(request.user, round):
        return _login_or_forbidden(
            request, "평가위원별 점수와 원점수·표준화 점수는 지방시대위원회 담당자만 봅니다."
        )
    context = {
        "round": round,
        "unit_scores": unit_score_rows(round),
        "scores": score_rows(round),
        "rules": rules_for_year(year),
    }
    return render(request, "evaluation/scores.html", context)


@require_POST
def compute_view(request, year: int):
    round = round_of_year(year)
    return _run(
        request,
        lambda: scoring.round_compute(actor=request.user, round=round),
        "점수를 다시 계산했습니다.",
        "evaluation:scores",
        year=year,
    )
