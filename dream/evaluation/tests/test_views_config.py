"""The round's settings on its pages: staff make criterion and band sets, choose them, weigh
units and give indicators a direction while the round is planned; others are refused; after
freezing the forms are gone; the assigned evaluator judges a text-target indicator."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from dream.evaluation.choices import JudgementLevel, RoundPhase
from dream.evaluation.integrity import assignment_create
from dream.evaluation.models import (
    CriterionSet,
    GradeBandSet,
    IndicatorJudgement,
    IndicatorRule,
)
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, small_round
from dream.indicators.choices import IndicatorGroup
from dream.indicators.models import Indicator

pytestmark = pytest.mark.django_db

CRITERIA = {
    "name": "위원회 기준 2024",
    "note": "시범",
    "c1_name": "예산 집행의 적절성",
    "c1_description": "집행률과 이월",
    "c1_weight": "2",
    "c1_max_score": "50",
    "c2_name": "추진실적 달성도",
    "c2_weight": "1",
}
BANDS = {"name": "두 등급", "b1_label": "우수", "b1_min_score": "70", "b2_label": "미흡"}
BANDS["b2_min_score"] = "0"


@pytest.fixture
def planning(orgs, staff):
    return small_round(orgs, staff, phase=RoundPhase.PLANNING)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client, url: str) -> str:
    return client.get(url).content.decode()


def test_staff_make_and_choose_sets_on_the_rules_page(planning, staff):
    as_staff = client_of(staff)
    assert "평가 기준 묶음 만들기" in page(as_staff, "/evaluations/2024/rules/")
    done = as_staff.post("/evaluations/2024/rules/criterion-sets/", CRITERIA, follow=True)
    assert "위원회 기준 2024" in done.content.decode()
    criterion_set = CriterionSet.objects.get(name="위원회 기준 2024")
    rows = list(criterion_set.criteria.order_by("position").values_list("name", "weight"))
    assert rows == [("예산 집행의 적절성", Decimal(2)), ("추진실적 달성도", Decimal(1))]
    assert criterion_set.criteria.get(position=1).max_score == Decimal(50)
    assert criterion_set.criteria.get(position=2).max_score == Decimal(100)  # blank: full score 100

    as_staff.post("/evaluations/2024/rules/band-sets/", BANDS)
    band_set = GradeBandSet.objects.get(name="두 등급")
    assert list(band_set.bands.values_list("label", "min_score")) == [
        ("우수", Decimal(70)),
        ("미흡", Decimal(0)),
    ]
    chosen = as_staff.post(
        "/evaluations/2024/rules/sets/",
        {"criterion_set": criterion_set.pk, "band_set": band_set.pk},
        follow=True,
    ).content.decode()
    assert "골랐습니다" in chosen and "추진실적 달성도" in chosen and "70점 이상" in chosen
    planning.round.refresh_from_db()
    assert (planning.round.criterion_set, planning.round.band_set) == (criterion_set, band_set)


def test_a_band_set_with_a_gap_is_refused_with_the_reason(planning, staff):
    gap = {**BANDS, "b2_min_score": "30"}
    shown = client_of(staff).post("/evaluations/2024/rules/band-sets/", gap, follow=True)
    assert "0점 이상 30점 미만이 어느 등급에도 들지 않습니다" in shown.content.decode()
    assert not GradeBandSet.objects.filter(name="두 등급").exists()


def test_after_freezing_the_forms_are_gone_with_the_reason(planning, staff):
    planning.round.phase = RoundPhase.EVALUATING
    planning.round.frozen_at = timezone.now()
    planning.round.save()
    as_staff = client_of(staff)
    rules = page(as_staff, "/evaluations/2024/rules/")
    assert "평가 기준 묶음 만들기" not in rules and "추진실적 평가 단계라" in rules
    assert "가중치 정하기</button>" not in page(as_staff, "/evaluations/2024/units/")
    shown = as_staff.post(
        "/evaluations/2024/units/weight/",
        {"unit": planning.busan_core.pk, "weight": "2", "reason": "핵심과제의 예산 규모가 큼"},
        follow=True,
    ).content.decode()
    assert "평가계획 수립 단계가 끝나" in shown
    planning.busan_core.refresh_from_db()
    assert planning.busan_core.weight is None


def test_a_unit_weight_with_its_reason_shows_on_the_units_page(planning, staff):
    as_staff = client_of(staff)
    assert "가중치 정하기</button>" in page(as_staff, "/evaluations/2024/units/")
    reason = "세부과제 가의 예산이 두 배"
    leaf = planning.busan_leaves[0]
    as_staff.post("/evaluations/2024/units/weight/", {"unit": leaf.pk, "weight": "2", "reason": ""})
    leaf.refresh_from_db()
    assert leaf.weight is None  # no reason, no weight
    as_staff.post(
        "/evaluations/2024/units/weight/", {"unit": leaf.pk, "weight": "2", "reason": reason}
    )
    assert f"2 ({reason})" in page(Client(), "/evaluations/2024/units/")


def test_staff_give_an_indicator_a_direction(planning, staff):
    indicator = Indicator.objects.create(
        plan=planning.busan_core.plan, position=1, group=IndicatorGroup.KEY, name="청년 인구"
    )
    as_staff = client_of(staff)
    post = {"indicator": indicator.pk, "direction": "higher", "note": "많을수록 좋음"}
    shown = as_staff.post("/evaluations/2024/rules/indicators/", post, follow=True)
    assert "높을수록 좋음 (평가를 위해 위원회가 정함)" in shown.content.decode()
    assert IndicatorRule.objects.get(indicator=indicator).direction == "higher"


SETTING_POSTS = [
    ("/evaluations/2024/rules/criterion-sets/", CRITERIA),
    ("/evaluations/2024/rules/band-sets/", BANDS),
    ("/evaluations/2024/rules/sets/", {"criterion_set": 1, "band_set": 1}),
    ("/evaluations/2024/units/weight/", {"unit": 1, "weight": "2", "reason": "사유"}),
    ("/evaluations/2024/rules/indicators/", {"indicator": 1, "direction": "higher"}),
]


@pytest.mark.parametrize("who", ["busan_viewer", "busan_editor", "seoul_editor", "anonymous"])
def test_others_are_refused_every_setting(planning, personas, who):
    client = Client() if who == "anonymous" else client_of(personas(who))
    for url, data in SETTING_POSTS:
        response = client.post(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"], url
        else:
            assert response.status_code == 403, url
            assert "지방시대위원회 담당자만" in response.content.decode()
    assert not CriterionSet.objects.filter(name="위원회 기준 2024").exists()
    assert not GradeBandSet.objects.filter(name="두 등급").exists()
    assert "평가 기준 묶음 만들기" not in page(client, "/evaluations/2024/rules/")


def test_the_evaluator_judges_a_text_target_on_the_unit_page(orgs, staff):
    small = small_round(orgs, staff)
    plan = small.busan_core.plan
    text_target = Indicator.objects.create(
        plan=plan, position=1, group=IndicatorGroup.KEY, name="기본계획 수립",
        target_text="기본계획 고시", task=small.busan_core.task,
    )  # fmt: skip
    computed = Indicator.objects.create(
        plan=plan, position=2, group=IndicatorGroup.KEY, name="청년 인구",
        target_value=Decimal(100), direction="higher", task=small.busan_core.task,
    )  # fmt: skip
    x = declared(staff, small.round, "expert_x")
    y = declared(staff, small.round, "expert_y")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    assignment_create(actor=staff, panel=None, unit=small.seoul_core, evaluator=y)
    url = f"/evaluations/2024/units/{small.busan_core.pk}/"
    as_x = client_of(x.user)
    shown = page(as_x, url)
    assert "지표 판단" in shown and "기본계획 수립" in shown
    assert f'value="{computed.pk}"' not in shown  # DREAM computes it: no judgement form

    judge = f"{url}judgements/"
    post = {
        f"j{text_target.pk}-indicator": text_target.pk,
        f"j{text_target.pk}-level": JudgementLevel.PARTIAL,
        f"j{text_target.pk}-reason": GOOD_REASON,
    }
    assert client_of(y.user).post(judge, post).status_code == 403
    assert client_of(staff).post(judge, post).status_code == 403
    assert not IndicatorJudgement.objects.exists()
    shown = as_x.post(judge, post, follow=True).content.decode()
    assert "저장한 판단: 부분 달성" in shown
    judgement = IndicatorJudgement.objects.get()
    assert (judgement.assignment, judgement.level) == (assignment, JudgementLevel.PARTIAL)

    other = {**post, f"j{text_target.pk}-indicator": computed.pk}
    assert "판단할 지표가 아닙니다" in as_x.post(judge, other, follow=True).content.decode()
    assert IndicatorJudgement.objects.count() == 1
