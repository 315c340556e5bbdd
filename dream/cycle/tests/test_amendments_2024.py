"""An amendment of the real 2024 plan: while it is written, every public path (the plan
page, search, the open-data package) shows the plan as resolved; once resolved, the plan
page shows the change and its reason as version 2."""

import csv
from datetime import date

import pytest

from dream.accounts.models import Membership, Organization, User
from dream.cycle.amendments import amendment_resolve, amendment_start, amendment_submit
from dream.cycle.drafting import task_update
from dream.cycle.models import Submission
from dream.links.selectors import link_targets
from dream.links.services import candidate_tasks
from dream.opendata.services import datapackage_export
from dream.plans.choices import TaskKind
from dream.search.selectors import search

pytestmark = pytest.mark.usefixtures("plan_2024", "db")

DRAFT_NAME = "변경초안에만있는과제명"
REASON = "국정과제 조정 반영"
PAGE = "/provinces/부산/"


@pytest.fixture
def amendment():
    editor = User.objects.create_user(username="busan-editor", password="pw")
    submission = Submission.objects.get(cycle__year=2024, organization__short_name="부산")
    Membership.objects.create(user=editor, organization=submission.organization, role="editor")
    amendment = amendment_start(actor=editor, submission=submission, reason=REASON)
    task = amendment.draft_plan.tasks.filter(kind=TaskKind.CORE).order_by("pk").first()
    published_name = submission.plan.tasks.get(
        kind=TaskKind.CORE, position=task.position, strategy__position=task.strategy.position
    ).name
    task_update(actor=editor, task=task, name=DRAFT_NAME)
    return amendment, published_name


def test_public_paths_show_the_resolved_plan_while_an_amendment_is_written(
    client, amendment, tmp_path
):
    _, published_name = amendment
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert published_name in text and DRAFT_NAME not in text
    assert search(query=DRAFT_NAME).total == 0
    assert search(query=published_name).total >= 1
    datapackage_export(directory=tmp_path)
    with (tmp_path / "plans.csv").open(encoding="utf-8-sig") as f:
        busan = [r for r in csv.DictReader(f) if r["year"] == "2024" and "부산" in str(r)]
    assert len(busan) == 1
    with (tmp_path / "tasks.csv").open(encoding="utf-8-sig") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    assert published_name in names and DRAFT_NAME not in names
    # the digital plan's link matcher and the manual link form take published tasks only
    for tasks in (candidate_tasks(2024), link_targets(2024)):
        names = {task.name for task in tasks}
        assert published_name in names and DRAFT_NAME not in names


def test_a_resolved_amendment_is_version_2_on_the_plan_page(client, amendment):
    amendment, published_name = amendment
    amendment_submit(actor=amendment.created_by, amendment=amendment)
    staff = User.objects.create_user(username="staff", password="pw")
    Membership.objects.create(
        user=staff, organization=Organization.objects.get(short_name="위원회"), role="editor"
    )
    amendment_resolve(
        actor=staff,
        amendment=amendment,
        meeting="제9차 지방시대위원회",
        resolved_on=date(2024, 9, 1),
    )
    text = client.get(PAGE).content.decode()
    assert DRAFT_NAME in text
    assert REASON in text
    assert search(query=DRAFT_NAME).total >= 1
