"""Ⅱ's priority tasks in the data package: valid, one row per stored row, dates as printed
beside DREAM's reading of them; the tracker's owners, reports (by body, never by person)
and inspections (one row per inspection and task, as frozen)."""

import csv
from datetime import date

import pytest
from frictionless import validate

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure
from dream.ingest.services import plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.opendata.services import datapackage_export
from dream.priorities import services
from dream.priorities.models import PriorityAction, PriorityItem, PriorityTask
from dream.priorities.tests.factories import parsed_tasks

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x","y")'


def member(username: str, organization: str) -> User:
    user = User.objects.create_user(username)
    Membership.objects.create(
        user=user, organization=Organization.objects.get(short_name=organization), role="editor"
    )
    return user


@pytest.fixture
def package_dir(tmp_path):
    """The small document with the hand-built tasks; 행안부 owns the action of l.265, its
    editor reports the step 완료, and staff take the first half's inspection."""
    document = small_document()
    document.priority_tasks = parsed_tasks()
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )
    organizations_ensure()
    staff, editor = member("staff", "위원회"), member("mois", "행안부")
    step = PriorityItem.objects.get(source_line=265)
    services.action_owner_assign(
        actor=staff, action=step.action, organization=Organization.objects.get(short_name="행안부")
    )
    services.step_report_add(
        actor=editor,
        item=step,
        status="done",
        as_of=date(2024, 6, 28),
        evidence=FORMULA,
        evidence_url="https://www.mois.go.kr/a?b=1",
    )
    first = PriorityTask.objects.get(position=1)
    services.inspection_take(
        actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5), remarks={first.pk: "점검 의견"}
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


def test_owners_and_reports_name_the_body_never_the_person(package_dir):
    step = PriorityItem.objects.get(source_line=265)
    (owner,) = read(package_dir, "priority_action_owners")
    (reported,) = read(package_dir, "priority_step_reports")

    assert (owner["priority_action_id"], owner["organization"]) == (str(step.action_id), "행안부")
    assert (reported["priority_step_id"], reported["status"], reported["as_of"]) == (
        str(step.pk),
        "done",
        "2024-06-28",
    )
    assert reported["organization"] == "행안부"
    assert reported["evidence"] == "'" + FORMULA  # a formula is written as text
    assert reported["evidence_url"] == "https://www.mois.go.kr/a?b=1"
    published = "".join((package_dir / name).read_text(encoding="utf-8-sig") for name in (
        "priority_action_owners.csv", "priority_step_reports.csv", "priority_inspections.csv"
    ))  # fmt: skip
    assert "mois" not in published.replace("www.mois.go.kr", "") and "staff" not in published


def test_an_inspection_is_a_row_per_task_with_the_counts_it_froze(package_dir):
    rows = read(package_dir, "priority_inspections")

    assert [(r["position"], r["half"], r["taken_on"]) for r in rows] == [
        ("1", "1", "2024-07-05"),
        ("2", "1", "2024-07-05"),
    ]
    first = rows[0]
    assert (first["planned"], first["in_progress"], first["done"], first["delayed"]) == (
        "1",
        "0",
        "1",
        "0",
    )
    assert (first["remark"], rows[1]["remark"]) == ("점검 의견", "")
