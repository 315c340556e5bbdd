"""Fixtures for the priority tasks' tests.

- `tasks_2024`: a published 2024 plan and the hand-built tasks of factories.parsed_tasks.
- `personas(name)`: the cycle's personas (dream.cycle.tests.conftest) narrowed to the
  tracker's: Committee staff, 행안부's editor and viewer, 과기정통부's editor (another
  ministry), 부산's editor, a superuser and the anonymous visitor.
- `step`: the step "1차 지정(’24.上) 및 2차 지정(’24.下)" (l.265, ends 2024-12-31) whose
  action 행안부 owns, assigned by Committee staff through the service.
"""

import pytest

from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure, system_user
from dream.accounts.testing import Persona, persona_maker
from dream.core.sync import RecordSync
from dream.cycle.tests.conftest import PERSONA_SPECS, orgs  # noqa: F401 (fixture)
from dream.ingest.services import ImportResult
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan
from dream.priorities import services
from dream.priorities.importing import priority_tasks_store
from dream.priorities.models import PriorityItem

from .factories import parsed_tasks

OWNER = "행안부"
TRACKER_PERSONAS = {
    name: PERSONA_SPECS[name]
    for name in ("anonymous", "committee_staff", "ministry_editor", "busan_editor", "superuser")
} | {
    "msit_editor": Persona("msit_editor", "과기정통부", "editor"),
    "ministry_viewer": Persona("ministry_viewer", OWNER, "viewer"),
}


@pytest.fixture
def tasks_2024(db):
    """A published 2024 plan (one row is enough to publish the year) and the hand-built
    priority tasks of factories.parsed_tasks stored for it."""
    actor = system_user()
    organizations_ensure(actor=actor)
    Plan.objects.create(
        year=2024,
        level=PlanLevel.NATIONAL,
        owner=Organization.objects.get(short_name="위원회"),
        source_line=1,
    )
    sync = RecordSync(actor, "시험", ImportResult(year=2024, plans=1))
    priority_tasks_store(sync, 2024, parsed_tasks())


@pytest.fixture
def personas(orgs):  # noqa: F811
    return persona_maker(orgs, TRACKER_PERSONAS, email_domain="example.kr")


@pytest.fixture
def staff(personas):
    return personas("committee_staff")


@pytest.fixture
def step(tasks_2024, orgs, staff):  # noqa: F811
    item = PriorityItem.objects.get(source_line=265)
    services.action_owner_assign(actor=staff, action=item.action, organization=orgs[OWNER])
    return item
