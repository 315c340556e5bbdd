"""The API: public reads of agencies and submitted reports, a report saved by token."""

from dream.agencies.services import performance_report_submit


def test_agencies_are_public(client, dip):
    agencies = client.get("/api/v1/agencies").json()
    assert {a["name"] for a in agencies} == {"부산정보산업진흥원", "대구디지털혁신진흥원"}
    one = client.get(f"/api/v1/agencies/{dip.pk}").json()
    assert (one["province"], one["source_line"]) == ("대구", 1737)
    assert client.get("/api/v1/agencies/999999").status_code == 404


def test_only_submitted_reports_are_public(client, make_report, staff):
    make_report(programme="초안")
    performance_report_submit(actor=staff, report=make_report(budget="100"))
    body = client.get("/api/v1/performance/2024").json()
    assert [r["programme"] for r in body["reports"]] == ["지역디지털기초체력지원"]
    assert body["budget_total_eok"] == "100.00" or float(body["budget_total_eok"]) == 100
    assert body["reports"][0]["outcomes"][0]["achievement_percent"] is not None


def test_the_agency_editor_saves_and_submits_by_token(client, dip, personas, token_for):
    headers = token_for(personas("agency_editor"))
    data = {
        "ministry": "과기정통부", "programme": "이노베이션스퀘어", "budget": "70",
        "outcomes": [{"name": "교육생", "unit": "명", "target": "100", "actual": "120"}],
        "submit": True,
    }  # fmt: skip
    url = f"/api/v1/agencies/{dip.pk}/performance/2024"
    response = client.post(url, data, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"
    other = token_for(personas("other_agency_editor"))
    refused = client.post(url, data, content_type="application/json", **other)
    assert refused.status_code == 403
    assert client.post(url, data, content_type="application/json").status_code == 401
    data["budget"] = "31,6"
    data["programme"] = "다른 사업"
    assert client.post(url, data, content_type="application/json", **headers).status_code == 422
