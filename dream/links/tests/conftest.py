"""Small plans for the links tests: two digital tasks and a few implementation-plan tasks
of a province (부산), a super-region (부울경) and the ministries, with budgets; and the
personas of the permission table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure
from dream.digital.models import DigitalArea, DigitalPlan, DigitalTask
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry


@pytest.fixture
def orgs(db):
    organizations_ensure()
    return {o.short_name: o for o in Organization.objects.all()}


@pytest.fixture
def digital(db):
    plan = DigitalPlan.objects.create(title="지방 디지털 경쟁력 강화방안(시험)", year=2023)
    pillar = DigitalArea.objects.create(
        plan=plan, kind="pillar", code="1", name="재창조", position=1
    )
    area = DigitalArea.objects.create(
        plan=plan, parent=pillar, kind="area", code="1-1", name="생태계", position=2
    )
    sub = DigitalArea.objects.create(
        plan=plan, parent=area, kind="sub_area", code="1-1-2", name="기술기반", position=3
    )
    names = ["블록체인 클러스터 조성", "스마트빌리지 고도화", "전파플레이그라운드 구축"]
    tasks = [
        DigitalTask.objects.create(plan=plan, area=sub, position=i, name=name)
        for i, name in enumerate(names, start=1)
    ]
    return {"plan": plan, "area": area, "sub_area": sub, "tasks": tasks}


@pytest.fixture
def plans(orgs):
    """부산: strategy Ⅲ (total 1,000억원) → core → detailed tasks; 부울경: an item;
    the ministries: core Ⅲ-5 (과기정통부, 산업부) → a practical task with 300억원 of 국비."""
    busan = Plan.objects.create(year=2024, level="province", owner=orgs["부산"])
    pillar = Strategy.objects.create(
        plan=busan, kind="pillar", position=3, code="Ⅲ", name="혁신성장"
    )
    Budget.objects.create(plan=busan, strategy=pillar, year=2024, source="total", amount_eok=1000)
    core = Task.objects.create(
        plan=busan,
        kind="core",
        position=1,
        name="지역 디지털 혁신을 통한 균형발전 실현",
        strategy=pillar,
    )
    detailed = {
        name: Task.objects.create(plan=busan, parent=core, kind="detailed", position=i, name=name)
        for i, name in enumerate(
            ["블록체인 특화 클러스터 조성", "수소 융합 클러스터 조성", "스마트빌리지 보급 및 확산"],
            start=1,
        )
    }
    bug = Plan.objects.create(year=2024, level="super_region", owner=orgs["부울경"])
    item = Task.objects.create(
        plan=bug, kind="item", position=1, name="AI·블록체인 등 신기술 교육과정으로 전문인력 양성"
    )
    sectoral = Plan.objects.create(year=2024, level="sectoral", owner=orgs["위원회"])
    ministry_core = Task.objects.create(
        plan=sectoral,
        kind="core",
        position=5,
        code="Ⅲ-5",
        name="지역 디지털 혁신을 통한 균형발전 실현",
    )
    for position, short in enumerate(["과기정통부", "산업부"], start=1):
        TaskMinistry.objects.create(task=ministry_core, ministry=orgs[short], position=position)
    practical = Task.objects.create(
        plan=sectoral,
        parent=ministry_core,
        kind="practical",
        position=1,
        code="(1)",
        name="블록체인 기반 디지털 경쟁력 강화",
        national_budget_eok=300,
    )
    return {"core": core, "detailed": detailed, "item": item, "practical": practical}


def person(name, organization=None, role="editor", **extra):
    user = User.objects.create_user(name, password="x", **extra)
    if organization:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


PERSONAS = ["anonymous", "province_editor", "committee_viewer", "committee_editor", "superuser"]


@pytest.fixture
def make_persona(orgs):
    def make(persona):
        return {
            "anonymous": lambda: AnonymousUser(),
            "province_editor": lambda: person("busan", orgs["부산"]),
            "committee_viewer": lambda: person("viewer", orgs["위원회"], role="viewer"),
            "committee_editor": lambda: person("staff", orgs["위원회"]),
            "superuser": lambda: User.objects.create_superuser("root", password="x"),
        }[persona]()

    return make


@pytest.fixture
def staff(orgs):
    return person("staff", orgs["위원회"])
