"""Item remarks by Committee staff and the body's answers: who may write them, when, on
which items, who hears, and how the pages show and take them."""

from urllib.parse import unquote

import pytest
from django.core import mail
from django.urls import reverse

from dream.cycle.choices import ItemKind, SubmissionState
from dream.cycle.comments import (
    MAX_TEXT,
    comment_add,
    comment_answer,
    comment_threads,
    open_remarks,
)
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.cycle.models import ItemComment
from dream.cycle.services import submission_return

BUSAN_MEMBERS = ["busan_editor@example.kr", "busan_viewer@example.kr"]


def _in_state(submission, state):
    submission.state = state
    submission.save()
    return submission


@pytest.fixture
def submitted(busan_submission):
    return _in_state(busan_submission, SubmissionState.SUBMITTED)


def _task(submission):
    return submission.plan.tasks.order_by("pk").first()


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_staff_remark_on_a_task_is_stored_with_its_name_and_mailed_to_the_body(
    submitted, staff, personas, django_capture_on_commit_callbacks
):
    personas("busan_editor"), personas("busan_viewer")
    task = _task(submitted)

    with django_capture_on_commit_callbacks(execute=True):
        remark = comment_add(
            actor=staff, submission=submitted, item_kind=ItemKind.TASK, item_id=task.pk,
            text="  성과지표와 연결해 주세요.  ",
        )  # fmt: skip

    assert (remark.item_label, remark.text, remark.author) == (
        f"{task.code} {task.name}".strip(), "성과지표와 연결해 주세요.", staff,
    )  # fmt: skip
    assert _recipients() == BUSAN_MEMBERS
    assert task.name in mail.outbox[0].body and "성과지표와 연결해 주세요." in mail.outbox[0].body
    assert open_remarks(submitted) == [remark]


@pytest.mark.parametrize("kind", [k for k in ItemKind])
def test_every_kind_of_item_of_the_plan_can_be_remarked_on(submitted, staff, kind):
    plan = submitted.plan
    item = {
        ItemKind.PLAN: plan,
        ItemKind.STRATEGY: plan.strategies.first(),
        ItemKind.TASK: plan.tasks.first(),
        ItemKind.BUDGET: plan.budgets.first(),
        ItemKind.INDICATOR: plan.indicators.first(),
    }[kind]

    remark = comment_add(
        actor=staff, submission=submitted, item_kind=kind, item_id=item.pk, text="확인 바랍니다."
    )

    assert remark.item_label
    assert (remark.item_kind, remark.item_id) == (kind, item.pk)


def test_an_item_of_another_plan_or_an_unknown_kind_is_invalid(
    submitted, staff, ministry_submission
):
    foreign = _task(ministry_submission)
    with pytest.raises(InvalidInput, match="없습니다"):
        comment_add(
            actor=staff, submission=submitted, item_kind=ItemKind.TASK, item_id=foreign.pk,
            text="다른 기관 과제",
        )  # fmt: skip
    with pytest.raises(InvalidInput):
        comment_add(actor=staff, submission=submitted, item_kind="finding", item_id=1, text="x")
    with pytest.raises(InvalidInput):
        comment_add(
            actor=staff, submission=submitted, item_kind=ItemKind.PLAN,
            item_id=ministry_submission.plan_id, text="x",
        )  # fmt: skip
    assert not ItemComment.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "가" * (MAX_TEXT + 1), "a\x00b", "a\x01b", "a\x7f"])
def test_text_is_required_and_bounded(submitted, staff, text):
    with pytest.raises(InvalidInput):
        comment_add(
            actor=staff, submission=submitted, item_kind=ItemKind.TASK,
            item_id=_task(submitted).pk, text=text,
        )  # fmt: skip


