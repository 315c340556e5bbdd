"""E-mail notices: a submission reaches the Committee's staff; a return (with its comment),
an acceptance and a resolution reach the body's members."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from dream.cycle.notifications import event_notify
from dream.cycle.services import (
    cycle_resolve,
    submission_accept,
    submission_record_local_resolution,
    submission_return,
    submission_review,
    submission_submit,
)

BUSAN_MEMBERS = ["busan_editor@example.kr", "busan_viewer@example.kr"]


@pytest.fixture
def busan_people(personas):
    return personas("busan_editor"), personas("busan_viewer")


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def _submitted(submission, editor, capture):
    with capture(execute=True):
        submission_record_local_resolution(
            actor=editor, submission=submission, resolved_on=date(2025, 1, 20)
        )
        submission_submit(actor=editor, submission=submission)


def test_a_submission_is_mailed_to_committee_staff_only(
    busan_submission, busan_people, staff, django_capture_on_commit_callbacks
):
    editor, _viewer = busan_people

    _submitted(busan_submission, editor, django_capture_on_commit_callbacks)

    assert _recipients() == ["committee_staff@example.kr"]
    assert "부산" in mail.outbox[0].subject and "제출" in mail.outbox[0].subject
    assert "/cycles/2025/" in mail.outbox[0].body


def test_a_return_is_mailed_to_the_bodys_members_with_the_comment(
    busan_submission, busan_people, staff, django_capture_on_commit_callbacks
):
    editor, _viewer = busan_people
    _submitted(busan_submission, editor, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submission_return(
            actor=staff, submission=busan_submission, comment="지표 목표를 고쳐 주세요"
        )

    assert _recipients() == BUSAN_MEMBERS
    assert "보완 요청" in mail.outbox[0].subject
    assert "의견: 지표 목표를 고쳐 주세요" in mail.outbox[0].body


def test_acceptance_and_resolution_are_mailed_to_the_bodys_members(
    busan_submission, busan_people, staff, django_capture_on_commit_callbacks
):
    editor, _viewer = busan_people
    _submitted(busan_submission, editor, django_capture_on_commit_callbacks)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission_accept(actor=staff, submission=busan_submission)
    assert _recipients() == BUSAN_MEMBERS and "접수" in mail.outbox[0].subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cycle_resolve(
            actor=staff,
            cycle=busan_submission.cycle,
            meeting="제3차 지방시대위원회",
            resolved_on=timezone.localdate(),
        )
    assert _recipients() == BUSAN_MEMBERS and "의결" in mail.outbox[0].subject
    assert "제3차 지방시대위원회" in mail.outbox[0].body


def test_starting_review_sends_nothing(
    busan_submission, busan_people, staff, django_capture_on_commit_callbacks
):
    editor, _viewer = busan_people
    _submitted(busan_submission, editor, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submission_review(actor=staff, submission=busan_submission)

    assert mail.outbox == []


def test_nobody_with_an_address_is_not_an_error(busan_submission, busan_people, staff):
    editor, viewer = busan_people
    for user in (editor, viewer):
        user.email = ""
        user.save()
    busan_submission.state = "submitted"
    busan_submission.save()
    event = submission_return(actor=staff, submission=busan_submission, comment="고쳐 주세요")

    assert event_notify(event) == 0
    assert mail.outbox == []
