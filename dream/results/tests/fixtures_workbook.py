"""Fixtures for the results workbook tests (import them by name):

- `busan_results_plan`: 부산's published 2024 province plan (`busan_plan` of the execution
  tests: pillar strategy Ⅰ with a core task, 국비 and 지방비 for the strategy, 국비 for the plan)
  with two indicators: 일자리수 (천명, 1650.5 → 1660, higher is better) on the core task, and
  a text target (기본계획 고시).
- `seoul_indicator`: an indicator of 서울's published 2024 plan (another body's).
- `sectoral_results_plan`: the 2024 sectoral plan (`sectoral_plan`: practical task led by
  행안부 with 국비 12.5억원) with one indicator on that task and one on the core task (no lead
  ministry: the Committee's).
"""

from decimal import Decimal

import pytest

from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import Plan

from .fixtures_execution import (  # noqa: F401
    busan_plan,
    orgs,
    personas,
    sectoral_2024,
    sectoral_plan,
    staff,
)


@pytest.fixture
def busan_results_plan(busan_plan):  # noqa: F811
    core = busan_plan.tasks.get(kind=TaskKind.CORE)
    Indicator.objects.create(
        plan=busan_plan, task=core, position=1, group="common", name="일자리수", unit="천명",
        baseline_year=2023, baseline_value=Decimal("1650.5"), target_year=2024,
        target_value=Decimal("1660"), direction="higher",
    )  # fmt: skip
    Indicator.objects.create(
        plan=busan_plan, task=core, position=2, group="autonomous", name="자치분권 기본계획 수립",
        target_year=2024, target_text="기본계획 고시",
    )  # fmt: skip
    return busan_plan


@pytest.fixture
def seoul_indicator(orgs):  # noqa: F811
    plan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=orgs["서울"])
    return Indicator.objects.create(plan=plan, position=1, group="common", name="서울 지표")


@pytest.fixture
def sectoral_results_plan(sectoral_plan):  # noqa: F811
    practical = sectoral_plan.tasks.get(kind=TaskKind.PRACTICAL)
    core = sectoral_plan.tasks.get(kind=TaskKind.CORE)
    Indicator.objects.create(
        plan=sectoral_plan, task=practical, position=1, group="key", name="디지털 기반 구축 수",
        unit="개", target_year=2024, target_value=Decimal("10"),
    )  # fmt: skip
    Indicator.objects.create(
        plan=sectoral_plan, task=core, position=2, group="key", name="위원회 지표", unit="%"
    )
    return sectoral_plan
