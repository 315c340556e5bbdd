"""Declarations, assignments and scores through the API: the evaluator for self only, staff
assign; a conflict of interest is 409."""

import pytest

from dream.evaluation.integrity import panel_save
from dream.evaluation.models import Assignment
from dream.evaluation.scoring import round_compute
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, expert, small_round

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def small(orgs, staff):
    return small_round(orgs, staff)


def test_declare_assign_score_submit_and_read(small, staff, orgs, api, token_for, personas):
    x = expert(staff, "expert_x")
    as_x, as_staff = token_for(x.user), token_for(staff)
    panel = panel_save(actor=staff, round=small.round, name="1반", members=[])

    response = api.post(
        "/api/v1/evaluations/2024/assignments",
        {"unit_id": small.busan_core.pk, "evaluator_id": x.pk, "panel_id": panel.pk},
        content_type=JSON, **as_staff,
    )  # fmt: skip
    assert response.status_code == 409 and "이해충돌 신고 먼저" in response.json()["detail"]

    response = api.post(
        "/api/v1/evaluations/2024/declarations", {"none_to_declare": True},
        content_type=JSON, **as_x,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    response = api.post(
        "/api/v1/evaluations/2024/assignments",
        {"unit_id": small.busan_core.pk, "evaluator_id": x.pk, "panel_id": panel.pk},
        content_type=JSON, **as_staff,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assignment_id = response.json()["id"]

    rows = [
        {"leaf_id": leaf.pk, "criterion_id": c.pk, "value": "75", "reason": GOOD_REASON}
        for leaf in small.busan_leaves
        for c in small.criteria
    ]
    url = f"/api/v1/assignments/{assignment_id}/scores"
    for other in (staff, personas("superuser")):
        response = api.put(url, rows, content_type=JSON, **token_for(other))
        assert response.status_code == 403
    bad = [*rows[:-1], {**rows[-1], "value": "101"}]
    assert api.put(url, bad, content_type=JSON, **as_x).status_code == 422
    assert not Assignment.objects.get(pk=assignment_id).scores.exists()
    response = api.put(url, rows, content_type=JSON, **as_x)
    assert response.status_code == 200 and len(response.json()) == len(rows)

    submit = f"/api/v1/assignments/{assignment_id}/submit"
    assert api.post(submit, content_type=JSON, **as_x).json()["state"] == "submitted"
    assert api.post(submit, content_type=JSON, **as_x).status_code == 409

    round_compute(actor=staff, round=small.round)
    scores = api.get("/api/v1/evaluations/2024/scores", **as_staff).json()
    leaf = next(u for u in scores["unit_scores"] if u["unit_id"] == small.busan_leaves[0].pk)
    assert leaf["raw"] == "75" and leaf["normalised"] is None
    mine = api.get("/api/v1/evaluations/2024/scores", **as_x).json()
    assert mine["unit_scores"] == [] and len(mine["scores"]) == len(rows)
    assert (
        api.get(
            "/api/v1/evaluations/2024/scores", **token_for(personas("busan_editor"))
        ).status_code
        == 403
    )


def test_a_tied_evaluator_is_409_naming_the_tie(small, staff, orgs, api, token_for):
    y = declared(staff, small.round, "expert_y", member_of=orgs["부산"])
    response = api.post(
        "/api/v1/evaluations/2024/assignments",
        {"unit_id": small.busan_core.pk, "evaluator_id": y.pk, "panel_id": None},
        content_type=JSON, **token_for(staff),
    )  # fmt: skip
    assert response.status_code == 409
    assert "부산 소속" in response.json()["detail"]


def test_an_evaluator_lists_only_own_assignments(small, staff, api, token_for, personas):
    from dream.evaluation.integrity import assignment_create

    x = declared(staff, small.round, "expert_x")
    z = declared(staff, small.round, "expert_z")
    assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    assignment_create(actor=staff, panel=None, unit=small.seoul_core, evaluator=z)
    mine = api.get("/api/v1/evaluations/2024/assignments", **token_for(x.user)).json()
    assert [a["unit_id"] for a in mine] == [small.busan_core.pk]
    everything = api.get("/api/v1/evaluations/2024/assignments", **token_for(staff)).json()
    assert len(everything) == 2
    response = api.get(
        "/api/v1/evaluations/2024/assignments", **token_for(personas("busan_editor"))
    )
    assert response.status_code == 403
    assert api.get("/api/v1/evaluations/2024/assignments").status_code == 401


def test_declaring_a_tie_cancels_through_the_api(small, staff, orgs, api, token_for):
    from dream.evaluation.integrity import assignment_create

    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    response = api.post(
        "/api/v1/evaluations/2024/declarations",
        {"ties": [{"organization": "부산", "kind": "employment", "period": "2020–2023"}]},
        content_type=JSON, **token_for(x.user),
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["cancelled_assignments"] == [assignment.pk]
