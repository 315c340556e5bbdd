"""POST /api/v1/allocations/what-if (Committee staff token) and the public runs."""

import pytest

from dream.allocation import services

URL = "/api/v1/allocations/what-if"
GOOD = {
    "base": {"부산": 100, "대구": "100", "광주": 50.5},
    "scores": {"부산": 1, "대구": 0, "광주": "0.5"},
}


def post(api, body, headers=None):
    return api.post(URL, body, content_type="application/json", **(headers or {}))


def test_staff_get_every_province_amount_and_change(api, staff, token_for):
    response = post(api, {**GOOD, "budget_neutral": False}, token_for(staff))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["cap"] == "0.20" and body["cap_basis"] == "원문 l.1124 최대 20%"
    assert [(p["province"], p["change_percent"], p["amount"]) for p in body["provinces"]] == [
        ("부산", "20.00", "120.00"),
        ("대구", "-20.00", "80.00"),
        ("광주", "0.00", "50.50"),
    ]


def test_budget_neutral_defaults_to_the_setting_and_keeps_the_total(api, staff, token_for):
    body = post(api, GOOD, token_for(staff)).json()
    assert body["budget_neutral"] is True
    assert body["amount_total"] == body["base_total"] == "250.50"


def test_a_lowered_cap_is_the_rule_in_force(api, staff, token_for):
    services.settings_set(actor=staff, year=2030, cap="0.1", budget_neutral=False, weights={})
    body = post(api, {**GOOD, "year": 2030}, token_for(staff)).json()
    assert body["provinces"][0]["change_percent"] == "10.00"


def test_without_a_token_401(api, db):
    assert post(api, GOOD).status_code == 401


@pytest.mark.parametrize("who", ["busan_editor", "ministry_editor", "busan_viewer"])
def test_a_non_staff_token_403(api, personas, token_for, who):
    response = post(api, GOOD, token_for(personas(who)))
    assert response.status_code == 403
    assert "지방시대위원회" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"base": {"부싼": 1}, "scores": {"부싼": 1}}, "알 수 없는"),
        ({"base": {"부산": -1}, "scores": {"부산": 1}}, "0억원 이상"),
        ({"base": {"부산": 1}, "scores": {"부산": 1.5}}, "0 이상 1 이하"),
        ({"base": {"부산": 1, "대구": 1}, "scores": {"부산": 1, "광주": 1}}, "다릅니다"),
        (
            {"base": {f"x{i}": 1 for i in range(18)}, "scores": {f"x{i}": 1 for i in range(18)}},
            "17곳",
        ),
        ({"base": {"부산": "abc"}, "scores": {"부산": 1}}, "숫자로"),
        ({"base": {"부산": True}, "scores": {"부산": 1}}, "요청 값"),
        ({"base": {"부산": [1]}, "scores": {"부산": 1}}, "요청 값"),
        ({"base": {"부산": 1}, "scores": {"부산": 1}, "budget_neutral": "yes"}, "요청 값"),
        ({"scores": {"부산": 1}}, "요청 값"),
        ({"base": {"부산": "1e999999"}, "scores": {"부산": 1}}, ""),
        ({"base": {"부산": "NaN"}, "scores": {"부산": 1}}, "유한한"),
    ],
)
def test_bad_input_422(api, staff, token_for, body, needle):
    response = post(api, body, token_for(staff))
    assert response.status_code == 422, response.content
    assert needle in response.json()["detail"]


def test_runs_are_public(api, year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025, label="공개")
    listed = api.get("/api/v1/allocations/runs", {"year": year_2025}).json()
    assert [r["id"] for r in listed] == [run.pk]
    detail = api.get(f"/api/v1/allocations/runs/{run.pk}").json()
    assert len(detail["lines"]) == 8
    assert detail["lines"][0]["explanation"].startswith(detail["lines"][0]["province"])
    assert detail["cap"] == "0.20" and detail["rule"] == run.result["rule"]
    assert api.get("/api/v1/allocations/runs/999999").status_code == 404
    assert api.get("/api/v1/allocations/runs/99999999999999999999999").status_code in (404, 422)
