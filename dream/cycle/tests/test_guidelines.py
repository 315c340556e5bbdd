"""A cycle's guidelines (수립지침): Committee staff record the meeting, the dates and the
document; the document is checked by its bytes and size, stored under a name DREAM makes
and downloadable from the cycle page."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.cycle.guidelines import MAX_BYTES, cycle_guidelines_record
from dream.cycle.models import Cycle

PDF = b"%PDF-1.7\n" + b"0" * 2048


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def record(actor, cycle, **overrides):
    fields = {
        "title": "2025년 지방시대 시행계획 수립지침",
        "meeting": "제9차 지방시대위원회",
        "resolved_on": date(2024, 11, 20),
        "sent_on": date(2024, 11, 22),
        "file": SimpleUploadedFile("지침(최종).pdf", PDF, content_type="application/pdf"),
    }
    return cycle_guidelines_record(actor=actor, cycle=cycle, **{**fields, **overrides})


def test_staff_record_the_guidelines_with_their_document(staff, cycle_2025, media):
    cycle = record(staff, cycle_2025)
    cycle.refresh_from_db()
    assert (cycle.guidelines_meeting, cycle.guidelines_date, cycle.guidelines_sent_on) == (
        "제9차 지방시대위원회",
        date(2024, 11, 20),
        date(2024, 11, 22),
    )
    assert cycle.guidelines_file.name == "cycle/guidelines/2025-guidelines.pdf"
    assert (media / cycle.guidelines_file.name).read_bytes() == PDF
    assert cycle.history.first().history_user == staff


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("지침.exe", b"MZ" + b"0" * 100, "가운데 하나"),
        ("지침.pdf", b"<html>not a pdf</html>", "이름만 바꾼"),
        ("지침.hwp", PDF, "이름만 바꾼"),
        ("지침.pdf", b"%PDF-" + b"0" * MAX_BYTES, "너무 큽니다"),
    ],
)
def test_a_file_that_is_not_a_bounded_document_is_refused(staff, cycle_2025, name, content, why):
    with pytest.raises(InvalidInput, match=why):
        record(staff, cycle_2025, file=SimpleUploadedFile(name, content))
    assert not Cycle.objects.get(pk=cycle_2025.pk).guidelines_file


def test_dates_must_fit_the_cycle(staff, cycle_2025):
    with pytest.raises(InvalidInput, match="송부일은 의결일과 같거나"):
        record(staff, cycle_2025, sent_on=date(2024, 11, 1))
    with pytest.raises(InvalidInput, match="2024년이나 2025년"):
        record(staff, cycle_2025, resolved_on=date(2020, 1, 1))
    with pytest.raises(InvalidInput, match="제출 기한"):
        record(staff, cycle_2025, resolved_on=None, sent_on=date(2025, 3, 1))


def test_only_staff_record_them_and_never_on_a_resolved_cycle(personas, cycle_2025, staff):
    with pytest.raises(NotAllowed):
        record(personas("busan_editor"), cycle_2025)
    cycle_2025.phase = "resolved"
    cycle_2025.save()
    with pytest.raises(StateConflict):
        record(staff, cycle_2025)


def test_the_page_records_them_and_anyone_downloads_the_document(client, staff, cycle_2025):
    client.force_login(staff)
    page = reverse("cycle:cycle_detail", args=[2025])
    form = client.get(page).content.decode()
    assert "수립지침 기록" in form and 'enctype="multipart/form-data"' in form

    response = client.post(
        reverse("cycle:cycle_guidelines", args=[2025]),
        {
            "guidelines-title": "2025년 수립지침",
            "guidelines-meeting": "제9차 지방시대위원회",
            "guidelines-resolved_on": "2024-11-20",
            "guidelines-sent_on": "2024-11-22",
            "guidelines-file": SimpleUploadedFile("x.pdf", PDF),
        },
    )
    assert response.status_code == 302
    client.logout()
    shown = client.get(page).content.decode()
    assert "2025년 수립지침" in shown and "수립지침 기록" not in shown
    download = client.get(reverse("cycle:cycle_guidelines_file", args=[2025]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_the_page_refuses_others_and_says_why(client, personas, staff, cycle_2025):
    url = reverse("cycle:cycle_guidelines", args=[2025])
    assert client.post(url, {"guidelines-title": "x"}).status_code == 302  # to the login page
    client.force_login(personas("busan_editor"))
    assert client.post(url, {"guidelines-title": "x"}).status_code == 403
    client.force_login(staff)
    response = client.post(
        url,
        {"guidelines-title": "x", "guidelines-file": SimpleUploadedFile("x.pdf", b"nope")},
        follow=True,
    )
    assert "이름만 바꾼 파일은 받지 않습니다" in response.content.decode()
    assert client.get(reverse("cycle:cycle_guidelines_file", args=[2025])).status_code == 404


def test_an_oversized_upload_is_dropped_while_read_and_csrf_still_holds(client, staff, cycle_2025):
    from django.test import Client

    url = reverse("cycle:cycle_guidelines", args=[2025])
    client.force_login(staff)
    big = SimpleUploadedFile("x.pdf", b"%PDF-" + b"0" * (MAX_BYTES + 1))
    response = client.post(url, {"guidelines-title": "x", "guidelines-file": big}, follow=True)
    assert "20 MB까지" in response.content.decode()
    assert not Cycle.objects.get(pk=cycle_2025.pk).guidelines_file

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    assert strict.post(url, {"guidelines-title": "x"}).status_code == 403
