"""Pages of the register: parse, check permission, call a service or selector, render.

Reading is public. Writing needs a login (anonymous visitors are sent to it) and the
permission of `permissions.py`; others get a Korean 403 page; a refusal of a service is a
message on the task's page, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from dream.accounts.models import Organization
from dream.accounts.permissions import organizations_written_for
from dream.core.uploads import UploadCap
from dream.cycle.errors import CycleError, NotAllowed
from dream.tracking.files import MAX_UPLOAD_BYTES

from . import selectors, services
from .choices import BudgetStage, ClosureStep, TaskState
from .forms import (
    BudgetForwardForm,
    BudgetOpinionForm,
    BudgetRequestForm,
    ClassifyForm,
    ClosureRequestForm,
    ClosureStepForm,
    ImportForm,
    TaskCreateForm,
    TaskForm,
    WithdrawForm,
)
from .importing import (
    CSV_CONTENT_TYPE,
    TEMPLATE_NAME,
    XLSX_CONTENT_TYPE,
    regional_tasks_import,
    template_csv,
    workbook_build,
)
from .models import BudgetRequest, RegionalPolicyTask
from .permissions import (
    can_classify_task,
    can_edit_task,
    can_forward_budget,
    can_import_tasks,
    can_record_budget_opinion,
    can_record_closure_step,
    can_register_task,
    can_request_closure,
    can_submit_budget,
    can_withdraw_closure,
)

PAGE_SIZE = 100
LARGEST_YEAR = 32767  # what the year column holds; a larger year in an address is a 404


def _forbidden(request, message: str):
    return render(request, "regional_tasks/forbidden.html", {"message": message}, status=403)


def _task_or_404(pk: int) -> RegionalPolicyTask:
    task = selectors.task_or_none(pk)
    if task is None:
        raise Http404("이 지역정책과제가 없습니다.")
    return task


def _writable_provinces(user):
    """The provinces `user` may register tasks for (can_register_task of each, asked at
    once), in registry order."""
    written = organizations_written_for(user)
    return [p for p in selectors.provinces() if written is None or p.pk in written]


def _page(request, tasks):
    return Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))


class LoginFirst(View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class RegisterOverviewView(View):
    """지역정책과제: counts by province × 관리 구분 beside the printed 660 / 414 / 255, the
    province map, and the list (`?province=&state=&plan=`)."""

    def get(self, request):
        counts = selectors.register_counts()
        found = selectors.task_filter(request.GET)
        tiles, legend = selectors.count_tiles(counts, found.state)
        user = request.user
        return render(
            request,
            "regional_tasks/overview.html",
            {
                "counts": counts,
                "states": TaskState.labels,
                "state_choices": TaskState.choices,
                "tiles": tiles,
                "legend": legend,
                "filter": found,
                "provinces": [row.province for row in counts.rows],
                "page": _page(request, found.apply(selectors.tasks_listed())),
                "announced_per_province": selectors.ANNOUNCED_PER_PROVINCE,
                "pledges": selectors.PLEDGES,
                "pledges_url": selectors.plan_line_url(selectors.PLEDGES_LINE),
                "can_import": can_import_tasks(user),
                "can_register": bool(_writable_provinces(user)),
            },
        )


class ProvinceTasksView(View):
    """One province's tasks (`/regional-tasks/부산/?state=&plan=`) with its counts."""

    def get(self, request, province: str):
        found = selectors.province_named(province)
        if found is None:
            raise Http404("이 시·도를 찾을 수 없습니다.")
        counts = selectors.register_counts()
        row = next(r for r in counts.rows if r.province.pk == found.pk)
        task_filter = selectors.task_filter(request.GET)
        task_filter.province = found
        return render(
            request,
            "regional_tasks/province.html",
            {
                "province": found,
                "row": row,
                "state_counts": list(zip(TaskState.labels, row.states, strict=True)),
                "state_choices": TaskState.choices,
                "filter": task_filter,
                "page": _page(request, task_filter.apply(selectors.tasks_listed())),
                "announced_per_province": selectors.ANNOUNCED_PER_PROVINCE,
                "announced_url": selectors.plan_line_url(selectors.ANNOUNCED_LINE),
                "can_register": can_register_task(request.user, found),
            },
        )


def _next_closure_step(path):
    return next((p.step for p in path if not p.done), None)


