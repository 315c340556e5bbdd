"""Migration 0004: a ministry that was two records (과기정통부 and 과기부) becomes one, and
nothing that referred to either is lost; what the documents printed is kept."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dream.accounts.models import Membership, Organization, OrganizationAlias, User
from dream.digital.models import DigitalArea, DigitalPlan, DigitalTask, DigitalTaskMinistry
from dream.plans.models import Plan, Task, TaskMinistry

pytestmark = pytest.mark.django_db

MIGRATION = ("accounts", "0004_merge_ministries_printed_under_two_names")
merge = import_module("dream.accounts.migrations." + MIGRATION[1])


def run_migration() -> None:
    """Run the migration's data step with the models as they were when it was written."""
    state = MigrationExecutor(connection).loader.project_state(MIGRATION)
    merge.merge_other_names(state.apps, None)


def ministry(short_name: str, full_name: str) -> Organization:
    return Organization.objects.create(kind="ministry", short_name=short_name, full_name=full_name)


@pytest.fixture
def two_records():
    """What the old registry made: 과기정통부 and 과기부, and 농림부 without 농식품부; a sectoral
    plan whose tasks name them, a digital task, and a user in both 과기 records."""
    committee = Organization.objects.create(kind="committee", short_name="위원회")
    full, short = ministry("과기정통부", "과학기술정보통신부"), ministry("과기부", "과학기술정보통신부")
    farming = ministry("농림부", "농림축산식품부")
    plan = Plan.objects.create(year=2024, level="sectoral", owner=committee)
    tasks = {
        name: Task.objects.create(plan=plan, kind="core", position=i, name=name)
        for i, name in enumerate(["A", "B", "C", "D"], start=1)
    }
    TaskMinistry.objects.create(task=tasks["A"], ministry=short, position=1)
    TaskMinistry.objects.create(task=tasks["B"], ministry=short, position=1)
    TaskMinistry.objects.create(task=tasks["C"], ministry=full, position=1)
    TaskMinistry.objects.create(task=tasks["D"], ministry=full, position=1)
    TaskMinistry.objects.create(task=tasks["D"], ministry=short, position=2)  # both names
    digital = DigitalPlan.objects.create(title="지방 디지털 경쟁력 강화방안(안)", year=2023)
    area = DigitalArea.objects.create(plan=digital, kind="pillar", code="1", name="…", position=1)
    digital_task = DigitalTask.objects.create(plan=digital, area=area, position=1, name="유통")
    DigitalTaskMinistry.objects.create(task=digital_task, ministry=farming, position=1)
    user = User.objects.create_user("officer")
    Membership.objects.create(user=user, organization=full, role="viewer")
    Membership.objects.create(user=user, organization=short, role="manager")
    return tasks


def carried_by(short_name: str) -> set[str]:
    return set(
        TaskMinistry.objects.filter(ministry__short_name=short_name).values_list(
            "task__name", flat=True
        )
    )


def test_the_two_records_become_one_and_no_task_is_lost(two_records):
    before = carried_by("과기정통부") | carried_by("과기부")

    run_migration()

    (one,) = Organization.objects.filter(full_name="과학기술정보통신부")
    assert one.short_name == "과기정통부"
    assert carried_by("과기정통부") == before == {"A", "B", "C", "D"}
    assert TaskMinistry.objects.count() == 4  # D's two links are one


def test_every_link_keeps_the_name_that_was_printed(two_records):
    run_migration()

    printed = dict(TaskMinistry.objects.values_list("task__name", "printed_name"))
    assert printed == {"A": "과기부", "B": "과기부", "C": "과기정통부", "D": "과기정통부, 과기부"}
    assert set(OrganizationAlias.objects.values_list("name", "organization__short_name")) == {
        ("과기부", "과기정통부"),
        ("농림부", "농식품부"),
    }


def test_a_record_only_known_by_its_other_name_is_renamed_not_dropped(two_records):
    farming_id = Organization.objects.get(short_name="농림부").pk

    run_migration()

    farming = Organization.objects.get(pk=farming_id)
    assert (farming.short_name, farming.full_name) == ("농식품부", "농림축산식품부")
    (link,) = DigitalTaskMinistry.objects.all()
    assert (link.ministry_id, link.printed_name) == (farming_id, "농림부")


def test_a_member_of_both_records_keeps_the_higher_role(two_records):
    run_migration()

    (membership,) = Membership.objects.all()
    assert (membership.organization.short_name, membership.role) == ("과기정통부", "manager")


def test_the_merge_is_written_to_the_history(two_records):
    run_migration()

    reason = merge.REASON
    assert Organization.history.filter(
        short_name="과기부", history_type="-", history_change_reason=reason
    ).exists()
    assert TaskMinistry.history.filter(
        printed_name="과기부", history_type="~", history_change_reason=reason
    ).count() == 2
    assert OrganizationAlias.history.filter(history_type="+").count() == 2


def test_running_it_on_merged_data_changes_nothing(two_records):
    run_migration()
    rows = list(TaskMinistry.objects.values_list("pk", "ministry_id", "printed_name"))

    run_migration()

    assert list(TaskMinistry.objects.values_list("pk", "ministry_id", "printed_name")) == rows
    assert OrganizationAlias.objects.count() == 2
