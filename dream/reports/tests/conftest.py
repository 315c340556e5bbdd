"""A small 2024 world for the report's tests (made directly, not through other lanes' services):

- `orgs`, `personas`, `staff`: the cycle's (dream/cycle/tests/conftest.py).
- `report_world`: 부산's published 2024 plan (goal, strategy Ⅰ with a core task, budgets printed
  at known lines, one numeric indicator), its confirmed results (actual, 국비 execution), and the
  2024 evaluation round with a band set, a graded unit, its grade changed by a check, and a
  feedback action; the round is closed unless `close=False` is asked through `open_round`.
- `token_for(user)`: API headers with a fresh token of `user`.
"""

from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from dream.cycle.tests.conftest import orgs, personas, staff  # noqa: F401
from dream.evaluation.choices import (
    FeedbackDueStep,
    FeedbackKind,
    RoundPhase,
    ScheduleBasis,
    UnitKind,
)
from dream.evaluation.models import (
    EvaluationRound,
    FeedbackAction,
    Grade,
    GradeBand,
    GradeBandSet,
    GradeCheck,
    Unit,
)
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task
from dream.results.choices import ResultState
from dream.results.models import FiscalExecution, IndicatorActual, ResultSubmission

GOAL = "부산 대도약, 글로벌 허브도시"
GOAL_LINE = 1500
BUDGET_LINE = 1510
INDICATOR_LINE = 1520
NOW = timezone.make_aware(datetime(2025, 6, 2, 10, 0))


def _world(orgs, staff, *, closed: bool):  # noqa: F811
    busan = orgs["부산"]
    plan = Plan.objects.create(
        year=2024, level=PlanLevel.PROVINCE, owner=busan, goal=GOAL, source_line=GOAL_LINE
    )
    strategy = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="지방분권"
    )
    core = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.CORE, position=1, code="Ⅰ-1",
        name="자치분권 강화",
    )  # fmt: skip
    Budget.objects.create(
        plan=plan, strategy=strategy, year=2024, source=BudgetSource.NATIONAL,
        amount_eok=Decimal("93.5"), printed="93.5", source_line=BUDGET_LINE,
    )  # fmt: skip
    Budget.objects.create(
        plan=plan, year=2024, source=BudgetSource.NATIONAL, amount_eok=Decimal("200"),
        printed="200", source_line=BUDGET_LINE + 1,
    )  # fmt: skip
    jobs = Indicator.objects.create(
        plan=plan, task=core, position=1, group="common", name="일자리수", unit="천명",
        baseline_year=2023, baseline_text="1,650.5", baseline_value=Decimal("1650.5"),
        target_year=2024, target_text="1,660", target_value=Decimal("1660"), direction="higher",
        source_line=INDICATOR_LINE,
    )  # fmt: skip
    editor = staff  # who entered the figures is printed in its note
    ResultSubmission.objects.create(
        plan=plan, organization=busan, state=ResultState.CONFIRMED, confirmed_at=NOW
    )
    IndicatorActual.objects.create(
        indicator=jobs, year=2024, value_text="1,662.3", value=Decimal("1662.3"),
        source="2024 지역별고용조사", observed_on=date(2025, 1, 31), recorded_by=editor,
    )  # fmt: skip
    FiscalExecution.objects.create(
        plan=plan, year=2024, source=BudgetSource.NATIONAL, strategy=strategy,
        spent_eok=Decimal("80"), spent_text="80", document="2024회계연도 세출결산서",
        observed_on=date(2025, 2, 28), recorded_by=editor,
    )  # fmt: skip
    bands = GradeBandSet.objects.create(name="시험 등급")
    good = GradeBand.objects.create(band_set=bands, position=1, label="우수", min_score=80)
    fair = GradeBand.objects.create(band_set=bands, position=2, label="보통", min_score=60)
    GradeBand.objects.create(band_set=bands, position=3, label="미흡", min_score=0)
    round = EvaluationRound.objects.create(
        year=2024, phase=RoundPhase.FEEDBACK if closed else RoundPhase.CHECKING,
        planning_from=date(2024, 11, 1), planning_to=date(2024, 12, 31),
        evaluating_from=date(2025, 1, 1), evaluating_to=date(2025, 4, 30),
        checking_from=date(2025, 5, 1), checking_to=date(2025, 5, 31),
        feedback_from=date(2025, 6, 1), schedule_basis=ScheduleBasis.PRINTED,
        band_set=bands, opened_by=staff, opened_at=NOW, frozen_at=NOW,
        closed_at=NOW if closed else None,
    )  # fmt: skip
    unit = Unit.objects.create(
        round=round, kind=UnitKind.NODE, graded=True, plan=plan, task=core, organization=busan
    )
    grade = Grade.objects.create(
        unit=unit, computed_band=fair, computed_score=Decimal("78.25"), final_band=good,
        checked_by=staff, checked_at=NOW,
    )  # fmt: skip
    GradeCheck.objects.create(
        grade=grade, from_band=fair, to_band=good, reason="집행 실적을 반영해 한 등급 올림",
        actor=staff, at=NOW,
    )  # fmt: skip
    FeedbackAction.objects.create(
        round=round, grade=grade, organization=busan, kind=FeedbackKind.INCENTIVE,
        description="우수사업 인센티브", due_year=2026, due_step=FeedbackDueStep.BUDGET_REVIEW,
        raised_by=staff, raised_at=NOW,
    )  # fmt: skip
    return SimpleNamespace(plan=plan, round=round, grade=grade, indicator=jobs)


@pytest.fixture
def report_world(orgs, staff):  # noqa: F811
    return _world(orgs, staff, closed=True)


@pytest.fixture
def open_round(orgs, staff):  # noqa: F811
    return _world(orgs, staff, closed=False)


@pytest.fixture
def token_for(db):
    def make(user) -> dict:
        out = StringIO()
        call_command("token_create", user.username, name="시험", stdout=out, stderr=StringIO())
        return {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}

    return make


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
