"""Pages of the district registry: parse, check permission, call a service or selector, render.

Reading is public. Writing needs a login (anonymous visitors are sent to it) and the
permission of `permissions.py`; others get a 403 page that says in Korean why.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django_tables2 import RequestConfig

from dream.accounts.registry import PROVINCES
from dream.core.korean import particle
from dream.web.tables import table_export_response

from . import selectors
from .choices import Stage
from .forms import (
    DistrictRegisterForm,
    DistrictUpdateForm,
    MeasureRecordForm,
    PlanDraftForm,
    PlanReviewForm,
    PlanSubmitForm,
    StageChangeForm,
)
from .models import DevelopmentPlan, InnovationDistrict
from .permissions import (
    can_change_district_stage,
    can_edit_district,
    can_record_district_measure,
    can_record_plan_review,
    can_submit_development_plan,
    provinces_writable_by,
)
from .plans import PLAN_LINE, development_plan_draft, development_plan_submit, plan_review_record
from .services import (
    district_measure_record,
    district_register,
    district_stage_change,
    district_update,
)
from .tables import DistrictTable, MeasureTable, StageChangeTable

PROVINCE_NAMES = [short for short, _full, _capital in PROVINCES]
# `?stage=` as written in links; anything else ("²", 5,000 digits) is ignored like an
# unknown province.
STAGES = {str(value): value for value in Stage.values}


def _forbidden(request, message: str):
    return render(request, "districts/forbidden.html", {"message": message}, status=403)


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields of the same name, others on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class DistrictListView(View):
    """The registry: target progress, the map, and the table of districts.

    `?province=부산&stage=2&sort=-latest_firms`; `?_export=csv|xlsx` downloads the
    districts, with `&table=measures` their figures over time.
    """

    def get(self, request):
        province = request.GET.get("province", "")
        province = province if province in PROVINCE_NAMES else ""
        stage = STAGES.get(request.GET.get("stage", ""))
        districts = selectors.district_registry(province=province, stage=stage)
        table = DistrictTable(districts)
        RequestConfig(request, paginate=False).configure(table)
        download = table_export_response(
            request,
            {
                "districts": table,
                "measures": lambda: MeasureTable(selectors.measures_of(districts)),
            },
            "디지털혁신지구",
            {"districts": "지구목록", "measures": "측정값"},
        )
        if download:
            return download
        return render(
            request,
            "districts/district_list.html",
            {
                "table": table,
                "progress": selectors.district_target_progress(),
                "tiles": selectors.districts_by_province(),
                "legend": selectors.map_legend(),
                "province": province,
                "stage": stage,
                "provinces": PROVINCE_NAMES,
                "stages": Stage.choices,
                "can_register": provinces_writable_by(request.user).exists(),
                "threshold_line": selectors.STAGE2_EXAMPLE_LINE,
                "threshold_url": selectors.digital_plan_line_url(selectors.STAGE2_EXAMPLE_LINE),
            },
        )


def _detail(request, district, *, measure_form=None, stage_form=None, plan_forms=None):
    """The district page, with the forms its reader may use (bound after a failed POST)."""
    measures = list(district.measures.order_by("kind", "name", "year"))
    changes = list(district.stage_changes.order_by("decided_on", "recorded_at", "pk"))
    if can_record_district_measure(request.user, district):
        measure_form = measure_form or MeasureRecordForm()
    if can_change_district_stage(request.user, district):
        stage_form = stage_form or StageChangeForm(district=district)
    can_edit = can_edit_district(request.user, district)
    plan_forms = plan_forms or {}
    can_plan = can_submit_development_plan(request.user, district)
    can_review = can_record_plan_review(request.user, district)
    return render(
        request,
        "districts/district_detail.html",
        {
            "district": district,
            "measure_table": MeasureTable(measures, exclude=("province", "district")),
            "trend": selectors.firm_trend(measures),
            "changes": changes,
            "stages": Stage.choices,
            "measure_form": measure_form,
            "stage_form": stage_form,
            "can_edit": can_edit,
            "history": selectors.district_history(district) if can_edit else None,
            "source_url": selectors.district_source_url(district),
            "checks": selectors.stage2_checks_from_measures(measures),
            "threshold_line": selectors.STAGE2_EXAMPLE_LINE,
            "threshold_url": selectors.digital_plan_line_url(selectors.STAGE2_EXAMPLE_LINE),
            "plan_line": PLAN_LINE,
            "plan_url": selectors.digital_plan_line_url(PLAN_LINE),
            "plans": selectors.development_plans_of(district, with_drafts=can_plan),
            "plan_form": plan_forms.get("draft") or (PlanDraftForm() if can_plan else None),
            "submit_form": PlanSubmitForm() if can_plan else None,
            "submit_errors": plan_forms.get("submit"),
            "review_form": plan_forms.get("review") or (PlanReviewForm() if can_review else None),
            "failed_plan": plan_forms.get("plan_pk"),
        },
    )


def _district_or_404(pk: int) -> InnovationDistrict:
    return get_object_or_404(
        InnovationDistrict.objects.select_related("province", "operator_organization"), pk=pk
    )


class DistrictDetailView(View):
    """A district: details, figures over time, stage history; forms for permitted users.

    `?_export=csv|xlsx` downloads its figures, with `&table=stages` its stage history.
    """

    def get(self, request, pk: int):
        district = _district_or_404(pk)
        download = table_export_response(
            request,
            {
                "measures": lambda: MeasureTable(selectors.measures_of([district])),
                "stages": lambda: StageChangeTable(district.stage_changes.all()),
            },
            district.name,
            {"measures": "측정값", "stages": "단계변경이력"},
        )
        return download or _detail(request, district)


class DistrictWriteView(LoginRequiredMixin, View):
    """A page that writes: login first, then a 403 page naming what is missing."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return _forbidden(request, str(denied))


