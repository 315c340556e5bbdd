"""What the goal list and the dashboard read: order, status, trajectory, query counts."""

import datetime
from decimal import Decimal as D

from dream.digital.models import DigitalPlan
from dream.tracking.choices import GoalStatusKind as S
from dream.tracking.selectors import goal_page, goal_statuses
from dream.tracking.services import goal_value_record


def record(actor, goal, year, value):
    goal_value_record(
        actor=actor,
        goal=goal,
        year=year,
        value=value,
        source="조사",
        observed_on=datetime.date(2026, 1, 31),
    )


def test_headline_goals_come_first_then_sub_goals_in_the_order_of_their_areas(
    digital_plan_2023, db
):
    statuses = goal_statuses(DigitalPlan.objects.get())

    assert [s.goal.key for s in statuses[:3]] == [
        "digital-economy-output",
        "digital-talent-retention",
        "digital-inclusion-level",
    ]
    areas = [s.goal.area.position for s in statuses[3:]]
    assert areas == sorted(areas) and len(areas) > 0
    assert {s.status for s in statuses} == {S.NO_DATA}


def test_the_dashboard_reads_every_goal_with_its_status_in_two_queries(
    editor, economy, retention, django_assert_num_queries
):
    for year, value in [(2021, "12.5"), (2022, 15), (2023, 17), (2024, "20.5")]:
        record(editor, economy, year, value)
    record(editor, retention, 2024, 43)
    plan = economy.plan

    with django_assert_num_queries(2):
        statuses = {s.goal.key: s for s in goal_statuses(plan)}

    growth = statuses["digital-economy-output"]
    assert (growth.latest.year, growth.latest.value, growth.latest_text) == (
        2024,
        D("20.5"),
        "20.5",
    )
    assert growth.baseline.value == D("10.5") and growth.target.value == D(30)
    assert growth.projected_value == D("28.50")  # 20.5 + 3 × (20.5 − 12.5) / 3
    assert (growth.status, growth.status_label) == (S.AT_RISK, "주의")
    assert statuses["digital-talent-retention"].status == S.OFF_TRACK


def test_the_goal_page_lists_the_path_the_actuals_and_the_projection_year_by_year(editor, economy):
    record(editor, economy, 2025, 20)

    page = goal_page(economy)

    rows = {row.year: row for row in page.rows}
    assert list(rows) == list(range(2020, 2028))
    assert (rows[2020].required, rows[2027].required) == (D("10.50"), D("30.00"))
    assert rows[2024].required == D("21.64")  # 10.5 + 19.5 × 4/7, shown to 2 places
    assert rows[2025].actual == D(20) and rows[2025].projected is None
    assert (rows[2026].projected, rows[2027].projected) == (D("21.90"), D("23.80"))
    assert page.status.status == S.OFF_TRACK
    projection = page.chart["series"][2]
    assert projection["name"] == "전망"
    assert projection["data"][-3:] == [20.0, 21.9, 23.8]  # starts at the latest actual
    assert [v.recorded_by for v in page.values] == [editor]
