"""`GET /api/v1/results/{year}`: the public summary, the page's figures from confirmed results
only, with the rules in use and their basis."""

import pytest
from django.utils import timezone

from dream.evaluation.models import EvaluationRound, RoundRule
from dream.evaluation.rules import RuleBasis, RuleKey, default_rules
from dream.evaluation.services import schedule_for
from dream.results.public import year_results

from . import test_public

# The public page's fixtures: 부산 and 행안부 confirmed, 서울 submitted only.
orgs, personas, staff = test_public.orgs, test_public.personas, test_public.staff
sectoral_2024, results_2024 = test_public.sectoral_2024, test_public.results_2024

pytestmark = pytest.mark.django_db


def summary(client, year=2024):
    return client.get(f"/api/v1/results/{year}")


def counts(row):
    return {
        "indicators": row.counts.indicators,
        "with_actual": row.counts.with_actual,
        "achieved": row.counts.achieved,
        "partial": row.counts.partial,
        "below": row.counts.below,
        "judgement": row.counts.judgement,
        "share": None if row.counts.share is None else str(row.counts.share),
    }


def test_anyone_reads_the_summary_with_the_pages_figures(client, results_2024):
    response = summary(client)

    assert response.status_code == 200
    answer = response.json()
    page = year_results(2024)
    assert answer["confirmed_count"] == page.confirmed_count == 2
    assert [
        (b["organization"]["short_name"], b["confirmed"], b["plan_indicators"], b["counts"])
        for b in answer["bodies"]
    ] == [
        (row.organization.short_name, row.confirmed, row.plan_indicators, counts(row))
        for row in page.bodies
    ]
    assert [(s["group"], s["name"], s["counts"]) for s in answer["strategies"]] == [
        (row.group, row.name, counts(row)) for row in page.strategies
    ]


def test_unconfirmed_results_are_not_counted(client, results_2024):
    bodies = {b["organization"]["short_name"]: b for b in summary(client).json()["bodies"]}

    busan, seoul = bodies["부산"], bodies["서울"]
    assert (busan["confirmed"], busan["counts"]["achieved"], busan["counts"]["share"]) == (
        True,
        1,
        "100.0",
    )
    assert busan["counts"]["judgement"] == 1
    assert (seoul["confirmed"], seoul["plan_indicators"]) == (False, 1)
    assert (seoul["counts"]["with_actual"], seoul["counts"]["share"]) == (0, None)


def test_every_rule_in_use_carries_its_basis(client, results_2024):
    rules = {r["key"]: r for r in summary(client).json()["rules"]}

    assert list(rules) == [rule.key for rule in default_rules()]
    assert {r["basis"] for r in rules.values()} == {RuleBasis.PRINTED, RuleBasis.NOT_FIXED}
    printed = rules[RuleKey.UNIT_SHAPE_DECENTRALISATION]
    assert (printed["basis"], printed["source_line"]) == (RuleBasis.PRINTED, 159)
    formula = rules[RuleKey.ACHIEVEMENT_FORMULA]
    assert (formula["basis"], formula["is_default"], formula["value"]) == (
        RuleBasis.NOT_FIXED,
        True,
        "ratio",
    )


def test_the_rounds_rules_change_the_figures_and_are_named(client, results_2024, staff):
    """With 달성 from 101 %, 부산's 42.3 of 42.3 (100 %) is no longer achieved."""
    dates, basis = schedule_for(2024)
    round = EvaluationRound.objects.create(
        year=2024, schedule_basis=basis, opened_by=staff, opened_at=timezone.now(), **dates
    )
    RoundRule.objects.create(
        round=round, key=RuleKey.ACHIEVEMENT_LEVELS, value=[["달성", "101"], ["부분 달성", "80"]],
        basis=RuleBasis.NOT_FIXED, chosen_by=staff, chosen_at=timezone.now(),
    )  # fmt: skip

    answer = summary(client).json()

    busan = next(b for b in answer["bodies"] if b["organization"]["short_name"] == "부산")
    assert (busan["counts"]["achieved"], busan["counts"]["partial"]) == (0, 1)
    levels = next(r for r in answer["rules"] if r["key"] == RuleKey.ACHIEVEMENT_LEVELS)
    assert (levels["is_default"], levels["value"][0]) == (False, ["달성", "101"])


def test_a_year_without_a_published_plan_is_a_korean_404(client, results_2024):
    response = summary(client, 2031)

    assert response.status_code == 404
    assert "2031년 시행계획은 공개되지 않았습니다" in response.json()["detail"]
