"""The results and evaluation tables of the data package (ADR 0008): confirmed results only,
a round's rows only once it is closed, never an evaluator, valid Frictionless."""

import csv
import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from frictionless import validate

from dream.accounts.models import User
from dream.cycle.tests import conftest as cycle_fixtures
from dream.evaluation.choices import (
    FeedbackDueStep,
    FeedbackKind,
    MatchStatus,
    RoundPhase,
    SpecialAccount,
    UnitKind,
)
from dream.evaluation.models import (
    Assignment,
    EvaluationRound,
    Evaluator,
    FeedbackAction,
    Grade,
    GradeCheck,
    RoundRule,
    Score,
    SpecialAccountResult,
    Unit,
    UnitScore,
)
from dream.evaluation.rules import RuleBasis, RuleKey
from dream.evaluation.services import example_sets_ensure, schedule_for
from dream.indicators.models import Indicator
from dream.opendata.services import RESOURCES, datapackage_export
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Plan, Strategy, Task
from dream.results.choices import ResultState
from dream.results.models import (
    FiscalExecution,
    IndicatorActual,
    ResultSubmission,
    SelfAssessment,
)

orgs, personas, staff = cycle_fixtures.orgs, cycle_fixtures.personas, cycle_fixtures.staff
sectoral_2024 = cycle_fixtures.sectoral_2024

pytestmark = pytest.mark.django_db

RESULT_TABLES = ["indicator_actuals", "fiscal_executions", "self_assessments"]
EVALUATION_TABLES = [
    "evaluation_rounds",
    "evaluation_rules",
    "evaluation_units",
    "unit_scores",
    "grades",
    "feedback_actions",
    "special_account_results",
]
EVALUATOR_NAME = "심사위원홍길순"
EVALUATOR_LOGIN = "secret-evaluator"
SCORE_REASON = "이 사유는 평가위원 한 사람의 것이라 공개하지 않음"
FORMULA = '=HYPERLINK("http://x","y")'


def body_results(owner, recorded_by, state, *, value="42.3", spent="93.5"):
    """A 2024 province plan with one indicator, its actual, an execution and an account,
    and the body's submission in `state`."""
    plan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=owner)
    pillar = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="자율성 강화"
    )
    core = Task.objects.create(
        plan=plan, strategy=pillar, kind=TaskKind.CORE, position=1, name="청년 일자리"
    )
    indicator = Indicator.objects.create(
        plan=plan, task=core, position=1, group="key", name="청년고용률", unit="%",
        target_text="42.3", target_value=Decimal("42.3"), direction="higher",
    )  # fmt: skip
    IndicatorActual.objects.create(
        indicator=indicator, year=2024, value_text=value, value=Decimal(value),
        source="지역별고용조사", observed_on=date(2025, 1, 31), recorded_by=recorded_by,
    )  # fmt: skip
    FiscalExecution.objects.create(
        plan=plan, year=2024, source=BudgetSource.NATIONAL, strategy=pillar,
        spent_eok=Decimal(spent), spent_text=spent, document="세출결산서",
        observed_on=date(2025, 2, 28), recorded_by=recorded_by,
    )  # fmt: skip
    SelfAssessment.objects.create(
        year=2024, task=core, text=f"{owner.short_name} 청년 일자리\n사업을 마침",
        recorded_by=recorded_by,
    )  # fmt: skip
    ResultSubmission.objects.create(plan=plan, organization=owner, state=state)
    return plan, pillar, core


def round_of(year, staff, *, closed):
    criterion_set, band_set = example_sets_ensure()
    dates, basis = schedule_for(year)
    return EvaluationRound.objects.create(
        year=year, phase=RoundPhase.FEEDBACK if closed else RoundPhase.CHECKING,
        schedule_basis=basis, criterion_set=criterion_set, band_set=band_set,
        opened_by=staff, opened_at=timezone.now(), frozen_at=timezone.now(),
        closed_at=timezone.now() if closed else None, **dates,
    )  # fmt: skip


