"""Zone designations through /api/v1/: public reads with each province's cap and usage,
token writes answered 201, and 401/403/404/409/422 with Korean details, hostile input
included."""

import pytest

from dream.zones.choices import DesignationStage
from dream.zones.models import DesignationDecision, ZoneDesignation

from .conftest import DELIBERATED_ON, DESIGNATED_ON

LIST = "/api/v1/zone-designations"


def _body(zone_task, **fields):
    return {
        "task_id": zone_task.pk,
        "province": "부산",
        "name": "부산 기회발전특구 1",
        "area_text": "120만평",
        "applied_on": "2024-03-29",
    } | fields


def _post(api, url, body, headers):
    return api.post(url, body, content_type="application/json", **headers)


def test_the_list_is_public_with_caps_usage_and_the_area_as_entered(api, applied, apply):
    apply(persona="committee_staff", province="서울", name="서울 특구", area_text="")
    response = api.get(LIST, {"year": 2024})

    assert response.status_code == 200
    items = {item["province"]: item for item in response.json()["items"]}
    assert items["부산"] | {"id": 0} == {
        "id": 0,
        "year": 2024,
        "task_id": applied.task_id,
        "task_name": "기회발전특구 지정으로 양질의 신규 일자리 창출",
        "province": "부산",
        "name": "부산 기회발전특구 1",
        "area_text": "120만평",
        "area_pyeong": "120.0000",
        "stage": "applied",
        "applied_on": "2024-03-29",
        "cap_pyeong": "150",
        "cap_basis": "광역시 150만평 (2024년 시행계획 l.231)",
        "designated_pyeong": "0",
        "pending_pyeong": "120.0000",
        "over_cap": False,
    }
    assert (items["서울"]["cap_pyeong"], items["서울"]["area_pyeong"]) == (None, None)
    assert items["서울"]["cap_basis"].startswith("계획이 정하지 않음")


def test_the_list_filters_by_task_and_province(api, applied, apply, uncapped_task):
    apply(persona="seoul_editor", province="서울", name="서울 특구")
    assert api.get(LIST, {"province": "서울"}).json()["count"] == 1
    assert api.get(LIST, {"task": uncapped_task.pk}).json()["count"] == 0
    assert api.get(LIST, {"task": applied.task_id, "province": "부산"}).json()["count"] == 1
    assert api.get(LIST, {"year": 2025}).json()["count"] == 0


def test_apply_decide_and_designate_over_the_cap_with_tokens(api, token_for, personas, zone_task):
    editor, staff = token_for(personas("busan_editor")), token_for(personas("committee_staff"))
    for name, area in (("가", "100만평"), ("나", "600,000평")):
        created = _post(api, LIST, _body(zone_task, name=name, area_text=area), editor)
        assert created.status_code == 201, created.content
        url = f"{LIST}/{created.json()['id']}/decisions"
        for stage, on in (("deliberated", DELIBERATED_ON), ("designated", DESIGNATED_ON)):
            decided = _post(
                api, url, {"stage": stage, "decided_on": on.isoformat(), "decision": "의결"}, staff
            )
            assert decided.status_code == 201, decided.content
    body = decided.json()
    assert body["stage"] == "designated"
    assert [d["stage"] for d in body["decisions"]] == ["deliberated", "designated"]
    assert (body["designated_pyeong"], body["over_cap"]) == ("160.0000", True)
    assert ZoneDesignation.objects.filter(stage=DesignationStage.DESIGNATED).count() == 2


def test_the_province_withdraws_through_the_decisions_path(api, token_for, personas, applied):
    response = _post(
        api,
        f"{LIST}/{applied.pk}/decisions",
        {"stage": "withdrawn", "decided_on": "2024-04-01", "decision": "입지 재검토"},
        token_for(personas("busan_editor")),
    )
    assert response.status_code == 201, response.content
    assert response.json()["stage"] == "withdrawn"


