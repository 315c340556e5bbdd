"""The feedback page (환류 조치: raised, linked, carried into the next plan or not, with the
reason) and the 지특회계 results page (upload, rows, matches). Thin: the services decide and
say in Korean what they refuse."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from dream.accounts.permissions import can_write_for
from dream.core.uploads import UploadCap
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.models import Submission
from dream.cycle.responses import forbidden
from dream.cycle.workbook import XLSX_CONTENT_TYPE
from dream.plans.models import Plan, Task
from dream.tracking.files import MAX_UPLOAD_BYTES

from . import feedback, special_account
from .choices import FeedbackState
from .forms_feedback import (
    FeedbackLinkForm,
    FeedbackRaiseForm,
    FeedbackReasonForm,
    SpecialAccountMatchForm,
    SpecialAccountUploadForm,
)
from .models import FeedbackAction, Grade, SpecialAccountResult
from .permissions import can_manage_round
from .selectors import round_of_year

STEPS = ("link", "decline", "done", "cancel")
STATE_ORDER = [s.value for s in FeedbackState]


def _refused(request, error: CycleError, back: str):
    if isinstance(error, NotAllowed):
        return forbidden(request, error.message)
    messages.error(request, error.message)
    return redirect(back)


def _draft_url(action: FeedbackAction) -> str | None:
    submission = (
        Submission.objects.filter(cycle__year=action.due_year, organization=action.organization)
        .select_related("organization")
        .first()
    )
    if submission is None or submission.working_plan is None:
        return None
    return reverse("cycle:draft_edit", args=[action.due_year, action.organization.short_name])


@require_GET
def feedback_view(request, year: int):
    """Actions by body and state: carried by the next plan, or left open with the reason."""
    round = round_of_year(year)
    if round.closed_at is None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actions = list(feedback.actions_visible(request.user, round))
    bodies: dict = {}
    for action in sorted(actions, key=lambda a: (STATE_ORDER.index(a.state), a.raised_at)):
        action.item_text = feedback.item_label(action.unit.plan, action.item_kind, action.item_id)
        action.linked_text = feedback.item_label(
            action.linked_plan, action.linked_item_kind, action.linked_item_id
        )
        action.may_answer = action.state in feedback.OPEN_STATES and can_write_for(
            request.user, action.organization
        )
        action.may_done = action.may_answer and action.kind not in feedback.PLAN_KINDS
        action.draft_url = _draft_url(action) if action.may_answer else None
        bodies.setdefault(action.organization, []).append(action)
    staff = can_manage_round(request.user)
    grades = Grade.objects.filter(unit__round=round).select_related(
        "unit__organization", "unit__task", "unit__strategy", "unit__plan"
    )
    context = {
        "round": round,
        "bodies": sorted(bodies.items(), key=lambda kv: (kv[0].kind, kv[0].position)),
        "count": len(actions),
        "carried": sum(a.state == FeedbackState.CARRIED for a in actions),
        "not_carried": sum(a.state == FeedbackState.NOT_CARRIED for a in actions),
        "open": sum(a.state in feedback.OPEN_STATES for a in actions),
        "staff": staff,
        "raise_form": FeedbackRaiseForm(grades=grades, prefix="raise") if staff else None,
        "raise_phase_ok": round.phase in feedback.RAISE_PHASES,
    }
    return render(request, "evaluation/feedback.html", context)


@require_POST
def feedback_raise_view(request, year: int):
    round = round_of_year(year)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_round(request.user):
        return forbidden(request, "환류 조치는 지방시대위원회 담당자만 제기합니다.")
    grades = Grade.objects.filter(unit__round=round).select_related(
        "unit__organization", "unit__task", "unit__strategy", "unit__plan"
    )
    form = FeedbackRaiseForm(request.POST, grades=grades, prefix="raise")
    back = f"/evaluations/{year}/feedback/"
    if not form.is_valid():
        messages.error(request, "환류 조치 입력을 확인해 주세요: " + "; ".join(
            f"{form.fields[k].label if k in form.fields else ''} {' '.join(v)}".strip()
            for k, v in form.errors.items()
        ))  # fmt: skip
        return redirect(back)
    data = form.cleaned_data
    grade = grades.get(pk=data["grade"])
    try:
        feedback.feedback_action_raise(
            actor=request.user, grade=grade, kind=data["kind"],
            organization=grade.unit.organization, due_step=data["due_step"],
            due_year=data["due_year"], description=data["description"],
        )  # fmt: skip
    except CycleError as error:
        return _refused(request, error, back)
    messages.success(request, "환류 조치를 제기했습니다.")
    return redirect(back)


@require_POST
def feedback_act_view(request, year: int, pk: int, step: str):
    """Link, decline, done or cancel one action; back to `next` (this site only) or the page."""
    if step not in STEPS:
        raise Http404("없는 처리입니다.")
    action = get_object_or_404(
        FeedbackAction.objects.select_related("round"), pk=pk, round__year=year
    )
    if not request.user.is_authenticated:
        return redirect_to_login(f"/evaluations/{year}/feedback/")
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    back = back or f"/evaluations/{year}/feedback/#feedback-{action.pk}"
    try:
        if step == "link":
            form = FeedbackLinkForm(request.POST)
            if not form.is_valid():
                messages.error(request, "연결할 항목을 고르세요.")
                return redirect(back)
            data = form.cleaned_data
            plan = Plan.objects.filter(pk=data["plan"]).first()
            if plan is None:
                messages.error(request, "연결할 시행계획이 없습니다.")
                return redirect(back)
            feedback.feedback_action_link(
                actor=request.user, action=action, plan=plan,
                item_kind=data["item_kind"], item_id=data["item_id"],
            )  # fmt: skip
            done = "환류 조치를 항목에 연결했습니다. 의결되면 반영으로 바뀝니다."
        else:
            form = FeedbackReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            call = {
                "decline": lambda: feedback.feedback_action_decline(
                    actor=request.user, action=action, reason=reason
                ),
                "done": lambda: feedback.feedback_action_done(
                    actor=request.user, action=action, note=reason
                ),
                "cancel": lambda: feedback.feedback_action_cancel(
                    actor=request.user, action=action, reason=reason
                ),
            }[step]
            call()
            done = {"decline": "미반영 사유를 기록했습니다.", "done": "완료로 기록했습니다.",
                    "cancel": "환류 조치를 취소했습니다."}[step]  # fmt: skip
    except CycleError as error:
        return _refused(request, error, back)
    messages.success(request, done)
    return redirect(back)


def _special_context(request, round, **extra) -> dict:
    results = list(
        SpecialAccountResult.objects.filter(year=round.year).select_related(
            "organization", "matched_task__plan"
        )
    )
    return {
        "round": round,
        "results": results,
        "staff": can_manage_round(request.user),
        "form": SpecialAccountUploadForm() if can_manage_round(request.user) else None,
        **extra,
    }


@method_decorator(csrf_exempt, name="dispatch")
class SpecialAccountView(TemplateView):
    """The imported 지특회계 rows with their proposed tasks; staff upload and confirm here."""

    template_name = "evaluation/special_account.html"

    def dispatch(self, request, *args, **kwargs):
        """The cap is in place before the CSRF check reads the body (as the cycle's uploads)."""
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get(self, request, year: int):
        round = round_of_year(year)
        return self.render_to_response(_special_context(request, round))

    def post(self, request, year: int):
        round = round_of_year(year)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_round(request.user):
            return forbidden(request, "지특회계 평가 결과는 지방시대위원회 담당자만 가져옵니다.")
        files = request.FILES  # reading the body runs the upload cap
        form = SpecialAccountUploadForm(request.POST, files, too_large=self.upload_cap.refused)
        if not form.is_valid():
            context = _special_context(request, round, form=form)
            return self.render_to_response(context, status=422)
        upload = form.cleaned_data["file"]
        try:
            stored = special_account.special_account_import(
                actor=request.user, year=year, file=upload, filename=upload.name
            )
        except special_account.SpecialAccountRefused as refused:
            context = _special_context(request, round, errors=refused.errors)
            return self.render_to_response(context, status=422)
        except CycleError as error:
            context = _special_context(request, round, errors=[error.message])
            return self.render_to_response(context, status=422)
        messages.success(request, f"지특회계 평가 결과 {len(stored):,}행을 가져왔습니다.")
        return redirect("evaluation:special_account", year=year)


@require_GET
def special_account_template_view(request, year: int):
    round_of_year(year)
    response = HttpResponse(
        special_account.special_account_template(), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{year}-지특회계-평가결과-서식.xlsx"
    )
    return response


@require_POST
def special_account_match_view(request, year: int, pk: int):
    result = get_object_or_404(SpecialAccountResult, pk=pk, year=year)
    if not request.user.is_authenticated:
        return redirect_to_login(f"/evaluations/{year}/special-account/")
    form = SpecialAccountMatchForm(request.POST)
    back = f"/evaluations/{year}/special-account/#special-{result.pk}"
    if not form.is_valid():
        messages.error(request, "대응 과제 번호를 확인해 주세요.")
        return redirect(back)
    task_id = form.cleaned_data["task"]
    task = Task.objects.select_related("plan").filter(pk=task_id).first() if task_id else None
    if task_id and task is None:
        messages.error(request, "그 번호의 과제가 없습니다.")
        return redirect(back)
    try:
        special_account.special_account_match(actor=request.user, result=result, task=task)
    except CycleError as error:
        return _refused(request, error, back)
    messages.success(
        request, "대응 과제를 정했습니다." if task else "대응 과제 없음으로 정했습니다."
    )
    return redirect(back)
