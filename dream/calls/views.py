"""Track 1 pages: the public call list and call page (criteria, budget, rules in force, and after
selection the ranking with aggregate scores only), the managers' page, the evaluator's own page
and the province's application page. Thin: forms read, services decide, selectors gather."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dream.accounts.models import Organization
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.web import source_text

from . import evaluation, selectors, services
from .choices import CallState
from .forms import (
    ApplyForm,
    AssignmentForm,
    CallCreateForm,
    DeclarationForm,
    ExcellentForm,
    FundedYearForm,
    MoveForm,
    PanelForm,
    PreConsultationForm,
)
from .models import Call, CallAssignment
from .permissions import (
    active_evaluator,
    can_create_call,
    can_manage_call,
    can_view_call,
    provinces_applying_for,
)
from .selectors import RANK_ORDER


def _login_or_forbidden(request, message: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return forbidden(request, message)


def _run(request, action, done: str, back: str):
    """Run a service; a permission refusal is the 403 page, any other refusal a message."""
    try:
        action()
    except NotAllowed as error:
        return _login_or_forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back)


def _form_errors(request, form, back: str):
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect(back)


def _call(request, pk: int) -> Call:
    call = get_object_or_404(Call.objects.select_related("owner"), pk=pk)
    if not can_view_call(request.user, call):
        raise Http404("공개되지 않은 공모입니다.")
    return call


def _default_owner() -> Organization | None:
    return Organization.objects.filter(short_name=services.DEFAULT_OWNER).first()


@require_http_methods(["GET", "POST"])
def call_list(request):
    """The calls, newest year first; the owner ministry's editors and staff make a new one."""
    owner = _default_owner()
    may_create = owner is not None and can_create_call(request.user, owner)
    if request.method == "POST":
        if not may_create:
            return _login_or_forbidden(
                request, "공모는 주관 부처 담당자나 위원회 담당자만 만듭니다."
            )
        form = CallCreateForm(request.POST)
        back = "calls:call_list"
        if not form.is_valid():
            return _form_errors(request, form, back)
        data = form.cleaned_data
        return _run(
            request,
            lambda: services.call_create(actor=request.user, owner=owner, **data),
            "공모를 만들었습니다(준비 중).",
            back,
        )
    return render(
        request,
        "calls/call_list.html",
        {
            "calls": selectors.calls_visible_to(request.user),
            "form": CallCreateForm() if may_create else None,
        },
    )


def call_detail(request, pk: int):
    call = _call(request, pk)
    criteria = list(call.criteria.all())
    total_weight = sum((c.weight for c in criteria), Decimal(0))
    shares = [(c, c.weight / total_weight * 100 if total_weight else None) for c in criteria]
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "criteria": shares,
            "criterion_line_url": source_text.line_url(source_text.DIGITAL_TEXT, 1700),
            "rules": selectors.call_rules(call),
            "ranking": selectors.call_ranking(call),
            "can_manage": can_manage_call(request.user, call),
            "is_evaluator": active_evaluator(request.user) is not None,
            "may_apply": call.state == CallState.OPEN
            and bool(provinces_applying_for(request.user)),
        },
    )


STEPS = {
    "open": (services.call_open, "공모를 시작했습니다."),
    "evaluate": (services.call_evaluation_start, "평가를 시작했습니다. 평가 기준이 고정됩니다."),
    "compute": (evaluation.call_compute, "점수를 계산했습니다(DREAM 계산)."),
    "select": (services.call_select, "순위를 매기고 선정했습니다."),
    "close": (services.call_close, "공모를 종료했습니다."),
}


@require_POST
def call_step(request, pk: int):
    call = _call(request, pk)
    step = STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, "알 수 없는 처리입니다.")
        return redirect("calls:call_detail", pk=call.pk)
    service, done = step
    return _run(
        request,
        lambda: service(actor=request.user, call=call),
        done,
        reverse("calls:call_manage", args=[call.pk]),
    )


MANAGE_FORMS = {
    "consult": PreConsultationForm,
    "panel": PanelForm,
    "assign": AssignmentForm,
    "funded": FundedYearForm,
    "excellent": ExcellentForm,
    "move": MoveForm,
}


def _manage_form(action: str, call: Call, data=None):
    form_class = MANAGE_FORMS[action]
    if action in ("assign", "funded", "excellent", "move"):
        return form_class(data, call=call)
    return form_class(data)


def _manage_service(request, call: Call, action: str, data: dict):
    actor = request.user
    if action == "consult":
        return lambda: services.preconsultation_log(actor=actor, call=call, **data)
    if action == "panel":
        return lambda: evaluation.call_panel_save(actor=actor, call=call, **data)
    if action == "assign":
        return lambda: evaluation.call_assignment_create(actor=actor, **data)
    if action == "funded":
        return lambda: services.funded_year_record(actor=actor, **data)
    if action == "excellent":
        return lambda: services.application_mark_excellent(actor=actor, **data)
    return lambda: services.application_move_to_track2(actor=actor, **data)