class DistrictRegisterView(DistrictWriteView):
    """The registration form: Committee staff for any province, editors for their own."""

    def _check(self, user) -> None:
        if not provinces_writable_by(user).exists():
            raise PermissionDenied(
                "디지털 혁신지구를 등록할 권한이 없습니다. "
                "지방시대위원회 또는 시·도의 작성 권한이 필요합니다."
            )

    def get(self, request):
        self._check(request.user)
        return self._render(request, DistrictRegisterForm(user=request.user))

    def post(self, request):
        self._check(request.user)
        form = DistrictRegisterForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                district = district_register(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request, f"{district.name}{particle(district.name, '을')} 1단계로 등록했습니다."
                )
                return redirect(district)
        return self._render(request, form)

    def _render(self, request, form):
        return render(request, "districts/district_form.html", {"form": form})


class DistrictUpdateView(DistrictWriteView):
    """…/<pk>/edit/: correct a district's details with a reason, for those who may
    register districts in its province."""

    def _district(self, request, pk: int) -> InnovationDistrict:
        district = _district_or_404(pk)
        if not can_edit_district(request.user, district):
            raise PermissionDenied("이 디지털 혁신지구의 정보를 고칠 권한이 없습니다.")
        return district

    def get(self, request, pk: int):
        district = self._district(request, pk)
        return self._render(
            request, district, DistrictUpdateForm(user=request.user, district=district)
        )

    def post(self, request, pk: int):
        district = self._district(request, pk)
        form = DistrictUpdateForm(request.POST, user=request.user, district=district)
        if form.is_valid():
            try:
                district = district_update(
                    actor=request.user, district=district, **form.cleaned_data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{district.name}의 정보를 고쳤습니다(이전 내용은 변경 이력에 남습니다).",
                )
                return redirect(district)
        return self._render(request, district, form)

    def _render(self, request, district, form):
        return render(
            request, "districts/district_update.html", {"district": district, "form": form}
        )


