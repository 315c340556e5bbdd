"""A round's planning on a small published plan: opening with the printed or shifted schedule
and the default rules, setting rules until the round freezes, the example sets, band checks,
weights and indicator rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from dream.cycle.errors import Frozen, InvalidInput, StateConflict
from dream.cycle.tests.conftest import draft_plan
from dream.evaluation import services
from dream.evaluation.choices import ScheduleBasis, UnitKind
from dream.evaluation.models import EvaluationRound, GradeBandSet, RoundRule, Unit
from dream.evaluation.rules import DEFAULTS, RuleBasis, RuleKey, rules_for_year
from dream.indicators.choices import IndicatorDirection
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan
from tests.bare_numbers import bare_numbers


@pytest.fixture
def round_2024(busan_2024, staff):
    return services.round_open(actor=staff, year=2024)


def _freeze(round: EvaluationRound) -> None:
    EvaluationRound.objects.filter(pk=round.pk).update(frozen_at=timezone.now())


def test_the_2024_round_takes_the_printed_months(round_2024):
    assert (round_2024.planning_from, round_2024.planning_to) == (
        date(2024, 11, 1),
        date(2024, 12, 31),
    )
    assert (round_2024.evaluating_from, round_2024.evaluating_to) == (
        date(2025, 1, 1),
        date(2025, 4, 30),
    )
    assert (round_2024.checking_from, round_2024.checking_to) == (
        date(2025, 5, 1),
        date(2025, 5, 31),
    )
    assert round_2024.feedback_from == date(2025, 6, 1)
    assert round_2024.schedule_basis == ScheduleBasis.PRINTED
    assert round_2024.schedule_source_line == 174


def test_a_later_round_shifts_the_months_and_says_the_plan_set_none(orgs, staff):
    plan = Plan.objects.create(year=2026, level=PlanLevel.PROVINCE, owner=orgs["서울"])
    round = services.round_open(actor=staff, year=plan.year)
    assert round.evaluating_from == date(2027, 1, 1)
    assert round.feedback_from == date(2027, 6, 1)
    assert round.schedule_basis == ScheduleBasis.NOT_FIXED
    assert round.schedule_source_line is None


def test_a_round_needs_a_published_plan_and_opens_once(orgs, busan_2024, staff):
    Plan.objects.create(year=2027, level=PlanLevel.PROVINCE, owner=orgs["서울"], is_draft=True)
    with pytest.raises(InvalidInput, match="공개된"):
        services.round_open(actor=staff, year=2027)
    services.round_open(actor=staff, year=2024)
    with pytest.raises(StateConflict, match="이미"):
        services.round_open(actor=staff, year=2024)


def test_opening_seeds_the_default_rules_chosen_by_nobody_and_the_examples(round_2024):
    rules = {rule.key: rule for rule in round_2024.rules.all()}
    assert set(rules) == set(DEFAULTS)
    assert all(rule.chosen_by_id is None for rule in rules.values())
    assert rules[RuleKey.UNIT_SHAPE_DECENTRALISATION].basis == RuleBasis.PRINTED
    assert rules[RuleKey.UNIT_SHAPE_DECENTRALISATION].source_line == 159
    assert rules[RuleKey.NORMALISATION].basis == RuleBasis.NOT_FIXED
    assert round_2024.criterion_set.is_example
    assert [c.name for c in round_2024.criterion_set.criteria.all()] == list(
        services.EXAMPLE_CRITERIA
    )
    assert {c.weight for c in round_2024.criterion_set.criteria.all()} == {Decimal(1)}
    assert round_2024.band_set.is_example
    assert [(b.label, b.min_score) for b in round_2024.band_set.bands.all()] == [
        ("우수", 80),
        ("보통", 60),
        ("미흡", 0),
    ]
    assert all(rule.is_default for rule in rules_for_year(2024))


def test_example_sets_are_made_once(db):
    first = services.example_sets_ensure()
    assert services.example_sets_ensure() == first


def test_a_rule_set_while_planning_records_who_and_shows_in_the_year(round_2024, staff):
    rule = services.round_rule_set(
        actor=staff, round=round_2024, key=RuleKey.MIN_EVALUATORS, value=3, note="회의 결정"
    )
    assert (rule.chosen_by, rule.value, rule.note) == (staff, 3, "회의 결정")
    assert rule.chosen_at is not None
    shown = {rule.key: rule for rule in rules_for_year(2024)}[RuleKey.MIN_EVALUATORS]
    assert not shown.is_default
    assert shown.shown == "등급 단위마다 평가위원 3명 이상"
    assert shown.chosen_by == str(staff)
    assert rule.history.count() == 2


def test_changing_a_printed_rule_drops_its_line(round_2024, staff):
    rule = services.round_rule_set(
        actor=staff,
        round=round_2024,
        key=RuleKey.UNIT_SHAPE_SUPER_REGION,
        value="practical_to_core",
    )
    assert (rule.basis, rule.source_line) == (RuleBasis.NOT_FIXED, None)
    rule = services.round_rule_set(
        actor=staff, round=round_2024, key=RuleKey.UNIT_SHAPE_SUPER_REGION, value="item_to_strategy"
    )
    assert (rule.basis, rule.source_line) == (RuleBasis.PRINTED, 163)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (RuleKey.MIN_EVALUATORS, 0),
        (RuleKey.MIN_EVALUATORS, "2"),
        (RuleKey.NORMALISATION, "zscore"),
        (RuleKey.ACHIEVEMENT_LEVELS, [["달성", "80"], ["부분 달성", "100"]]),
        (RuleKey.SCORE_SCALE, [10, 100]),
        ("no_such_rule", 1),
    ],
)
def test_a_rule_value_the_rule_cannot_take_is_refused(round_2024, staff, key, value):
    with pytest.raises(InvalidInput):
        services.round_rule_set(actor=staff, round=round_2024, key=key, value=value)
    assert not RoundRule.objects.filter(chosen_by__isnull=False).exists()


def test_after_freezing_nothing_of_the_plan_changes(round_2024, staff):
    services.units_generate(actor=staff, round=round_2024)
    unit = Unit.objects.filter(round=round_2024).first()
    _freeze(round_2024)
    with pytest.raises(Frozen):
        services.round_rule_set(actor=staff, round=round_2024, key=RuleKey.MIN_EVALUATORS, value=3)
    with pytest.raises(Frozen):
        services.units_generate(actor=staff, round=round_2024)
    with pytest.raises(Frozen):
        services.unit_weight_set(actor=staff, unit=unit, weight="2", reason="예산 비중이 큼")
    assert not RoundRule.objects.filter(chosen_by__isnull=False).exists()


def test_the_example_band_set_of_a_frozen_round_is_immutable(round_2024, staff):
    _freeze(round_2024)
    with pytest.raises(Frozen):
        services.grade_band_set_save(
            actor=staff,
            name="바꾼 예시",
            bands=[("우수", 90), ("미흡", 0)],
            band_set=round_2024.band_set,
        )


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([("우수", 80), ("보통", 60)], "0점 이상 60"),
        ([("우수", 80), ("보통", 80), ("미흡", 0)], "겹칩니다"),
        ([("우수", 120), ("미흡", 0)], "100"),
        ([("우수", 80), ("우수", 0)], "이름이 겹칩니다"),
        ([("미흡", 0)], "두 개 이상"),
    ],
)
def test_bands_must_cover_0_to_100_once(staff, bands, message):
    with pytest.raises(InvalidInput, match=message):
        services.grade_band_set_save(actor=staff, name="위원회 등급", bands=bands)
    assert not GradeBandSet.objects.filter(name="위원회 등급").exists()


def test_bands_are_saved_from_the_highest(staff):
    band_set = services.grade_band_set_save(
        actor=staff, name="위원회 등급", bands=[("미흡", 0), ("우수", "85.5"), ("보통", 60)]
    )
    assert [(b.position, b.label, b.min_score) for b in band_set.bands.all()] == [
        (1, "우수", Decimal("85.5")),
        (2, "보통", 60),
        (3, "미흡", 0),
    ]


def test_units_of_a_small_province_plan_and_regenerating_replaces_them(round_2024, staff):
    assert services.units_generate(actor=staff, round=round_2024) == 4
    first = set(Unit.objects.values_list("pk", flat=True))
    assert services.units_generate(actor=staff, round=round_2024) == 4
    assert first.isdisjoint(Unit.objects.values_list("pk", flat=True))
    core = Unit.objects.get(task__kind="core")
    assert (core.kind, core.graded, core.organization.short_name) == (UnitKind.NODE, True, "부산")
    assert core.shape_rule == RuleKey.UNIT_SHAPE_PROVINCE
    assert core.parent.strategy.code == "Ⅰ"
    assert core.parent.parent.strategy is None and core.parent.parent.task is None


def test_a_weight_needs_a_reason(round_2024, staff):
    services.units_generate(actor=staff, round=round_2024)
    unit = Unit.objects.get(task__kind="detailed")
    with pytest.raises(InvalidInput, match="사유"):
        services.unit_weight_set(actor=staff, unit=unit, weight="2", reason="  ")
    with pytest.raises(InvalidInput):
        services.unit_weight_set(actor=staff, unit=unit, weight="0", reason="없앰")
    unit = services.unit_weight_set(actor=staff, unit=unit, weight="2.5", reason="예산 비중")
    assert (unit.weight, unit.weight_reason) == (Decimal("2.5"), "예산 비중")


def test_an_indicator_rule_only_where_the_plan_gives_no_direction(round_2024, staff, busan_2024):
    indicator = busan_2024.indicators.get()
    rule = services.indicator_rule_set(
        actor=staff, round=round_2024, indicator=indicator, direction=IndicatorDirection.HIGHER
    )
    assert (rule.direction, rule.chosen_by) == (IndicatorDirection.HIGHER, staff)
    indicator.direction = IndicatorDirection.LOWER
    indicator.save()
    with pytest.raises(InvalidInput, match="이미"):
        services.indicator_rule_set(
            actor=staff, round=round_2024, indicator=indicator, direction="higher"
        )


def test_pages_show_the_round_to_everyone(round_2024, staff, client):
    services.units_generate(actor=staff, round=round_2024)
    board = client.get("/evaluations/2024/").content.decode()
    assert "인쇄된 일정(월 단위)" in board and "2025-01-01" in board
    rules = client.get("/evaluations/2024/rules/").content.decode()
    assert "계획이 정하지 않음" in rules
    assert "159줄" in rules and "163줄" in rules
    assert "예시 — 위원회가 정한 기준이 아님" in rules
    assert "일정계획 대비 추진실적 달성도" in rules
    assert "<form" not in rules.split("<main", 1)[-1].split("평가 기준", 1)[0]
    units = client.get("/evaluations/2024/units/").content.decode()
    assert "같은 가중치(계획이 정하지 않음)" in units and "자치역량 강화" in units
    assert client.get("/evaluations/2031/").status_code == 404
    client.force_login(staff)
    for url in ("/evaluations/", "/evaluations/2024/", "/evaluations/2024/rules/"):
        assert bare_numbers(client.get(url).content.decode()) == [], url


def test_a_rule_set_from_the_page_with_an_unreadable_value_is_refused(round_2024, staff, client):
    client.force_login(staff)
    response = client.post(
        "/evaluations/2024/rules/", {"key": RuleKey.NORMALISATION, "value": "panel_z"}
    )
    assert response.status_code == 422
    assert "JSON" in response.content.decode()
    response = client.post(
        "/evaluations/2024/rules/", {"key": RuleKey.NORMALISATION, "value": '"none"'}
    )
    assert response.status_code == 302
    assert RoundRule.objects.get(key=RuleKey.NORMALISATION).value == "none"


def test_api_reads(round_2024, api):
    assert api.get("/api/v1/evaluations").json()[0]["year"] == 2024
    board = api.get("/api/v1/evaluations/2024").json()
    assert board["schedule_basis"] == "printed" and board["schedule"][3]["ends"] is None
    rules = api.get("/api/v1/evaluations/2024/rules").json()
    assert {rule["key"] for rule in rules} == set(DEFAULTS)
    assert api.get("/api/v1/evaluations/2031").status_code == 404
    sets = api.get("/api/v1/criterion-sets").json()
    assert sets[0]["is_example"] and len(sets[0]["criteria"]) == 3
    bands = api.get("/api/v1/grade-band-sets").json()
    assert [b["min_score"] for b in bands[0]["bands"]] == ["80", "60", "0"]


def test_api_rule_set_after_freezing_is_409(round_2024, staff, api, token_for):
    _freeze(round_2024)
    response = api.patch(
        "/api/v1/evaluations/2024/rules",
        {"key": RuleKey.MIN_EVALUATORS, "value": 3},
        content_type="application/json",
        **token_for(staff),
    )
    assert response.status_code == 409
    assert "평가계획 수립" in response.json()["detail"]


def test_sets_are_chosen_while_planning_and_a_band_set_with_a_gap_is_refused(round_2024, staff):
    criteria = services.criterion_set_save(
        actor=staff,
        name="위원회 기준",
        criteria=[
            services.CriterionInput("추진실적", weight="2"),
            services.CriterionInput("성과", weight="1", max_score="50"),
        ],
    )
    assert [(c.name, c.weight, c.max_score) for c in criteria.criteria.all()] == [
        ("추진실적", 2, 100),
        ("성과", 1, 50),
    ]
    gapped = GradeBandSet.objects.create(name="틈 있는 구간")
    gapped.bands.create(position=1, label="우수", min_score=80)
    gapped.bands.create(position=2, label="보통", min_score=60)
    with pytest.raises(InvalidInput, match="0점 이상 60"):
        services.round_sets_choose(
            actor=staff, round=round_2024, criterion_set=criteria, band_set=gapped
        )
    bands = services.grade_band_set_save(
        actor=staff, name="위원회 등급", bands=[("우수", 80), ("미흡", 0)]
    )
    round = services.round_sets_choose(
        actor=staff, round=round_2024, criterion_set=criteria, band_set=bands
    )
    assert (round.criterion_set, round.band_set) == (criteria, bands)
    _freeze(round)
    with pytest.raises(Frozen):
        services.criterion_set_save(
            actor=staff,
            name="위원회 기준",
            criteria=[services.CriterionInput("추진실적")],
            criterion_set=criteria,
        )


def test_in_a_year_made_in_dream_the_ministries_parts_are_judged_not_the_compiled_plan(orgs, staff):
    compiled = draft_plan(orgs["위원회"], PlanLevel.SECTORAL, year=2026)
    part = draft_plan(orgs["행안부"], PlanLevel.SECTORAL, year=2026)
    Plan.objects.filter(pk__in=[compiled.pk, part.pk]).update(is_draft=False)
    round = services.round_open(actor=staff, year=2026)
    services.units_generate(actor=staff, round=round)
    assert set(Unit.objects.values_list("plan", flat=True)) == {part.pk}
    core = Unit.objects.get(task__kind="core")
    assert core.graded and core.shape_rule == RuleKey.UNIT_SHAPE_DECENTRALISATION
    assert core.organization.short_name == "행안부"
