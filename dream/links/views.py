"""/digital/links/: planned work for each digital task; /digital/links/review/: the
Committee's review of proposals. Views parse, check permission, call a selector or a
service, and render."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from dream.core.korean import particle
from dream.plans.models import Task
from dream.plans.selectors import latest_year
from dream.search.terms import normalise
from dream.web.tables import TableDownloadMixin

from . import selectors, services
from .choices import TRANSITIONS, LinkStatus
from .forms import BulkDecisionForm, DecisionForm, ManualLinkForm, ProposalFilterForm
from .models import TaskLink
from .permissions import can_review_links
from .services import THRESHOLD
from .tables import TaskLinkTable

TASK_SEARCH_LIMIT = 30
FORBIDDEN = "과제 연계 검토는 지방시대위원회 담당자(작성·관리 권한)만 할 수 있습니다."


class ReviewerRequiredMixin:
    """Anonymous people are sent to sign in; signed-in people who are not Committee staff
    get a Korean 403 page saying who may review."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_review_links(request.user):
            return render(request, "links/forbidden.html", {"message": FORBIDDEN}, status=403)
        return super().dispatch(request, *args, **kwargs)


class LinkOverviewView(TableDownloadMixin, SingleTableMixin, TemplateView):
    """Each digital task with its confirmed planned work, owners and money, the count of
    pending proposals, and the tasks by state (linked, awaiting review, none found);
    `?_export=csv|xlsx` downloads every link of the year (all statuses)."""

    template_name = "links/overview.html"
    table_class = TaskLinkTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        self.year = latest_year()
        self.export_name = f"{self.year}-디지털과제연계"
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        if self.year is None:
            return []
        return selectors.links(year=self.year).order_by("digital_task__position", "-score")

    def get_context_data(self, **kwargs):
        rows = selectors.coverage(year=self.year) if self.year else []
        return super().get_context_data(
            year=self.year,
            rows=rows,
            states=selectors.by_state(rows),
            pending_total=sum(row.pending for row in rows),
            can_review=can_review_links(self.request.user),
            **kwargs,
        )


class LinkReviewView(ReviewerRequiredMixin, TableDownloadMixin, SingleTableMixin, TemplateView):
    """Pending proposals (filter by digital task or area) with confirm/reject forms, and a
    task search to add a link by hand; `?_export=csv|xlsx` downloads the filtered proposals."""

    template_name = "links/review.html"
    table_class = TaskLinkTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        self.year = latest_year()
        self.export_name = f"{self.year}-연계제안"
        self.filters = ProposalFilterForm(request.GET or None)
        self.chosen = self.filters.cleaned_data if self.filters.is_valid() else {}
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        if self.year is None:
            return []
        digital_task, area = self.chosen.get("digital_task"), self.chosen.get("area")
        return selectors.pending_proposals(
            year=self.year,
            digital_task=digital_task.pk if digital_task else None,
            area=area.pk if area else None,
        )

    def get_context_data(self, **kwargs):
        query = self.chosen.get("task_q", "")
        proposals = self.get_table_data()
        return super().get_context_data(
            year=self.year,
            filters=self.filters,
            proposals=proposals,
            proposal_rows=selectors.proposal_rows(proposals),
            decided={
                status: list(selectors.decided_links(year=self.year, status=status))
                for status in (LinkStatus.CONFIRMED, LinkStatus.REJECTED)
            }
            if self.year
            else {},
            task_query=query,
            found_tasks=self.found_tasks(query) if query else [],
            manual_form=ManualLinkForm(initial={"digital_task": self.chosen.get("digital_task")}),
            threshold=THRESHOLD,
            **kwargs,
        )

    def found_tasks(self, query: str) -> list[Task]:
        """Tasks of the year whose name holds every word of `query`, for the manual link."""
        tasks = selectors.link_targets(self.year)
        for word in normalise(query).split():
            tasks = tasks.filter(name__icontains=word)
        return list(tasks[:TASK_SEARCH_LIMIT])