class DistrictMeasureRecordView(DistrictWriteView):
    """POST: record (or correct) one yearly figure of a district."""

    def post(self, request, pk: int):
        district = _district_or_404(pk)
        if not can_record_district_measure(request.user, district):
            raise PermissionDenied("이 디지털 혁신지구의 측정값을 기록할 권한이 없습니다.")
        form = MeasureRecordForm(request.POST)
        if form.is_valid():
            try:
                measure, created = district_measure_record(
                    actor=request.user, district=district, **form.cleaned_data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                verb = "기록했습니다" if created else "고쳤습니다(이전 값은 이력에 남습니다)"
                messages.success(request, f"{measure.year}년 {measure.label} 값을 {verb}.")
                return redirect(district)
        return _detail(request, district, measure_form=form)


class DistrictStageChangeView(DistrictWriteView):
    """POST: move a district to the next (or previous) stage as the committee decided."""

    def post(self, request, pk: int):
        district = _district_or_404(pk)
        if not can_change_district_stage(request.user, district):
            raise PermissionDenied(
                "디지털 혁신지구의 단계는 지방시대위원회 담당자만 바꿀 수 있습니다."
            )
        form = StageChangeForm(request.POST, district=district)
        if form.is_valid():
            try:
                change = district_stage_change(
                    actor=request.user, district=district, **form.cleaned_data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
                district = _district_or_404(pk)  # someone may have moved it meanwhile
            else:
                stage = change.get_to_stage_display()
                messages.success(request, f"{stage}{particle(stage, '으로')} 바꿨습니다.")
                return redirect(district)
        return _detail(request, district, stage_form=form)


class _PlanWriteView(DistrictWriteView):
    """POST on a district's plan: parse, check permission, call the service, back to the page."""

    def _plan(self, district, plan_pk: int) -> DevelopmentPlan:
        return get_object_or_404(DevelopmentPlan, pk=plan_pk, district=district)


class PlanDraftView(_PlanWriteView):
    """POST: draft a development plan for the district (its province's editors)."""

    def post(self, request, pk: int):
        district = _district_or_404(pk)
        if not can_submit_development_plan(request.user, district):
            raise PermissionDenied("이 디지털 혁신지구의 발전계획을 작성할 권한이 없습니다.")
        form = PlanDraftForm(request.POST)
        if form.is_valid():
            try:
                development_plan_draft(actor=request.user, district=district, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request, "발전계획을 작성했습니다. 제출하면 적합성 검토를 받을 수 있습니다."
                )
                return redirect(district)
        return _detail(request, district, plan_forms={"draft": form})


class PlanSubmitView(_PlanWriteView):
    """POST: submit a drafted plan to the government."""

    def post(self, request, pk: int, plan_pk: int):
        district = _district_or_404(pk)
        if not can_submit_development_plan(request.user, district):
            raise PermissionDenied("이 디지털 혁신지구의 발전계획을 제출할 권한이 없습니다.")
        plan = self._plan(district, plan_pk)
        form = PlanSubmitForm(request.POST)
        if form.is_valid():
            try:
                development_plan_submit(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, "발전계획을 제출했습니다.")
                return redirect(district)
        return _detail(request, district, plan_forms={"submit": form, "plan_pk": plan.pk})


class PlanReviewView(_PlanWriteView):
    """POST: record the suitability review of a submitted plan (Committee staff)."""

    def post(self, request, pk: int, plan_pk: int):
        district = _district_or_404(pk)
        if not can_record_plan_review(request.user, district):
            raise PermissionDenied(
                "발전계획 적합성 검토 결과는 지방시대위원회 담당자만 기록합니다."
            )
        plan = self._plan(district, plan_pk)
        form = PlanReviewForm(request.POST)
        if form.is_valid():
            try:
                review = plan_review_record(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request, f"적합성 검토 결과({review.get_outcome_display()})를 기록했습니다."
                )
                return redirect(district)
        return _detail(request, district, plan_forms={"review": form, "plan_pk": plan.pk})
