# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""The tracker as an outside system uses it: owners and step states in a task, step reports
and half-yearly inspections; writes with a token, refused 401/403/404/409/422 in Korean."""

import pytest

from dream.priorities.models import Inspection, PriorityItem, PriorityTask, StepReport
from dream.priorities.tests.conftest import (  # noqa: F401 (fixtures)
    personas,
    staff,
    step,
    tasks_2024,
)

REPORT = {"status": "done", "as_of": "2024-11-30", "evidence": "2차 지정 완료"}
INSPECTION = {"year": 2024, "half": 1, "taken_on": "2024-07-05", "summary": "상반기"}


def post(api, path, body, headers=None):
    return api.post(path, body, content_type="application/json", **(headers or {}))


def test_a_task_has_owners_step_states_and_the_settings_in_use(api, step):
    task = PriorityTask.objects.get(year=2024, position=1)

    body = api.get(f"/api/v1/priority-tasks/{task.pk}").json()

    first, second = body["actions"]
    assert first["owner"] is None
    assert (second["owner"]["organization"], second["owner"]["kind"]) == ("행안부", "ministry")
    assert second["owner"]["action_id"] == second["id"] == step.action_id
    states = {item["id"]: item["state"] for a in body["actions"] for item in a["items"]}
    assert states[step.pk] == {  # its period ended on 2024-12-31, before today
        "status": "delayed",
        "label": "지연",
        "computed": True,
        "reason": "기간 끝(2024-12-31)이 지났고 완료 보고가 없음 — DREAM 계산",
    }
    note = PriorityItem.objects.get(source_line=257)
    assert states[note.pk] is None
    assert body["settings"] == {
        "year": 2024,
        "ongoing_late_at_year_end": False,
        "basis": "계획이 정하지 않음 — DREAM 기본값",
        "decided": False,
    }
    assert body["states_on"]


def test_the_task_is_read_with_a_fixed_number_of_queries(api, step, django_assert_num_queries):
    task = PriorityTask.objects.get(year=2024, position=1)

    # task + actions (with owners) + action items + task items, settings, reports
    with django_assert_num_queries(6):
        assert api.get(f"/api/v1/priority-tasks/{task.pk}").status_code == 200
    with django_assert_num_queries(1):
        assert len(api.get("/api/v1/priority-tasks").json()) == 2


def test_a_task_of_a_year_not_published_is_a_404(api, tasks_2024):
    task = PriorityTask.objects.get(year=2024, position=1)
    task.year = 2030
    task.save()

    assert api.get(f"/api/v1/priority-tasks/{task.pk}").status_code == 404
    assert [t["position"] for t in api.get("/api/v1/priority-tasks").json()] == [2]
    assert api.get("/api/v1/priority-tasks?year=2030").json() == []


def test_the_owners_editor_reports_a_step_and_anyone_reads_the_reports(
    api, step, personas, token_for
):
    headers = token_for(personas("ministry_editor"))

    created = post(api, f"/api/v1/priority-steps/{step.pk}/reports", REPORT, headers)

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["label"], body["organization"]) == ("done", "완료", "행안부")
    listed = api.get(f"/api/v1/priority-steps/{step.pk}/reports").json()
    assert [r["id"] for r in listed] == [body["id"]]
    assert "reported_by" not in body and "ministry_editor" not in created.content.decode()
    task = api.get(f"/api/v1/priority-tasks/{step.task_id}").json()
    state = next(i["state"] for a in task["actions"] for i in a["items"] if i["id"] == step.pk)
    assert state == {
        "status": "done",
        "label": "완료",
        "computed": False,
        "reason": "2024-11-30 기준 보고",
    }


@pytest.mark.parametrize(
    ("persona", "body", "status"),
    [
        (None, REPORT, 401),
        ("committee_staff", REPORT, 403),
        ("busan_editor", REPORT, 403),
        ("ministry_editor", REPORT | {"status": "finished"}, 422),
        ("ministry_editor", REPORT | {"evidence": "근거\x00"}, 422),
        ("ministry_editor", REPORT | {"evidence": '=HYPERLINK("http://x")', "as_of": "x"}, 422),
        ("ministry_editor", REPORT | {"as_of": "2999-01-01"}, 422),
        ("ministry_editor", REPORT | {"evidence_url": "javascript:alert(1)"}, 422),
        ("ministry_editor", REPORT | {"evidence": ["목록"]}, 422),
        ("ministry_editor", {"status": "done"}, 422),
    ],
)
def test_a_report_refused_has_its_status_and_a_korean_detail(
    api, step, personas, token_for, persona, body, status
):
    headers = token_for(personas(persona)) if persona else {}

    response = post(api, f"/api/v1/priority-steps/{step.pk}/reports", body, headers)

    assert response.status_code == status, response.content
    assert any("가" <= ch <= "힣" for ch in response.json()["detail"])
    assert not StepReport.objects.exists()


@pytest.mark.parametrize("id", ["0", "99999999999999999999999", "9223372036854775808"])
def test_reports_of_an_unknown_step_are_a_404(api, step, personas, token_for, id):
    headers = token_for(personas("ministry_editor"))

    assert api.get(f"/api/v1/priority-steps/{id}/reports").status_code == 404
    response = post(api, f"/api/v1/priority-steps/{id}/reports", REPORT, headers)
    assert response.status_code == 404 and response.json()["detail"]


def test_a_line_that_is_not_a_step_has_no_reports(api, step):
    note = PriorityItem.objects.get(source_line=257)

    response = api.get(f"/api/v1/priority-steps/{note.pk}/reports")

    assert response.status_code == 404
    assert response.json()["detail"] == "이 id의 추진 내용(ㅇ)이 없습니다."


def test_a_step_without_owner_is_a_409(api, step, personas, token_for):
    unowned = PriorityItem.objects.get(source_line=255)
    headers = token_for(personas("ministry_editor"))

    response = post(api, f"/api/v1/priority-steps/{unowned.pk}/reports", REPORT, headers)

    assert response.status_code == 409
    assert "담당 기관을 먼저 지정해야 합니다" in response.json()["detail"]


@pytest.mark.parametrize(
    ("persona", "organization", "status"),
    [
        (None, "과기정통부", 401),
        ("ministry_editor", "과기정통부", 403),
        ("committee_staff", "없는부처", 404),
        ("committee_staff", "부산", 422),
        ("committee_staff", "과기정통부", 200),
        ("committee_staff", "위원회", 200),
    ],
)
def test_staff_assign_owners_by_short_name(
    api, step, personas, token_for, persona, organization, status
):
    headers = token_for(personas(persona)) if persona else {}

    response = post(
        api, f"/api/v1/priority-actions/{step.action_id}/owner", {"organization": organization},
        headers,
    )  # fmt: skip

    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["organization"] == organization


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/priority-actions/99999999999999999999999/owner", {"organization": "행안부"}),
        ("/api/v1/priority-actions/0/owner", {"organization": "행안부"}),
    ],
)
def test_an_unknown_action_is_a_404(api, step, personas, token_for, path, body):
    response = post(api, path, body, token_for(personas("committee_staff")))

    assert response.status_code == 404


def test_an_owner_given_as_a_number_is_a_422(api, step, personas, token_for):
    response = post(
        api,
        f"/api/v1/priority-actions/{step.action_id}/owner",
        {"organization": ["행안부"]},
        token_for(personas("committee_staff")),
    )

    assert response.status_code == 422


def test_staff_take_an_inspection_once_per_half(api, step, personas, token_for):
    headers = token_for(personas("committee_staff"))
    task = PriorityTask.objects.get(year=2024, position=1)
    body = INSPECTION | {"remarks": [{"task_id": task.pk, "text": "2차 지정 준비"}]}

    created = post(api, "/api/v1/priority-inspections", body, headers)

    assert created.status_code == 201, created.content
    taken = created.json()
    assert (taken["half"], taken["half_label"], taken["taken_on"]) == (1, "상반기", "2024-07-05")
    assert taken["remarks"] == [{"task_id": task.pk, "text": "2차 지정 준비"}]
    assert taken["snapshot"]["tasks"][0]["counts"]["planned"] == 2
    again = post(api, "/api/v1/priority-inspections", INSPECTION, headers)
    assert again.status_code == 409 and "이미 기록되었습니다" in again.json()["detail"]
    listed = api.get("/api/v1/priority-inspections?year=2024").json()
    assert [i["id"] for i in listed] == [taken["id"]] and "snapshot" not in listed[0]
    detail = api.get(f"/api/v1/priority-inspections/{taken['id']}").json()
    assert detail["snapshot"] == taken["snapshot"]


@pytest.mark.parametrize(
    ("persona", "body", "status"),
    [
        (None, INSPECTION, 401),
        ("ministry_editor", INSPECTION, 403),
        ("committee_staff", INSPECTION | {"half": 3}, 422),
        ("committee_staff", INSPECTION | {"half": "상반기"}, 422),
        ("committee_staff", INSPECTION | {"year": 2023}, 422),
        ("committee_staff", INSPECTION | {"taken_on": "2999-01-01"}, 422),
        ("committee_staff", INSPECTION | {"summary": '=HYPERLINK("x")\x00'}, 422),
        ("committee_staff", INSPECTION | {"remarks": [{"task_id": 99999999999, "text": "x"}]}, 422),
        ("committee_staff", INSPECTION | {"remarks": [{"task_id": 2**70, "text": "x"}]}, 422),
        ("committee_staff", INSPECTION | {"remarks": "의견"}, 422),
    ],
)
def test_an_inspection_refused_has_its_status_and_a_korean_detail(
    api, step, personas, token_for, persona, body, status
):
    headers = token_for(personas(persona)) if persona else {}

    response = post(api, "/api/v1/priority-inspections", body, headers)

    assert response.status_code == status, response.content
    assert any("가" <= ch <= "힣" for ch in response.json()["detail"])
    assert not Inspection.objects.exists()


def test_the_same_task_twice_in_the_remarks_is_a_422(api, step, personas, token_for):
    task = PriorityTask.objects.get(year=2024, position=1)
    remarks = [{"task_id": task.pk, "text": "가"}, {"task_id": task.pk, "text": "나"}]

    response = post(
        api,
        "/api/v1/priority-inspections",
        INSPECTION | {"remarks": remarks},
        token_for(personas("committee_staff")),
    )

    assert response.status_code == 422
    assert response.json()["detail"] == "같은 과제의 점검 의견이 두 번 있습니다."


@pytest.mark.parametrize("address", ["/api/v1/priority-inspections/99999999999999999999999",
                                     "/api/v1/priority-inspections/1",
                                     "/api/v1/priority-inspections?year=abc"])  # fmt: skip
def test_unknown_inspections_are_4xx_with_a_detail(api, step, address):
    response = api.get(address)

    assert response.status_code in (404, 422)
    assert response.json()["detail"]


def test_a_nul_byte_in_the_address_is_refused_before_the_api(api, step):
    response = api.get("/api/v1/priority-inspections?year=%00")

    assert response.status_code == 400
    assert "제어 문자" in response.content.decode()


def test_the_tracker_paths_are_in_the_schema(api, db):
    paths = api.get("/api/v1/openapi.json").json()["paths"]

    assert "post" in paths["/api/v1/priority-actions/{id}/owner"]
    assert {"get", "post"} <= set(paths["/api/v1/priority-steps/{id}/reports"])
    assert {"get", "post"} <= set(paths["/api/v1/priority-inspections"])
    assert "get" in paths["/api/v1/priority-inspections/{id}"]
