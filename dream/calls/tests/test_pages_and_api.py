"""The pages and the API: the public see calls that are not drafts and, after selection, the
ranking with aggregate scores only — never an evaluator's score or name; an evaluator sees only
their own assignments; refusals are 401/403/404/409/422 as in the evaluation API."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from dream.calls import evaluation, services
from dream.calls.models import Application, CallScore
from dream.opendata.calls import RESOURCES

from .setup import GOOD_REASON, applied_world, declared, expert, selected_world, submitted_proposal

pytestmark = pytest.mark.django_db


def _post_json(api, url, body, headers):
    return api.post(url, json.dumps(body), content_type="application/json", **headers)


def test_the_public_call_page_shows_the_ranking_but_no_evaluator(client, orgs, staff):
    world = selected_world(orgs, staff)
    html = client.get(reverse("calls:call_detail", args=[world.call.pk])).content.decode()
    assert "1위" in html and "90.0점" in html and "선정" in html
    assert "지자체 추진의지" in html and "원문 l.1700" in html and "계획이 정하지 않음" in html
    for evaluator in world.evaluators:
        assert evaluator.user.username not in html
    assert GOOD_REASON not in html
    assert "15억원" in html


def test_a_draft_call_is_not_public(client, api, orgs, staff):
    call = services.call_create(
        actor=staff, year=2024, title="준비 중인 공모", budget="10", select_count=1,
        deadline=timezone.localdate(),
    )  # fmt: skip
    assert client.get(reverse("calls:call_detail", args=[call.pk])).status_code == 404
    assert "준비 중인 공모" not in client.get(reverse("calls:call_list")).content.decode()
    assert api.get(f"/api/v1/calls/{call.pk}").status_code == 404


def test_an_evaluator_sees_only_their_own_assignments(client, orgs, staff):
    world = applied_world(orgs, staff, {"부산": "10", "서울": "10"})
    call = services.call_evaluation_start(actor=staff, call=world.call)
    panel = evaluation.call_panel_save(actor=staff, call=call, name="1반", members=[])
    mine, other = expert(staff, "mine"), expert(staff, "other")
    for evaluator, name in ((mine, "부산"), (other, "서울")):
        declared(call, evaluator)
        evaluation.call_assignment_create(
            actor=staff, panel=panel, application=world.applications[name], evaluator=evaluator
        )
    client.force_login(mine.user)
    url = reverse("calls:call_my", args=[call.pk])
    html = client.get(url).content.decode()
    assert "부산 디지털 혁신 과제" in html and "서울 디지털 혁신 과제" not in html
    criterion = call.criteria.get()
    form = {f"score_{criterion.pk}": "75", f"reason_{criterion.pk}": GOOD_REASON}
    own, others = (
        a for a in sorted(call.assignments.all(), key=lambda a: a.evaluator_id != mine.pk)
    )
    assert client.post(url, {"assignment": own.pk, **form}).status_code == 302
    assert own.scores.get().value == 75
    assert client.post(url, {"assignment": others.pk, **form}).status_code == 404
    assert not others.scores.exists()


def test_the_managers_page_refuses_others(client, orgs, staff, personas):
    world = applied_world(orgs, staff, {"부산": "10"})
    url = reverse("calls:call_manage", args=[world.call.pk])
    assert client.get(url).status_code == 302
    client.force_login(personas("busan_editor"))
    assert client.get(url).status_code == 403
    client.force_login(personas("msit_editor"))
    assert client.get(url).status_code == 200


def test_a_province_applies_through_its_page(client, orgs, staff):
    world = applied_world(orgs, staff, {})
    proposal = submitted_proposal(orgs, "부산")
    client.force_login(proposal.created_by)
    response = client.post(
        reverse("calls:call_apply", args=[world.call.pk]),
        {"proposal": proposal.pk, "requested": "12.5"},
    )
    assert response.status_code == 302
    assert Application.objects.get(proposal=proposal).requested_eok == 12.5


def test_the_api_path_and_its_refusals(api, token_for, orgs, staff, personas):
    world = applied_world(orgs, staff, {"서울": "10"})
    proposal = submitted_proposal(orgs, "부산")
    url = f"/api/v1/calls/{world.call.pk}"
    busan = token_for(proposal.created_by)
    assert (
        _post_json(
            api, f"{url}/applications", {"proposal_id": proposal.pk, "requested": "5"}, {}
        ).status_code
        == 401
    )
    seoul = token_for(personas("seoul_editor"))
    body = {"proposal_id": proposal.pk, "requested": "5"}
    assert _post_json(api, f"{url}/applications", body, seoul).status_code == 403
    too_much = {"proposal_id": proposal.pk, "requested": "30.01"}
    assert _post_json(api, f"{url}/applications", too_much, busan).status_code == 422
    assert _post_json(api, f"{url}/applications", body, busan).status_code == 201
    assert _post_json(api, f"{url}/applications", body, busan).status_code == 409

    call = services.call_evaluation_start(actor=staff, call=world.call)
    panel = evaluation.call_panel_save(actor=staff, call=call, name="1반", members=[])
    tied = expert(staff, "tied", orgs["부산"])
    declared(call, tied)
    staff_token = token_for(staff)
    busan_application = Application.objects.get(proposal=proposal)
    refused = _post_json(
        api, f"{url}/assignments",
        {"application_id": busan_application.pk, "evaluator_id": tied.pk, "panel_id": panel.pk},
        staff_token,
    )  # fmt: skip
    assert refused.status_code == 409 and "부산 소속" in refused.json()["detail"]

    x = expert(staff, "x")
    assert (
        _post_json(
            api, f"{url}/declarations", {"none_to_declare": True}, token_for(x.user)
        ).status_code
        == 201
    )
    made = _post_json(
        api, f"{url}/assignments",
        {"application_id": busan_application.pk, "evaluator_id": x.pk, "panel_id": panel.pk},
        staff_token,
    )  # fmt: skip
    assert made.status_code == 201
    scores_url = f"/api/v1/call-assignments/{made.json()['id']}/scores"
    criterion = call.criteria.get()
    row = [{"criterion_id": criterion.pk, "value": "80", "reason": GOOD_REASON}]
    assert _post_json(api, scores_url, row, token_for(personas("superuser"))).status_code == 403
    assert _post_json(api, scores_url, row, token_for(x.user)).status_code == 200

    assert api.post(f"{url}/compute", **busan).status_code == 403
    computed = api.post(f"{url}/compute", **staff_token).json()
    assert {r["province"]: r["raw_score"] for r in computed}["부산"] == "80"
    selected = api.post(f"{url}/select", **staff_token).json()
    assert {r["province"]: r["state"] for r in selected} == {
        "부산": "selected",
        "서울": "not_selected",
    }
    public = api.get(url).json()
    assert [r["province"] for r in public["ranking"]] == ["부산", "서울"]
    assert "evaluator" not in json.dumps(public["ranking"])


def test_the_data_package_publishes_aggregates_only_after_selection(orgs, staff):
    world = applied_world(orgs, staff, {"부산": "10"})
    tables = {r.name: r for r in RESOURCES}
    assert list(tables["call_applications"].read()) == []
    assert len(list(tables["calls"].read())) == 1
    world = selected_world(orgs, staff)
    rows = list(tables["call_applications"].read())
    assert {row[2] for row in rows} == {orgs["부산"].pk, orgs["서울"].pk}
    names = {c.name for r in RESOURCES for c in r.columns}
    assert not names & {"evaluator_id", "evaluator", "reason", "value"}
    assert CallScore.objects.filter(assignment__call=world.call).exists()
