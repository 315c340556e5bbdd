"""The form behind every item's comment thread: Committee staff remark on an item of a
submitted draft, the body answers. The services check who and when; this view only reads
the form, says in Korean what was refused, and goes back to the page the form was on."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .comments import comment_add, comment_answer
from .errors import CycleError, NotAllowed
from .forms import ItemCommentForm
from .permissions import can_edit_submission, can_review
from .selectors import submission_named


def _back(request, form: ItemCommentForm, fallback: str) -> str:
    """The referring page when `next` is a local address, else the submission's page."""
    target = form.data.get("next", "")
    plain = target.startswith("/") and all(c.isprintable() and not c.isspace() for c in target)
    if plain and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def item_comment_view(request, year: int, org: str):
    submission = submission_named(year, org)
    fallback = reverse("cycle:submission_detail", args=[year, submission.organization.short_name])
    if not request.user.is_authenticated:
        return redirect_to_login(fallback)
    user = request.user
    if not (can_review(user, submission) or can_edit_submission(user, submission)):
        return render(
            request,
            "cycle/forbidden.html",
            {"message": f"{submission.organization}의 시행계획 항목 의견을 쓸 권한이 없습니다."},
            status=403,
        )
    form = ItemCommentForm(request.POST)
    back = _back(request, form, fallback)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    try:
        if data["reply_to"]:
            remark = submission.comments.filter(pk=data["reply_to"]).first()
            if remark is None:
                messages.error(request, "답하려는 의견이 이 기관의 제출에 없습니다.")
                return HttpResponseRedirect(back)
            comment_answer(actor=user, comment=remark, text=data["text"])
            done = "의견에 답했습니다."
        else:
            comment_add(
                actor=user,
                submission=submission,
                item_kind=data["item_kind"],
                item_id=data["item_id"],
                text=data["text"],
            )
            done = "항목 의견을 남겼습니다."
    except NotAllowed as error:
        return render(request, "cycle/forbidden.html", {"message": error.message}, status=403)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(back)
