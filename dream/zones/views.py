"""Pages of the zone designation registry: parse, check permission, call a service or
selector, render. Reading is public; writing needs a login (anonymous visitors are sent to
it) and the permission of `permissions.py`; others get a Korean 403 page, and a refusal of
the service is shown on the form it came from."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from dream.cycle.errors import CycleError, NotAllowed
from dream.web.views import year_or_404

from . import selectors, services
from .caps import APPLIED_FACT, CAP_BASIS, PROCEDURE_BASIS, SILENT
from .choices import DesignationStage
from .forms import (
    DesignationApplyForm,
    DesignationDecideForm,
    DesignationUpdateForm,
    DesignationWithdrawForm,
)
from .models import ZoneDesignation
from .permissions import can_change_designation, can_decide_designation, provinces_applied_for

BASIS = {
    "cap_basis": CAP_BASIS,
    "procedure_basis": PROCEDURE_BASIS,
    "applied_fact": APPLIED_FACT,
    "silent": SILENT,
}


def _forbidden(request, message: str):
    return render(request, "zones/forbidden.html", {"message": message}, status=403)


def _designation_or_404(pk: int) -> ZoneDesignation:
    designation = selectors.designation(pk)
    if designation is None:
        raise Http404("이 번호의 특구 지정 신청이 없습니다.")
    return designation


def _id(raw) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


class ZoneRegistryView(View):
    """특구 지정 (`?year=`): every zone task of the year with its designations by province,
    each province's area against its cap, and the printed rules they are read from."""

    def get(self, request):
        year = year_or_404(request)
        return render(
            request,
            "zones/registry.html",
            {
                "year": year,
                "zones": selectors.registry(year),
                "can_apply": provinces_applied_for(request.user).exists(),
                **BASIS,
            },
        )


class DesignationDetailView(View):
    """One designation: its fields, its province's usage against the cap, the decisions that
    moved it and every recorded change; the forms its viewer may use."""

    def get(self, request, pk: int):
        designation = _designation_or_404(pk)
        return render(request, "zones/designation_detail.html", self.context(request, designation))

    @staticmethod
    def context(request, designation: ZoneDesignation, decide_form=None, withdraw_form=None):
        stage = designation.stage
        stages = services.NEXT_STAGES.get(stage, ())
        may_decide = bool(stages) and can_decide_designation(request.user)
        may_change = can_change_designation(request.user, designation)
        may_withdraw = stage in services.PENDING_STAGES and may_change
        if may_decide and decide_form is None:
            decide_form = DesignationDecideForm(stages=stages)
        if may_withdraw and withdraw_form is None:
            withdraw_form = DesignationWithdrawForm()
        return {
            "designation": designation,
            "usage": selectors.province_usage(designation.task, designation.province),
            "decisions": selectors.decisions(designation),
            "history": selectors.history(designation),
            "decide_form": decide_form if may_decide else None,
            "withdraw_form": withdraw_form if may_withdraw else None,
            "can_edit": may_change and stage == DesignationStage.APPLIED,
            **BASIS,
        }


class ZoneWriteView(LoginRequiredMixin, View):
    """A page that writes: login first, then a 403 page naming what is missing."""