@pytest.mark.parametrize("persona", ["busan_editor", "busan_viewer", "ministry_editor"])
def test_only_committee_staff_remark(submitted, personas, persona):
    with pytest.raises(NotAllowed):
        comment_add(
            actor=personas(persona), submission=submitted, item_kind=ItemKind.TASK,
            item_id=_task(submitted).pk, text="의견",
        )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "error"),
    [
        (SubmissionState.DRAFTING, StateConflict),
        (SubmissionState.ACCEPTED, StateConflict),
        (SubmissionState.RESOLVED, Frozen),
    ],
)
def test_remarks_and_answers_only_while_the_plan_is_under_review(
    busan_submission, staff, personas, state, error
):
    remark = comment_add(
        actor=staff, submission=_in_state(busan_submission, SubmissionState.IN_REVIEW),
        item_kind=ItemKind.PLAN, item_id=busan_submission.plan_id, text="목표를 구체적으로",
    )  # fmt: skip
    _in_state(busan_submission, state)

    with pytest.raises(error):
        comment_add(
            actor=staff, submission=busan_submission, item_kind=ItemKind.PLAN,
            item_id=busan_submission.plan_id, text="하나 더",
        )  # fmt: skip
    with pytest.raises(error):
        comment_answer(actor=personas("busan_editor"), comment=remark, text="고쳤습니다")


def test_the_body_answers_a_remark_which_is_then_no_longer_open(
    submitted, staff, personas, django_capture_on_commit_callbacks
):
    remark = comment_add(
        actor=staff, submission=submitted, item_kind=ItemKind.TASK,
        item_id=_task(submitted).pk, text="사업비 근거는?",
    )  # fmt: skip
    _in_state(submitted, SubmissionState.RETURNED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer = comment_answer(actor=personas("busan_editor"), comment=remark, text="첨부함")

    assert (answer.reply_to, answer.item_kind, answer.item_id) == (
        remark, remark.item_kind, remark.item_id,
    )  # fmt: skip
    assert open_remarks(submitted) == []
    [thread] = comment_threads(submitted)
    assert (thread.remark, thread.answers, thread.is_open) == (remark, [answer], False)
    assert _recipients() == ["committee_staff@example.kr"]
    assert "첨부함" in mail.outbox[0].body and "사업비 근거는?" in mail.outbox[0].body


def test_another_body_may_not_answer_and_an_answer_is_not_answered(submitted, staff, personas):
    remark = comment_add(
        actor=staff, submission=submitted, item_kind=ItemKind.TASK,
        item_id=_task(submitted).pk, text="확인",
    )  # fmt: skip
    with pytest.raises(NotAllowed):
        comment_answer(actor=personas("seoul_editor"), comment=remark, text="저희가 답")
    with pytest.raises(NotAllowed):
        comment_answer(actor=personas("busan_viewer"), comment=remark, text="보기만")
    answer = comment_answer(actor=personas("busan_editor"), comment=remark, text="답")
    with pytest.raises(InvalidInput):
        comment_answer(actor=staff, comment=answer, text="답의 답")


def test_the_return_mail_lists_the_open_remarks(
    submitted, staff, personas, django_capture_on_commit_callbacks
):
    personas("busan_editor")
    open_one = comment_add(
        actor=staff, submission=submitted, item_kind=ItemKind.TASK,
        item_id=_task(submitted).pk, text="목표치 상향 검토",
    )  # fmt: skip
    answered = comment_add(
        actor=staff, submission=submitted, item_kind=ItemKind.PLAN,
        item_id=submitted.plan_id, text="이미 답한 의견",
    )  # fmt: skip
    comment_answer(actor=personas("busan_editor"), comment=answered, text="반영")

    with django_capture_on_commit_callbacks(execute=True):
        submission_return(actor=staff, submission=submitted, comment="항목 의견을 보세요")

    body = mail.outbox[-1].body
    assert "답이 없는 항목 의견 1건" in body
    assert open_one.text in body and "이미 답한 의견" not in body


# The pages


def _url(submission):
    return reverse("cycle:item_comment", args=[2025, submission.organization.short_name])


def _detail(submission):
    return reverse("cycle:submission_detail", args=[2025, submission.organization.short_name])


def test_staff_remark_through_the_form_goes_back_to_a_local_next_page(client, submitted, staff):
    client.force_login(staff)
    task = _task(submitted)
    editor_page = f"/cycles/2025/{submitted.organization.short_name}/draft/"

    response = client.post(
        _url(submitted),
        {"item_kind": "task", "item_id": task.pk, "text": "근거 보완", "next": editor_page},
    )

    assert response.status_code == 302 and unquote(response["Location"]) == editor_page
    assert ItemComment.objects.get().text == "근거 보완"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/x", "//evil.example/x", "cycle:cycle_list", "/a\r\nb", ""]
)
def test_a_foreign_or_odd_next_goes_to_the_submission_page(client, submitted, staff, next_url):
    client.force_login(staff)
    response = client.post(
        _url(submitted),
        {"item_kind": "task", "item_id": _task(submitted).pk, "text": "의견", "next": next_url},
    )
    assert response.status_code == 302 and unquote(response["Location"]) == unquote(
        _detail(submitted)
    )


