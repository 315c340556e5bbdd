"""Goal tracking pages: read by anyone; entering and importing actuals is for Committee staff."""

import csv
import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from dream.core.spreadsheets import formula_safe
from dream.core.uploads import UploadCap
from dream.digital.models import DigitalGoal
from dream.digital.selectors import current_digital_plan
from dream.web.tables import table_export_response

from .choices import GoalStatusKind
from .files import COLUMNS, MAX_UPLOAD_BYTES
from .forms import (
    GoalValueCorrectForm,
    GoalValueDeleteForm,
    GoalValueForm,
    GoalValuesImportForm,
)
from .models import GoalValue
from .permissions import can_record_goal_value
from .selectors import goal_history, goal_page, goal_statuses
from .services import (
    GONE,
    REFUSED,
    goal_value_correct,
    goal_value_delete,
    goal_value_record,
    goal_values_import,
)
from .tables import GoalStatusTable, GoalValueTable, TrajectoryTable


def _refusal(request):
    """Anonymous people are sent to sign in; signed-in people without the right get a
    Korean 403 page saying who may."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_record_goal_value(request.user):
        return _forbidden(request, REFUSED)
    return None


def _forbidden(request, message: str):
    return render(request, "tracking/forbidden.html", {"message": message}, status=403)


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

    def _render(self, goal, page, tables, form, bound=None):
        """The page; staff (those given the entry `form`) also get a correction and a
        deletion form for each actual (`bound`: the one sent back with its errors) and the
        goal's change history."""
        context = self.get_context_data(
            goal=goal,
            page=page,
            status=page.status,
            trajectory_table=tables["trajectory"],
            values_table=tables["values"],
            form=form,
            corrections=_correction_forms(page.values, bound) if form else [],
            history=goal_history(goal) if form else None,
        )
        return self.render_to_response(context)


def _correction_forms(values: list[GoalValue], bound) -> list[tuple]:
    """(actual, correction form, deletion form, open?) for each actual on the page."""
    rows = []
    for value in values:
        correct = GoalValueCorrectForm(goal_value=value)
        delete = GoalValueDeleteForm(goal_value=value)
        is_bound = bound is not None and bound.prefix.endswith(f"-{value.pk}")
        if is_bound:
            correct, delete = (bound, delete) if bound.action == "correct" else (correct, bound)
        rows.append((value, correct, delete, is_bound))
    return rows


class GoalValueChangeView(GoalDetailView):
    """POST …/<key>/values/<pk>/correct/ or …/delete/: correct or delete a recorded actual,
    with a reason. A refused form comes back on the goal page with its errors; a value a
    colleague changed or deleted meanwhile is reported above the page, read afresh."""

    http_method_names = ["post"]
    forms = {"correct": GoalValueCorrectForm, "delete": GoalValueDeleteForm}

    def post(self, request, key, pk, action, *args, **kwargs):
        refusal = _refusal(request)
        if refusal:
            return refusal
        goal = _goal_or_404(key)
        goal_value = GoalValue.objects.filter(pk=pk, goal=goal).first()
        back = redirect(f"{reverse('tracking:goal_detail', args=[goal.key])}#values")
        if goal_value is None:
            messages.error(request, GONE)
            return back
        form = self.forms[action](request.POST, goal_value=goal_value)
        if form.is_valid():
            try:
                self._change(action, goal_value, form.cleaned_data)
            except PermissionDenied as denied:
                return _forbidden(request, str(denied))
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                    return back
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                done = "고쳤습니다" if action == "correct" else "지웠습니다(변경 이력에 남습니다)"
                messages.success(request, f"{goal_value.year}년 실적을 {done}.")
                return back
        page = goal_page(goal)
        return self._render(goal, page, _goal_tables(goal, page), GoalValueForm(goal=goal), form)

    def _change(self, action: str, goal_value: GoalValue, data: dict) -> None:
        common = {"actor": self.request.user, "goal_value": goal_value, "seen": data["seen"]}
        if action == "correct":
            goal_value_correct(
                **common,
                value=data["value"],
                source=data["source"],
                observed_on=data["observed_on"],
                reason=data["reason"],
            )
        else:
            goal_value_delete(**common, reason=data["reason"])


@method_decorator(csrf_exempt, name="dispatch")
class GoalValuesImportView(TemplateView):
    """Upload a CSV or Excel file of actuals; every row is written, or none and the errors shown."""

    template_name = "tracking/goal_values_import.html"

    def dispatch(self, request, *args, **kwargs):
        """The cap must be in place before the CSRF check reads the body, hence Django's
        documented csrf_exempt + csrf_protect pattern for upload handlers."""
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
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
        writer.writerow(
            [goal.key, "", "", "", "", formula_safe(goal.name), formula_safe(goal.unit)]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dream-goal-values-template.csv"'
    return response
