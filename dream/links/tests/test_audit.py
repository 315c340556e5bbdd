"""The word matcher's proposals name who ran it: the system account unless a user is given."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dream.accounts.models import User
from dream.accounts.services import SYSTEM_USERNAME
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh


def test_refreshed_proposals_are_recorded_under_the_system_account(digital, plans):
    link_proposals_refresh(year=2024)

    users = {record.history_user.username for record in TaskLink.history.all()}
    assert users == {SYSTEM_USERNAME}


def test_propose_links_records_the_user_named_on_the_command_line(digital, plans):
    User.objects.create_user("operator")

    call_command("propose_links", "--year", "2024", "--user", "operator")

    assert {r.history_user.username for r in TaskLink.history.all()} == {"operator"}


def test_propose_links_refuses_an_unknown_user(digital, plans):
    with pytest.raises(CommandError, match="'nobody'가 없습니다"):
        call_command("propose_links", "--year", "2024", "--user", "nobody")
