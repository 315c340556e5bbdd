"""`dream remind` (for cron): bodies of an open cycle that have not submitted hear of the
deadline when it is near or has passed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dream.cycle.choices import CyclePhase

BUSAN_MEMBERS = ["busan_editor@example.kr", "busan_viewer@example.kr"]


@pytest.fixture
def busan_people(personas):
    return personas("busan_editor"), personas("busan_viewer")


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def deadline_in(cycle_2025):
    def set_deadline(days: int):
        cycle_2025.deadline = timezone.localdate() + timedelta(days=days)
        cycle_2025.save()
        return cycle_2025

    return set_deadline


def test_remind_mails_members_of_bodies_not_submitted_when_the_deadline_is_near(
    busan_people, personas, deadline_in, capsys
):
    personas("seoul_editor")
    deadline_in(3)

    call_command("remind")

    assert _recipients() == sorted([*BUSAN_MEMBERS, "seoul_editor@example.kr"])
    assert "3일 남았습니다" in mail.outbox[0].body
    out = capsys.readouterr().out
    assert "2025년 부산 (기한까지 3일): 2명에게 보냈습니다." in out
    assert "2025년 서울 (기한까지 3일): 1명에게 보냈습니다." in out
    assert "2025년 대구 (기한까지 3일): 전자우편 주소가 있는 구성원이 없습니다." in out


def test_remind_leaves_out_bodies_that_submitted_and_deadlines_further_away(
    busan_submission, busan_people, personas, deadline_in, capsys
):
    personas("seoul_editor")
    busan_submission.state, busan_submission.submitted_at = "submitted", timezone.now()
    busan_submission.save()

    deadline_in(10)
    call_command("remind")
    assert mail.outbox == []

    call_command("remind", "--days", "10")
    assert _recipients() == ["seoul_editor@example.kr"]


def test_remind_warns_after_the_deadline_and_not_in_a_resolved_cycle(
    busan_people, deadline_in, capsys
):
    cycle = deadline_in(-2)

    call_command("remind")
    assert _recipients() == BUSAN_MEMBERS and "2일 지났습니다" in mail.outbox[0].body

    mail.outbox.clear()
    cycle.phase = CyclePhase.RESOLVED
    cycle.save()
    call_command("remind")
    assert mail.outbox == []
    assert "미제출 기관이 없습니다" in capsys.readouterr().out
