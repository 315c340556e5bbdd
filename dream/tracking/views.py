"""Goal tracking pages: read by anyone; entering and importing actuals is for Committee staff."""

import csv
import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from dream.core.spreadsheets import formula_safe
from dream.digital.models import DigitalGoal
from dream.digital.selectors import current_digital_plan
from dream.web.tables import table_export_response

from .choices import GoalStatusKind
from .files import COLUMNS, MAX_UPLOAD_BYTES
from .forms import GoalValueForm, GoalValuesImportForm
from .permissions import can_record_goal_value
from .selectors import goal_page, goal_statuses
from .services import REFUSED, goal_value_record, goal_values_import
from .tables import GoalStatusTable, GoalValueTable, TrajectoryTable


def _refusal(request):
    """Anonymous people are sent to sign in; signed-in people without the right get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_record_goal_value(request.user):
        raise PermissionDenied(REFUSED)
    return None


def _goal_or_404(key: str) -> DigitalGoal:
    plan = current_digital_plan()
    if plan is None:
        raise Http404("디지털 계획이 아직 없습니다.")
    return get_object_or_404(DigitalGoal.objects.select_related("area", "plan"), plan=plan, key=key)


def _goal_tables(goal: DigitalGoal, page) -> dict:
    return {
        "trajectory": TrajectoryTable(
            page.rows, unit=goal.unit, caption="연도별 필요 경로·실적·추세선"
        ),
        "values": GoalValueTable(page.values, unit=goal.unit, caption="입력된 실적과 출처"),
    }


def _status_counts(statuses) -> list[tuple[str, int]]:
    """(label, number of goals) for each status that occurs, in the order 순항 → 실적 없음."""
    counts = Counter(s.status for s in statuses)
    return [(kind.label, counts[kind]) for kind in GoalStatusKind if counts[kind]]


class GoalListView(TemplateView):
    """Every goal with its baseline, target, latest actual and status."""

    template_name = "tracking/goal_list.html"

    def get(self, request, *args, **kwargs):
        plan = current_digital_plan()
        statuses = goal_statuses(plan) if plan else []
        table = GoalStatusTable(statuses, caption="디지털 목표별 기준·목표·최근 실적·상태")
        download = table_export_response(request, {"goals": table}, "디지털목표")
        if download:
            return download
        context = self.get_context_data(
            plan=plan,
            headline=[s for s in statuses if s.goal.kind == "headline"],
            status_counts=_status_counts(statuses),
            table=table,
            can_record=can_record_goal_value(request.user),
        )
        return self.render_to_response(context)


class GoalDetailView(TemplateView):
    """One goal's trajectory, its actuals with their sources, and (for staff) the entry form."""

    template_name = "tracking/goal_detail.html"

    def get(self, request, key, *args, **kwargs):
        goal = _goal_or_404(key)
        page = goal_page(goal)
        tables = _goal_tables(goal, page)
        download = table_export_response(
            request, tables, goal.name, {"trajectory": "경로", "values": "실적"}
        )
        if download:
            return download
        form = GoalValueForm(goal=goal) if can_record_goal_value(request.user) else None
        return self._render(goal, page, tables, form)

    def post(self, request, key, *args, **kwargs):
        refusal = _refusal(request)
        if refusal:
            return refusal
        goal = _goal_or_404(key)
        form = GoalValueForm(request.POST, goal=goal)
        if form.is_valid():
            try:
                goal_value_record(actor=request.user, goal=goal, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"{form.cleaned_data['year']}년 실적을 저장했습니다.")
                return redirect(f"{request.path}#values")
        page = goal_page(goal)
        return self._render(goal, page, _goal_tables(goal, page), form)

    def _render(self, goal, page, tables, form):
        context = self.get_context_data(
            goal=goal,
            page=page,
            status=page.status,
            trajectory_table=tables["trajectory"],
            values_table=tables["values"],
            form=form,
        )
        return self.render_to_response(context)


class UploadCap(FileUploadHandler):
    """Stops taking in an uploaded file once it passes MAX_UPLOAD_BYTES, so an oversized
    upload is neither held in memory nor written to a temporary file; the rest of the
    request body is read and dropped by Django, and the view names the cap."""

    refused = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.refused = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@method_decorator(csrf_exempt, name="dispatch")
class GoalValuesImportView(TemplateView):
    """Upload a CSV or Excel file of actuals; every row is written, or none and the errors shown."""

    template_name = "tracking/goal_values_import.html"

    def dispatch(self, request, *args, **kwargs):
        """The cap must be in place before the CSRF check reads the body, hence Django's
        documented csrf_exempt + csrf_protect pattern for upload handlers."""
        self.upload_cap = UploadCap(request)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return _refusal(request) or self.render_to_response(
            self.get_context_data(form=GoalValuesImportForm())
        )

    def post(self, request, *args, **kwargs):
        refusal = _refusal(request)
        if refusal:
            return refusal
        files = request.FILES  # reading the body runs the upload cap
        form = GoalValuesImportForm(request.POST, files, too_large=self.upload_cap.refused)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = goal_values_import(actor=request.user, file=upload, filename=upload.name)
            if result.ok:
                changes = result.changes
                messages.success(
                    request,
                    f"{upload.name}: 새 실적 {changes['created']}건, 바꾼 실적 {changes['replaced']}건, "
                    f"같아서 그대로 둔 실적 {changes['unchanged']}건.",
                )
                return redirect("tracking:goal_list")
        return self.render_to_response(self.get_context_data(form=form, result=result))


def goal_values_template(request):
    """A CSV to fill in: the columns the import reads, one line per goal with its key.

    The name and unit columns are for the person filling it in; the import ignores them,
    and lines left without year, value, source and date are skipped.
    """
    plan = current_digital_plan()
    goals = plan.goals.order_by("kind", "area__position", "position") if plan else []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [korean for korean, _english in COLUMNS.values()] + ["목표명(참고)", "단위(참고)"]
    )
    for goal in goals:
        writer.writerow([goal.key, "", "", "", "", formula_safe(goal.name), formula_safe(goal.unit)])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dream-goal-values-template.csv"'
    return response
