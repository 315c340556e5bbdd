"""Pages of the priority tasks and their tracker: parse, check permission, call a service or
selector, render. Reading is public; the forms appear only for those `permissions.py`
allows, a write needs a login, and a refusal is a Korean message on the page (403 for a
person without the right, 422 for a state or input the service refuses), never a 500."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from dream.cycle.errors import CycleError, NotAllowed
from dream.plans.selectors import published_years
from dream.web.views import year_or_404
from dream.zones.selectors import designations_for_task

from . import selectors, services, tracker
from .choices import Half, StepStatus
from .models import Inspection, PriorityAction, PriorityItem, PriorityTask
from .permissions import (
    can_assign_owner,
    can_set_tracker,
    can_take_inspection,
    organizations_reported_for,
    owner_choices,
)


def _forbidden(request, message: str):
    return render(request, "priorities/forbidden.html", {"message": message}, status=403)


def _id(raw) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _row(model, pk: int, **lookups):
    """The row `pk` of a published year, or a Korean 404."""
    found = model.objects.filter(pk=pk, **lookups).first() if 0 < pk <= selectors.MAX_ID else None
    if found is None:
        raise Http404("찾는 중점 이행과제 자료가 없습니다.")
    return found


def _task_url(task: PriorityTask, anchor: str = "") -> str:
    url = reverse("priorities:task_detail", args=[task.year, task.position])
    return f"{url}#{anchor}" if anchor else url


class PriorityTaskListView(TemplateView):
    """중점 이행과제 (`?year=`): the year's 4+10 tasks of Ⅱ by group, with their steps' states."""

    template_name = "priorities/task_list.html"

    def get_context_data(self, **kwargs):
        year = year_or_404(self.request)
        groups = selectors.priority_task_groups(year)
        summaries = tracker.year_summaries(year, timezone.localdate())
        for group in groups:
            for task in group.tasks:
                counts = summaries.get(task.pk) or tracker.empty_counts()
                task.counts = [(StepStatus(s).label, counts[s]) for s in StepStatus.values]
        return super().get_context_data(
            year=year, groups=groups, settings=tracker.settings_for(year), **kwargs
        )


class PriorityTaskDetailView(View):
    """One task: its aims, status box, actions with owners, and their items on the year's
    months, each step with its state and reports; its inspections."""

    def get(self, request, year: int, position: int):
        return self.render_page(request, self.task(year, position))

    @staticmethod
    def task(year: int, position: int) -> PriorityTask:
        task = selectors.priority_task(year, position) if year in published_years() else None
        if task is None:
            raise Http404("이 연도와 순서의 중점 이행과제가 없습니다.")
        return task

    @staticmethod
    def render_page(request, task: PriorityTask, *, report=None, status: int = 200):
        """The page; `report` (item id and what was typed) refills a refused report form."""
        reported_for = organizations_reported_for(request.user)
        page = selectors.priority_task_page(task)
        for view in page.actions:
            view.reportable = view.owner is not None and (
                reported_for is None or view.owner.organization_id in reported_for
            )
        can_assign = can_assign_owner(request.user)
        context = {
            "page": page,
            "inspections": selectors.task_inspections(task),
            "zone": designations_for_task(task),
            "can_assign": can_assign,
            "owner_choices": list(owner_choices()) if can_assign else [],
            "statuses": StepStatus.choices,
            "report": report or {},
        }
        return render(request, "priorities/task_detail.html", context, status=status)


class TrackerWriteView(LoginRequiredMixin, View):
    """A POST that writes: login first, then the service decides."""


class ActionOwnerAssignView(TrackerWriteView):
    def post(self, request, pk: int):
        action = _row(PriorityAction, pk, task__year__in=selectors.published_year_rows())
        task = action.task
        if not can_assign_owner(request.user):
            return _forbidden(request, "지방시대위원회 담당자만 담당 기관을 지정할 수 있습니다.")
        organization = owner_choices().filter(pk=_id(request.POST.get("organization"))).first()
        try:
            owner = services.action_owner_assign(
                actor=request.user, action=action, organization=organization
            )
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"담당 기관을 {owner.organization}(으)로 정했습니다.")
        return redirect(_task_url(task, f"action-{action.position}"))


class StepReportAddView(TrackerWriteView):
    FIELDS = ("status", "as_of", "evidence", "evidence_url")

    def post(self, request, pk: int):
        item = _row(PriorityItem, pk, task__year__in=selectors.published_year_rows())
        values = {name: request.POST.get(name, "") for name in self.FIELDS}
        try:
            services.step_report_add(actor=request.user, item=item, **values)
        except CycleError as refusal:
            messages.error(request, refusal.message)
            task = PriorityTaskDetailView.task(item.task.year, item.task.position)
            status = 403 if isinstance(refusal, NotAllowed) else 422
            report = {"item_id": item.pk, **values}
            return PriorityTaskDetailView.render_page(request, task, report=report, status=status)
        messages.success(request, "이행 상황을 보고했습니다.")
        return redirect(_task_url(item.task, f"step-{item.pk}"))


class InspectionListView(View):
    """반기별 이행점검 (`?year=`): the year's inspections, the latest two compared, and the
    form to take the next one for Committee staff."""

    def get(self, request):
        return self.render_page(request, year_or_404(request))

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        year = year_or_404(request)
        remarks = {
            key.removeprefix("remark_"): value
            for key, value in request.POST.items()
            if key.startswith("remark_") and value.strip()
        }
        try:
            inspection = services.inspection_take(
                actor=request.user,
                year=year,
                half=request.POST.get("half", ""),
                taken_on=request.POST.get("taken_on", ""),
                summary=request.POST.get("summary", ""),
                remarks=remarks,
            )
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            messages.error(request, refusal.message)
            return self.render_page(request, year, typed=request.POST, status=422)
        messages.success(request, f"{inspection}을 기록했습니다.")
        return redirect("priorities:inspection_detail", inspection.pk)

    @staticmethod
    def render_page(request, year: int, typed=None, status: int = 200):
        inspections = list(Inspection.objects.filter(year=year))
        comparison = None
        if len(inspections) >= 2:
            previous, latest = inspections[-2:]
            comparison = (
                previous,
                latest,
                tracker.inspection_compare(previous.snapshot, latest.snapshot),
            )
        can_take = can_take_inspection(request.user)
        tasks = list(PriorityTask.objects.filter(year=year)) if can_take else []
        typed = typed or {}
        for task in tasks:
            task.typed_remark = typed.get(f"remark_{task.pk}", "")
        return render(
            request,
            "priorities/inspection_list.html",
            {
                "year": year,
                "inspections": inspections,
                "comparison": comparison,
                "can_take": can_take,
                "tasks": tasks,
                "halves": Half.choices,
                "typed": typed,
                "today": timezone.localdate(),
                "settings": tracker.settings_for(year),
            },
            status=status,
        )


class InspectionDetailView(View):
    """One inspection as it was taken: every task's counts and steps, and the remarks."""

    def get(self, request, pk: int):
        inspection = _row(Inspection, pk, year__in=selectors.published_year_rows())
        return render(
            request,
            "priorities/inspection_detail.html",
            {"inspection": inspection, "tasks": selectors.snapshot_tasks(inspection)},
        )


