"""A link's change history: every decision with who, when, what changed and the note, as
its page shows it; a note of any allowed length is kept (PostgreSQL once refused one of
more than 100 characters with a server error)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dream.accounts.choices import OrganizationKind
from dream.links.models import TaskLink
from dream.links.selectors import link_history
from dream.links.services import NOTE_MAX_LENGTH, task_link_confirm, task_link_reopen
from dream.plans.models import Plan, Task


@pytest.fixture
def link(digital, orgs) -> TaskLink:
    plan = Plan.objects.create(year=2024, level="province", owner=orgs["부산"])
    assert plan.owner.kind == OrganizationKind.PROVINCE
    task = Task.objects.create(plan=plan, kind="core", position=1, name="블록체인 특화 클러스터")
    return TaskLink.objects.create(
        digital_task=digital["tasks"][0], task=task, score=Decimal("0.5"), shared_words="블록체인"
    )


def test_a_decision_with_the_longest_note_is_recorded_with_its_note(staff, link):
    note = "가" * NOTE_MAX_LENGTH

    task_link_confirm(actor=staff, link=link, note=note)

    assert link.history.latest().history_change_reason == note


def test_the_history_names_who_when_what_changed_and_why(staff, link):
    task_link_confirm(actor=staff, link=link, note="같은 사업")
    task_link_reopen(actor=staff, link=link, note="다른 사업으로 확인")

    reopened, confirmed, proposed = link_history(link)

    assert (reopened.who, reopened.action, reopened.reason) == (
        "staff",
        "변경",
        "다른 사업으로 확인",
    )
    assert [(c.label, c.old, c.new) for c in reopened.changes] == [("상태", "확정", "검토 대기")]
    assert [(c.label, c.old, c.new) for c in confirmed.changes] == [("상태", "검토 대기", "확정")]
    assert proposed.action == "추가"
    assert reopened.when >= confirmed.when >= proposed.when


def test_the_link_page_shows_the_history_in_korean(client, staff, link):
    task_link_confirm(actor=staff, link=link, note="같은 사업")
    client.force_login(staff)

    html = client.get(reverse("links:link_detail", args=[link.pk])).content.decode()

    history = html.split('id="history-heading"', 1)[1]
    assert "같은 사업" in history and "staff" in history
    assert "검토 대기</del> → 확정" in history