class TaskDetailView(View):
    """A task: its fields, the closure path's three steps, every transition, the budget
    requests and the change history; the forms of the actions the visitor may take."""

    def get(self, request, pk: int):
        task = _task_or_404(pk)
        return render(request, "regional_tasks/task_detail.html", self.context(request, task))

    @staticmethod
    def context(request, task: RegionalPolicyTask) -> dict:
        user = request.user
        path = selectors.closure_path(task)
        open_state = task.state in services.OPEN_STATES
        closing = task.state == TaskState.CLOSING
        next_step = _next_closure_step(path) if closing else None
        requests = selectors.task_budget_requests(task)
        budget_rows = [
            {
                "request": budget,
                "opinion_form": BudgetOpinionForm(initial={"opinion": budget.ministry_opinion})
                if budget.stage != BudgetStage.FORWARDED
                and task.ministry is not None
                and can_record_budget_opinion(user, task)
                else None,
                "forward_form": BudgetForwardForm()
                if budget.stage == BudgetStage.MINISTRY_OPINION and can_forward_budget(user)
                else None,
            }
            for budget in requests
        ]
        classify_form = None
        if open_state and can_classify_task(user):
            classify_form = ClassifyForm()
            classify_form.fields["to_state"].choices = [
                (s.value, s.label) for s in services.OPEN_STATES if s != task.state
            ]
        step_form = None
        if next_step is not None and can_record_closure_step(user, task, next_step):
            step_form = ClosureStepForm(initial={"step": next_step.value})
            if next_step != ClosureStep.INSPECTION_REPORT:
                del step_form.fields["inspection"]
        return {
            "task": task,
            "path": path,
            "closing": closing,
            "next_step": next_step,
            "transitions": selectors.task_transitions(task),
            "budget_rows": budget_rows,
            "history": task.history.select_related("history_user").order_by("history_date"),
            "can_edit": task.state != TaskState.CLOSED and can_edit_task(user, task),
            "classify_form": classify_form,
            "request_form": ClosureRequestForm()
            if open_state and can_request_closure(user, task)
            else None,
            "step_form": step_form,
            "withdraw_form": WithdrawForm()
            if closing and can_withdraw_closure(user, task)
            else None,
            "budget_form": BudgetRequestForm()
            if task.in_comprehensive_plan
            and task.state != TaskState.CLOSED
            and can_submit_budget(user, task)
            else None,
            "closure_url": selectors.plan_line_url(637),
            "budget_url": selectors.plan_line_url(622),
            "sorting_url": selectors.plan_line_url(616),
        }


