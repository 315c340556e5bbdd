"""The pipeline through /api/v1/: public reads of submitted proposals and large projects,
token writes answered 401/403/404/409/422 like the cycle API."""

import pytest

from dream.pipeline.choices import LargeProjectStage, ProposalState
from dream.pipeline.models import Proposal

from .conftest import YEAR

BODY = {
    "province": "부산",
    "year": YEAR,
    "title": "스마트 항만",
    "origin": "pledge",
    "size": "93.5",
}


def test_reads_are_public_and_drafts_stay_hidden(api, submitted, proposal_of):
    draft = proposal_of(title="초안")
    items = api.get("/api/v1/proposals", {"year": YEAR}).json()["items"]
    assert [i["id"] for i in items] == [submitted.pk]
    assert items[0]["size_eok"] == "1234.50"
    assert api.get(f"/api/v1/proposals/{draft.pk}").status_code == 404


def test_a_token_of_the_province_also_sees_its_drafts(api, token_for, personas, proposal_of):
    draft = proposal_of(title="초안")
    headers = token_for(personas("busan_viewer"))
    assert api.get(f"/api/v1/proposals/{draft.pk}", **headers).status_code == 200


def test_create_submit_and_rank(api, token_for, personas):
    headers = token_for(personas("busan_editor"))
    first = api.post("/api/v1/proposals", BODY, content_type="application/json", **headers)
    assert first.status_code == 201, first.content
    assert first.json()["state"] == ProposalState.DRAFTING
    second = api.post(
        "/api/v1/proposals", BODY | {"title": "둘째"}, content_type="application/json", **headers
    ).json()
    submitted = api.post(f"/api/v1/proposals/{second['id']}/submit", **headers)
    assert submitted.json()["state"] == ProposalState.SUBMITTED
    again = api.post(f"/api/v1/proposals/{second['id']}/submit", **headers)
    assert again.status_code == 409
    ranked = api.post(
        "/api/v1/proposals/rank",
        {"province": "부산", "year": YEAR, "order": [second["id"], first.json()["id"]]},
        content_type="application/json",
        **headers,
    )
    assert ranked.status_code == 200
    assert Proposal.objects.get(pk=second["id"]).priority == 1


@pytest.mark.parametrize(
    ("persona", "body", "status"),
    [
        (None, BODY, 401),
        ("seoul_editor", BODY, 403),
        ("busan_editor", BODY | {"province": "없는곳"}, 404),
        ("busan_editor", BODY | {"size": "31,6"}, 422),
        ("busan_editor", BODY | {"year": "x"}, 422),
    ],
)
def test_refusals(api, token_for, personas, persona, body, status):
    headers = token_for(personas(persona)) if persona else {}
    response = api.post("/api/v1/proposals", body, content_type="application/json", **headers)
    assert response.status_code == status
    assert response.json()["detail"]


def test_track_2_start_and_steps(api, token_for, personas, submitted):
    owner = token_for(personas("ministry_editor"))
    start = {"proposal_id": submitted.pk, "owner": "행안부", "started_on": "2025-03-04",
             "decision": "컨설팅 착수"}  # fmt: skip
    response = api.post("/api/v1/large-projects", start, content_type="application/json", **owner)
    assert response.status_code == 201, response.content
    project = response.json()
    assert project["stage"] == LargeProjectStage.CONSULTING
    step = {"to_stage": "review", "decided_on": "2025-03-05", "decision": "검토"}
    url = f"/api/v1/large-projects/{project['id']}/steps"
    assert api.post(url, step, content_type="application/json", **owner).status_code == 409
    step["to_stage"] = "discussion"
    response = api.post(url, step, content_type="application/json", **owner)
    assert response.status_code == 201
    assert [s["to_stage"] for s in response.json()["steps"]] == ["consulting", "discussion"]
    other = token_for(personas("msit_editor"))
    step |= {"to_stage": "review"}
    assert api.post(url, step, content_type="application/json", **other).status_code == 403
    listed = api.get("/api/v1/large-projects").json()
    assert listed["count"] == 1 and listed["items"][0]["stage"] == "discussion"
    assert api.post("/api/v1/large-projects/999999/steps", step,
                    content_type="application/json", **owner).status_code == 404  # fmt: skip
