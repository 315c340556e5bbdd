"""Persona × action → allowed, for every decision on links and for the review page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dream.core.fingerprint import database_fingerprint
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import (
    task_link_confirm,
    task_link_create,
    task_link_reject,
    task_link_reopen,
    task_links_decide,
)

from .conftest import PERSONAS

ALLOWED = {"committee_editor", "superuser"}


@pytest.fixture
def proposal(digital, plans):
    return TaskLink.objects.create(
        digital_task=digital["tasks"][0],
        task=plans["detailed"]["블록체인 특화 클러스터 조성"],
        score="0.900",
        shared_words="블록체인",
    )


ACTIONS = {
    "confirm": lambda actor, link, digital, plans: task_link_confirm(actor=actor, link=link),
    "reject": lambda actor, link, digital, plans: task_link_reject(actor=actor, link=link),
    "create": lambda actor, link, digital, plans: task_link_create(
        actor=actor, digital_task=digital["tasks"][2], task=plans["core"]
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_decide_on_links(make_persona, proposal, digital, plans, persona, action):
    actor = make_persona(persona)
    if persona in ALLOWED:
        ACTIONS[action](actor, proposal, digital, plans)
        assert TaskLink.objects.exclude(status=LinkStatus.PROPOSED).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](actor, proposal, digital, plans)
        assert not TaskLink.objects.exclude(status=LinkStatus.PROPOSED).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("province_editor", 403),
        ("committee_viewer", 403),
        ("committee_editor", 200),
        ("superuser", 200),
    ],
)
def test_who_may_open_the_review_page(client, make_persona, digital, plans, persona, status):
    user = make_persona(persona)
    if persona != "anonymous":
        client.force_login(user)

    response = client.get(reverse("links:link_review"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 403:
        assert "지방시대위원회 담당자" in response.content.decode()


@pytest.fixture
def confirmed(proposal, staff):
    return task_link_confirm(actor=staff, link=proposal)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_withdraw_a_decision(make_persona, confirmed, persona):
    actor = make_persona(persona) if persona != "committee_editor" else confirmed.decided_by
    if persona in ALLOWED:
        task_link_reopen(actor=actor, link=confirmed, note="잘못 확정")
        assert TaskLink.objects.get(pk=confirmed.pk).status == LinkStatus.PROPOSED
    else:
        with pytest.raises(PermissionDenied):
            task_link_reopen(actor=actor, link=confirmed, note="잘못 확정")
        assert TaskLink.objects.get(pk=confirmed.pk).status == LinkStatus.CONFIRMED


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_decide_on_several_proposals(make_persona, proposal, persona):
    actor = make_persona(persona)
    decide = lambda: task_links_decide(  # noqa: E731
        actor=actor, link_ids=[proposal.pk], status="rejected", seen_status="proposed"
    )
    if persona in ALLOWED:
        decide()
        assert TaskLink.objects.get(pk=proposal.pk).status == LinkStatus.REJECTED
    else:
        with pytest.raises(PermissionDenied):
            decide()
        assert TaskLink.objects.get(pk=proposal.pk).status == LinkStatus.PROPOSED


NEW_PAGES = {
    "detail": lambda link: ("get", reverse("links:link_detail", args=[link.pk]), {}),
    "reopen": lambda link: (
        "post",
        reverse("links:link_decide", args=[link.pk, "reopen"]),
        {"note": "잘못 확정", "seen_status": "confirmed"},
    ),
    "bulk": lambda link: (
        "post",
        reverse("links:link_bulk_decide"),
        {"links": [str(link.pk)], "decision": "rejected"},
    ),
}


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("province_editor", False),
        ("committee_viewer", False),
        ("committee_editor", True),
        ("superuser", True),
    ],
)
@pytest.mark.parametrize("page", NEW_PAGES)
def test_who_may_see_a_links_history_withdraw_or_decide_in_bulk(
    client, make_persona, confirmed, persona, allowed, page
):
    if persona == "committee_editor":
        client.force_login(confirmed.decided_by)
    elif persona != "anonymous":
        client.force_login(make_persona(persona))
    method, url, data = NEW_PAGES[page](confirmed)
    before = database_fingerprint()

    response = getattr(client, method)(url, data)

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif not allowed:
        assert response.status_code == 403
        assert "지방시대위원회 담당자" in response.content.decode()
    else:
        assert response.status_code == (200 if method == "get" else 302)
    if not allowed:
        assert database_fingerprint() == before
