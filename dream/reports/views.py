"""The annual report as a web page (everyone, once the year's round has closed), staff's form to
generate its files, and the files as downloads."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dream.cycle.errors import CycleError, NotAllowed
from dream.cycle.responses import forbidden

from . import services
from .models import AnnualReport, ReportFormat, ReportStatus
from .render_html import report_context
from .selectors import NoClosedRound, report_data

FILE_NAME = "{year}년-국회-보고서-{pk}.{ext}"


@require_http_methods(["GET", "POST"])
def report_page(request, year: int):
    try:
        data = report_data(year)
    except NoClosedRound as error:
        raise Http404(error.message) from None
    can_generate = services.can_generate_report(request.user)
    if request.method == "POST":
        if not can_generate:
            return forbidden(request, services.NOT_STAFF)
        try:
            job = services.annual_report_request(
                actor=request.user, year=year, format=request.POST.get("format", "")
            )
        except NotAllowed as error:
            return forbidden(request, error.message)
        except CycleError as error:
            messages.error(request, error.message)
        else:
            services.annual_report_start(job)
            messages.success(request, f"{job}을 만들기 시작했습니다.")
        return redirect("reports:report", year=year)
    jobs = AnnualReport.objects.filter(year=year).select_related("requested_by")
    if not can_generate:
        jobs = jobs.filter(status=ReportStatus.DONE)
    context = report_context(data, notes=False, absolute=False)
    context.update(
        year=year, can_generate=can_generate, formats=ReportFormat.choices, jobs=jobs[:20]
    )
    return render(request, "reports/page.html", context)


def report_file_download(request, year: int, pk: int):
    job = get_object_or_404(AnnualReport, pk=pk, year=year)
    path = services.report_file(job)
    if path is None:
        raise Http404("보고서 파일이 아직 없거나 만들지 못했습니다.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=FILE_NAME.format(year=year, pk=job.pk, ext=job.format),
    )
