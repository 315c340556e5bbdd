"""Generation as a job: who may ask, the progress it records, failures recorded not raised, and
the web page and API around it."""

import pytest

from dream.cycle.errors import InvalidInput, NotAllowed
from dream.reports import services
from dream.reports.models import AnnualReport, ReportStatus
from dream.reports.selectors import NoClosedRound, data_hash, report_data

REFUSED = ["anonymous", "busan_viewer", "busan_editor", "seoul_editor", "ministry_editor"]
ALLOWED = ["committee_staff", "superuser"]


@pytest.fixture
def started(monkeypatch):
    """Jobs the views started (the detached process is not spawned in tests)."""
    jobs = []
    monkeypatch.setattr(services, "annual_report_start", jobs.append)
    return jobs


def _client(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_generate_writes_the_file_with_its_hashes_and_progress(report_world, staff, media):
    job = services.annual_report_request(actor=staff, year=2024, format="pdf")
    assert (job.status, job.progress) == (ReportStatus.WAITING, 0)
    services.annual_report_generate(job)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (ReportStatus.DONE, 100, "")
    assert job.step.startswith("완료")
    assert job.data_hash == data_hash(report_data(2024))
    path = services.report_file(job)
    assert path.read_bytes().startswith(b"%PDF") and path.is_relative_to(media)
    assert len(job.sha256) == 64 and job.started_at <= job.finished_at


def test_a_failure_is_recorded_on_the_job(report_world, staff, media, monkeypatch):
    job = services.annual_report_request(actor=staff, year=2024, format="docx")

    def broken(year):
        raise RuntimeError("글꼴 없음")

    monkeypatch.setattr(services, "report_data", broken)
    services.annual_report_generate(job)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "글꼴 없음" in job.error
    assert services.report_file(job) is None


def test_request_refuses_other_formats_and_open_rounds(open_round, staff):
    with pytest.raises(InvalidInput):
        services.annual_report_request(actor=staff, year=2024, format="hwp")
    with pytest.raises(NoClosedRound):
        services.annual_report_request(actor=staff, year=2024, format="pdf")
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize("name", REFUSED)
def test_only_staff_ask_for_files_service(report_world, personas, name):
    with pytest.raises(NotAllowed):
        services.annual_report_request(actor=personas(name), year=2024, format="pdf")


@pytest.mark.parametrize("name", REFUSED + ALLOWED)
def test_only_staff_generate_from_the_page(report_world, personas, client, started, name):
    response = _client(client, personas(name)).post("/reports/2024/", {"format": "docx"})
    if name in ALLOWED:
        assert response.status_code == 302
        assert [job.format for job in started] == ["docx"]
    else:
        assert response.status_code == 403
        assert "위원회 담당자만" in response.content.decode()
        assert not started and not AnnualReport.objects.exists()


@pytest.mark.parametrize("name", REFUSED + ALLOWED)
def test_only_staff_generate_through_the_api(
    report_world, personas, client, started, token_for, name
):
    user = personas(name)
    headers = token_for(user) if user.is_authenticated else {}
    response = client.post(
        "/api/v1/annual-reports", {"year": 2024, "format": "pdf"},
        content_type="application/json", **headers,
    )  # fmt: skip
    if name in ALLOWED:
        assert response.status_code == 202
        assert response.json()["status"] == "waiting"
    else:
        assert response.status_code == (401 if name == "anonymous" else 403)
        assert not started


def test_api_status_then_file(report_world, staff, client, started, token_for, media):
    response = client.post(
        "/api/v1/annual-reports", {"year": 2024, "format": "html"},
        content_type="application/json", **token_for(staff),
    )  # fmt: skip
    job_id = response.json()["id"]
    status = client.get(f"/api/v1/annual-reports/{job_id}").json()
    assert (status["status"], status["progress"], status["file_url"]) == ("waiting", 0, None)
    assert client.get(f"/api/v1/annual-reports/{job_id}/file").status_code == 404
    services.annual_report_generate(started[0])
    status = client.get(f"/api/v1/annual-reports/{job_id}").json()
    assert (status["status"], status["progress"]) == ("done", 100)
    assert status["file_url"].endswith(f"/api/v1/annual-reports/{job_id}/file")
    download = client.get(f"/api/v1/annual-reports/{job_id}/file")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert "시행계획" in b"".join(download.streaming_content).decode()


def test_api_refuses_an_open_round_and_a_bad_format(open_round, staff, client, token_for):
    headers = token_for(staff)
    for body, status in [
        ({"year": 2024, "format": "pdf"}, 409),
        ({"year": 2024, "format": "x"}, 422),
    ]:
        response = client.post(
            "/api/v1/annual-reports", body, content_type="application/json", **headers
        )
        assert response.status_code == status
        assert response.json()["detail"]


def test_report_page_for_everyone_with_sections_and_source_links(report_world, client):
    response = client.get("/reports/2024/")
    html = response.content.decode()
    assert response.status_code == 200
    for section in ("plan", "fiscal", "execution", "achievement", "grades", "feedback", "rules"):
        assert f'id="{section}"' in html
    assert '/1511/#L1511" title="재정투입 원문 1511줄">원문</a>' in html
    assert '/1510/#L1510" title="계획액 원문 1510줄">원문</a>' in html
    assert "파일 만들기" not in html


def test_staff_see_the_form_and_the_progress_of_jobs(report_world, staff, client):
    AnnualReport.objects.create(year=2024, format="pdf", progress=40, step="PDF 만드는 중")
    html = client_for(client, staff).get("/reports/2024/").content.decode()
    assert "파일 만들기" in html
    assert 'value="40"' in html and "data-report-job=" in html


def client_for(client, user):
    client.force_login(user)
    return client


def test_report_page_of_an_open_round_is_a_korean_404(open_round, client):
    response = client.get("/reports/2024/")
    assert response.status_code == 404
    assert "종료되지 않아" in response.content.decode()


def test_download_is_an_attachment_and_missing_files_404(report_world, staff, client, media):
    job = services.annual_report_request(actor=staff, year=2024, format="docx")
    assert client.get(f"/reports/2024/files/{job.pk}/").status_code == 404
    services.annual_report_generate(job)
    response = client.get(f"/reports/2024/files/{job.pk}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/reports/2023/files/{job.pk}/").status_code == 404
