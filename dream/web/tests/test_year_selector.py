"""The public pages switch between published years (`?year=`) and show what changed from
the year before: the real 2024 plan and 부산's 2025 plan rolled forward from it through
the cycle, edited (a task renamed, money planned) and published."""

import re

import pytest
from django.urls import reverse

from dream.accounts.models import Membership, Organization, User
from dream.cycle.drafting import budget_set, submission_roll_forward, task_update
from dream.cycle.services import cycle_open
from dream.cycle.versions import version_create
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind
from dream.plans.models import Budget, Plan
from dream.plans.selectors import published_years
from dream.search.services import search_index_rebuild
from dream.web.templatetags.dream_format import eok

pytestmark = pytest.mark.usefixtures("plan_2024")

BUSAN = reverse("web:province_detail", args=["부산"])
PUBLIC_PAGES = [
    reverse("web:overview"),
    reverse("web:map"),
    BUSAN,
    reverse("web:compare"),
    reverse("web:sectoral"),
    reverse("web:findings"),
    reverse("search:search") + "?q=부산",
]


def member(username: str, organization: str) -> User:
    user = User.objects.create_user(username, email=f"{username}@example.kr")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(short_name=organization), role="editor"
    )
    return user


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def busan_2025_draft(db):
    """부산's 2025 draft rolled forward from its 2024 plan; its first detailed task renamed
    and its first strategy's total (the document gives 부산's money as totals) set
    10억원 above 2024."""
    staff, editor = member("staff", "위원회"), member("busan", "부산")
    cycle = cycle_open(actor=staff, year=2025)
    submission = cycle.submissions.get(organization__short_name="부산")
    plan = submission_roll_forward(actor=editor, submission=submission)
    task = plan.tasks.filter(parent__isnull=False).order_by("pk").first()
    old_name = task.name
    task = task_update(actor=editor, task=task, name=f"{old_name} 고도화")
    strategy = plan.strategies.filter(kind=StrategyKind.PILLAR).order_by("position").first()
    old_budget = Budget.objects.get(
        plan__year=2024, plan__level=PlanLevel.PROVINCE, plan__owner__short_name="부산",
        year=2024, strategy__code=strategy.code, source=BudgetSource.TOTAL,
    )  # fmt: skip
    budget_set(
        actor=editor, plan=plan, strategy=strategy, source=BudgetSource.TOTAL,
        amount_eok=old_budget.amount_eok + 10,
    )  # fmt: skip
    return {"plan": plan, "task": task, "old_name": old_name, "old_budget": old_budget}


@pytest.fixture
def busan_2025(busan_2025_draft):
    """The draft published, as the Committee's resolution leaves it."""
    Plan.objects.filter(pk=busan_2025_draft["plan"].pk).update(is_draft=False)
    return busan_2025_draft


def test_published_years_are_the_years_with_a_published_plan_newest_first(busan_2025_draft):
    assert published_years() == [2024]
    Plan.objects.filter(pk=busan_2025_draft["plan"].pk).update(is_draft=False)
    assert published_years() == [2025, 2024]


def test_with_one_published_year_there_is_no_year_switcher(client, db):
    html = client.get(BUSAN).content.decode()

    assert "year-switcher" not in html


def test_a_draft_year_is_not_shown(client, busan_2025_draft):
    assert "2024년 시·도 지방시대 시행계획" in text_of(client.get(BUSAN))
    assert "year-switcher" not in client.get(BUSAN).content.decode()
    response = client.get(BUSAN, {"year": 2025})
    assert response.status_code == 404
    assert "공개된 연도: 2024년" in response.content.decode()


def test_the_plan_page_shows_the_newest_year_by_default_and_the_asked_one(client, busan_2025):
    newest, asked = text_of(client.get(BUSAN)), text_of(client.get(BUSAN, {"year": 2024}))

    assert "2025년 시·도 지방시대 시행계획" in newest
    assert busan_2025["task"].name in newest
    assert "2024년 시·도 지방시대 시행계획" in asked
    assert busan_2025["old_name"] in asked and busan_2025["task"].name not in asked


