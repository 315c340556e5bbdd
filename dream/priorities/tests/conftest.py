import pytest

from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure, system_user
from dream.core.sync import RecordSync
from dream.ingest.services import ImportResult
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan
from dream.priorities.importing import priority_tasks_store

from .factories import parsed_tasks


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
