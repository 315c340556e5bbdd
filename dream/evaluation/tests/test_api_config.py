"""The round's settings through the API: staff make and choose sets, weigh units and give
indicators a direction while the round is planned (409 after freezing); others 401/403; the
assigned evaluator alone judges a text-target indicator; hostile values never a 500."""

from decimal import Decimal

import pytest
from django.utils import timezone

from dream.evaluation.choices import RoundPhase
from dream.evaluation.integrity import assignment_create
from dream.evaluation.models import CriterionSet, GradeBandSet, IndicatorJudgement, IndicatorRule
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, small_round
from dream.indicators.choices import IndicatorGroup
from dream.indicators.models import Indicator

pytestmark = pytest.mark.django_db
JSON = "application/json"
CRITERIA = {
    "name": "위원회 기준",
    "note": "",
    "criteria": [
        {"name": "예산 집행", "description": "집행률", "weight": "2", "max_score": "50"},
        {"name": "달성도", "weight": 1},
    ],
}
BANDS = {"name": "세 등급", "bands": [{"label": "우수", "min_score": "80"}]}
BANDS["bands"] += [{"label": "보통", "min_score": 60}, {"label": "미흡", "min_score": "0"}]


@pytest.fixture
def planning(orgs, staff):
    return small_round(orgs, staff, phase=RoundPhase.PLANNING)


def test_staff_make_and_choose_sets_and_weigh_a_unit(planning, staff, api, token_for):
    as_staff = token_for(staff)
    response = api.post("/api/v1/criterion-sets", CRITERIA, content_type=JSON, **as_staff)
    assert response.status_code == 201, response.content
    body = response.json()
    assert [(c["name"], c["weight"], c["max_score"]) for c in body["criteria"]] == [
        ("예산 집행", "2", "50"),
        ("달성도", "1", "100"),
    ]
    again = api.post("/api/v1/criterion-sets", CRITERIA, content_type=JSON, **as_staff)
    assert again.status_code == 409 and "같은 이름" in again.json()["detail"]
    response = api.post("/api/v1/grade-band-sets", BANDS, content_type=JSON, **as_staff)
    assert response.status_code == 201, response.content
    assert [b["label"] for b in response.json()["bands"]] == ["우수", "보통", "미흡"]
    band_set_id = response.json()["id"]

    sets = {"criterion_set_id": body["id"], "band_set_id": band_set_id}
    response = api.put("/api/v1/evaluations/2024/sets", sets, content_type=JSON, **as_staff)
    assert response.status_code == 200, response.content
    assert (response.json()["criterion_set_id"], response.json()["band_set_id"]) == (
        body["id"],
        band_set_id,
    )
    missing = {**sets, "band_set_id": 2**62}
    response = api.put("/api/v1/evaluations/2024/sets", missing, content_type=JSON, **as_staff)
    assert response.status_code == 404

    url = f"/api/v1/evaluation-units/{planning.busan_core.pk}"
    response = api.patch(url, {"weight": "1.5", "reason": ""}, content_type=JSON, **as_staff)
    assert response.status_code == 422 and "사유" in response.json()["detail"]
    weighed = {"weight": 1.5, "reason": "예산 규모가 큼"}
    response = api.patch(url, weighed, content_type=JSON, **as_staff)
    assert response.status_code == 200, response.content
    assert (response.json()["weight"], response.json()["weight_reason"]) == (
        "1.5",
        "예산 규모가 큼",
    )
    response = api.patch(url, {"weight": None, "reason": "같게"}, content_type=JSON, **as_staff)
    assert response.json()["weight"] is None


def test_a_band_set_with_a_gap_is_422_with_the_reason(planning, staff, api, token_for):
    gap = {"name": "틈", "bands": [{"label": "우수", "min_score": "80"}]}
    gap["bands"].append({"label": "미흡", "min_score": "10"})
    response = api.post("/api/v1/grade-band-sets", gap, content_type=JSON, **token_for(staff))
    assert response.status_code == 422
    assert "0점 이상 10점 미만이 어느 등급에도 들지 않습니다" in response.json()["detail"]
    assert not GradeBandSet.objects.filter(name="틈").exists()


def test_after_freezing_every_setting_is_409(planning, staff, api, token_for):
    as_staff = token_for(staff)
    indicator = Indicator.objects.create(
        plan=planning.busan_core.plan, position=1, group=IndicatorGroup.KEY, name="청년 인구"
    )
    rule_url = f"/api/v1/evaluations/2024/indicator-rules/{indicator.pk}"
    response = api.put(rule_url, {"direction": "lower"}, content_type=JSON, **as_staff)
    assert response.status_code == 200 and response.json()["direction_label"] == "낮을수록 좋음"
    assert IndicatorRule.objects.get().direction == "lower"

    round = planning.round
    round.phase, round.frozen_at = RoundPhase.EVALUATING, timezone.now()
    round.save()
    sets = {"criterion_set_id": round.criterion_set_id, "band_set_id": round.band_set_id}
    calls = [
        (api.put, "/api/v1/evaluations/2024/sets", sets),
        (
            api.patch,
            f"/api/v1/evaluation-units/{planning.busan_core.pk}",
            {"weight": "2", "reason": "규모"},
        ),
        (api.put, rule_url, {"direction": "higher", "note": ""}),
    ]
    for call, url, data in calls:
        response = call(url, data, content_type=JSON, **as_staff)
        assert response.status_code == 409, url
        assert "평가계획 수립 단계가 끝나" in response.json()["detail"]
    assert IndicatorRule.objects.get().direction == "lower"


