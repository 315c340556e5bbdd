"""Public reads: published plans with their tree, findings, search and the digital plan,
without a token; bad parameters answer 422 with a Korean detail."""

from decimal import Decimal

import pytest

from dream.plans.models import Budget

CONTRACT_PATHS = {
    "/api/v1/cycles": {"post"},
    "/api/v1/cycles/{year}": {"get"},
    "/api/v1/cycles/{year}/submissions/{org}/roll-forward": {"post"},
    "/api/v1/cycles/{year}/submissions/{org}": {"get"},
    "/api/v1/tasks/{id}": {"patch", "delete"},  # delete: a draft's items, beyond the list
    "/api/v1/budgets/{id}": {"patch", "delete"},
    "/api/v1/cycles/{year}/submissions/{org}/{action}": {"post"},
    "/api/v1/cycles/{year}/resolve": {"post"},
    "/api/v1/plans": {"get"},
    "/api/v1/plans/{id}": {"get", "patch"},  # patch: a draft's goal, beyond the list
    "/api/v1/findings": {"get"},
    "/api/v1/search": {"get"},
    "/api/v1/digital": {"get"},
}


def test_the_schema_lists_every_contract_path(api, db):
    response = api.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {path: set(paths.get(path, {})) for path in CONTRACT_PATHS} == CONTRACT_PATHS


def test_the_docs_page_loads_its_scripts_from_dream_itself(api, db):
    response = api.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert api.get("/static/ninja/swagger-ui-init.js").status_code == 200


@pytest.mark.usefixtures("plan_2024")
class TestPlans:
    def test_plans_are_found_by_year_level_and_any_name_of_the_owner(self, api, db):
        response = api.get("/api/v1/plans?year=2024&level=province&owner=부산광역시")

        body = response.json()
        assert response.status_code == 200
        assert body["count"] == 1
        assert body["items"][0]["owner"]["short_name"] == "부산"
        assert body["items"][0]["title"] == "2024년 시·도 지방시대 시행계획"

    def test_plan_lists_come_in_bounded_pages(self, api, db):
        everything = api.get("/api/v1/plans?year=2024&limit=100").json()
        page = api.get("/api/v1/plans?year=2024&limit=2&offset=1").json()

        assert everything["count"] > 20
        assert page["count"] == everything["count"]
        assert page["items"] == everything["items"][1:3]
        assert api.get("/api/v1/plans?limit=101").status_code == 422

    @pytest.mark.parametrize(
        "query", ["year=abc", "year=1800", "level=city", "offset=-1", "owner=없는기관"]
    )
    def test_a_bad_parameter_answers_422_in_korean(self, api, db, query):
        response = api.get(f"/api/v1/plans?{query}")

        assert response.status_code == 422
        assert response["Content-Type"] == "application/json; charset=utf-8"
        detail = response.json()["detail"]
        assert "올바르지 않" in detail or "기관이 없습니다" in detail

    def test_a_validation_error_lists_each_bad_field(self, api, db):
        body = api.get("/api/v1/plans?year=abc&level=city").json()

        assert {tuple(e["loc"])[-1] for e in body["errors"]} == {"year", "level"}

    def test_a_plan_comes_with_its_tree_and_exact_amounts(self, api, db):
        plan_id = api.get("/api/v1/plans?year=2024&owner=부산").json()["items"][0]["id"]

        tree = api.get(f"/api/v1/plans/{plan_id}").json()

        assert tree["strategies"] and tree["indicators"] and tree["budgets"]
        nested = [t for s in tree["strategies"] for t in s["tasks"] if t["children"]]
        assert nested, "tasks are nested under their core tasks"
        stored = {b.pk: b.amount_eok for b in Budget.objects.filter(plan_id=plan_id)}
        assert {b["id"]: Decimal(b["amount_eok"]) for b in tree["budgets"]} == stored
        assert all(isinstance(b["amount_eok"], str) for b in tree["budgets"])

    def test_an_unknown_plan_is_404_in_korean(self, api, db):
        response = api.get("/api/v1/plans/999999")

        assert response.status_code == 404
        assert response.json()["detail"] == "찾는 자료가 없습니다."
        assert "찾는 자료가 없습니다.".encode() in response.content  # text, not \\u escapes

    def test_findings_are_filtered_by_year_and_code(self, api, db):
        everything = api.get("/api/v1/findings?year=2024&limit=100").json()
        code = everything["items"][0]["code"]
        some = api.get(f"/api/v1/findings?year=2024&code={code}&limit=100").json()

        assert everything["count"] > some["count"] > 0
        assert {f["code"] for f in some["items"]} == {code}
        assert everything["items"][0]["code_label"]
        assert api.get("/api/v1/findings?year=2023").json()["count"] == 0

    def test_search_finds_tasks_across_the_plans(self, api, db):
        body = api.get("/api/v1/search?q=탄소 중립&limit=5").json()

        assert body["count"] > 5
        assert len(body["items"]) == 5
        assert all("탄소" in hit["title"] for hit in body["items"])
        second = api.get("/api/v1/search?q=탄소 중립&limit=5&offset=5").json()
        assert second["items"][0] not in body["items"]

    def test_search_can_stay_inside_one_year(self, api, db):
        every_year = api.get("/api/v1/search?q=탄소 중립").json()
        plan_year = api.get("/api/v1/search?q=탄소 중립&year=2024").json()
        other_year = api.get("/api/v1/search?q=탄소 중립&year=2023").json()

        assert plan_year == every_year  # only 2024 is stored
        assert all(hit["owner"] == "" for hit in other_year["items"])  # no plan: every year
        assert other_year["count"] < plan_year["count"]
        assert api.get("/api/v1/search?q=탄소&year=이천").status_code == 422

    def test_search_needs_words(self, api, db):
        response = api.get("/api/v1/search")

        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"][-1] == "q"


def test_the_digital_plan_answers_404_before_it_is_imported(api, db):
    assert api.get("/api/v1/digital").status_code == 404


@pytest.mark.usefixtures("digital_plan_2023")
def test_the_digital_plan_lists_its_goals_and_tasks(api, db):
    body = api.get("/api/v1/digital").json()

    assert len(body["tasks"]) == 42
    headline = [g for g in body["goals"] if g["kind"] == "headline"]
    assert len(headline) == 3
    assert {g["target_text"] for g in headline} >= {"30조원"}


def test_an_id_larger_than_any_column_is_422_not_a_crash(api, db):
    response = api.get("/api/v1/findings", {"plan": "9" * 23})
    assert response.status_code == 422
