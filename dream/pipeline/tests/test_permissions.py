"""The persona table (persona_table.py) held by the services: every persona × action."""

import pytest

from dream.cycle.errors import NotAllowed
from dream.pipeline import services
from dream.pipeline.choices import LargeProjectStage, ProposalState
from dream.pipeline.models import LargeProject, Proposal

from .conftest import STARTED, YEAR
from .persona_table import ROWS


@pytest.fixture
def prepared(proposal_of, personas, orgs, staff):
    """A draft and a ranked pair for the proposal actions; a submitted proposal for starting
    Track 2; a project at 관계부처 검토 for the steps (the next is the special committee for
    `special_committee`, 논의 → … for the ordinary step)."""

    def prepare(action: str):
        editor = personas("busan_editor")
        draft = proposal_of()
        other = proposal_of(title="둘째")
        if action in ("proposal_create", "proposal_update", "proposal_submit", "proposals_rank"):
            return draft, other
        if action == "proposal_withdraw":
            return draft, other
        services.proposal_submit(actor=editor, proposal=draft)
        if action == "large_project_start":
            return draft, other
        project = services.large_project_start(
            actor=staff, proposal=draft, owner=orgs["행안부"], started_on=STARTED, decision="착수"
        )
        if action == "special_committee":
            for stage in (LargeProjectStage.DISCUSSION, LargeProjectStage.REVIEW):
                services.large_project_step(
                    actor=staff, project=project, to_stage=stage, decided_on=STARTED, decision="x"
                )
        return project, other

    return prepare


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, prepared):
    subject, other = prepared(action)
    user = personas(persona)
    busan = orgs["부산"]
    calls = {
        "proposal_create": lambda: services.proposal_create(
            actor=user, province=busan, year=YEAR, title="새 제안", origin="pledge"
        ),
        "proposal_update": lambda: services.proposal_update(
            actor=user, proposal=subject, title="고친 이름"
        ),
        "proposal_submit": lambda: services.proposal_submit(actor=user, proposal=subject),
        "proposal_withdraw": lambda: services.proposal_withdraw(actor=user, proposal=subject),
        "proposals_rank": lambda: services.proposals_rank(
            actor=user, province=busan, year=YEAR, order=[other.pk, subject.pk]
        ),
        "large_project_start": lambda: services.large_project_start(
            actor=user, proposal=subject, owner=orgs["행안부"], started_on=STARTED, decision="착수"
        ),
        "large_project_step": lambda: services.large_project_step(
            actor=user,
            project=subject,
            to_stage=LargeProjectStage.DISCUSSION,
            decided_on=STARTED,
            decision="논의",
        ),
        "special_committee": lambda: services.large_project_step(
            actor=user,
            project=subject,
            to_stage=LargeProjectStage.SPECIAL_COMMITTEE,
            decided_on=STARTED,
            decision="특별위원회 논의",
        ),
    }
    if allowed:
        calls[action]()
    else:
        with pytest.raises(NotAllowed):
            calls[action]()
    assert _done(action, subject, other) is allowed


def _done(action: str, subject, other) -> bool:
    """Whether `action` took effect."""
    if action == "proposal_create":
        return Proposal.objects.filter(title="새 제안").exists()
    if action in ("large_project_step", "special_committee"):
        subject.refresh_from_db()
        return subject.stage in (LargeProjectStage.DISCUSSION, LargeProjectStage.SPECIAL_COMMITTEE)
    if action == "large_project_start":
        return LargeProject.objects.filter(proposal=subject).exists()
    subject.refresh_from_db()
    return {
        "proposal_update": subject.title == "고친 이름",
        "proposal_submit": subject.state == ProposalState.SUBMITTED,
        "proposal_withdraw": subject.state == ProposalState.WITHDRAWN,
        "proposals_rank": subject.priority == 2,
    }[action]