def test_the_header_switches_between_the_published_years(client, busan_2025):
    html = client.get(BUSAN, {"year": 2024}).content.decode()

    switcher = html[html.index('class="year-switcher') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert f'<a href="{BUSAN}">2025년</a>' in switcher
    assert f'<a href="{BUSAN}?year=2024" aria-current="true">2024년</a>' in switcher


def test_links_stay_in_the_chosen_year(client, busan_2025):
    html = client.get(BUSAN, {"year": 2024}).content.decode()

    assert f'href="{reverse("web:sectoral")}?year=2024"' in html  # the navigation
    assert f'href="{reverse("web:super_region_detail", args=["부울경"])}?year=2024"' in html
    newest = client.get(BUSAN).content.decode()
    switcher = re.search(r'<nav class="year-switcher.*?</nav>', newest, re.S).group()
    changes = newest.index('id="changes-heading"')  # links to the year before on purpose
    assert "?year=" not in newest[:changes].replace(switcher, "")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_answers_for_each_published_year(client, busan_2025, url):
    for year in ("2024", "2025"):
        assert client.get(url, {"year": year}).status_code == 200, (url, year)


@pytest.mark.parametrize(
    "year", ["2023", "2026", "abc", "２０２４", "²⁰²⁴", "2024.0", "-2024", "9" * 40]
)
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_year_dream_does_not_publish_is_a_korean_404(client, db, url, year):
    response = client.get(url, {"year": year})

    assert response.status_code == 404
    assert "DREAM이 공개하는 시행계획의 연도가 아닙니다" in response.content.decode()


def test_another_body_without_a_2025_plan_shows_its_newest_plan(client, busan_2025):
    seoul = reverse("web:province_detail", args=["서울"])
    busan_ulsan_gyeongnam = reverse("web:super_region_detail", args=["부울경"])

    assert "2024년 시·도 지방시대 시행계획" in text_of(client.get(seoul))
    assert "2024년 초광역권발전 시행계획" in text_of(client.get(busan_ulsan_gyeongnam))
    assert client.get(seoul, {"year": 2025}).status_code == 404
    assert client.get(busan_ulsan_gyeongnam, {"year": 2025}).status_code == 404
    assert client.get(busan_ulsan_gyeongnam, {"year": 2024}).status_code == 200


def test_pages_of_a_year_show_that_years_data(client, busan_2025):
    findings_2024 = text_of(client.get(reverse("web:findings"), {"year": 2024}))
    findings_2025 = text_of(client.get(reverse("web:findings"), {"year": 2025}))

    assert "2024년 검토 사항" in findings_2024 and "2025년 검토 사항" in findings_2025
    overview_2024 = text_of(client.get(reverse("web:overview"), {"year": 2024}))
    overview_2025 = text_of(client.get(reverse("web:overview")))
    assert "시행계획 17개 시·도" in overview_2024
    assert "시행계획 1개 시·도" in overview_2025  # 부산 only


def test_a_draft_in_a_published_year_is_not_counted(client, busan_2025):
    seoul = Plan.objects.get(year=2024, level=PlanLevel.PROVINCE, owner__short_name="서울")
    Plan.objects.create(year=2025, level=PlanLevel.PROVINCE, owner=seoul.owner, is_draft=True)

    assert "시행계획 1개 시·도" in text_of(client.get(reverse("web:overview")))
    assert (
        client.get(reverse("web:province_detail", args=["서울"]), {"year": 2025}).status_code == 404
    )


def test_search_keeps_to_the_chosen_year(client, busan_2025):
    search_index_rebuild(year=2025)  # as the Committee's resolution does
    task, url = busan_2025["task"], reverse("search:search")

    newest = client.get(url, {"q": task.name}).content.decode()
    in_2024 = client.get(url, {"q": busan_2025["old_name"], "year": 2024}).content.decode()

    assert f'href="{BUSAN}#task-{task.pk}"' in newest
    assert f"#task-{task.pk}" not in in_2024
    assert f'href="{BUSAN}?year=2024#task-' in in_2024  # 2024's task, linked in its year
    assert '<input type="hidden" name="year" value="2024">' in in_2024


def test_the_2025_page_lists_what_changed_from_2024(client, busan_2025):
    text = text_of(client.get(BUSAN))
    budget = busan_2025["old_budget"]

    section = text[text.rindex("전년 대비 변경") :]
    task = busan_2025["task"]
    path = f"{task.parent.strategy.code} › {task.parent.name}"
    renamed = (
        f"{task.get_kind_display()} 이름 변경: {path} › {busan_2025['old_name']} → {task.name}"
    )
    assert renamed in section
    strategy = f"{budget.strategy.code} {budget.strategy.name}"
    row = f"{strategy} 합계 {eok(budget.amount_eok)} {eok(budget.amount_eok + 10)} +{eok(10)}"
    assert row in section


def test_the_2024_page_says_there_is_no_year_before(client, db):
    text = text_of(client.get(BUSAN))

    assert "2023년에 공개된 이 기관의 같은 종류 시행계획이 없어 비교할 수 없습니다." in text


def test_the_sectoral_page_of_the_first_year_says_there_is_no_year_before(client, db):
    text = text_of(client.get(reverse("web:sectoral")))

    assert "2023년에 공개된 이 기관의 같은 종류 시행계획이 없어 비교할 수 없습니다." in text


def test_an_amended_plan_shows_what_changed_between_its_versions(client, db):
    plan = Plan.objects.get(year=2024, level=PlanLevel.PROVINCE, owner__short_name="부산")
    assert plan.versions.count() == 1  # the resolution of cycle 2024
    budget = plan.budgets.get(strategy__code="Ⅱ", year=2024, source=BudgetSource.TOTAL)
    Budget.objects.filter(pk=budget.pk).update(amount_eok=budget.amount_eok + 1)
    version_create(
        plan=plan, actor=member("staff", "위원회"), meeting="제7차 지방시대위원회",
        resolved_on=None, reason="교육개혁 사업비 증액",
    )  # fmt: skip

    text = text_of(client.get(BUSAN))

    section = text[text.index("판 사이 변경") :]
    assert "제1판 → 제2판" in section
    assert "변경 사유: 교육개혁 사업비 증액" in section
    strategy = f"Ⅱ {budget.strategy.name}"
    assert (
        f"{strategy} 합계 {eok(budget.amount_eok)} {eok(budget.amount_eok + 1)} +{eok(1)}"
        in section
    )


def test_a_plan_with_one_version_shows_no_changes_between_versions(client, db):
    assert "판 사이 변경" not in text_of(client.get(BUSAN))
