"""Fixtures for the indicator actuals' tests.

- `orgs`, `personas`, `staff`, `sectoral_2024`: the cycle's (dream/cycle/tests/conftest.py).
- `actual_plans`: 부산's published 2024 plan with a numeric indicator (일자리수, 천명, higher
  is better) and a text one (기본계획 고시), and the cycle's 2024 sectoral plan with an
  indicator on the practical task 행안부 leads (과기정통부 cooperates).
- `enter_actual(actor, indicator, value, reason="")`: an actual of 2024 entered through the service.
- `token_for(user)`: the headers of an API request carrying a fresh token of `user`.
"""

from datetime import date
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from dream.cycle.tests.conftest import orgs, personas, sectoral_2024, staff  # noqa: F401
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import Plan
from dream.results.services import indicator_actual_record

SOURCE = "2024 지역별고용조사"
OBSERVED = date(2025, 1, 31)


@pytest.fixture
def actual_plans(orgs, sectoral_2024):  # noqa: F811
    busan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=orgs["부산"])
    jobs = Indicator.objects.create(
        plan=busan, position=1, group="common", name="일자리수", unit="천명",
        baseline_year=2023, baseline_text="1,650.5", baseline_value=Decimal("1650.5"),
        target_year=2024, target_text="1,660", target_value=Decimal("1660"), direction="higher",
    )  # fmt: skip
    notice = Indicator.objects.create(
        plan=busan, position=2, group="autonomous", name="지방시대 기본계획 수립",
        target_year=2024, target_text="기본계획 고시",
    )  # fmt: skip
    digital = Indicator.objects.create(
        plan=sectoral_2024, position=1, group="key", name="지역 디지털 경쟁력 지수", unit="%",
        task=sectoral_2024.tasks.get(kind=TaskKind.PRACTICAL), baseline_year=2023,
        baseline_text="40", baseline_value=Decimal("40"), target_year=2024, target_text="50",
        target_value=Decimal("50"), direction="higher",
    )  # fmt: skip
    return SimpleNamespace(
        busan=busan, sectoral=sectoral_2024, jobs=jobs, notice=notice, digital=digital
    )


@pytest.fixture
def enter_actual():
    def enter(actor, indicator, value="1,662.3", reason="", **fields):
        return indicator_actual_record(
            actor=actor, indicator=indicator, year=indicator.plan.year, value_text=value,
            source=fields.get("source", SOURCE), observed_on=fields.get("observed_on", OBSERVED),
            note=fields.get("note", ""), reason=reason,
        )  # fmt: skip

    return enter


@pytest.fixture
def token_for(db):
    def make(user) -> dict:
        out = StringIO()
        call_command("token_create", user.username, name="시험", stdout=out, stderr=StringIO())
        return {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}

    return make