def test_refusals_of_the_form(client, submitted, staff, personas, ministry_submission):
    data = {"item_kind": "task", "item_id": _task(submitted).pk, "text": "의견"}
    response = client.post(_url(submitted), data)
    assert response.status_code == 302 and "/login" in response["Location"]

    client.force_login(personas("seoul_editor"))
    assert client.post(_url(submitted), data).status_code == 403
    client.force_login(personas("busan_editor"))  # may answer, not remark
    response = client.post(_url(submitted), data)
    assert response.status_code == 403 and "위원회 담당자" in response.content.decode()

    client.force_login(staff)
    foreign = {**data, "item_id": _task(ministry_submission).pk}
    response = client.post(_url(submitted), foreign, follow=True)
    assert "없습니다" in response.content.decode()
    response = client.post(_url(submitted), {"text": "항목 없음"}, follow=True)
    assert "항목" in response.content.decode()
    response = client.post(_url(submitted), {**data, "item_id": "9" * 40}, follow=True)
    assert response.status_code == 200
    assert not ItemComment.objects.exists()
    assert client.get(_url(submitted)).status_code == 405


def test_the_body_answers_on_the_submission_page_which_shows_the_threads(
    client, submitted, staff, personas
):
    remark = comment_add(
        actor=staff, submission=submitted, item_kind=ItemKind.TASK,
        item_id=_task(submitted).pk, text="연차별 목표를 적어 주세요",
    )  # fmt: skip
    client.force_login(personas("busan_editor"))
    page = client.get(_detail(submitted)).content.decode()
    assert "항목 의견" in page and "연차별 목표를 적어 주세요" in page and "답 없음" in page
    assert f'name="reply_to" value="{remark.pk}"' in page

    response = client.post(_url(submitted), {"reply_to": remark.pk, "text": "추가했습니다"})

    assert response.status_code == 302 and unquote(response["Location"]) == unquote(
        _detail(submitted)
    )
    page = client.get(_detail(submitted)).content.decode()
    assert "추가했습니다" in page and "답 없음" not in page


def test_an_answer_to_a_remark_of_another_submission_is_refused(
    client, submitted, staff, personas, ministry_submission
):
    other = comment_add(
        actor=staff, submission=_in_state(ministry_submission, SubmissionState.SUBMITTED),
        item_kind=ItemKind.TASK, item_id=_task(ministry_submission).pk, text="부처에",
    )  # fmt: skip
    client.force_login(personas("busan_editor"))
    response = client.post(_url(submitted), {"reply_to": other.pk, "text": "끼어들기"}, follow=True)
    assert "이 기관의 제출에 없습니다" in response.content.decode()
    assert not other.replies.exists()
