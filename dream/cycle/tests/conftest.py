"""Personas and a small 2025 cycle for the cycle's tests (and others that want them).

- `orgs`: every organization by short name (위원회, 부산, 서울, 부울경, 행안부 …).
- `personas("busan_editor")`: a user per name in PERSONAS, made once per test, with an
  address (busan_editor@example.kr) and no password (sign in with `client.force_login`).
- `staff`: Committee staff (`committee_staff`).
- `sectoral_2024`: a published 2024 sectoral plan whose tasks 행안부 and 과기정통부 carry.
- `cycle_2025`: the 2025 cycle opened by staff through `cycle_open` (17 provinces, 7
  super-regions, 행안부, 과기정통부); deadline 2025-02-15.
- `busan_submission` / `ministry_submission`: 부산's and 행안부's submissions of that cycle,
  each with a small draft plan (strategy, task, budgets, indicator) set directly — the
  roll-forward is not needed to test the steps; `submissions`: both, by body.
"""

from decimal import Decimal

import pytest

from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure
from dream.accounts.testing import Persona, persona_maker
from dream.cycle.models import Submission
from dream.cycle.services import cycle_open
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry

MINISTRY = "행안부"
# name → who: the body's viewer and editor (부산), another body's editor (서울), a ministry's
# editor, Committee staff (an editor of the Committee) and a superuser.
PERSONA_SPECS = {
    "anonymous": Persona(),
    "busan_viewer": Persona("busan_viewer", "부산", "viewer"),
    "busan_editor": Persona("busan_editor", "부산", "editor"),
    "seoul_editor": Persona("seoul_editor", "서울", "editor"),
    "ministry_editor": Persona("ministry_editor", MINISTRY, "editor"),
    "committee_staff": Persona("committee_staff", "위원회", "editor"),
    "superuser": Persona("root", superuser=True),
}
PERSONAS = list(PERSONA_SPECS)


@pytest.fixture
def orgs(db):
    organizations_ensure()
    return {o.short_name: o for o in Organization.objects.all()}


@pytest.fixture
def personas(orgs):
    return persona_maker(orgs, PERSONA_SPECS, email_domain="example.kr")


@pytest.fixture
def staff(personas):
    return personas("committee_staff")


@pytest.fixture
def sectoral_2024(orgs):
    plan = Plan.objects.create(year=2024, level=PlanLevel.SECTORAL, owner=orgs["위원회"])
    strategy = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=3, code="Ⅲ", name="혁신성장"
    )
    core = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.CORE, position=5, code="Ⅲ-5",
        name="지역 디지털 혁신을 통한 균형발전 실현",
    )  # fmt: skip
    practical = Task.objects.create(
        plan=plan, parent=core, strategy=strategy, kind=TaskKind.PRACTICAL, position=1,
        code="(1)", name="지역 디지털 경쟁력 강화를 위한 기반 구축",
    )  # fmt: skip
    for position, name in enumerate([MINISTRY, "과기정통부"], start=1):
        TaskMinistry.objects.create(task=practical, ministry=orgs[name], position=position)
    return plan


@pytest.fixture
def cycle_2025(staff, sectoral_2024):
    return cycle_open(actor=staff, year=2025)


def draft_plan(owner: Organization, level: str, year: int = 2025) -> Plan:
    """A small draft: one pillar strategy with a core and a detailed task, national and
    local money for the strategy, one indicator."""
    plan = Plan.objects.create(
        year=year, level=level, owner=owner, is_draft=True, goal=f"{owner} 지방시대 실현"
    )
    strategy = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="지방분권"
    )
    core = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.CORE, position=1, code="Ⅰ-1",
        name="자치분권 강화",
    )  # fmt: skip
    Task.objects.create(
        plan=plan, parent=core, strategy=strategy, kind=TaskKind.DETAILED, position=1,
        code="①", name="자치역량 강화",
    )  # fmt: skip
    Budget.objects.create(
        plan=plan, strategy=strategy, year=year, source=BudgetSource.NATIONAL,
        amount_eok=Decimal("93.5"),
    )  # fmt: skip
    Budget.objects.create(
        plan=plan, strategy=strategy, year=year, source=BudgetSource.LOCAL,
        amount_eok=Decimal("135.27"),
    )  # fmt: skip
    Indicator.objects.create(
        plan=plan, position=1, group="common", name="일자리수", unit="천명",
        baseline_year=year - 1, baseline_value=Decimal("1650.5"),
        target_year=year, target_value=Decimal("1660"),
    )  # fmt: skip
    return plan


def _with_draft(cycle, organization: Organization, level: str) -> Submission:
    submission = cycle.submissions.get(organization=organization)
    submission.plan = draft_plan(organization, level, cycle.year)
    submission.save()
    return submission


@pytest.fixture
def busan_submission(cycle_2025, orgs):
    return _with_draft(cycle_2025, orgs["부산"], PlanLevel.PROVINCE)


@pytest.fixture
def ministry_submission(cycle_2025, orgs):
    return _with_draft(cycle_2025, orgs[MINISTRY], PlanLevel.SECTORAL)


@pytest.fixture
def submissions(busan_submission, ministry_submission):
    """Both by body: {"부산": …, "행안부": …}."""
    return {"부산": busan_submission, "행안부": ministry_submission}
