"""Adding and removing a draft's items, the Excel template, finding duplicates and the
guidelines through the API, as an outside system calls them: the answer of each call and
each refusal by its status code with a Korean `detail` — never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dream.cycle import guidelines
from dream.cycle.models import Cycle
from dream.cycle.tests.persona_table import GOAL, workbook_with_goal
from dream.cycle.workbook import TASK_SHEET, XLSX_CONTENT_TYPE
from dream.indicators.models import Indicator
from dream.plans.models import Plan, Strategy, Task
from dream.tracking.files import MAX_UPLOAD_BYTES

from .test_cycle import _rolled, patch, post, refused
from .test_cycle import callers as callers  # the fixture

pytestmark = pytest.mark.usefixtures("plan_2024")

WORKBOOK = "/api/v1/cycles/2025/submissions/부산/workbook"
PDF = b"%PDF-1.7\n" + b"0" * 2048


def delete(api, path, headers):
    return api.delete(path, **headers)


def upload(api, path, headers, content: bytes, name="draft.xlsx", **fields):
    """A multipart POST with `content` in the field `file`, as `curl -F file=@…` sends it."""
    data = {"file": SimpleUploadedFile(name, content), **fields}
    return api.post(path, data, **headers)


def test_strategies_tasks_and_indicators_are_added_and_removed(api, callers):
    draft = _rolled(api, callers)["plan"]
    plan, busan = draft["id"], callers["busan"]
    pillars = [s for s in draft["strategies"] if s["kind"] == "pillar"]

    strategy = post(api, f"/api/v1/plans/{plan}/strategies", busan, {"name": "새  전략"})
    assert strategy.status_code == 201, strategy.content.decode()
    strategy = strategy.json()
    core = post(
        api,
        f"/api/v1/plans/{plan}/tasks",
        busan,
        {"name": "새 핵심과제", "kind": "core", "strategy_id": strategy["id"]},
    ).json()
    practical = post(
        api,
        f"/api/v1/plans/{plan}/tasks",
        busan,
        {
            "name": "새 실천과제",
            "kind": "practical",
            "parent_id": core["id"],
            "national_budget": "12.5",
        },
    )
    assert practical.status_code == 201, practical.content.decode()
    practical = practical.json()
    indicator = post(
        api,
        f"/api/v1/plans/{plan}/indicators",
        busan,
        {
            "name": "새 지표",
            "unit": "%",
            "target": "31.6",
            "direction": "higher",
            "task_id": core["id"],
        },
    )
    assert indicator.status_code == 201, indicator.content.decode()
    indicator = indicator.json()

    assert (strategy["name"], strategy["kind"]) == ("새 전략", "pillar")
    assert strategy["code"] == "ⅠⅡⅢⅣⅤⅥⅦ"[len(pillars)]  # numbered after the last pillar
    assert (core["kind"], core["strategy_id"], core["parent_id"]) == (
        "core",
        strategy["id"],
        None,
    )
    assert core["code"] == f"{strategy['code']}-1"
    assert (practical["parent_id"], practical["strategy_id"], practical["national_budget_eok"]) == (
        core["id"],
        strategy["id"],
        "12.50",
    )
    assert (indicator["task_id"], indicator["target_value"], indicator["group"]) == (
        core["id"],
        "31.6000",
        "autonomous",
    )
    # the services refuse what would orphan an item: 422 with their reason
    assert "과제" in refused(delete(api, f"/api/v1/strategies/{strategy['id']}", busan), 422)
    assert "성과지표" in refused(delete(api, f"/api/v1/tasks/{core['id']}", busan), 422)

    assert delete(api, f"/api/v1/indicators/{indicator['id']}", busan).status_code == 204
    removed = delete(api, f"/api/v1/tasks/{core['id']}", busan)
    assert (removed.status_code, removed.content) == (204, b"")
    assert delete(api, f"/api/v1/strategies/{strategy['id']}", busan).status_code == 204
    assert not Indicator.objects.filter(pk=indicator["id"]).exists()
    assert not Task.objects.filter(pk__in=[core["id"], practical["id"]]).exists()
    assert not Strategy.objects.filter(pk=strategy["id"]).exists()


def test_adding_and_removing_is_refused_by_status_code(api, callers):
    draft = _rolled(api, callers)["plan"]
    plan, busan = draft["id"], callers["busan"]
    strategy = draft["strategies"][0]["id"]
    task = next(t for s in draft["strategies"] for t in s["tasks"])["id"]
    resolved = Plan.objects.get(year=2024, owner__short_name="부산")
    seoul_task = Task.objects.filter(plan__year=2024, plan__owner__short_name="서울").first()
    core = {"name": "과제", "kind": "core", "strategy_id": strategy}

    for call in (
        lambda h: post(api, f"/api/v1/plans/{plan}/strategies", h, {"name": "전략"}),
        lambda h: post(api, f"/api/v1/plans/{plan}/tasks", h, core),
        lambda h: post(api, f"/api/v1/plans/{plan}/indicators", h, {"name": "지표"}),
        lambda h: delete(api, f"/api/v1/strategies/{strategy}", h),
        lambda h: delete(api, f"/api/v1/tasks/{task}", h),
        lambda h: delete(api, f"/api/v1/indicators/{draft['indicators'][0]['id']}", h),
    ):
        refused(call({}), 401)
        refused(call(callers["seoul"]), 403)
        refused(call(callers["busan_viewer"]), 403)
    refused(post(api, "/api/v1/plans/99999999/strategies", busan, {"name": "전략"}), 404)
    refused(post(api, f"/api/v1/plans/{plan}/tasks", busan, {**core, "strategy_id": 99999999}), 404)
    refused(
        post(api, f"/api/v1/plans/{plan}/indicators", busan, {"name": "지표", "task_id": 99999999}),
        404,
    )
    for kind in ("strategies", "tasks", "indicators"):
        refused(delete(api, f"/api/v1/{kind}/99999999", busan), 404)
    refused(post(api, f"/api/v1/plans/{resolved.pk}/strategies", busan, {"name": "전략"}), 409)
    refused(delete(api, f"/api/v1/indicators/{resolved.indicators.first().pk}", busan), 409)
    refused(delete(api, f"/api/v1/tasks/{resolved.tasks.first().pk}", busan), 409)
    refused(post(api, f"/api/v1/plans/{plan}/strategies", busan, {"name": " "}), 422)
    refused(post(api, f"/api/v1/plans/{plan}/tasks", busan, {**core, "kind": "branch"}), 422)
    refused(post(api, f"/api/v1/plans/{plan}/tasks", busan, {"name": "과제", "kind": "core"}), 422)
    refused(
        post(api, f"/api/v1/plans/{plan}/tasks", busan, {**core, "national_budget": "1.234"}), 422
    )
    another = {"name": "과제", "kind": "practical", "parent_id": seoul_task.pk}
    refused(post(api, f"/api/v1/plans/{plan}/tasks", busan, another), 422)
    bad = {"name": "지표", "direction": "sideways"}
    refused(post(api, f"/api/v1/plans/{plan}/indicators", busan, bad), 422)
    refused(post(api, f"/api/v1/plans/{plan}/indicators", busan, {"unit": "%"}), 422)
    assert Plan.objects.get(pk=plan).strategies.count() == len(draft["strategies"])


def test_the_workbook_goes_down_and_comes_back(api, callers):
    _rolled(api, callers)
    plan = Plan.objects.get(year=2025, owner__short_name="부산")

    download = api.get(WORKBOOK, **callers["busan_viewer"])
    changed = upload(api, WORKBOOK, callers["busan"], workbook_with_goal(plan))

    assert download.status_code == 200
    assert download["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in download["Content-Disposition"]
    assert load_workbook(io.BytesIO(download.content))[TASK_SHEET].max_row > 1
    assert changed.status_code == 200, changed.content.decode()
    assert changed.json() == {"changed": 1}
    plan.refresh_from_db()
    assert plan.goal == GOAL


def test_a_formula_like_name_goes_round_the_workbook_as_text(api, callers):
    draft = _rolled(api, callers)["plan"]
    task = next(t for s in draft["strategies"] for t in s["tasks"])["id"]
    name = '=HYPERLINK("http://example.com","열기")'
    assert patch(api, f"/api/v1/tasks/{task}", callers["busan"], {"name": name}).status_code == 200

    content = api.get(WORKBOOK, **callers["busan"]).content
    sheet = load_workbook(io.BytesIO(content))[TASK_SHEET]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == name]
    back = upload(api, WORKBOOK, callers["busan"], content)

    assert [cell.data_type for cell in cells] == ["s"]
    assert back.status_code == 200, back.content.decode()
    assert back.json() == {"changed": 0}
    assert Task.objects.get(pk=task).name == name


def test_a_bad_or_oversized_workbook_changes_nothing(api, callers):
    _rolled(api, callers)
    plan = Plan.objects.get(year=2025, owner__short_name="부산")
    busan = callers["busan"]
    book = load_workbook(io.BytesIO(workbook_with_goal(plan)))
    book[TASK_SHEET]["A2"] = "=1+1"
    with_formula = io.BytesIO()
    book.save(with_formula)

    not_xlsx = upload(api, WORKBOOK, busan, b"this is not a workbook")
    formula = upload(api, WORKBOOK, busan, with_formula.getvalue())
    oversized = upload(api, WORKBOOK, busan, b"PK\x03\x04" + b"0" * MAX_UPLOAD_BYTES)

    refused(not_xlsx, 422)
    assert len(not_xlsx.json()["row_errors"]) == 1
    refused(formula, 422)
    assert any("수식" in error for error in formula.json()["row_errors"])
    assert "너무 큽니다" in refused(oversized, 422)
    assert "file" in refused(api.post(WORKBOOK, {}, **busan), 422)
    no_boundary = api.post(WORKBOOK, b"--", content_type="multipart/form-data", **busan)
    assert "multipart" in refused(no_boundary, 400)
    plan.refresh_from_db()
    assert plan.goal != GOAL


def test_the_workbook_is_refused_by_status_code(api, callers):
    _rolled(api, callers)
    content = workbook_with_goal(Plan.objects.get(year=2025, owner__short_name="부산"))

    refused(api.get(WORKBOOK), 401)
    refused(upload(api, WORKBOOK, {}, content), 401)
    refused(api.get(WORKBOOK, **callers["seoul"]), 403)
    refused(upload(api, WORKBOOK, callers["seoul"], content), 403)
    refused(upload(api, WORKBOOK, callers["busan_viewer"], content), 403)
    refused(api.get("/api/v1/cycles/2025/submissions/없는기관/workbook", **callers["busan"]), 404)
    refused(api.get("/api/v1/cycles/2025/submissions/서울/workbook", **callers["seoul"]), 409)
    post(
        api,
        "/api/v1/cycles/2025/submissions/부산/local-resolution",
        callers["busan"],
        {"date": "2025-02-10"},
    )
    post(api, "/api/v1/cycles/2025/submissions/부산/submit", callers["busan"])
    refused(upload(api, WORKBOOK, callers["busan"], content), 409)


def test_staff_find_duplicates(api, callers):
    _rolled(api, callers)
    path = "/api/v1/cycles/2025/duplicates/find"

    found = post(api, path, callers["staff"])

    assert found.status_code == 200, found.content.decode()
    assert set(found.json()) == {"year", "added", "refreshed", "dropped", "judged"}
    assert found.json()["year"] == 2025
    refused(post(api, path, {}), 401)
    refused(post(api, path, callers["busan"]), 403)
    refused(post(api, "/api/v1/cycles/2030/duplicates/find", callers["staff"]), 404)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_staff_record_the_guidelines_with_their_document(api, callers, media):
    _rolled(api, callers)
    path = "/api/v1/cycles/2025/guidelines"
    fields = {
        "title": "2025년 지방시대 시행계획 수립지침",
        "meeting": "제9차 지방시대위원회",
        "resolved_on": "2024-11-21",
        "sent_on": "2024-11-22",
    }

    before = api.get(path, **callers["busan"]).json()
    recorded = upload(api, path, callers["staff"], PDF, name="지침.pdf", **fields)

    assert before["file_url"] is None
    assert recorded.status_code == 200, recorded.content.decode()
    body = recorded.json()
    assert {key: str(body[key]) for key in fields} == fields
    assert body["file_url"] == "/cycles/2025/guidelines/file/"
    assert b"".join(api.get(body["file_url"]).streaming_content) == PDF
    assert api.get(path, **callers["busan"]).json() == body


def test_the_guidelines_are_refused_by_status_code(api, callers, media):
    _rolled(api, callers)
    path = "/api/v1/cycles/2025/guidelines"
    fields = {"title": "수립지침"}

    refused(api.get(path), 401)
    refused(upload(api, path, {}, PDF, name="지침.pdf", **fields), 401)
    refused(upload(api, path, callers["busan"], PDF, name="지침.pdf", **fields), 403)
    refused(api.get("/api/v1/cycles/2030/guidelines", **callers["staff"]), 404)
    renamed = upload(api, path, callers["staff"], b"plain text", name="지침.pdf", **fields)
    assert "pdf" in refused(renamed, 422)
    big = b"%PDF-" + b"0" * guidelines.MAX_BYTES
    assert "너무 큽니다" in refused(
        upload(api, path, callers["staff"], big, name="지침.pdf", **fields), 422
    )
    refused(upload(api, path, callers["staff"], PDF, name="지침.pdf"), 422)  # no title
    late = {**fields, "sent_on": "2025-03-01"}
    refused(upload(api, path, callers["staff"], PDF, name="지침.pdf", **late), 422)
    assert not Cycle.objects.get(year=2025).guidelines_file


def test_a_task_moves_an_indicator_relinks_and_a_budget_cell_goes(api, callers):
    draft = _rolled(api, callers)["plan"]
    busan = callers["busan"]
    pillars = [s for s in draft["strategies"] if s["kind"] == "pillar" and s["tasks"]]
    first, second = pillars[0], pillars[1]
    holder = next(t for t in first["tasks"] if t["children"])
    child, other = holder["children"][0], second["tasks"][0]
    indicator = draft["indicators"][0]["id"]

    moved = patch(api, f"/api/v1/tasks/{child['id']}", busan, {"parent_id": other["id"]})
    core = patch(api, f"/api/v1/tasks/{holder['id']}", busan, {"strategy_id": second["id"]})
    linked = patch(api, f"/api/v1/indicators/{indicator}", busan, {"task_id": other["id"]})
    unlinked = patch(api, f"/api/v1/indicators/{indicator}", busan, {"task_id": None})
    cell = post(
        api,
        f"/api/v1/plans/{draft['id']}/budgets",
        busan,
        {"strategy_id": first["id"], "source": "private", "amount": "3"},
    ).json()
    removed = delete(api, f"/api/v1/budgets/{cell['id']}", busan)

    assert moved.status_code == 200, moved.content.decode()
    assert (moved.json()["parent_id"], moved.json()["strategy_id"]) == (other["id"], second["id"])
    assert core.status_code == 200, core.content.decode()
    assert (core.json()["parent_id"], core.json()["strategy_id"]) == (None, second["id"])
    assert linked.status_code == 200 and linked.json()["task_id"] == other["id"]
    assert unlinked.status_code == 200 and unlinked.json()["task_id"] is None
    assert removed.status_code == 204
    assert not Plan.objects.get(pk=draft["id"]).budgets.filter(pk=cell["id"]).exists()


def test_moving_relinking_and_removing_a_cell_are_refused_by_status_code(api, callers):
    draft = _rolled(api, callers)["plan"]
    busan = callers["busan"]
    holder = next(t for s in draft["strategies"] for t in s["tasks"] if t["children"])
    child = f"/api/v1/tasks/{holder['children'][0]['id']}"
    under_itself = {"parent_id": holder["children"][0]["id"]}
    indicator = f"/api/v1/indicators/{draft['indicators'][0]['id']}"
    resolved = Plan.objects.get(year=2024, owner__short_name="부산")
    seoul_task = Task.objects.filter(plan__year=2024, plan__owner__short_name="서울").first()
    cell = post(
        api,
        f"/api/v1/plans/{draft['id']}/budgets",
        busan,
        {"source": "private", "amount": "3"},
    ).json()
    budget = f"/api/v1/budgets/{cell['id']}"

    refused(patch(api, child, {}, {"parent_id": holder["id"]}), 401)
    refused(delete(api, budget, {}), 401)
    refused(patch(api, child, callers["seoul"], {"parent_id": holder["id"]}), 403)
    refused(patch(api, indicator, callers["busan_viewer"], {"task_id": None}), 403)
    refused(delete(api, budget, callers["seoul"]), 403)
    refused(patch(api, child, busan, {"parent_id": 99999999}), 404)
    refused(patch(api, indicator, busan, {"task_id": 99999999}), 404)
    refused(delete(api, "/api/v1/budgets/99999999", busan), 404)
    refused(
        patch(api, f"/api/v1/tasks/{resolved.tasks.filter(parent=None).first().pk}", busan,
              {"strategy_id": resolved.strategies.first().pk}),
        409,
    )  # fmt: skip
    refused(delete(api, f"/api/v1/budgets/{resolved.budgets.first().pk}", busan), 409)
    refused(patch(api, f"/api/v1/tasks/{holder['id']}", busan, under_itself), 422)
    refused(patch(api, child, busan, {"parent_id": seoul_task.pk}), 422)
    refused(patch(api, indicator, busan, {"task_id": seoul_task.pk}), 422)
    refused(patch(api, child, busan, {"parent_id": None}), 422)
    # a rename with an impossible move changes nothing
    refused(
        patch(api, f"/api/v1/tasks/{holder['id']}", busan, {"name": "새 이름", **under_itself}), 422
    )
    assert Task.objects.get(pk=holder["id"]).name == holder["name"]