class LinkDetailView(ReviewerRequiredMixin, TemplateView):
    """…/review/<pk>/: one link, its history (who, when, status, note) and the decisions
    the transition table allows from its current status, withdrawal included."""

    template_name = "links/detail.html"

    def get_context_data(self, **kwargs):
        link = get_object_or_404(selectors.links(year=None), pk=self.kwargs["pk"])
        return super().get_context_data(
            link=link,
            history=selectors.link_history(link),
            actions=[
                (DECISION_OF_STATUS[status], ACTION_LABELS[DECISION_OF_STATUS[status]])
                for status in (LinkStatus.CONFIRMED, LinkStatus.REJECTED, LinkStatus.PROPOSED)
                if status in TRANSITIONS[link.status]
            ],
            **kwargs,
        )


DECISION_OF_STATUS = {
    LinkStatus.CONFIRMED: "confirm",
    LinkStatus.REJECTED: "reject",
    LinkStatus.PROPOSED: "reopen",
}
ACTION_LABELS = {"confirm": "확정", "reject": "기각", "reopen": "검토 대기로 되돌리기"}


class ReviewFormView(ReviewerRequiredMixin, View):
    """POST one review form, hand its data to one service, say what was done (or why not)
    and go back to the page it came from. A view names its form, its service call and the
    message of its result in `act`."""

    form_class: type[forms.Form]

    def post(self, request, **kwargs):
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
            return redirect(_back(request))
        try:
            done = self.act(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(_back(request))

    def act(self, data: dict) -> str:
        """Call the service with the form's data; return the message saying what was done."""
        raise NotImplementedError


class LinkDecideView(ReviewFormView):
    """POST …/review/<pk>/confirm/, …/reject/ or …/reopen/ (withdraw a confirmed link or
    restore a rejected one, with a reason): one decision, then back to the page it came from."""

    form_class = DecisionForm
    decisions = {
        "confirm": services.task_link_confirm,
        "reject": services.task_link_reject,
        "reopen": services.task_link_reopen,
    }

    def post(self, request, pk: int, decision: str):
        self.link = get_object_or_404(TaskLink, pk=pk)
        return super().post(request)

    def act(self, data: dict) -> str:
        decision = self.kwargs["decision"]
        link = self.decisions[decision](
            actor=self.request.user,
            link=self.link,
            note=data["note"],
            seen_status=data["seen_status"] or None,
        )
        done = (
            "검토 대기로 되돌렸습니다"
            if decision == "reopen"
            else f"{link.get_status_display()}했습니다"
        )
        return f"‘{link.task.name}’ 연계를 {done}."


class LinkBulkDecideView(ReviewFormView):
    """POST …/review/bulk/: the chosen proposals confirmed or rejected with one note, in
    one transaction; refused whole if any was decided meanwhile."""

    form_class = BulkDecisionForm

    def act(self, data: dict) -> str:
        result = services.task_links_decide(
            actor=self.request.user,
            link_ids=data["links"],
            status=data["decision"],
            note=data["note"],
            seen_status=LinkStatus.PROPOSED,
        )
        return str(result)


class LinkCreateView(ReviewFormView):
    """POST …/review/add/: a link made by hand, confirmed at once."""

    form_class = ManualLinkForm

    def act(self, data: dict) -> str:
        link = services.task_link_create(
            actor=self.request.user,
            digital_task=data["digital_task"],
            task=data["task"],
            note=data["note"],
        )
        name = link.task.name
        return f"‘{link.digital_task}’에 ‘{name}’{particle(name, '을')} 연계했습니다."


def _form_errors(form) -> str:
    """A refused form's messages in one line (each once), for the message above the list."""
    found = [message for errors in form.errors.values() for message in errors]
    return " ".join(dict.fromkeys(found))


def _back(request) -> str:
    """The review page (or a link's page) the form was sent from, with its filters: only
    our own review addresses."""
    back = request.POST.get("next", "")
    review = reverse("links:link_review")
    return back if back.startswith(review) else review