class TaskCreateView(LoginFirst):
    def _provinces(self, request):
        provinces = _writable_provinces(request.user)
        if not provinces:
            raise NotAllowed("시·도의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 등록합니다.")
        return provinces

    def _render(self, request, form, status=200):
        return render(
            request,
            "regional_tasks/task_form.html",
            {"form": form, "creating": True},
            status=status,
        )

    def get(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        chosen = selectors.province_named(request.GET.get("province"), provinces)
        initial = {"province": chosen} if chosen else {}
        return self._render(
            request, TaskCreateForm(provinces=_queryset(provinces), initial=initial)
        )

    def post(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = TaskCreateForm(request.POST, provinces=_queryset(provinces))
        if form.is_valid():
            try:
                task = services.regional_task_register(actor=request.user, **form.cleaned_data)
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "지역정책과제를 등록했습니다.")
                return redirect("regional_tasks:task_detail", task.pk)
        return self._render(request, form, status=422)


def _queryset(provinces):
    return Organization.objects.filter(pk__in=[p.pk for p in provinces]).order_by("position")


class TaskUpdateView(LoginFirst):
    def _task(self, request, pk):
        task = _task_or_404(pk)
        if not can_edit_task(request.user, task):
            raise NotAllowed(
                f"{task.province}의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 고칩니다."
            )
        return task

    def _render(self, request, task, form, status=200):
        return render(
            request, "regional_tasks/task_form.html", {"form": form, "task": task}, status=status
        )

    def get(self, request, pk: int):
        try:
            task = self._task(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        initial = {name: getattr(task, name) for name in services.TASK_FIELDS}
        return self._render(request, task, TaskForm(initial=initial))

    def post(self, request, pk: int):
        try:
            task = self._task(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                services.regional_task_update(actor=request.user, task=task, **form.cleaned_data)
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "과제를 고쳤습니다.")
                return redirect("regional_tasks:task_detail", task.pk)
        return self._render(request, task, form, status=422)


def _form_errors(form) -> str:
    """A bound form's errors as one Korean line: "결정일: 날짜를 입력하세요." """
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "기록하지 못했습니다. " + " ".join(parts)


def _budget_request(task: RegionalPolicyTask, year: int) -> BudgetRequest:
    if not 0 < year <= LARGEST_YEAR:
        raise Http404("이 연도의 예산 요구가 없습니다.")
    found = task.budget_requests.filter(year=year).first()
    if found is None:
        raise Http404("이 연도의 예산 요구가 없습니다.")
    return found


# action → (form, the service call with the form's data, what the page says when done)
ACTIONS = {
    "classify": (
        ClassifyForm,
        lambda user, task, year, data: services.regional_task_classify(
            actor=user, task=task, **data
        ),
        "관리 구분을 바꿨습니다.",
    ),
    "closure_request": (
        ClosureRequestForm,
        lambda user, task, year, data: services.closure_request(actor=user, task=task, **data),
        "종결요청을 기록했습니다. 종결은 시·도·부처 협의, 전문위 논의, 반기별 이행점검 결과 보고를 "
        "거쳐 확정됩니다.",
    ),
    "closure_step": (
        ClosureStepForm,
        lambda user, task, year, data: services.closure_step_record(actor=user, task=task, **data),
        "종결 절차를 기록했습니다.",
    ),
    "closure_withdraw": (
        WithdrawForm,
        lambda user, task, year, data: services.closure_withdraw(actor=user, task=task, **data),
        "종결요청을 철회했습니다. 앞의 관리 구분으로 돌아갔습니다.",
    ),
    "budget_submit": (
        BudgetRequestForm,
        lambda user, task, year, data: services.budget_request_submit(
            actor=user, task=task, **data
        ),
        "예산 요구를 제출했습니다.",
    ),
    "budget_opinion": (
        BudgetOpinionForm,
        lambda user, task, year, data: services.budget_opinion_record(
            actor=user, request=_budget_request(task, year), **data
        ),
        "부처 협의 의견을 기록했습니다.",
    ),
    "budget_forward": (
        BudgetForwardForm,
        lambda user, task, year, data: services.budget_forward(
            actor=user, request=_budget_request(task, year), **data
        ),
        "기획재정부 송부를 기록했습니다.",
    ),
}


class TaskActionView(LoginFirst):
    """POST only: one of ACTIONS (`action` from the URL) on the task; back to its page with
    what was done or why not."""

    action = ""

    def post(self, request, pk: int, year: int = 0):
        task = _task_or_404(pk)
        form_class, call, done = ACTIONS[self.action]
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
            return redirect("regional_tasks:task_detail", task.pk)
        try:
            call(request.user, task, year, form.cleaned_data)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, done)
        return redirect("regional_tasks:task_detail", task.pk)


class TemplateDownloadView(View):
    """The empty template, CSV or Excel (`kind` from the URL)."""

    kind = ""

    def get(self, request):
        if self.kind == "csv":
            body, content_type, name = template_csv(), CSV_CONTENT_TYPE, f"{TEMPLATE_NAME}.csv"
        else:
            body, content_type, name = workbook_build(), XLSX_CONTENT_TYPE, f"{TEMPLATE_NAME}.xlsx"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class RegisterDownloadView(View):
    """The registered tasks in the template's shape (`?province=`), to edit and upload back."""

    def get(self, request):
        found = selectors.task_filter(request.GET)
        tasks = found.apply(selectors.tasks_listed())
        name = f"지역정책과제-{found.province.short_name if found.province else '전체'}.xlsx"
        response = HttpResponse(workbook_build(tasks), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


@method_decorator(csrf_exempt, name="dispatch")
class ImportView(LoginFirst):
    """Upload a filled template: every row written, or none and every error shown."""

    def dispatch(self, request, *args, **kwargs):
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def _render(self, request, form, errors=(), status=200):
        return render(
            request,
            "regional_tasks/import.html",
            {"form": form, "errors": errors},
            status=status,
        )

    def get(self, request):
        if not can_import_tasks(request.user):
            return _forbidden(
                request, "시·도의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 가져옵니다."
            )
        return self._render(request, ImportForm())

    def post(self, request):
        if not can_import_tasks(request.user):
            return _forbidden(
                request, "시·도의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 가져옵니다."
            )
        form = ImportForm(request.POST, request.FILES, too_large=self.upload_cap.refused)
        if not form.is_valid():
            return self._render(request, form, status=422)
        upload = form.cleaned_data["file"]
        try:
            result = regional_tasks_import(actor=request.user, file=upload, filename=upload.name)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        if not result.accepted:
            return self._render(request, ImportForm(), result.messages, status=422)
        messages.success(
            request,
            f"가져왔습니다: 새로 등록 {result.created:,}건, 고침 {result.updated:,}건, "
            f"그대로 {result.unchanged:,}건.",
        )
        return redirect("regional_tasks:overview")
