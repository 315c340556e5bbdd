"""What the goal list and the dashboard read: order, status, trajectory, query counts."""

import datetime
from decimal import Decimal as D

from dream.digital.models import DigitalPlan
from dream.tracking.choices import GoalStatusKind as S
from dream.tracking.selectors import figure, goal_page, goal_statuses, share_text
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
    # The trend through 10.5 (2020), 12.5, 15, 17, 20.5 rises 2.45 a year: 27.35 in 2027,
    # 86.4% of the required progress; 20.5 is below the 2024 path (21.64).
    assert growth.projected_value == D("27.35")
    assert growth.path_gap_value == D("-1.14")
    assert (growth.status, growth.status_label) == (S.OFF_TRACK, "지연")
    assert statuses["digital-talent-retention"].status == S.OFF_TRACK


def test_the_goal_page_lists_the_path_the_actuals_and_the_projection_year_by_year(editor, economy):
    record(editor, economy, 2025, 20)

    page = goal_page(economy)

    rows = {row.year: row for row in page.rows}
    assert list(rows) == list(range(2020, 2028))
    assert (rows[2020].required, rows[2027].required) == (D("10.50"), D("30.00"))
    assert rows[2024].required == D("21.64")  # 10.5 + 19.5 × 4/7, shown to 2 places
    assert rows[2025].actual == D(20)
    # the trend through the baseline and the one actual, from the baseline to the target year
    assert (rows[2020].trend, rows[2025].trend, rows[2027].trend) == (
        D("10.50"),
        D("20.00"),
        D("23.80"),
    )
    assert page.status.status == S.OFF_TRACK
    trend = page.chart["series"][2]
    assert trend["name"] == "추세선"
    assert trend["data"][-3:] == [20.0, 21.9, 23.8]
    assert [v.recorded_by for v in page.values] == [editor]


def test_a_figure_carries_its_unit_and_the_year_it_belongs_to():
    assert figure(D("21.0000"), "조원", 2024) == "21조원 (2024년)"
    assert figure(D("80.1"), "%", 2023) == "80.1% (2023년)"
    assert figure(D("1200"), "개", 2024) == "1,200개 (2024년)"
    assert figure(D("26.68"), "조원") == "26.68조원"
    assert figure(None, "조원", 2024) == "–"
    assert figure(D("0.46"), "%", difference=True) == "0.46%p"
    assert figure(D("0.64"), "조원", difference=True) == "0.64조원"


def test_a_share_is_shown_in_percent_signed_when_it_is_a_gap():
    assert share_text(D("0.8296")) == "83.0%"
    assert share_text(D("-0.0297"), signed=True) == "−3.0%"
    assert share_text(D("0.05"), signed=True) == "+5.0%"
    assert share_text(D("0"), signed=True) == "0.0%"


def test_the_status_says_where_the_latest_actual_stands_against_the_path(editor, economy):
    record(editor, economy, 2023, "15.2")
    record(editor, economy, 2024, 21)

    status = goal_page(economy).status

    assert status.status == S.OFF_TRACK
    assert status.latest_shown == "21조원 (2024년)"
    assert status.baseline_shown == "10.5조원 (2020년)"
    assert status.target_shown == "30조원 (2027년)"
    assert status.projected_shown == "26.68조원 (2027년)"
    assert status.progress_shown == "83.0%"
    assert status.annual_change_shown == "연 2.38조원"
    assert status.path_shown == "2024년 필요 경로 21.64조원보다 0.64조원 뒤처짐(−3.0%)"


def test_a_goal_without_baseline_and_one_actual_awaits_a_second_year(editor, digital_plan_2023, db):
    plan = DigitalPlan.objects.get()
    manufacturers = plan.goals.get(key="dx-manufacturers")
    record(editor, manufacturers, 2024, 1200)

    status = next(s for s in goal_statuses(plan) if s.goal == manufacturers)

    assert (status.status, status.status_label) == (S.INSUFFICIENT, "판단 유보")
    assert status.latest_shown == "1,200개 (2024년)"
    assert (status.baseline_shown, status.projected_shown, status.path_shown) == ("없음", "–", "–")
