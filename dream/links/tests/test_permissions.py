"""Persona × action → allowed, for every decision on links and for the review page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.links.services import task_link_confirm, task_link_create, task_link_reject

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
