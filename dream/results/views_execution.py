"""The body's fiscal execution and accounts pages, and the submission's steps posted from
the results page. Thin: the services decide who may do what, and every refusal becomes a
message or the 403 page, never a server error."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.evaluation.rules import rules_for_year

from . import execution, workflow
from .choices import ResultAction
from .forms_execution import (
    ExecutionDeleteForm,
    ExecutionForm,
    ResultActionForm,
    SelfAssessmentForm,
)
from .models import FiscalExecution, SelfAssessment
from .permissions import (
    can_record_results,
    can_review_results,
    can_view_results,
    responsible_body,
)

ACTIONS = {
    ResultAction.SUBMIT: lambda actor, s, comment: workflow.result_submit(
        actor=actor, submission=s
    ),
    ResultAction.RETURN: lambda actor, s, comment: workflow.result_return(
        actor=actor, submission=s, comment=comment
    ),
    ResultAction.CONFIRM: lambda actor, s, comment: workflow.result_confirm(
        actor=actor, submission=s
    ),
    ResultAction.REOPEN: lambda actor, s, comment: workflow.result_reopen(
        actor=actor, submission=s, reason=comment
    ),
}
YEAR_RANGE = range(2000, 2101)


def _body(year: int, org: str):
    if year not in YEAR_RANGE:
        raise Http404(f"{year}년 시행계획이 없습니다.")
    body = workflow.results_body(year, org)
    return body, workflow.submission_of(body)


def body_page_url(year: int, org: str) -> str:
    """The body's results page (another page of this app); its path while it is not there."""
    try:
        return reverse("results:body", args=[year, org])
    except NoReverseMatch:
        return f"/results/{year}/{org}/"


def _refused_to_see(request, submission):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return forbidden(request, f"{submission.organization}의 확정 전 추진실적은 볼 수 없습니다.")


def _run(request, call, done: str):
    try:
        call()
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return None


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))


def _anchor(plan, value: str):
    """("s", strategy) / ("t", task) / (None, None) from "s:12", "t:34" or "" (plan total)."""
    kind, _, pk = (value or "").partition(":")
    if not kind:
        return None, None
    if not pk.isdigit() or len(pk) > 10:
        raise Http404("대상 항목이 없습니다.")
    if kind == "s":
        found = plan.strategies.filter(pk=int(pk)).first()
        return found, None
    if kind == "t":
        return None, plan.tasks.filter(pk=int(pk)).first()
    raise Http404("대상 항목이 없습니다.")


@require_http_methods(["GET", "POST"])
def execution_page(request, year: int, org: str):
    """Planned (read from the plan) beside spent, by anchor and source; forms for the body."""
    body, submission = _body(year, org)
    if not can_view_results(request.user, submission):
        return _refused_to_see(request, submission)
    here = reverse("results:execution", args=[year, org])
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(here)
        if "delete" in request.POST:
            form = ExecutionDeleteForm(request.POST)
            if not form.is_valid():
                _form_errors(request, form)
                return redirect(here)
            row = FiscalExecution.objects.filter(
                plan=body.plan, pk=form.cleaned_data["execution"]
            ).first()
            if row is None:
                messages.error(request, "이 집행액은 이미 지워졌습니다.")
                return redirect(here)
            refused = _run(
                request,
                lambda: execution.fiscal_execution_delete(
                    actor=request.user, execution=row, reason=form.cleaned_data["reason"]
                ),
                "집행액을 지웠습니다.",
            )
            return refused or redirect(here)
        form = ExecutionForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(here)
        data = form.cleaned_data
        strategy, task = _anchor(body.plan, data["anchor"])
        if data["anchor"] and strategy is None and task is None:
            messages.error(request, "대상 항목이 이 시행계획에 없습니다.")
            return redirect(here)
        refused = _run(
            request,
            lambda: execution.fiscal_execution_record(
                actor=request.user,
                plan=body.plan,
                year=year,
                source=data["source"],
                spent_text=data["spent"],
                document=data["document"],
                observed_on=data["observed_on"],
                strategy=strategy,
                task=task,
                reason=data["reason"],
            ),
            "집행액을 저장했습니다.",
        )
        return refused or redirect(here)
    rows = execution.execution_rows(body.plan, year, body.organization)
    may_record = request.user.is_authenticated and can_record_results(request.user, submission)
    return render(
        request,
        "results/execution.html",
        {
            "year": year,
            "body": body,
            "submission": submission,
            "rows": rows,
            "may_record": may_record,
            "form": ExecutionForm(),
            "anchors": _execution_anchors(body),
            "body_url": body_page_url(year, org),
            "rules": rules_for_year(year),
        },
    )