class DesignationApplyView(ZoneWriteView):
    """`?task=<id>`: register a province's application (its members, or Committee staff)."""

    def _provinces(self, request):
        provinces = provinces_applied_for(request.user)
        if not provinces.exists():
            raise NotAllowed(
                "시·도의 작성 권한이 있는 담당자나 위원회 담당자만 특구 지정 신청을 등록할 수 "
                "있습니다."
            )
        return provinces

    def _render(self, request, form, status=200):
        return render(request, "zones/designation_form.html", {"form": form}, status=status)

    def get(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = DesignationApplyForm(provinces=provinces)
        task = _id(request.GET.get("task"))
        if task is not None and form.fields["task"].queryset.filter(pk=task).exists():
            form.initial["task"] = task
        if provinces.count() == 1:
            form.initial["province"] = provinces.first().pk
        return self._render(request, form)

    def post(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = DesignationApplyForm(request.POST, provinces=provinces)
        if form.is_valid():
            try:
                designation = services.designation_apply(actor=request.user, **form.cleaned_data)
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "특구 지정 신청을 등록했습니다(단계: 신청).")
                return redirect("zones:designation_detail", designation.pk)
        return self._render(request, form, status=422)


class DesignationUpdateView(ZoneWriteView):
    """Correct the name or area of an application still at 신청."""

    def _designation(self, request, pk):
        designation = _designation_or_404(pk)
        if not can_change_designation(request.user, designation):
            raise NotAllowed(
                f"{designation.province}의 작성 권한이 있는 담당자나 위원회 담당자만 고칠 수 "
                "있습니다."
            )
        return designation

    def _render(self, request, form, designation, status=200):
        context = {"form": form, "designation": designation}
        return render(request, "zones/designation_form.html", context, status=status)

    def get(self, request, pk: int):
        try:
            designation = self._designation(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = DesignationUpdateForm(
            initial={"name": designation.name, "area_text": designation.area_text}
        )
        return self._render(request, form, designation)

    def post(self, request, pk: int):
        try:
            designation = self._designation(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = DesignationUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.designation_update(
                    actor=request.user, designation=designation, **form.cleaned_data
                )
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "신청을 고쳤습니다.")
                return redirect("zones:designation_detail", designation.pk)
        return self._render(request, form, designation, status=422)


class DesignationDecideView(ZoneWriteView):
    """POST: the Committee's next step (Committee staff)."""

    def post(self, request, pk: int):
        designation = _designation_or_404(pk)
        if not can_decide_designation(request.user):
            return _forbidden(
                request, "위원회의 심의·의결과 지정 여부는 위원회 담당자만 기록합니다."
            )
        stages = services.NEXT_STAGES.get(designation.stage, ())
        form = DesignationDecideForm(request.POST, stages=stages)
        if form.is_valid():
            try:
                services.designation_decide(
                    actor=request.user, designation=designation, **form.cleaned_data
                )
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                self._done(request, designation)
                return redirect("zones:designation_detail", designation.pk)
        elif not stages:
            form.add_error(
                None, f"이미 {designation.get_stage_display()} 단계에서 끝난 신청입니다."
            )
        designation.refresh_from_db()
        messages.error(request, "기록하지 못했습니다. " + " ".join(form.non_field_errors()))
        context = DesignationDetailView.context(request, designation, decide_form=form)
        return render(request, "zones/designation_detail.html", context, status=422)

    @staticmethod
    def _done(request, designation: ZoneDesignation) -> None:
        designation.refresh_from_db()
        messages.success(request, f"{designation.get_stage_display()} 단계를 기록했습니다.")
        usage = selectors.province_usage(designation.task, designation.province)
        if designation.stage == DesignationStage.DESIGNATED and usage.over_cap:
            messages.warning(
                request,
                f"{designation.province}의 지정 면적 합계({usage.designated.normalize():f}만평)가 "
                f"면적 상한({usage.cap.pyeong}만평, 원문 l.{CAP_BASIS.first_line})을 넘습니다. "
                "상한은 시·도가 지키는 계획의 규칙이라 DREAM은 기록하고 경고로 보여 줍니다.",
            )


class DesignationWithdrawView(ZoneWriteView):
    """POST: withdraw an application not yet decided (the province or Committee staff)."""

    def post(self, request, pk: int):
        designation = _designation_or_404(pk)
        if not can_change_designation(request.user, designation):
            return _forbidden(
                request,
                f"{designation.province}의 작성 권한이 있는 담당자나 위원회 담당자만 철회할 수 "
                "있습니다.",
            )
        form = DesignationWithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.designation_withdraw(
                    actor=request.user, designation=designation, **form.cleaned_data
                )
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "신청을 철회했습니다.")
                return redirect("zones:designation_detail", designation.pk)
        designation.refresh_from_db()
        messages.error(request, "철회하지 못했습니다. " + " ".join(form.non_field_errors()))
        context = DesignationDetailView.context(request, designation, withdraw_form=form)
        return render(request, "zones/designation_detail.html", context, status=422)
