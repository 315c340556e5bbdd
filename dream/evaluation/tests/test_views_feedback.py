"""The feedback and 지특회계 pages: what each persona sees and may post, the link form of the
draft editor, the upload's all-or-nothing answer, and addresses that must not lead away."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dream.cycle.choices import ItemKind
from dream.cycle.drafting import submission_roll_forward
from dream.cycle.tests.conftest import cycle_2025, sectoral_2024  # noqa: F401
from dream.evaluation import feedback
from dream.evaluation.choices import FeedbackKind, FeedbackState, MatchStatus
from dream.evaluation.models import SpecialAccountResult
from dream.plans.choices import TaskKind

from .feedback_setup import graded_busan

CSV = "계정,사업명,기관,등급,점수\n자율계정,자치역량 강화 사업,부산,우수,80\n"


@pytest.fixture
def action(busan_2024, staff):
    grade = graded_busan(busan_2024, staff)
    return feedback.feedback_action_raise(
        actor=staff, grade=grade, kind=FeedbackKind.NEXT_PLAN, organization=grade.unit.organization,
        due_step="plan_drafting", description="성과지표 재설정",
    )  # fmt: skip


def page(client, user=None):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("evaluation:feedback", args=[2024]))


def test_the_body_and_staff_see_the_action_others_do_not(client, action, personas, staff):
    assert "성과지표 재설정" in page(client, personas("busan_viewer")).content.decode()
    assert "성과지표 재설정" not in page(client, personas("seoul_editor")).content.decode()
    html = page(client, staff).content.decode()
    assert "성과지표 재설정" in html and 'name="raise-grade"' in html


def test_anonymous_sees_the_actions_once_the_round_is_closed(client, action):
    assert page(client).status_code == 302
    action.round.closed_at = timezone.now()
    action.round.save()
    assert "성과지표 재설정" in page(client).content.decode()


def test_declined_action_shows_its_reason(client, action, personas):
    feedback.feedback_action_decline(
        actor=personas("busan_editor"), action=action, reason="예산 사정으로 다음 해에 반영"
    )
    html = page(client, personas("busan_viewer")).content.decode()
    assert "미반영" in html and "예산 사정으로 다음 해에 반영" in html


def test_the_draft_editor_links_the_action(client, action, cycle_2025, personas):  # noqa: F811
    editor = personas("busan_editor")
    submission = cycle_2025.submissions.get(organization=action.organization)
    draft = submission_roll_forward(actor=editor, submission=submission)
    rolled = draft.tasks.get(kind=TaskKind.CORE)
    client.force_login(editor)
    url = reverse("cycle:draft_edit", args=[2025, "부산"])
    assert (
        reverse("evaluation:feedback_act", args=[2024, action.pk, "link"])
        in client.get(url).content.decode()
    )
    response = client.post(
        reverse("evaluation:feedback_act", args=[2024, action.pk, "link"]),
        {"plan": draft.pk, "item_kind": ItemKind.TASK, "item_id": rolled.pk, "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    action.refresh_from_db()
    assert (action.state, action.linked_item_id) == (FeedbackState.LINKED, rolled.pk)


def test_next_leading_away_is_ignored_and_unknown_steps_are_404(client, action, personas):
    client.force_login(personas("busan_editor"))
    url = reverse("evaluation:feedback_act", args=[2024, action.pk, "decline"])
    response = client.post(url, {"reason": "사유", "next": "https://evil.example/"})
    assert response["Location"].startswith("/evaluations/2024/feedback/")
    bad = client.post(reverse("evaluation:feedback_act", args=[2024, action.pk, "delete"]))
    assert bad.status_code == 404


def test_a_refused_step_is_told_not_a_500(client, action, personas):
    client.force_login(personas("busan_editor"))
    url = reverse("evaluation:feedback_act", args=[2024, action.pk, "done"])
    response = client.post(url, {"reason": "했음"}, follow=True)
    assert response.status_code == 200
    assert "차년도 시행계획 반영 조치는" in response.content.decode()


def special(client, staff, content, name="지특.csv"):
    client.force_login(staff)
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("evaluation:special_account", args=[2024]), {"file": file})


def test_upload_shows_rows_and_proposed_match(client, action, staff):
    response = special(client, staff, CSV.encode())
    assert response.status_code == 302
    html = client.get(reverse("evaluation:special_account", args=[2024])).content.decode()
    assert "자치역량 강화 사업" in html and "제안" in html and "80.0점" in html


def test_a_bad_row_is_listed_and_nothing_stored(client, action, staff):
    response = special(client, staff, (CSV + "없는계정,사업,부산,,\n").encode())
    assert response.status_code == 422
    assert "3행" in response.content.decode()
    assert not SpecialAccountResult.objects.exists()


def test_a_non_spreadsheet_is_refused(client, action, staff):
    response = special(client, staff, b"%PDF-1.4 ...", name="결과.pdf")
    assert response.status_code == 422
    assert "CSV(.csv) 또는 Excel(.xlsx)" in response.content.decode()


def test_template_download_and_staff_match(client, action, staff, busan_2024):
    response = client.get(reverse("evaluation:special_account_template", args=[2024]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    special(client, staff, CSV.encode())
    result = SpecialAccountResult.objects.get()
    task = busan_2024.tasks.get(kind=TaskKind.CORE)
    url = reverse("evaluation:special_account_match", args=[2024, result.pk])
    assert client.post(url, {"task": task.pk}).status_code == 302
    result.refresh_from_db()
    assert (result.match_status, result.matched_task_id) == (MatchStatus.CONFIRMED, task.pk)
    assert client.post(url, {"task": "abc"}).status_code == 302
    client.post(url, {"task": ""})
    result.refresh_from_db()
    assert result.match_status == MatchStatus.NONE


def test_the_bodys_results_page_shows_its_special_account_rows(client, action, staff):
    special(client, staff, CSV.encode())
    html = client.get(reverse("results:body", args=[2024, "부산"])).content.decode()
    section = html.split('id="special-account"')[1]
    assert "자치역량 강화 사업" in section and "80.0점" in section
