"""A body's results page (/results/<year>/<org>/): its indicators with the printed baseline and
target, the entered actual and the computed achievement, and the forms to enter, replace and
delete actuals. Every write goes through dream.results.services, which checks the permission
and the submission's state again."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from dream.cycle.responses import forbidden, step_run
from dream.indicators.models import Indicator

from .forms import IndicatorActualDeleteForm, IndicatorActualForm
from .forms_execution import ResultActionForm
from .models import IndicatorActual
from .permissions import can_view_results, responsible_body
from .selectors import (
    MAX_ID,
    actual_history,
    body_results,
    body_results_named,
    body_submission,
)
from .services import indicator_actual_delete, indicator_actual_record
from .workflow import actions_for

REFUSED_VIEW = (
    "{body}의 {year}년 실적은 확정되기 전에는 그 기관과 지방시대위원회 구성원만 볼 수 있습니다."
)


class BodyResultsView(TemplateView):
    """The body's results of one plan year, with forms for those who may write."""

    template_name = "results/body.html"

    def get(self, request, year: int, org: str):
        plan, organization = body_results_named(year, org)
        submission = body_submission(plan, organization)
        if not can_view_results(request.user, submission):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return forbidden(request, REFUSED_VIEW.format(body=organization, year=year))
        results = body_results(plan, organization, year, request.user)
        rows = [
            (
                row,
                IndicatorActualForm(indicator=row.indicator, initial=_initial(row.actual)),
                IndicatorActualDeleteForm(indicator=row.indicator) if row.actual else None,
            )
            for row in results.rows
        ]
        return self.render_to_response(
            self.get_context_data(
                results=results,
                rows=rows,
                rules=results.rules,
                actions=actions_for(request.user, submission),
                events=submission.events.select_related("actor") if submission.pk else [],
                action_form=ResultActionForm(),
            )
        )


class ActualHistoryView(TemplateView):
    """Every step of one indicator's actuals: who entered, replaced or deleted what, and why."""

    template_name = "results/actual_history.html"

    def get(self, request, year: int, org: str, indicator: int):
        plan, organization, indicator = _indicator_of(year, org, indicator)
        if not can_view_results(request.user, body_submission(plan, organization)):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return forbidden(request, REFUSED_VIEW.format(body=organization, year=year))
        return self.render_to_response(
            self.get_context_data(
                plan=plan,
                organization=organization,
                year=year,
                indicator=indicator,
                history=actual_history(indicator),
            )
        )


@require_POST
def actual_record(request, year: int, org: str, indicator: int):
    """Enter or replace the actual of one indicator (the form's reason when replacing)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    plan, organization, indicator = _indicator_of(year, org, indicator)
    form = IndicatorActualForm(request.POST, indicator=indicator)
    return step_run(
        request,
        form,
        lambda data: indicator_actual_record(
            actor=request.user,
            indicator=indicator,
            year=year,
            value_text=data["value"],
            source=data["source"],
            observed_on=data["observed_on"],
            note=data["note"],
            reason=data["reason"],
        ),
        f"'{_short(indicator.name)}'의 {year}년 실적을 저장했습니다.",
        _back(year, organization, indicator),
    )


@require_POST
def actual_delete(request, year: int, org: str, indicator: int):
    """Delete the actual of one indicator, with a reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    plan, organization, indicator = _indicator_of(year, org, indicator)
    actual = IndicatorActual.objects.filter(indicator=indicator, year=year).first()
    if actual is None:
        raise Http404(f"이 지표의 {year}년 실적이 없습니다.")
    form = IndicatorActualDeleteForm(request.POST, indicator=indicator)
    return step_run(
        request,
        form,
        lambda data: indicator_actual_delete(
            actor=request.user, actual=actual, reason=data["reason"]
        ),
        f"'{_short(indicator.name)}'의 {year}년 실적을 지웠습니다.",
        _back(year, organization, indicator),
    )


def _indicator_of(year: int, org: str, pk: int):
    """The plan, body and indicator an address names; 404 when the body does not report on
    that indicator."""
    plan, organization = body_results_named(year, org)
    if not 1 <= pk <= MAX_ID:
        raise Http404("이 지표가 없습니다.")
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan", "task"), pk=pk, plan=plan
    )
    if responsible_body(plan, indicator.task) != organization:
        raise Http404(f"{organization}의 {year}년 실적에 이 지표가 없습니다.")
    return plan, organization, indicator


def _initial(actual: IndicatorActual | None) -> dict:
    if actual is None:
        return {}
    return {
        "value": actual.value_text,
        "source": actual.source,
        "observed_on": actual.observed_on.isoformat(),
        "note": actual.note,
    }


def _back(year: int, organization, indicator: Indicator) -> str:
    url = reverse("results:body", args=[year, organization.short_name])
    return f"{url}#indicator-{indicator.pk}"


def _short(name: str) -> str:
    return name if len(name) <= 30 else f"{name[:30]}…"
