"""Pages of the agency registry and the integrated performance reports: parse, check
permission, call a service or selector, render.

Reading is public (drafts only for the agency's members and Committee staff). Writing needs
a login (anonymous visitors are sent to it) and the permission of `permissions.py`; others
get the Korean 403 page. Unknown query parameters are ignored, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from dream.accounts.registry import PROVINCES
from dream.core.uploads import UploadCap
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.results.workbook import XLSX_CONTENT_TYPE
from dream.tracking.files import MAX_UPLOAD_BYTES
from dream.web.source_text import DIGITAL_TEXT, line_url

from . import selectors
from .forms import AgencyForm, AgencyUpdateForm, PerformanceWorkbookForm, ReportForm
from .models import FIRST_YEAR, LAST_YEAR, DigitalAgency, PerformanceReport
from .permissions import (
    can_edit_agency,
    can_edit_report,
    can_register_agency,
    can_report_for,
    reports_visible_to,
)
from .services import (
    agency_register,
    agency_update,
    performance_report_save,
    performance_report_submit,
)
from .workbook import performance_workbook_build, performance_workbook_import, template_filename

PROVINCE_NAMES = [short for short, _full, _capital in PROVINCES]
GROUPINGS = {"province": "시·도별", "programme": "사업별"}
MAX_PARAM = 200


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("연도가 범위를 벗어났습니다.")
    return year


def _agency(pk: int) -> DigitalAgency:
    return get_object_or_404(
        DigitalAgency.objects.select_related("organization", "province"), pk=pk
    )


def _line(line: int) -> dict:
    return {"line": line, "url": line_url(DIGITAL_TEXT, line) if DIGITAL_TEXT.lines else ""}


def _printed() -> dict:
    return {
        "agencies": selectors.PRINTED_AGENCIES,
        "provinces": selectors.PRINTED_PROVINCES,
        "agencies_source": _line(selectors.PRINTED_AGENCIES_LINE),
        "independent": selectors.PRINTED_INDEPENDENT,
        "independent_source": _line(selectors.PRINTED_INDEPENDENT_LINE),
        "example_agency": selectors.EXAMPLE_AGENCY,
        "example_amount": selectors.EXAMPLE_AMOUNT_EOK,
        "example_source": _line(selectors.EXAMPLE_LINE),
        "example_amount_source": _line(selectors.EXAMPLE_AMOUNT_LINE),
    }


def _add_errors(form, error: CycleError) -> None:
    form.add_error(None, error.message)


class AgencyListView(View):
    """The registry, with the counts the document prints beside the registered ones."""

    def get(self, request):
        agencies = selectors.agency_registry()
        return render(
            request,
            "agencies/agency_list.html",
            {
                "agencies": agencies,
                "counts": selectors.registry_counts(agencies),
                "printed": _printed(),
                "can_register": can_register_agency(request.user),
            },
        )


class AgencyDetailView(View):
    def get(self, request, pk: int):
        agency = _agency(pk)
        years = (
            reports_visible_to(request.user)
            .filter(agency=agency)
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return render(
            request,
            "agencies/agency_detail.html",
            {
                "agency": agency,
                "years": list(years),
                "source": _line(agency.source_line) if agency.source_line else None,
                "can_edit": can_edit_agency(request.user, agency),
                "can_report": can_report_for(request.user, agency),
                "members": agency.organization.memberships.select_related("user")
                if can_edit_agency(request.user, agency)
                else None,
            },
        )


class LoginFirst(View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class AgencyRegisterView(LoginFirst):
    def _render(self, request, form, status=200):
        return render(request, "agencies/agency_form.html", {"form": form}, status=status)

    def get(self, request):
        if not can_register_agency(request.user):
            return forbidden(request, "지역 디지털 진흥기관은 지방시대위원회 담당자만 등록합니다.")
        return self._render(request, AgencyForm())

    def post(self, request):
        form = AgencyForm(request.POST)
        if form.is_valid():
            try:
                agency = agency_register(actor=request.user, **form.cleaned_data)
            except NotAllowed as error:
                return forbidden(request, error.message)
            except CycleError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{agency}을(를) 등록했습니다.")
                return redirect(agency)
        elif not can_register_agency(request.user):
            return forbidden(request, "지역 디지털 진흥기관은 지방시대위원회 담당자만 등록합니다.")
        return self._render(request, form, status=422)


class AgencyUpdateView(LoginFirst):
    def _render(self, request, agency, form, status=200):
        return render(
            request,
            "agencies/agency_form.html",
            {"form": form, "agency": agency},
            status=status,
        )

    def get(self, request, pk: int):
        agency = _agency(pk)
        if not can_edit_agency(request.user, agency):
            return forbidden(
                request, "지역 디지털 진흥기관의 정보는 지방시대위원회 담당자만 고칩니다."
            )
        return self._render(
            request, agency, AgencyUpdateForm(initial=AgencyForm.initial_of(agency))
        )

    def post(self, request, pk: int):
        agency = _agency(pk)
        form = AgencyUpdateForm(request.POST)
        if form.is_valid():
            try:
                agency = agency_update(actor=request.user, agency=agency, **form.cleaned_data)
            except NotAllowed as error:
                return forbidden(request, error.message)
            except CycleError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "기관 정보를 고쳤습니다(이전 내용은 이력에 남습니다).")
                return redirect(agency)
        elif not can_edit_agency(request.user, agency):
            return forbidden(
                request, "지역 디지털 진흥기관의 정보는 지방시대위원회 담당자만 고칩니다."
            )
        return self._render(request, agency, form, status=422)


class PerformanceIntegratedView(View):
    """The Committee's integrated view of a year: every programme of a province in one view
    (`?province=부산`), or one programme across provinces (`?programme=…`), grouped by province
    or by programme (`?group=programme`)."""

    def get(self, request, year: int):
        year = _year(year)
        province = request.GET.get("province", "")
        province = province if province in PROVINCE_NAMES else ""
        programme = request.GET.get("programme", "")
        programmes = selectors.programme_names(request.user, year)
        programme = programme if len(programme) <= MAX_PARAM and programme in programmes else ""
        group = request.GET.get("group", "")
        group = group if group in GROUPINGS else ("programme" if programme else "province")
        reports = selectors.performance_reports(
            request.user, year, province=province, programme=programme
        )
        groups = (
            selectors.by_programme(reports)
            if group == "programme"
            else selectors.by_province(reports)
        )
        return render(
            request,
            "agencies/performance_integrated.html",
            {
                "year": year,
                "province": province,
                "programme": programme,
                "group": group,
                "groupings": GROUPINGS,
                "provinces": PROVINCE_NAMES,
                "programmes": programmes,
                "groups": groups,
                "total": selectors.Group("전체", reports),
                "printed": _printed(),
            },
        )


class AgencyPerformanceView(View):
    """An agency's reports of a year: read by all (drafts by its members and Committee
    staff); its writers add or change a draft here (`?report=<id>` opens one)."""

    def _context(self, request, agency, year, form=None, editing=None):
        reports = list(
            reports_visible_to(request.user)
            .filter(agency=agency, year=year)
            .select_related("ministry")
            .prefetch_related("outcomes")
            .order_by("ministry__position", "programme")
        )
        can_report = can_report_for(request.user, agency)
        if form is None and can_report:
            if editing is not None and can_edit_report(request.user, editing):
                form = ReportForm(initial=ReportForm.initial_of(editing))
            elif editing is None:
                form = ReportForm()
        return {
            "agency": agency,
            "year": year,
            "reports": reports,
            "total": selectors.Group("전체", reports),
            "form": form,
            "editing": editing,
            "can_report": can_report,
            "editable": {r.pk for r in reports if can_edit_report(request.user, r)},
            "upload_form": PerformanceWorkbookForm() if can_report else None,
        }

    def _editing(self, request, agency, year) -> PerformanceReport | None:
        raw = request.GET.get("report", "") or request.POST.get("report", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
            return None
        return (
            reports_visible_to(request.user)
            .filter(agency=agency, year=year, pk=int(raw))
            .select_related("ministry")
            .first()
        )

    def get(self, request, pk: int, year: int):
        agency, year = _agency(pk), _year(year)
        editing = self._editing(request, agency, year)
        return render(
            request,
            "agencies/agency_performance.html",
            self._context(request, agency, year, editing=editing),
        )

    def post(self, request, pk: int, year: int):
        agency, year = _agency(pk), _year(year)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_report_for(request.user, agency):
            return forbidden(request, f"{agency}의 성과를 보고할 권한이 없습니다.")
        editing = self._editing(request, agency, year)
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                report = performance_report_save(
                    actor=request.user, agency=agency, year=year, report=editing,
                    **form.service_arguments(),
                )  # fmt: skip
            except NotAllowed as error:
                return forbidden(request, error.message)
            except CycleError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{report.programme} 보고를 저장했습니다(작성 중).")
                return redirect("agencies:agency_performance", pk=agency.pk, year=year)
        context = self._context(request, agency, year, form=form, editing=editing)
        return render(request, "agencies/agency_performance.html", context, status=422)


class ReportSubmitView(LoginFirst):
    def post(self, request, pk: int, year: int, report: int):
        agency, year = _agency(pk), _year(year)
        found = get_object_or_404(PerformanceReport, pk=report, agency=agency, year=year)
        try:
            performance_report_submit(actor=request.user, report=found)
        except NotAllowed as error:
            return forbidden(request, error.message)
        except CycleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{found.programme} 보고를 제출했습니다. 이제 공개됩니다.")
        return redirect("agencies:agency_performance", pk=agency.pk, year=year)


class WorkbookDownloadView(View):
    """The template of the year, with the reports the reader may see filled in."""

    def get(self, request, pk: int, year: int):
        agency, year = _agency(pk), _year(year)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_report_for(request.user, agency):
            return forbidden(request, f"{agency}의 성과 보고 서식은 그 기관의 담당자가 씁니다.")
        response = HttpResponse(
            performance_workbook_build(agency, year), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(
            True, template_filename(agency, year)
        )
        return response


@method_decorator(csrf_exempt, name="dispatch")
class WorkbookUploadView(LoginFirst):
    """Upload the filled template: every programme written, or none and every error shown."""

    def dispatch(self, request, *args, **kwargs):
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def _render(self, request, agency, year, form, errors=(), status=200):
        return render(
            request,
            "agencies/workbook_upload.html",
            {"agency": agency, "year": year, "form": form, "errors": errors},
            status=status,
        )

    def get(self, request, pk: int, year: int):
        agency, year = _agency(pk), _year(year)
        if not can_report_for(request.user, agency):
            return forbidden(request, f"{agency}의 성과를 보고할 권한이 없습니다.")
        return self._render(request, agency, year, PerformanceWorkbookForm())

    def post(self, request, pk: int, year: int):
        agency, year = _agency(pk), _year(year)
        if not can_report_for(request.user, agency):
            return forbidden(request, f"{agency}의 성과를 보고할 권한이 없습니다.")
        form = PerformanceWorkbookForm(
            request.POST, request.FILES, too_large=self.upload_cap.refused
        )
        if not form.is_valid():
            return self._render(request, agency, year, form, status=422)
        upload = form.cleaned_data["file"]
        try:
            result = performance_workbook_import(
                actor=request.user, agency=agency, year=year, file=upload, filename=upload.name
            )
        except NotAllowed as error:
            return forbidden(request, error.message)
        if not result.accepted:
            return self._render(
                request, agency, year, PerformanceWorkbookForm(), result.messages, status=422
            )
        messages.success(request, f"Excel 파일을 반영했습니다. 저장한 사업 {result.ok:,}개.")
        return redirect("agencies:agency_performance", pk=agency.pk, year=year)
