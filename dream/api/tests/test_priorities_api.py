"""The priority tasks as an outside system reads them: the year's list, one task with its
actions and items, 404 for an unknown id and 422 for a bad year."""

import pytest

from dream.priorities.models import PriorityItem, PriorityTask
from dream.priorities.tests.conftest import tasks_2024  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("tasks_2024")


def test_the_list_gives_the_years_tasks_in_printed_order_with_counts(api):
    response = api.get("/api/v1/priority-tasks?year=2024")

    assert response.status_code == 200
    tasks = response.json()
    assert [(t["position"], t["group"], t["number"]) for t in tasks] == [
        (1, "zone", 1),
        (2, "priority", 1),
    ]
    assert (tasks[0]["action_count"], tasks[0]["step_count"]) == (2, 2)
    assert tasks[0]["source_line"] == 220


def test_a_year_without_tasks_is_an_empty_list(api):
    response = api.get("/api/v1/priority-tasks?year=2030")

    assert (response.status_code, response.json()) == (200, [])


def test_one_task_has_its_aims_status_and_actions_with_their_dated_items(api):
    task = PriorityTask.objects.get(year=2024, position=1)

    response = api.get(f"/api/v1/priority-tasks/{task.pk}")

    assert response.status_code == 200
    body = response.json()
    assert [aim["text"] for aim in body["aims"]] == ["지방 투자 촉진"]
    assert body["status_title"] == "기회발전특구 추진 현황"
    assert [a["topic"] for a in body["actions"]] == ["제도 완비", ""]
    opened = body["actions"][0]["items"][0]
    assert (opened["date_text"], opened["period_start"], opened["period_end"]) == (
        "’24.3월~",
        "2024-03-01",
        None,
    )
    assert opened["precision"] == "month"
    assert (
        sum(len(a["items"]) for a in body["actions"]) + len(body["aims"]) + len(body["status"])
        == PriorityItem.objects.filter(task=task).count()
    )


@pytest.mark.parametrize("id", ["0", "999999", "99999999999999999999999"])
def test_an_unknown_task_is_a_404_with_a_korean_detail(api, id):
    response = api.get(f"/api/v1/priority-tasks/{id}")

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("year", ["abc", "1999", "99999999999999999999", "%00"])
def test_a_bad_year_is_a_422(api, year):
    assert api.get(f"/api/v1/priority-tasks?year={year}").status_code in (400, 422)


def test_the_paths_are_in_the_schema(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]

    assert "get" in paths["/api/v1/priority-tasks"]
    assert "get" in paths["/api/v1/priority-tasks/{id}"]
