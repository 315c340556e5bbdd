"""The cycle's pages: the cycles, each cycle's compliance board, and one body's submission
with the steps the signed-in person may take. Every step goes through the services, which
check the permission and the state again and say in Korean what they refuse."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from dream.core.uploads import UploadCap
from dream.web.tables import table_export_response

from . import drafting, guidelines, services
from .amendment_views import amendments_context
from .choices import CyclePhase, SubmissionAction, SubmissionState
from .comments import comment_threads, may_answer
from .errors import CycleError, NotAllowed
from .forms import ACTION_FORMS, CycleOpenForm, CycleResolveForm, GuidelinesForm
from .permissions import (
    can_manage_cycle,
    can_view_compilation,
    can_view_submission,
    submissions_viewable,
)
from .responses import forbidden, step_run
from .selectors import (
    ACTION_PERMISSIONS,
    cycle_board,
    cycle_list,
    cycle_of_year,
    recipients_note,
    state_counts,
    submission_actions,
    submission_named,
)
from .tables import BoardTable, EventTable

# action → the service taking it, called with the actor, the submission and the form's data.
STEPS = {
    SubmissionAction.ROLL_FORWARD: lambda actor, submission, data: drafting.submission_roll_forward(
        actor=actor, submission=submission
    ),
    SubmissionAction.LOCAL_RESOLUTION: lambda actor, submission, data: (
        services.submission_record_local_resolution(
            actor=actor, submission=submission, resolved_on=data["resolved_on"]
        )
    ),
    SubmissionAction.SUBMIT: lambda actor, submission, data: services.submission_submit(
        actor=actor, submission=submission, comment=data["comment"]
    ),
    SubmissionAction.REVIEW: lambda actor, submission, data: services.submission_review(
        actor=actor, submission=submission
    ),
    SubmissionAction.RETURN: lambda actor, submission, data: services.submission_return(
        actor=actor, submission=submission, comment=data["comment"]
    ),
    SubmissionAction.ACCEPT: lambda actor, submission, data: services.submission_accept(
        actor=actor, submission=submission, comment=data["comment"]
    ),
}
DONE = {
    SubmissionAction.ROLL_FORWARD: "전년도 의결 계획에서 초안을 만들었습니다.",
    SubmissionAction.LOCAL_RESOLUTION: "시·도 지방시대위원회 심의일을 기록했습니다.",
    SubmissionAction.SUBMIT: "지방시대위원회에 제출했습니다.",
    SubmissionAction.REVIEW: "검토를 시작했습니다.",
    SubmissionAction.RETURN: "보완을 요청했습니다.",
    SubmissionAction.ACCEPT: "접수했습니다.",
}


# The guidelines form shares the board page with the resolution form: its own ids.
GUIDELINES_PREFIX = "guidelines"


class CycleListView(TemplateView):
    """Every plan year's cycle; Committee staff open the next one here."""

    template_name = "cycle/cycle_list.html"

    def get_context_data(self, **kwargs):
        can_open = can_manage_cycle(self.request.user)
        return super().get_context_data(
            cycles=cycle_list(),
            form=kwargs.pop("form", None) or (CycleOpenForm() if can_open else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_cycle(request.user):
            return forbidden(request, "수립 주기는 지방시대위원회 담당자만 열 수 있습니다.")
        form = CycleOpenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            cycle = services.cycle_open(
                actor=request.user,
                year=form.cleaned_data["year"],
                deadline=form.cleaned_data["deadline"],
            )
        except CycleError as error:
            messages.error(request, error.message)
            return redirect("cycle:cycle_list")
        messages.success(request, f"{cycle.year}년 수립 주기를 열었습니다.")
        return redirect("cycle:cycle_detail", year=cycle.year)


class CycleDetailView(TemplateView):
    """The compliance board: every body of the cycle with its state, timeliness, local
    deliberation and findings, and the guidelines and resolution of the cycle."""

    template_name = "cycle/cycle_detail.html"

    def get(self, request, *args, **kwargs):
        self.cycle = cycle_of_year(kwargs["year"])
        self.rows = cycle_board(self.cycle)
        user = request.user
        self.table = BoardTable(
            self.rows,
            viewable=submissions_viewable(user, [r.submission for r in self.rows]),
            caption=f"{self.cycle.year}년 시행계획 제출 현황",
        )
        download = table_export_response(
            request, {"board": self.table}, f"{self.cycle.year}-시행계획-제출-현황"
        )
        return download or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        accepted = any(r.submission.state == SubmissionState.ACCEPTED for r in self.rows)
        can_resolve = accepted and can_manage_cycle(self.request.user)
        days_left = (self.cycle.deadline - timezone.localdate()).days
        return super().get_context_data(
            cycle=self.cycle,
            table=self.table,
            counts=state_counts(self.rows),
            note=recipients_note(self.cycle, self.rows),
            late=sum(r.submission.is_late for r in self.rows),
            days_left=days_left,
            days_over=-days_left,
            resolve_form=CycleResolveForm() if can_resolve else None,
            guidelines_form=self._guidelines_form(),
            can_view_compilation=can_view_compilation(self.request.user),
            **kwargs,
        )

    def _guidelines_form(self):
        cycle = self.cycle
        if cycle.phase == CyclePhase.RESOLVED or not can_manage_cycle(self.request.user):
            return None
        return GuidelinesForm(
            prefix=GUIDELINES_PREFIX,
            initial={
                "title": cycle.guidelines_title or f"{cycle.year}년 지방시대 시행계획 수립지침",
                "meeting": cycle.guidelines_meeting,
                "resolved_on": cycle.guidelines_date,
                "sent_on": cycle.guidelines_sent_on,
            },
        )


@csrf_exempt
@require_POST
def cycle_guidelines_view(request, year: int):
    """Committee staff record the guidelines: meeting, dates and the document. The upload
    is capped while the body is read (before the CSRF check, hence exempt + protect)."""
    cap = UploadCap(request, guidelines.MAX_BYTES)
    request.upload_handlers.insert(0, cap)
    return csrf_protect(_guidelines_record)(request, year, cap)


def _guidelines_record(request, year: int, cap: UploadCap):
    cycle = cycle_of_year(year)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("cycle:cycle_detail", args=[year]))
    if not can_manage_cycle(request.user):
        return forbidden(request, "수립지침은 지방시대위원회 담당자만 기록할 수 있습니다.")
    form = GuidelinesForm(request.POST, request.FILES, prefix=GUIDELINES_PREFIX)
    if cap.refused:
        messages.error(request, guidelines.too_large())
        return redirect("cycle:cycle_detail", year=year)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("cycle:cycle_detail", year=year)
    data = form.cleaned_data
    try:
        guidelines.cycle_guidelines_record(
            actor=request.user,
            cycle=cycle,
            title=data["title"],
            meeting=data["meeting"],
            resolved_on=data["resolved_on"],
            sent_on=data["sent_on"],
            file=data["file"],
        )
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "수립지침을 기록했습니다.")
    return redirect("cycle:cycle_detail", year=year)