def evaluated(round, plan, core, owner, staff, evaluator):
    """A plan node over one graded core-task leaf, scored by `evaluator`, with its computed
    score and a grade changed at 점검; returns the leaf."""
    root = Unit.objects.create(
        round=round, kind=UnitKind.NODE, plan=plan, organization=owner, position=1
    )
    leaf = Unit.objects.create(
        round=round, parent=root, kind=UnitKind.LEAF, graded=True, plan=plan, task=core,
        organization=owner, position=2, shape_rule=RuleKey.UNIT_SHAPE_PROVINCE,
    )  # fmt: skip
    assignment = Assignment.objects.create(
        round=round, unit=leaf, evaluator=evaluator, assigned_by=staff,
        assigned_at=timezone.now(),
    )  # fmt: skip
    criterion = round.criterion_set.criteria.first()
    Score.objects.create(
        assignment=assignment, leaf=leaf, criterion=criterion, value=Decimal("71"),
        reason=SCORE_REASON,
    )  # fmt: skip
    UnitScore.objects.create(
        unit=leaf, raw=Decimal("71"), normalised=Decimal("72.5"), evaluator_count=1,
        inputs={"scores": {EVALUATOR_LOGIN: "71"}}, rules_hash="0" * 64,
        computed_at=timezone.now(),
    )  # fmt: skip
    bands = list(round.band_set.bands.order_by("position"))
    grade = Grade.objects.create(
        unit=leaf, computed_band=bands[1], computed_score=Decimal("72.5"),
        self_band=bands[0], final_band=bands[0], checked_by=staff, checked_at=timezone.now(),
    )  # fmt: skip
    GradeCheck.objects.create(
        grade=grade, from_band=bands[1], to_band=bands[0], reason="지표 실적 재확인",
        actor=staff, at=timezone.now(),
    )  # fmt: skip
    return leaf, grade


@pytest.fixture
def data(orgs, staff, sectoral_2024):
    """부산 (확정) and 서울 (제출 only) with results; a closed 2024 round on 부산's plan with
    rules, units, a score, a grade, a feedback action carried into a 2025 draft and 지특회계
    rows; an open 2025 round with a unit and a grade; 행안부-led sectoral actual while only
    the Committee's part is confirmed."""
    busan, busan_pillar, busan_core = body_results(orgs["부산"], staff, ResultState.CONFIRMED)
    body_results(orgs["서울"], staff, ResultState.SUBMITTED, value="55.5", spent="12.25")
    practical = sectoral_2024.tasks.get(kind=TaskKind.PRACTICAL)
    digital = Indicator.objects.create(
        plan=sectoral_2024, task=practical, position=1, group="key", name="디지털 지수",
        target_text="50", target_value=Decimal("50"),
    )  # fmt: skip
    IndicatorActual.objects.create(
        indicator=digital, year=2024, value_text="51", value=Decimal("51"), source="통계",
        observed_on=date(2025, 1, 31), recorded_by=staff,
    )  # fmt: skip
    ResultSubmission.objects.create(
        plan=sectoral_2024, organization=orgs["위원회"], state=ResultState.CONFIRMED
    )

    person = User.objects.create_user(EVALUATOR_LOGIN, first_name=EVALUATOR_NAME)
    evaluator = Evaluator.objects.create(
        user=person, affiliation="한국대학교", registered_by=staff, registered_at=timezone.now()
    )
    closed = round_of(2024, staff, closed=True)
    RoundRule.objects.create(
        round=closed, key=RuleKey.MIN_EVALUATORS, value=3, basis=RuleBasis.NOT_FIXED,
        chosen_by=staff, chosen_at=timezone.now(),
    )  # fmt: skip
    leaf, grade = evaluated(closed, busan, busan_core, orgs["부산"], staff, evaluator)
    draft_2025 = Plan.objects.create(
        year=2025, level=PlanLevel.PROVINCE, owner=orgs["부산"], is_draft=True
    )
    FeedbackAction.objects.create(
        round=closed, grade=grade, organization=orgs["부산"], kind=FeedbackKind.NEXT_PLAN,
        description=FORMULA, due_year=2025, due_step=FeedbackDueStep.PLAN_DRAFTING,
        linked_plan=draft_2025, linked_item_kind="plan", linked_item_id=draft_2025.pk,
        raised_by=staff, raised_at=timezone.now(),
    )  # fmt: skip
    for year, status in ((2024, MatchStatus.PROPOSED), (2025, MatchStatus.CONFIRMED)):
        SpecialAccountResult.objects.create(
            year=year, account=SpecialAccount.AUTONOMOUS, project_name=f"{year} 청년 사업",
            organization_name="부산광역시", organization=orgs["부산"], grade_text="우수",
            file_name="지특.xlsx", file_sha256="a" * 64, row=2, matched_task=busan_core,
            match_status=status, imported_by=staff, imported_at=timezone.now(),
        )  # fmt: skip

    open_round = round_of(2025, staff, closed=False)
    open_leaf, open_grade = evaluated(open_round, busan, busan_core, orgs["부산"], staff, evaluator)
    return {
        "busan": busan,
        "pillar": busan_pillar,
        "core": busan_core,
        "sectoral": sectoral_2024,
        "digital": digital,
        "leaf": leaf,
        "open_leaf": open_leaf,
    }


def export(tmp_path, korean_headers=False):
    datapackage_export(directory=tmp_path, korean_headers=korean_headers)
    return tmp_path


