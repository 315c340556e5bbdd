"""Ⅱ's priority tasks in the data package: valid, one row per stored row, dates as printed
beside DREAM's reading of them."""

import csv

import pytest
from frictionless import validate

from dream.accounts.models import User
from dream.ingest.services import plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.opendata.services import datapackage_export
from dream.priorities.models import PriorityAction, PriorityItem, PriorityTask
from dream.priorities.tests.factories import parsed_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def package_dir(tmp_path):
    document = small_document()
    document.priority_tasks = parsed_tasks()
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )
    datapackage_export(directory=tmp_path)
    return tmp_path


def read(package_dir, name):
    with (package_dir / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_package_with_priority_tasks_validates(package_dir):
    report = validate(package_dir / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_task_action_and_item_is_a_row(package_dir):
    assert len(read(package_dir, "priority_tasks")) == PriorityTask.objects.count()
    assert len(read(package_dir, "priority_actions")) == PriorityAction.objects.count()
    assert len(read(package_dir, "priority_steps")) == PriorityItem.objects.count()


def test_a_step_keeps_its_printed_dates_beside_the_span_and_its_action(package_dir):
    steps = {row["source_line"]: row for row in read(package_dir, "priority_steps")}

    assert steps["265"]["date_text"] == "’24.上 · ’24.下"
    assert (steps["265"]["period_start"], steps["265"]["period_end"]) == (
        "2024-01-01",
        "2024-12-31",
    )
    assert (steps["265"]["precision"], steps["265"]["action_position"]) == ("half", "2")
    assert (steps["255"]["period_end"], steps["222"]["action_position"]) == ("", "")
