"""Download a draft as the Excel template and upload it back (issue 9, Drafting). The
pages only check who asks and hand the file to dream/cycle/workbook.py, which applies it
through the drafting services, all or nothing."""

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
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .errors import CycleError, NotAllowed
from .permissions import can_edit_submission, can_view_submission
from .responses import forbidden
from .selectors import submission_named
from .workbook import XLSX_CONTENT_TYPE, WorkbookRefused, workbook_apply, workbook_build


class WorkbookUploadForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    file = forms.FileField(
        label="Excel 파일(.xlsx)",
        help_text=f"내려받은 서식을 고친 파일. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


@require_GET
def workbook_download_view(request, year: int, org: str):
    """The draft pre-filled as an .xlsx file, for whoever may see the draft."""
    submission = submission_named(year, org)
    if not can_view_submission(request.user, submission):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return forbidden(
            request, f"{submission.organization}의 초안은 그 기관과 지방시대위원회만 봅니다."
        )
    if submission.working_plan is None:
        messages.error(request, "아직 초안이 없습니다. 먼저 전년 계획에서 초안을 만드세요.")
        return redirect(
            "cycle:submission_detail", year=year, org=submission.organization.short_name
        )
    response = HttpResponse(workbook_build(submission.working_plan), content_type=XLSX_CONTENT_TYPE)
    name = f"{year}-{submission.organization.short_name}-시행계획-초안.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@method_decorator(csrf_exempt, name="dispatch")
class WorkbookUploadView(TemplateView):
    """Upload the edited template: every row is applied, or none and every error shown."""

    template_name = "cycle/workbook_upload.html"

    def dispatch(self, request, *args, **kwargs):
        """The cap must be in place before the CSRF check reads the body (as for the
        tracking import of actuals)."""
        self.upload_cap = UploadCap(request, MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, self.upload_cap)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def _refusal(self, request, year: int, org: str):
        self.submission = submission_named(year, org)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit_submission(request.user, self.submission):
            return forbidden(
                request, f"{self.submission.organization}의 시행계획을 고칠 권한이 없습니다."
            )
        return None

    def get(self, request, year: int, org: str):
        return self._refusal(request, year, org) or self.render_to_response(
            self.get_context_data(form=WorkbookUploadForm())
        )

    def post(self, request, year: int, org: str):
        refusal = self._refusal(request, year, org)
        if refusal:
            return refusal
        files = request.FILES  # reading the body runs the upload cap
        form = WorkbookUploadForm(request.POST, files, too_large=self.upload_cap.refused)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            changed = workbook_apply(
                actor=request.user,
                submission=self.submission,
                content=form.cleaned_data["file"].read(MAX_UPLOAD_BYTES + 1),
            )
        except NotAllowed as error:
            return forbidden(request, error.message)
        except CycleError as error:
            context = self.get_context_data(form=WorkbookUploadForm(), errors=[error.message])
            return self.render_to_response(context, status=409)
        except WorkbookRefused as refused:
            context = self.get_context_data(form=WorkbookUploadForm(), errors=refused.errors)
            return self.render_to_response(context, status=422)
        messages.success(
            request,
            f"Excel 파일을 반영했습니다. 바뀐 항목 {changed:,}개."
            if changed
            else "Excel 파일에 바뀐 항목이 없습니다(0개).",
        )
        return redirect(
            "cycle:submission_detail", year=year, org=self.submission.organization.short_name
        )

    def get_context_data(self, **kwargs):
        submission = self.submission
        return super().get_context_data(submission=submission, cycle=submission.cycle, **kwargs)
