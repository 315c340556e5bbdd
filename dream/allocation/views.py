"""Pages of the allocation: parse, check permission, call a service or selector, render.

The year page and the runs are public; writing and the what-if need a login (anonymous
visitors are sent to it) and Committee staff; others get a Korean 403 page."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.cycle.errors import CycleError, InvalidInput

from . import rules, selectors, services
from .models import AllocationRun, BaseAmount, Measure, ProvinceScoreOverride, TurnkeyProgramme
from .permissions import can_manage_allocation

YEARS = services.YEARS
MAX_FIELD = 50


def _year_or_404(year: int) -> int:
    if year not in YEARS:
        raise Http404
    return year


def _denied(request):
    """Anonymous → login; others → the Korean 403 page; None when allowed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_allocation(request.user):
        return render(
            request, "allocation/forbidden.html", {"message": services.REFUSED}, status=403
        )
    return None


def _param(data, name: str) -> str:
    return str(data.get(name, ""))[:MAX_FIELD].strip()


class AllocationIndexView(View):
    """The years with base amounts or runs, and the printed programmes."""

    def get(self, request):
        years = sorted(
            set(BaseAmount.objects.values_list("year", flat=True))
            | set(AllocationRun.objects.values_list("year", flat=True)),
            reverse=True,
        )
        return render(
            request,
            "allocation/index.html",
            {
                "years": years,
                "programmes": TurnkeyProgramme.objects.all(),
                "can_manage": can_manage_allocation(request.user),
                "open_years": [timezone.localdate().year + n for n in (0, 1)],
            },
        )


def _year_context(request, year: int, **extra) -> dict:
    settings = selectors.settings_for(year)
    programmes = list(TurnkeyProgramme.objects.all())
    amounts = {
        (row.province_id, row.programme_id): row
        for row in BaseAmount.objects.filter(year=year).select_related("entered_by")
    }
    provinces = selectors.provinces()
    rows = []
    for province in provinces:
        cells = [amounts.get((province.pk, p.pk)) for p in programmes]
        if any(cells):
            total = sum((c.amount_eok for c in cells if c), Decimal(0))
            rows.append({"province": province, "cells": cells, "total": total})
    weights = selectors.weights_of(settings)
    return {
        "year": year,
        "settings": settings,
        "settings_saved": settings.pk is not None,
        "cap_percent": settings.cap * 100,
        "weights": [(m.value, m.label, weights[m.value]) for m in Measure],
        "programmes": programmes,
        "rows": rows,
        "base_total": sum((r["total"] for r in rows), Decimal(0)),
        "overrides": ProvinceScoreOverride.objects.filter(year=year).select_related("province"),
        "runs": selectors.latest_runs(year),
        "provinces": provinces,
        "measures": Measure.choices,
        "can_manage": can_manage_allocation(request.user),
        "not_fixed": selectors.NOT_FIXED,
        "printed_cap_line": 1124,
        "programme_line": 1120,
        **extra,
    }


class AllocationYearView(View):
    def get(self, request, year: int):
        return render(request, "allocation/year.html", _year_context(request, _year_or_404(year)))


class _YearWriteView(View):
    """A POST that calls one service; a refusal is shown on the year page (422)."""

    def post(self, request, year: int):
        year = _year_or_404(year)
        denied = _denied(request)
        if denied:
            return denied
        try:
            done = self.act(request, year)
        except CycleError as error:
            context = _year_context(request, year, error=error.message)
            return render(request, "allocation/year.html", context, status=422)
        messages.success(request, done[0])
        return redirect(*done[1])


def _province(name: str) -> Organization:
    found = Organization.objects.filter(kind=OrganizationKind.PROVINCE, short_name=name).first()
    if not found:
        raise InvalidInput("시·도를 골라 주세요.")
    return found


class BaseAmountSetView(_YearWriteView):
    def act(self, request, year):
        programme = TurnkeyProgramme.objects.filter(
            pk=int(p)
            if (p := _param(request.POST, "programme")).isascii() and p.isdigit() and len(p) < 10
            else 0
        ).first()
        if not programme:
            raise InvalidInput("사업을 골라 주세요.")
        row = services.base_amount_set(
            actor=request.user,
            year=year,
            province=_province(_param(request.POST, "province")),
            programme=programme,
            amount_text=request.POST.get("amount", "")[:MAX_FIELD],
        )
        return f"{row.province} {row.programme} 기준액을 {row.amount_eok}억원으로 저장했습니다.", (
            "allocation:year",
            year,
        )