@pytest.mark.parametrize("who", ["busan_viewer", "busan_editor", "seoul_editor", "anonymous"])
def test_others_are_refused_every_setting(planning, personas, api, token_for, who):
    headers = {} if who == "anonymous" else token_for(personas(who))
    indicator = Indicator.objects.create(
        plan=planning.busan_core.plan, position=1, group=IndicatorGroup.KEY, name="청년 인구"
    )
    sets = {"criterion_set_id": planning.round.criterion_set_id, "band_set_id": 1}
    calls = [
        (api.post, "/api/v1/criterion-sets", CRITERIA),
        (api.post, "/api/v1/grade-band-sets", BANDS),
        (api.put, "/api/v1/evaluations/2024/sets", sets),
        (
            api.patch,
            f"/api/v1/evaluation-units/{planning.busan_core.pk}",
            {"weight": "2", "reason": "규모"},
        ),
        (
            api.put,
            f"/api/v1/evaluations/2024/indicator-rules/{indicator.pk}",
            {"direction": "higher"},
        ),
    ]
    expected = 401 if who == "anonymous" else 403
    for call, url, data in calls:
        response = call(url, data, content_type=JSON, **headers)
        assert response.status_code == expected, url
        assert response.json()["detail"]
    assert not CriterionSet.objects.filter(name="위원회 기준").exists()
    assert not IndicatorRule.objects.exists()


def test_only_the_assigned_evaluator_judges(orgs, staff, api, token_for):
    small = small_round(orgs, staff)
    text_target = Indicator.objects.create(
        plan=small.busan_core.plan, position=1, group=IndicatorGroup.KEY, name="기본계획 수립",
        target_text="기본계획 고시",
    )  # fmt: skip
    computed = Indicator.objects.create(
        plan=small.busan_core.plan, position=2, group=IndicatorGroup.KEY, name="청년 인구",
        target_value=Decimal(100), direction="higher",
    )  # fmt: skip
    x = declared(staff, small.round, "expert_x")
    y = declared(staff, small.round, "expert_y")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    assignment_create(actor=staff, panel=None, unit=small.seoul_core, evaluator=y)
    url = f"/api/v1/assignments/{assignment.pk}/judgements/{text_target.pk}"
    body = {"level": "not_achieved", "reason": GOOD_REASON}
    for other in (y.user, staff):
        response = api.put(url, body, content_type=JSON, **token_for(other))
        assert response.status_code == 403 and "본인만" in response.json()["detail"]
    assert api.put(url, body, content_type=JSON).status_code == 401
    as_x = token_for(x.user)
    short = api.put(url, {**body, "reason": "짧음"}, content_type=JSON, **as_x)
    assert short.status_code == 422 and "자 이상" in short.json()["detail"]
    response = api.put(url, body, content_type=JSON, **as_x)
    assert response.status_code == 200, response.content
    assert response.json()["level_label"] == "미달성"
    assert IndicatorJudgement.objects.get().level == "not_achieved"
    computed_url = f"/api/v1/assignments/{assignment.pk}/judgements/{computed.pk}"
    response = api.put(computed_url, body, content_type=JSON, **as_x)
    assert response.status_code == 422 and "판단할 지표가 아닙니다" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/evaluation-units/{huge}",
        "/api/v1/evaluations/2024/indicator-rules/{huge}",
        "/api/v1/assignments/{huge}/judgements/1",
        "/api/v1/evaluations/{huge}/sets",
    ],
)
def test_huge_ids_are_404(planning, staff, api, token_for, url):
    method = api.patch if "units" in url else api.put
    data = {"weight": "1", "reason": "r", "direction": "higher", "level": "partial"}
    data.update(criterion_set_id=1, band_set_id=1)
    response = method(url.format(huge=10**30), data, content_type=JSON, **token_for(staff))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "criterion",
    [
        {"name": "a\x00b", "weight": "1"},
        {"name": "가", "weight": "1e999999"},
        {"name": "가", "weight": 10**400},
        {"name": "가", "weight": "NaN"},
        {"name": "가", "max_score": "-1"},
        {"name": "가", "weight": True},
    ],
)
def test_hostile_values_are_422_in_korean(planning, staff, api, token_for, criterion):
    data = {"name": "적대", "criteria": [criterion]}
    response = api.post("/api/v1/criterion-sets", data, content_type=JSON, **token_for(staff))
    assert response.status_code == 422, response.content
    assert any("\uac00" <= ch <= "\ud7a3" for ch in response.json()["detail"])
    assert not CriterionSet.objects.filter(name="적대").exists()
