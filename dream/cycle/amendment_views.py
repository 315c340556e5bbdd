"""The amendment forms of the submission page: start one (with its reason) and take its
steps. Thin: the services in `amendments.py` check the permission and the state again."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from .amendments import (
    AMENDMENT_STEP_LABELS,
    AMENDMENT_STEPS,
    amendment_actions,
    amendment_may_start,
    amendment_named,
    amendment_start,
)
from .errors import CycleError, NotAllowed
from .forms import AmendmentResolveForm, AmendmentStartForm, CommentForm, ReturnForm
from .models import Amendment
from .responses import forbidden, step_run
from .selectors import submission_named

AMENDMENT_FORMS = {
    "submit": CommentForm,
    "return": ReturnForm,
    "withdraw": CommentForm,
    "resolve": AmendmentResolveForm,
}
DONE = {
    "submit": "변경 계획을 지방시대위원회에 제출했습니다.",
    "return": "변경 계획의 보완을 요청했습니다.",
    "withdraw": "변경 계획을 철회했습니다. 초안 사본을 지웠습니다.",
    "resolve": "변경 계획의 의결을 기록했습니다. 시행계획의 새 판을 만들었습니다.",
}


def amendments_context(user, submission) -> dict:
    """The submission page's "변경 계획" section: each amendment with the forms of the
    steps `user` may take on it, and the start form when it may start one."""
    rows = []
    for amendment in submission.amendments.select_related("created_by", "version").order_by(
        "number"
    ):
        amendment.submission = submission
        forms = [
            (
                step,
                AMENDMENT_STEP_LABELS[step],
                AMENDMENT_FORMS[step](prefix=f"amendment-{amendment.number}-{step}"),
            )
            for step in amendment_actions(user, amendment)
        ]
        rows.append((amendment, forms))
    start = (
        AmendmentStartForm(prefix="amendment") if amendment_may_start(user, submission) else None
    )
    return {"amendments": rows, "amendment_start_form": start}


@require_POST
def amendment_start_view(request, year: int, org: str):
    submission = submission_named(year, org)
    back = reverse("cycle:submission_detail", args=[year, submission.organization.short_name])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    form = AmendmentStartForm(request.POST, prefix="amendment")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    try:
        amendment = amendment_start(
            actor=request.user, submission=submission, reason=form.cleaned_data["reason"]
        )
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(
        request,
        f"변경 계획 {amendment.number}번을 시작했습니다. 의결된 계획의 사본을 고친 뒤 제출하세요.",
    )
    return redirect("cycle:draft_edit", year=year, org=submission.organization.short_name)


@require_POST
def amendment_action_view(request, year: int, org: str, number: int, action: str):
    if action not in AMENDMENT_STEPS:
        raise Http404("이 처리는 없습니다.")
    submission = submission_named(year, org)
    back = reverse("cycle:submission_detail", args=[year, submission.organization.short_name])
    try:
        amendment = amendment_named(submission, number)
    except Amendment.DoesNotExist:
        raise Http404("이 변경 계획은 없습니다.") from None
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    form = AMENDMENT_FORMS[action](request.POST, prefix=f"amendment-{number}-{action}")
    return step_run(
        request,
        form,
        lambda data: AMENDMENT_STEPS[action](request.user, amendment, data),
        DONE[action],
        back,
    )