def test_the_detail_has_the_decisions(api, deliberated):
    body = api.get(f"{LIST}/{deliberated.pk}").json()
    assert [(d["stage"], d["decision"]) for d in body["decisions"]] == [
        ("deliberated", "제5차 지방시대위원회 심의·의결")
    ]


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 401), ("busan_viewer", 403), ("seoul_editor", 403)]
)
def test_who_may_not_apply_is_refused(api, token_for, personas, zone_task, persona, status):
    headers = token_for(personas(persona)) if persona else {}
    response = _post(api, LIST, _body(zone_task), headers)
    assert response.status_code == status
    assert not ZoneDesignation.objects.exists()


def test_a_province_editor_may_not_decide(api, token_for, personas, applied):
    response = _post(
        api,
        f"{LIST}/{applied.pk}/decisions",
        {"stage": "deliberated", "decided_on": "2024-06-05", "decision": "x"},
        token_for(personas("busan_editor")),
    )
    assert response.status_code == 403
    assert "위원회 담당자만" in response.json()["detail"]


def test_a_skipped_step_is_409_and_a_bad_area_or_date_422(api, token_for, personas, applied):
    staff = token_for(personas("committee_staff"))
    url = f"{LIST}/{applied.pk}/decisions"
    skipped = _post(api, url, {"stage": "designated", "decided_on": "2024-06-05",
                                "decision": "x"}, staff)  # fmt: skip
    assert skipped.status_code == 409 and "심의·의결" in skipped.json()["detail"]
    early = _post(api, url, {"stage": "deliberated", "decided_on": "2024-01-01",
                              "decision": "x"}, staff)  # fmt: skip
    assert early.status_code == 422 and "신청일" in early.json()["detail"]
    comma = _post(api, LIST, _body(applied.task, name="다른", area_text="31,6만평"), staff)
    assert comma.status_code == 422 and "소수점은 마침표로" in comma.json()["detail"]
    again = _post(api, LIST, _body(applied.task), staff)
    assert again.status_code == 409 and "이미 있습니다" in again.json()["detail"]
    assert DesignationDecision.objects.count() == 0


def test_hostile_input_is_refused_in_korean_never_a_500(api, token_for, personas, applied):
    staff = token_for(personas("committee_staff"))
    assert api.get(LIST, {"province": "부\x00산"}).status_code == 400  # refused by the site
    assert api.get(LIST, {"province": "없는곳"}).json()["detail"].startswith("이 약칭의 시·도가")
    for query in ({"year": 99999}, {"year": "²"}, {"task": 10**30}, {"task": "x"}):
        assert api.get(LIST, query).status_code == 422, query
    for pk in (0, 999999, 2**63, 10**30):
        response = api.get(f"{LIST}/{pk}")
        assert response.status_code == 404 and "특구 지정" in response.json()["detail"]
    nul = _post(api, LIST, _body(applied.task, name="부산\x00특구"), staff)
    assert nul.status_code == 422 and "제어 문자" in nul.json()["detail"]
    nul_province = _post(api, LIST, _body(applied.task, province="부\x00산"), staff)
    assert nul_province.status_code == 404 and "\x00" not in nul_province.json()["detail"]
    unknown_task = _post(api, LIST, _body(applied.task, task_id=999999), staff)
    assert unknown_task.status_code == 404
    huge_task = _post(api, LIST, _body(applied.task, task_id=2**64), staff)
    assert huge_task.status_code == 422
    formula = _post(api, LIST, _body(applied.task, name='=HYPERLINK("http://x")'), staff)
    assert formula.status_code == 201 and formula.json()["name"] == '=HYPERLINK("http://x")'
    bad_stage = _post(
        api, f"{LIST}/{applied.pk}/decisions",
        {"stage": "approved", "decided_on": "2024-06-05", "decision": "x"}, staff,
    )  # fmt: skip
    assert bad_stage.status_code == 422