def read(directory, name):
    with (directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_new_tables_are_in_the_package_with_their_schema_and_validate(data, tmp_path):
    directory = export(tmp_path)
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    declared = {r.name: r for r in RESOURCES}

    for name in RESULT_TABLES + EVALUATION_TABLES:
        fields = by_name[name]["schema"]["fields"]
        assert [(f["name"], f["type"]) for f in fields] == [
            (c.name, c.type) for c in declared[name].columns
        ]
        assert all(f["title"] for f in fields)
    report = validate(directory / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_only_confirmed_results_are_published(data, orgs, tmp_path):
    directory = export(tmp_path)
    busan = str(data["busan"].pk)

    actuals = read(directory, "indicator_actuals")
    assert [(a["plan_id"], a["value_text"], a["value"]) for a in actuals] == [
        (busan, "42.3", "42.3")
    ]
    (execution,) = read(directory, "fiscal_executions")
    assert (execution["plan_id"], execution["strategy_id"], execution["task_id"]) == (
        busan,
        str(data["pillar"].pk),
        "",
    )
    assert (execution["spent_eok"], execution["spent_text"]) == ("93.5", "93.5")
    (account,) = read(directory, "self_assessments")
    assert (account["plan_id"], account["task_id"]) == (busan, str(data["core"].pk))
    assert account["text"] == "부산 청년 일자리 사업을 마침"


def test_a_ministry_led_actual_waits_for_the_ministrys_own_confirmation(data, orgs, tmp_path):
    """The Committee's confirmed part does not publish what 행안부 reports on."""
    digital = str(data["digital"].pk)
    assert digital not in {a["indicator_id"] for a in read(export(tmp_path), "indicator_actuals")}

    ResultSubmission.objects.create(
        plan=data["sectoral"], organization=orgs["행안부"], state=ResultState.CONFIRMED
    )
    again = tmp_path / "again"
    assert digital in {a["indicator_id"] for a in read(export(again), "indicator_actuals")}


def test_a_round_is_published_only_once_closed_except_its_own_row(data, tmp_path):
    directory = export(tmp_path)

    rounds = {r["year"]: r for r in read(directory, "evaluation_rounds")}
    assert set(rounds) == {"2024", "2025"} and rounds["2025"]["closed_at"] == ""
    assert {r["round_year"] for r in read(directory, "evaluation_rules")} == {"2024"}
    assert {r["round_year"] for r in read(directory, "evaluation_units")} == {"2024"}
    leaf, open_leaf = str(data["leaf"].pk), str(data["open_leaf"].pk)
    assert [s["unit_id"] for s in read(directory, "unit_scores")] == [leaf]
    (grade,) = read(directory, "grades")
    assert grade["unit_id"] == leaf and open_leaf not in grade.values()
    assert (grade["changed_by_check"], grade["last_check_reason"]) == ("true", "지표 실적 재확인")
    assert grade["computed_band"] != grade["final_band"] == grade["self_band"]
    (special,) = read(directory, "special_account_results")
    assert (special["year"], special["matched_task_id"]) == ("2024", "")


def test_the_rules_carry_value_basis_and_whether_the_committee_set_them(data, tmp_path):
    rules = {r["key"]: r for r in read(export(tmp_path), "evaluation_rules")}

    chosen = rules[RuleKey.MIN_EVALUATORS]
    assert (chosen["value"], chosen["is_default"], chosen["basis"]) == ("3", "false", "not_fixed")
    printed = rules[RuleKey.UNIT_SHAPE_DECENTRALISATION]
    assert (printed["basis"], printed["source_line"], printed["is_default"]) == (
        "printed",
        "159",
        "true",
    )
    assert json.loads(rules[RuleKey.ACHIEVEMENT_LEVELS]["value"])[0][0] == "달성"


def test_feedback_text_is_formula_safe_and_a_draft_link_stays_out(data, tmp_path):
    (action,) = read(export(tmp_path), "feedback_actions")

    assert action["description"] == "'" + FORMULA
    assert action["unit_id"] == str(data["leaf"].pk)
    assert (action["linked_plan_id"], action["linked_item_kind"], action["linked_item_id"]) == (
        "",
        "",
        "",
    )


def test_no_table_names_an_evaluator_or_holds_a_score_per_evaluator(data, tmp_path):
    directory = export(tmp_path)
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    columns = {field["name"] for r in descriptor["resources"] for field in r["schema"]["fields"]}

    assert {c for c in columns if "evaluator" in c or "assignment" in c} == {"evaluator_count"}
    for resource in RESOURCES:
        text = (directory / f"{resource.name}.csv").read_text(encoding="utf-8-sig")
        for secret in (EVALUATOR_NAME, EVALUATOR_LOGIN, SCORE_REASON, "한국대학교"):
            assert secret not in text, (resource.name, secret)
    (score,) = read(directory, "unit_scores")
    assert score["evaluator_count"] == "1" and score["raw"] == "71"


def test_korean_headers_name_the_new_columns_and_still_validate(data, tmp_path):
    directory = export(tmp_path, korean_headers=True)
    with (directory / "grades.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))

    assert header[:2] == ["평가 단위 ID", "계산 등급"]
    report = validate(directory / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