class TrackerSettingsView(View):
    """The year's tracker settings with their basis and history; the form for staff."""

    def get(self, request, year: int):
        return self.render_page(request, self.year(year))

    def post(self, request, year: int):
        year = self.year(year)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            services.tracker_settings_set(
                actor=request.user,
                year=year,
                ongoing_late_at_year_end=request.POST.get("ongoing_late_at_year_end") == "yes",
                basis=request.POST.get("basis", ""),
            )
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            messages.error(request, refusal.message)
            return self.render_page(request, year, typed=request.POST, status=422)
        messages.success(request, f"{year}년 이행 관리 설정을 저장했습니다.")
        return redirect("priorities:tracker_settings", year)

    @staticmethod
    def year(year: int) -> int:
        if year not in published_years():
            raise Http404("DREAM이 공개하는 시행계획의 연도가 아닙니다.")
        return year

    @staticmethod
    def render_page(request, year: int, typed=None, status: int = 200):
        settings = tracker.settings_for(year)
        history = settings.history.order_by("-history_date") if settings.pk else []
        return render(
            request,
            "priorities/tracker_settings.html",
            {
                "year": year,
                "settings": settings,
                "history": history,
                "can_set": can_set_tracker(request.user),
                "typed": typed,
                "default_basis": tracker.DEFAULT_BASIS,
            },
            status=status,
        )