def cycle_guidelines_file_view(request, year: int):
    """The guidelines document, under a name DREAM makes; public like the cycle page."""
    cycle = cycle_of_year(year)
    name = cycle.guidelines_file.name
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if not name or extension not in guidelines.CONTENT_TYPES:
        raise Http404("이 수립 주기에는 수립지침 파일이 없습니다.")
    try:
        handle = cycle.guidelines_file.open("rb")
    except FileNotFoundError:
        raise Http404("수립지침 파일을 찾지 못했습니다.") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{cycle.year}년-시행계획-수립지침{extension}",
        content_type=guidelines.CONTENT_TYPES[extension],
    )


@require_POST
def cycle_resolve_view(request, year: int):
    """The plenary's resolution, recorded by Committee staff: freezes every accepted plan."""
    cycle = cycle_of_year(year)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("cycle:cycle_detail", args=[year]))
    if not can_manage_cycle(request.user):
        return forbidden(request, "시행계획 의결은 지방시대위원회 담당자만 기록할 수 있습니다.")
    form = CycleResolveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("cycle:cycle_detail", year=year)
    try:
        versions = services.cycle_resolve(
            actor=request.user,
            cycle=cycle,
            meeting=form.cleaned_data["meeting"],
            resolved_on=form.cleaned_data["resolved_on"],
        )
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"의결을 기록했습니다. 시행계획 {len(versions)}건을 확정했습니다."
        )
    return redirect("cycle:cycle_detail", year=year)


class SubmissionDetailView(TemplateView):
    """One body's plan in a cycle: its state, dates, steps, and the forms of the steps the
    signed-in person may take now."""

    template_name = "cycle/submission_detail.html"

    def get(self, request, *args, **kwargs):
        submission = submission_named(kwargs["year"], kwargs["org"])
        if submission.organization.short_name != kwargs["org"]:
            return redirect(
                "cycle:submission_detail",
                year=kwargs["year"],
                org=submission.organization.short_name,
            )
        if not can_view_submission(request.user, submission):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return forbidden(
                request, f"{submission.organization}의 초안은 그 기관과 지방시대위원회만 봅니다."
            )
        self.submission = submission
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        submission = self.submission
        events = submission.events.select_related("actor").order_by("at", "pk")
        actions = [
            (action, action.label, ACTION_FORMS[action](prefix=action))
            for action in submission_actions(self.request.user, submission)
        ]
        return super().get_context_data(
            submission=submission,
            cycle=submission.cycle,
            events=EventTable(events, caption="처리 기록"),
            threads=comment_threads(submission),
            may_answer=may_answer(self.request.user, submission),
            actions=actions,
            **amendments_context(self.request.user, submission),
            **kwargs,
        )


@require_POST
def submission_action_view(request, year: int, org: str, action: str):
    """Take one step on a submission: 403 when the person may not, the service's Korean
    message when the state or the input does not allow it."""
    if action not in STEPS:
        raise Http404("이 처리는 없습니다.")
    action = SubmissionAction(action)
    submission = submission_named(year, org)
    back = reverse("cycle:submission_detail", args=[year, submission.organization.short_name])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if not ACTION_PERMISSIONS[action](request.user, submission):
        return forbidden(
            request, f"{submission.organization}의 시행계획에 이 처리를 할 권한이 없습니다."
        )
    form = ACTION_FORMS[action](request.POST, prefix=action)
    return step_run(
        request,
        form,
        lambda data: STEPS[action](request.user, submission, data),
        DONE[action],
        back,
    )
