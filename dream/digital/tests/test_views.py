"""The 디지털 지방시대 dashboard, as a reader sees it after the Committee has worked on it."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dream.accounts.models import User
from dream.digital.models import DigitalGoal, DigitalTask
from dream.districts.services import district_measure_record
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh, task_link_confirm
from dream.tracking.services import goal_value_record

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("staff", password="x")


def dashboard(client):
    response = client.get(reverse("digital:dashboard"))
    assert response.status_code == 200
    return response


def test_the_dashboard_shows_the_three_goals_the_structure_and_the_schedule(client, db):
    response = dashboard(client)

    html = response.content.decode()
    for text in ["지방 디지털 경제 총생산액", "30조원", "10.5조원", "50%", "83%"]:
        assert text in html
    assert len(response.context["headline_statuses"]) == 3
    assert [node.area.code for node in response.context["structure"]] == ["1", "2"]
    timeline = {row.ministry: row.count for row in response.context["timeline"]}
    assert sum(timeline.values()) == 42
    assert timeline["과기정통부"] >= 20


def test_an_entered_actual_moves_a_headline_goals_status(client, db, staff):
    goal = DigitalGoal.objects.get(kind="headline", unit__contains="조원")
    assert dashboard(client).context["headline_statuses"][0].status == "no_data"

    goal_value_record(
        actor=staff,
        goal=goal,
        year=2025,
        value=Decimal("25"),
        source="통계청",
        observed_on=date(2026, 6, 30),
    )

    status = next(s for s in dashboard(client).context["headline_statuses"] if s.goal == goal)
    assert status.status == "on_track"
    assert status.latest_text


def test_confirmed_links_show_which_provinces_carry_a_digital_task(client, db, staff):
    link_proposals_refresh(year=2024)
    blockchain = DigitalTask.objects.get(name__contains="블록체인 클러스터")
    busan = TaskLink.objects.get(digital_task=blockchain, task__name__contains="블록체인 특화")

    task_link_confirm(actor=staff, link=busan)

    response = dashboard(client)
    assert response.context["coverage"].with_work == 1
    assert "부산" in {
        name for row in response.context["coverage"].rows for name in row.owner_names("province")
    }
    linked = response.context["coverage"].states["linked"].rows
    assert [row.digital_task for row in linked] == [blockchain]


def link_states(response) -> dict[str, int]:
    return {state: len(group.rows) for state, group in response.context["coverage"].states.items()}


def test_tasks_with_unreviewed_proposals_are_awaiting_review_not_without_work(client, db, staff):
    link_proposals_refresh(year=2024)

    response = dashboard(client)

    assert link_states(response) == {"linked": 0, "pending": 20, "not_found": 22}
    html = response.content.decode()
    assert "검토 대기: 제안은 있으나 확정된 연계가 없는 디지털 과제 (20개)" in html
    assert "찾지 못함: 확정된 연계도 제안도 없는 디지털 과제 (22개)" in html
    assert "연계된 과제가 없는 디지털 과제" not in html

    blockchain = DigitalTask.objects.get(name__contains="블록체인 클러스터")
    task_link_confirm(actor=staff, link=blockchain.links.order_by("-score").first())

    assert link_states(dashboard(client)) == {"linked": 1, "pending": 19, "not_found": 22}


def test_the_district_target_counts_districts_with_a_thousand_firms(
    client, db, staff, register_district
):
    district = register_district("광주", actor=staff, decided_on=date(2025, 1, 10))
    district_measure_record(
        actor=staff,
        district=district,
        kind="digital_firms",
        year=2025,
        value=Decimal("1200"),
        source="시 제출",
        observed_on=date(2025, 12, 31),
    )

    progress = dashboard(client).context["district_progress"]

    assert (progress.reached_count, progress.districts_needed) == (1, 5)


def test_the_dashboard_query_count_stays_bounded(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        dashboard(client)


def test_the_dashboard_reads_the_schedule_tasks_once(client, db):
    """Structure, schedule, counts and coverage share one read of the tasks (issue 13)."""
    with CaptureQueriesContext(connection) as queries:
        dashboard(client)
    reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "digital_digitaltask"."id"')]
    assert len(reads) == 1, reads