def _execution_anchors(body):
    plan = body.plan
    anchors = [("", "시행계획 전체")]
    anchors += [
        (f"s:{s.pk}", f"{s.code} {s.name}".strip())
        for s in plan.strategies.filter(kind="pillar").order_by("position")
    ]
    anchors += [
        (f"t:{t.pk}", f"{t.code} {t.name}".strip())
        for t in plan.tasks.filter(national_budget_eok__isnull=False).order_by("pk")
    ]
    return anchors


@require_http_methods(["GET", "POST"])
def self_assessment_page(request, year: int, org: str):
    """One account per core task (and, for a super-region, per pillar strategy)."""
    body, submission = _body(year, org)
    if not can_view_results(request.user, submission):
        return _refused_to_see(request, submission)
    here = reverse("results:self_assessment", args=[year, org])
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(here)
        form = SelfAssessmentForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(here)
        strategy, task = _anchor(body.plan, form.cleaned_data["anchor"])
        if strategy is None and task is None:
            messages.error(request, "설명을 적을 핵심과제나 전략을 고르세요.")
            return redirect(here)
        refused = _run(
            request,
            lambda: execution.self_assessment_record(
                actor=request.user,
                year=year,
                text=form.cleaned_data["text"],
                task=task,
                strategy=strategy,
                reason=form.cleaned_data["reason"],
            ),
            "추진실적 설명을 저장했습니다.",
        )
        return refused or redirect(here)
    tasks, strategies = execution.assessable(body.plan)
    texts = {
        (a.task_id, a.strategy_id): a
        for a in SelfAssessment.objects.filter(year=year)
        .filter(Q(task__in=tasks) | Q(strategy__in=strategies))
        .select_related("recorded_by")
    }
    may_record = request.user.is_authenticated and can_record_results(request.user, submission)
    items = [
        (f"t:{t.pk}", f"{t.code} {t.name}".strip(), texts.get((t.pk, None)))
        for t in tasks
        if responsible_body(body.plan, t) == body.organization
    ] + [
        (f"s:{s.pk}", f"{s.code} {s.name}".strip(), texts.get((None, s.pk)))
        for s in strategies
        if body.plan.owner == body.organization
    ]
    return render(
        request,
        "results/self_assessment.html",
        {
            "year": year,
            "body": body,
            "submission": submission,
            "items": items,
            "may_record": may_record,
            "max_length": SelfAssessment.MAX_LENGTH,
            "body_url": body_page_url(year, org),
            "rules": rules_for_year(year),
        },
    )


@require_POST
def result_action(request, year: str, org: str, action: str):
    """A step of the body's submission, then back to its results page."""
    year = int(year)
    body, submission = _body(year, org)
    back = body_page_url(year, org)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    allowed = (can_record_results if action == ResultAction.SUBMIT else can_review_results)(
        request.user, submission
    )
    if not allowed:
        return forbidden(
            request, f"{submission.organization}의 추진실적을 이렇게 처리할 권한이 없습니다."
        )
    form = ResultActionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    refused = _run(
        request,
        lambda: ACTIONS[action](request.user, submission, form.cleaned_data["comment"]),
        f"추진실적을 {ResultAction(action).label} 처리했습니다.",
    )
    return refused or redirect(back)