class SettingsSetView(_YearWriteView):
    def act(self, request, year):
        services.settings_set(
            actor=request.user,
            year=year,
            cap=_percent_as_ratio(_param(request.POST, "cap_percent")),
            budget_neutral=request.POST.get("budget_neutral") == "1",
            weights={m.value: _param(request.POST, f"weight_{m.value}") or "0" for m in Measure},
            note=request.POST.get("note", "")[:2000],
        )
        return f"{year}년 배분 설정을 저장했습니다.", ("allocation:year", year)


def _percent_as_ratio(text: str) -> Decimal:
    number = rules.decimal_checked(text or "x", "차등화 상한(%)")
    return number / 100


class OverrideSetView(_YearWriteView):
    def act(self, request, year):
        row = services.score_override_set(
            actor=request.user,
            year=year,
            province=_province(_param(request.POST, "province")),
            measure=_param(request.POST, "measure"),
            value=_param(request.POST, "value") or "x",
            reason=request.POST.get("reason", "")[:2000],
        )
        return f"{row.province} {row.get_measure_display()} 값을 저장했습니다.", (
            "allocation:year",
            year,
        )


class RunCreateView(_YearWriteView):
    def act(self, request, year):
        run = services.allocation_run(
            actor=request.user, year=year, label=request.POST.get("label", "")[:200]
        )
        return f"배분을 실행했습니다({run.pk}호).", ("allocation:run_detail", run.pk)


class RunDetailView(View):
    """A run: every province's base, score, change, amount and why, with the rule."""

    def get(self, request, pk: int):
        run = get_object_or_404(AllocationRun.objects.select_related("created_by"), pk=pk)
        return render(request, "allocation/run_detail.html", _result_context(run.result, run=run))


def _result_context(result: dict, **extra) -> dict:
    lines = [
        {
            **line,
            "base": Decimal(line["base"]),
            "amount": Decimal(line["amount"]),
            "change_percent": Decimal(line["change_percent"]),
            "difference": Decimal(line["amount"]) - Decimal(line["base"]),
        }
        for line in result["lines"]
    ]
    return {
        "result": result,
        "lines": lines,
        "cap_percent": Decimal(result["cap"]) * 100,
        "base_total": Decimal(result["base_total"]),
        "amount_total": Decimal(result["amount_total"]),
        "remainder": Decimal(result["remainder"]),
        "not_fixed": selectors.NOT_FIXED,
        "printed_cap_line": 1124,
        **extra,
    }


class WhatIfView(View):
    """The year's allocation under other weights or scores, computed on the server; nothing
    is saved. `?weight_<measure>=` and `?score_<시·도>=` (0–1) change the inputs."""

    def get(self, request, year: int):
        year = _year_or_404(year)
        denied = _denied(request)
        if denied:
            return denied
        settings = selectors.settings_for(year)
        saved = selectors.weights_of(settings)
        weights = {
            m.value: _param(request.GET, f"weight_{m.value}") or str(saved[m.value])
            for m in Measure
        }
        scores = {
            name: value
            for name in rules.PROVINCE_NAMES
            if (value := _param(request.GET, f"score_{name}"))
        }
        context = {"year": year, "weights_in": weights, "scores_in": scores, "measures": Measure}
        try:
            checked = {
                name: rules.decimal_checked(value, f"{name} 점수") for name, value in scores.items()
            }
            result = services.what_if_year(year, weights, checked)
            baseline = services.compute(services.inputs_gather(year))
        except CycleError as error:
            context["error"] = error.message
            return render(request, "allocation/what_if.html", context, status=422)
        before = {line["province"]: Decimal(line["amount"]) for line in baseline["lines"]}
        context.update(_result_context(result))
        for line in context["lines"]:
            line["saved_amount"] = before[line["province"]]
            line["moved"] = line["amount"] - before[line["province"]]
        return render(request, "allocation/what_if.html", context)
