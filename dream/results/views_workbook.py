"""Download a body's results workbook and upload it filled (ADR 0008, Excel). The pages only
check who asks and hand the file to dream/results/workbook.py, which writes through the results
services, all or nothing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from dream.core.uploads import CappedUploadForm, UploadCap
from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .permissions import can_record_results, can_view_results
from .selectors import body_results_named, body_submission
from .workbook import XLSX_CONTENT_TYPE, results_workbook_build, results_workbook_import

REFUSED_VIEW = (
    "{body}의 {year}년 실적은 확정되기 전에는 그 기관과 지방시대위원회 구성원만 볼 수 있습니다."
)


class ResultsWorkbookForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    file = forms.FileField(
        label="Excel 파일(.xlsx)",
        help_text=f"내려받은 서식에 실적을 적은 파일. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


@require_GET
def workbook_download(request, year: int, org: str):
    """The body's results of the year as an .xlsx file, for whoever may see them."""
    plan, organization = body_results_named(year, org)
    if not can_view_results(request.user, body_submission(plan, organization)):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return forbidden(request, REFUSED_VIEW.format(body=organization, year=year))
    content = results_workbook_build(plan, organization, year)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"{year}-{organization.short_name}-추진실적.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@method_decorator(csrf_exempt, name="dispatch")
class WorkbookUploadView(TemplateView):
    """Upload the filled workbook: every row is written, or none and every error shown."""

    template_name = "results/workbook_upload.html"

    def dispatch(self, request, *args, **kwargs):
        """The cap must be in place before the CSRF check reads the body (as for the
        drafts' template)."""
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def _refusal(self, request, year: int, org: str):
        self.plan, self.organization = body_results_named(year, org)
        self.year = year
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_record_results(request.user, body_submission(self.plan, self.organization)):
            return forbidden(request, f"{self.organization}의 추진실적을 입력할 권한이 없습니다.")
        return None

    def get(self, request, year: int, org: str):
        return self._refusal(request, year, org) or self.render_to_response(
            self.get_context_data(form=ResultsWorkbookForm())
        )

    def post(self, request, year: int, org: str):
        refusal = self._refusal(request, year, org)
        if refusal:
            return refusal
        files = request.FILES  # reading the body runs the upload cap
        form = ResultsWorkbookForm(request.POST, files, too_large=self.upload_cap.refused)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        upload = form.cleaned_data["file"]
        try:
            result = results_workbook_import(
                actor=request.user,
                plan=self.plan,
                organization=self.organization,
                year=year,
                file=upload,
                filename=upload.name,
            )
        except NotAllowed as error:
            return forbidden(request, error.message)
        except CycleError as error:
            context = self.get_context_data(form=ResultsWorkbookForm(), errors=[error.message])
            return self.render_to_response(context, status=409)
        if not result.accepted:
            context = self.get_context_data(form=ResultsWorkbookForm(), errors=result.messages)
            return self.render_to_response(context, status=422)
        messages.success(
            request,
            f"Excel 파일을 반영했습니다. 저장한 행 {result.ok:,}개."
            if result.ok
            else "Excel 파일에 새로 적거나 바꾼 행이 없습니다(0개).",
        )
        return redirect("results:body", year=year, org=self.organization.short_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.plan, organization=self.organization, year=self.year, **kwargs
        )
