"""The "변경 계획" section of a submission page: each persona is offered only its steps,
the forms move the amendment through the services, refusals are messages or 403."""

import pytest
from django.urls import reverse

from dream.cycle.amendments import amendment_start, amendment_submit
from dream.cycle.choices import AmendmentState
from dream.cycle.models import Amendment
from dream.cycle.tests.test_amendments import REASON, resolve_directly


def _page():
    return reverse("cycle:submission_detail", args=[2025, "부산"])


def _step(number, action):
    return reverse("cycle:amendment_action", args=[2025, "부산", number, action])


def _offered(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('class="filters amendment-')[1:]]


@pytest.fixture
def resolved(busan_submission, staff):
    return resolve_directly(busan_submission, staff)


@pytest.mark.parametrize(
    "persona, offered",
    [
        ("busan_viewer", []),
        ("seoul_editor", []),
        ("busan_editor", ["start"]),
        ("committee_staff", ["start"]),
    ],
)
def test_a_resolved_plan_offers_an_amendment_to_those_who_write_for_it(
    client, resolved, personas, persona, offered
):
    client.force_login(personas(persona))
    html = client.get(_page()).content.decode()
    assert "변경 계획" in html
    assert _offered(html) == offered


def test_starting_an_amendment_opens_the_editor_on_the_copy(client, resolved, personas):
    client.force_login(personas("busan_editor"))
    response = client.post(
        reverse("cycle:amendment_start", args=[2025, "부산"]), {"amendment-reason": REASON}
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cycle:draft_edit", args=[2025, "부산"])
    editor = client.get(response.url).content.decode()
    assert "변경 계획 1번을 시작했습니다" in editor
    html = client.get(_page()).content.decode()
    assert REASON in html and "작성 중" in html
    assert _offered(html) == ["submit", "withdraw"]
    assert amendment.draft_plan.is_draft


def test_an_empty_reason_is_a_message_not_an_amendment(client, resolved, personas):
    client.force_login(personas("busan_editor"))
    response = client.post(
        reverse("cycle:amendment_start", args=[2025, "부산"]),
        {"amendment-reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert not Amendment.objects.exists()


def test_staff_resolve_a_submitted_amendment_from_the_page(client, resolved, personas, staff):
    editor = personas("busan_editor")
    amendment = amendment_start(actor=editor, submission=resolved, reason=REASON)
    amendment_submit(actor=editor, amendment=amendment)
    client.force_login(staff)
    assert _offered(client.get(_page()).content.decode()) == ["return", "resolve", "withdraw"]
    response = client.post(
        _step(1, "resolve"),
        {
            "amendment-1-resolve-meeting": "제9차 지방시대위원회",
            "amendment-1-resolve-resolved_on": "2025-09-01",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "새 판을 만들었습니다" in html
    assert "제2판" in html
    assert Amendment.objects.get().state == AmendmentState.RESOLVED


@pytest.mark.parametrize("persona", ["busan_editor", "seoul_editor"])
def test_a_body_cannot_resolve_its_own_amendment(client, resolved, personas, persona):
    editor = personas("busan_editor")
    amendment = amendment_start(actor=editor, submission=resolved, reason=REASON)
    amendment_submit(actor=editor, amendment=amendment)
    client.force_login(personas(persona))
    response = client.post(
        _step(1, "resolve"),
        {"amendment-1-resolve-meeting": "제9차", "amendment-1-resolve-resolved_on": "2025-09-01"},
    )
    assert response.status_code == 403
    assert Amendment.objects.get().state == AmendmentState.SUBMITTED


def test_unknown_steps_and_numbers_are_404(client, resolved, personas):
    client.force_login(personas("busan_editor"))
    assert client.post(_step(1, "approve")).status_code == 404
    assert client.post(_step(7, "submit")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_and_sees_the_record_without_forms(
    client, resolved, personas
):
    amendment_start(actor=personas("busan_editor"), submission=resolved, reason=REASON)
    response = client.post(reverse("cycle:amendment_start", args=[2025, "부산"]))
    assert response.status_code == 302 and "login" in response.url
    html = client.get(_page()).content.decode()
    assert REASON in html and _offered(html) == []
    assert "변경 초안 편집" not in html


def test_the_editor_says_why_a_submitted_amendment_cannot_be_edited(client, resolved, personas):
    editor = personas("busan_editor")
    amendment = amendment_start(actor=editor, submission=resolved, reason=REASON)
    amendment_submit(actor=editor, amendment=amendment)
    client.force_login(editor)
    html = client.get(reverse("cycle:draft_edit", args=[2025, "부산"])).content.decode()
    assert "변경 계획 1번이 제출되어 있어" in html