@require_http_methods(["GET", "POST"])
def call_manage(request, pk: int):
    """The owner ministry's and staff's page: pre-consulting, panels, assignments (names of
    evaluators here only), raw and normalised scores side by side, the funded years."""
    call = _call(request, pk)
    if not can_manage_call(request.user, call):
        return _login_or_forbidden(
            request, f"공모 관리는 {call.owner} 담당자나 지방시대위원회 담당자만 합니다."
        )
    back = reverse("calls:call_manage", args=[call.pk])
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in MANAGE_FORMS:
            messages.error(request, "알 수 없는 처리입니다.")
            return redirect(back)
        form = _manage_form(action, call, request.POST)
        if not form.is_valid():
            return _form_errors(request, form, back)
        return _run(
            request,
            _manage_service(request, call, action, form.cleaned_data),
            "기록했습니다.",
            back,
        )
    return render(
        request,
        "calls/call_manage.html",
        {
            "call": call,
            "forms": {action: _manage_form(action, call) for action in MANAGE_FORMS},
            "consultations": call.consultations.select_related("province", "proposal"),
            "panels": call.panels.prefetch_related("members__user"),
            "assignments": CallAssignment.objects.filter(call=call).select_related(
                "application__province", "evaluator__user", "panel"
            ),
            "applications": call.applications.select_related("province", "proposal").order_by(
                RANK_ORDER, "pk"
            ),
            "rules": selectors.call_rules(call),
            "criterion_line_url": source_text.line_url(source_text.DIGITAL_TEXT, 1700),
            "steps": STEPS,
        },
    )


def _declare(request, call: Call, back: str):
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, back)
    data = form.cleaned_data
    ties = []
    if data["organization"] is not None:
        ties = [evaluation.CallTieInput(data["organization"], data["kind"], data["note"])]
    return _run(
        request,
        lambda: evaluation.call_conflict_declare(
            actor=request.user,
            call=call,
            ties=ties,
            none_to_declare=data["none_to_declare"],
            statement=data["statement"],
        ),
        "이해관계 신고를 받았습니다.",
        back,
    )


def _score(request, call: Call, back: str):
    raw_id = request.POST.get("assignment", "")
    if not raw_id.isdigit() or len(raw_id) > 12:
        raise Http404("배정이 없습니다.")
    assignment = CallAssignment.objects.filter(call=call, pk=int(raw_id)).first()
    evaluator = active_evaluator(request.user)
    if assignment is None or evaluator is None or assignment.evaluator_id != evaluator.pk:
        raise Http404("배정이 없습니다.")
    scores = {}
    for criterion in call.criteria.all():
        value = request.POST.get(f"score_{criterion.pk}", "")
        reason = request.POST.get(f"reason_{criterion.pk}", "")
        if value.strip():
            scores[criterion.pk] = (value, reason)
    return _run(
        request,
        lambda: evaluation.call_scores_record(
            actor=request.user, assignment=assignment, scores=scores
        ),
        "점수를 저장했습니다.",
        back,
    )


@require_http_methods(["GET", "POST"])
def call_my(request, pk: int):
    """The evaluator's own page: the declaration for the call, then only their assignments."""
    call = _call(request, pk)
    evaluator = active_evaluator(request.user)
    if evaluator is None:
        return _login_or_forbidden(request, "활동 중인 평가위원만 볼 수 있는 화면입니다.")
    back = reverse("calls:call_my", args=[call.pk])
    if request.method == "POST":
        if request.POST.get("action") == "declare":
            return _declare(request, call, back)
        return _score(request, call, back)
    declaration = evaluation.latest_call_declaration(call, evaluator)
    assignments = selectors.evaluator_assignments(call, evaluator) if declaration else []
    criteria = list(call.criteria.all())
    rows = []
    for assignment in assignments:
        mine = {s.criterion_id: s for s in assignment.scores.all()}
        rows.append((assignment, [(c, mine.get(c.pk)) for c in criteria]))
    return render(
        request,
        "calls/call_my.html",
        {
            "call": call,
            "declaration": declaration,
            "declaration_form": DeclarationForm(),
            "rows": rows,
            "scoring": call.state == CallState.EVALUATING,
        },
    )


@require_http_methods(["GET", "POST"])
def call_apply(request, pk: int):
    """A province's editors apply with one of its submitted proposals."""
    call = _call(request, pk)
    provinces = provinces_applying_for(request.user)
    if not provinces:
        return _login_or_forbidden(request, "신청은 시·도의 작성 담당자가 합니다.")
    back = reverse("calls:call_apply", args=[call.pk])
    if request.method == "POST":
        form = ApplyForm(request.POST, provinces=provinces)
        if not form.is_valid():
            return _form_errors(request, form, back)
        data = form.cleaned_data
        return _run(
            request,
            lambda: services.application_submit(actor=request.user, call=call, **data),
            "신청했습니다.",
            back,
        )
    return render(
        request,
        "calls/call_apply.html",
        {
            "call": call,
            "form": ApplyForm(provinces=provinces),
            "mine": call.applications.filter(province__in=provinces).select_related("proposal"),
        },
    )
