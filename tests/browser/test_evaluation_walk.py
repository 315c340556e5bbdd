"""Issue 10's whole evaluation year in chromium, through the pages: 부산's editor enters an
actual and submits, Committee staff confirm, open the 2024 round, make its units, register
evaluators and a panel, assign (the evaluator who belongs to 부산 is refused), two evaluators
declare, score and submit, staff compute, check the grades (one changed), close the round and
raise a feedback action that 부산's 2025 draft then shows; the annual report renders and the
new pages pass axe-core's WCAG 2.1 A/AA rules.

The plan is a small one committed for the live server (the real 2024 plan would need 816
assignments); only the 2025 cycle is opened and rolled forward through the services, as the
walk is about the evaluation, not the drafting (tests/browser/test_cycle_walk.py walks that)."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure
from dream.cycle.drafting import submission_roll_forward
from dream.cycle.services import cycle_open
from dream.evaluation.models import Evaluator, Grade, Panel, Unit
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task

PASSWORD = "correct-horse-battery"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
REASON = "추진실적 자료와 성과지표 달성도를 확인하여 판단했습니다"
ACTION = "2025년 시행계획에 지역인재 양성 과제의 성과지표를 보완하여 반영할 것"
# (evaluator, core task position) → the score given on every criterion (점, of 100)
SCORES = {("expert1", 1): "85", ("expert1", 2): "70", ("expert2", 1): "90", ("expert2", 2): "65"}


@pytest.fixture
def evaluation_site(live_server, transactional_db):
    """부산's published 2024 plan (two core tasks, each with one practical task; a budget cell;
    a numeric and a text indicator) and the walk's users."""
    organizations_ensure()
    busan = Organization.objects.get(short_name="부산")
    plan = Plan.objects.create(
        year=2024, level=PlanLevel.PROVINCE, owner=busan, is_draft=False,
        goal="다시 뛰는 부산, 지방시대 실현",
    )  # fmt: skip
    strategy = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="지방분권"
    )
    for position, (core, practical) in enumerate(
        (("자치분권 강화", "자치역량 강화"), ("지역인재 양성", "지역대학 연계 강화")), start=1
    ):
        parent = Task.objects.create(
            plan=plan, strategy=strategy, kind=TaskKind.CORE, position=position,
            code=f"Ⅰ-{position}", name=core,
        )  # fmt: skip
        Task.objects.create(
            plan=plan, strategy=strategy, parent=parent, kind=TaskKind.PRACTICAL, position=1,
            code="①", name=practical,
        )  # fmt: skip
    Budget.objects.create(
        plan=plan, strategy=strategy, year=2024, source=BudgetSource.NATIONAL,
        amount_eok=Decimal("93.5"),
    )  # fmt: skip
    Indicator.objects.create(
        plan=plan, position=1, group="common", name="일자리수", unit="천명",
        baseline_year=2023, baseline_text="1,650.5", baseline_value=Decimal("1650.5"),
        target_year=2024, target_text="1,660", target_value=Decimal("1660"), direction="higher",
    )  # fmt: skip
    Indicator.objects.create(
        plan=plan, position=2, group="autonomous", name="지방시대 기본계획",
        target_year=2024, target_text="기본계획 수립",
    )  # fmt: skip
    for username, short_name, role in (
        ("busan", "부산", "editor"),
        ("staff", "위원회", "editor"),
        ("expert1", None, None),
        ("expert2", None, None),
        ("busan_expert", "부산", "viewer"),
    ):
        user = User.objects.create_user(username, password=PASSWORD, email=f"{username}@example.kr")
        if short_name:
            Membership.objects.create(
                user=user, organization=Organization.objects.get(short_name=short_name), role=role
            )
    return live_server.url


def signed_in(browser, site: str, username: str):
    page = browser.new_context(locale="ko-KR").new_page()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    return page


def accessible(page) -> None:
    """The page passes axe-core's WCAG 2.1 A/AA rules (as the other browser tests ask)."""
    result = Axe().run(page, options=WCAG_21_AA)
    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]
    assert problems == [], page.url


def press(page, button: str, done: str, *, within=None) -> None:
    """Click the button and see the page's message saying it was done."""
    (within or page).get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_text(done).first).to_be_visible()


def test_a_2024_evaluation_walks_from_actuals_to_the_2025_draft_and_the_report(
    browser, evaluation_site
):
    site = evaluation_site
    jobs = Indicator.objects.get(name="일자리수")

    # 1. 부산's editor enters the numeric actual and submits
    busan = signed_in(browser, site, "busan")
    busan.goto(f"{site}/results/2024/부산/")
    busan.get_by_text("실적 입력: 일자리수").click()
    busan.locator(f"#id_actual-{jobs.pk}-value").fill("1,662.3")
    busan.locator(f"#id_actual-{jobs.pk}-source").fill("2024 지역별고용조사")
    busan.locator(f"#id_actual-{jobs.pk}-observed_on").fill("2025-01-31")
    busan.locator("form.actual-record").first.get_by_role("button", name="입력").click()
    row = busan.locator(f"#indicator-{jobs.pk}").inner_text()
    assert "입력 1,662.3" in row and "2024 지역별고용조사" in row and "2025-01-31" in row
    assert "계산" in row and "%" in row, row
    press(busan, "제출", "추진실적을 제출 처리했습니다")

    # 2. staff confirm; the public page then counts 부산
    staff = signed_in(browser, site, "staff")
    staff.goto(f"{site}/results/2024/부산/")
    press(staff, "확정", "추진실적을 확정 처리했습니다")
    public = browser.new_context(locale="ko-KR").new_page()
    public.goto(f"{site}/results/2024/")
    assert public.get_by_text("확정된 실적 제출은 1건입니다").is_visible()
    assert "부산" in public.locator("#by-body ~ div").first.inner_text()
    accessible(public)
    public.goto(f"{site}/results/2024/부산/")
    assert "1,662.3" in public.locator(f"#indicator-{jobs.pk}").inner_text()
    accessible(public)

    # 3. staff open the round, make its units, register the evaluators and a panel
    staff.goto(f"{site}/evaluations/")
    staff.get_by_label("평가 대상 연도").fill("2024")
    press(staff, "평가 회차 열기", "2024년 평가 회차를 열었습니다")
    staff.goto(f"{site}/evaluations/2024/units/")
    press(staff, "평가 단위 만들기", "평가 단위")
    graded = list(Unit.objects.filter(round__year=2024, graded=True).order_by("task__position"))
    assert [unit.task.name for unit in graded] == ["자치분권 강화", "지역인재 양성"]
    assert staff.get_by_text("등급 단위").count() >= 2
    staff.goto(f"{site}/evaluations/2024/evaluators/")
    for username in ("expert1", "expert2", "busan_expert"):
        staff.locator("#id_user").select_option(label=username)
        staff.locator("#id_field").fill("지역개발")
        press(staff, "등록", "평가위원을 등록했습니다")
    staff.locator("#id_name").fill("제1평가반")
    staff.locator("#id_members").select_option(label=["expert1", "expert2"])
    press(staff, "만들기", "평가반을 만들었습니다")
    assert staff.get_by_text("제1평가반: expert1, expert2 (2명)").is_visible()

    # 4. the evaluators declare; staff assign; the one belonging to 부산 is refused
    evaluators = {}
    for username in ("expert1", "expert2", "busan_expert"):
        page = signed_in(browser, site, username)
        page.goto(f"{site}/evaluations/2024/declaration/")
        assert page.get_by_text("아직 이 회차의 신고가 없습니다").is_visible()
        page.get_by_label("평가받는 기관과 이해관계가 없음(해당 없음)을 확인합니다").check()
        press(page, "신고", "이해관계 신고를 받았습니다")
        evaluators[username] = page
    staff.goto(f"{site}/evaluations/2024/evaluators/")
    assert staff.get_by_text("신고함").count() == 3
    accessible(staff)
    panel = Panel.objects.get(name="제1평가반")

    def assign(unit: Unit, username: str, done: str) -> None:
        staff.locator("#id_unit").select_option(str(unit.pk))
        staff.locator("#id_evaluator").select_option(
            str(Evaluator.objects.get(user__username=username).pk)
        )
        staff.locator("#id_panel").select_option(str(panel.pk))
        press(staff, "배정", done)

    for unit in graded:
        for username in ("expert1", "expert2"):
            assign(unit, username, "평가위원을 배정했습니다")
    assign(graded[0], "busan_expert", "이해관계가 있어 배정할 수 없습니다")
    assert staff.get_by_text("부산 소속").first.is_visible()

    # 5. the round moves to 추진실적 평가; each evaluator scores both units and submits
    staff.goto(f"{site}/evaluations/2024/")
    press(staff, "'추진실적 평가' 단계로 넘기기", "'추진실적 평가' 단계로 넘겼습니다")
    for username in ("expert1", "expert2"):
        page = evaluators[username]
        for unit in graded:
            page.goto(f"{site}/evaluations/2024/mine/")
            page.locator(f"a[href$='/evaluations/2024/units/{unit.pk}/']").click()
            page.wait_for_url(f"**/evaluations/2024/units/{unit.pk}/")
            values = page.locator("input[name^=value_]")
            # one practical task × three example criteria; expect() waits for the page's form,
            # where count() would read a page still loading
            expect(values).to_have_count(3)
            for index in range(values.count()):
                values.nth(index).fill(SCORES[(username, unit.task.position)])
            reasons = page.locator("textarea[name^=reason_]")
            for index in range(reasons.count()):
                reasons.nth(index).fill(REASON)
            press(page, "저장", "점수를 저장했습니다")
            accessible(page)
            press(page, "제출", "점수를 제출했습니다")
        page.goto(f"{site}/evaluations/2024/mine/")
        assert page.get_by_role("cell", name="제출", exact=True).count() == 2

    # 6. staff compute (점검), compare raw and normalised, check every grade, close, raise
    staff.goto(f"{site}/evaluations/2024/")
    press(staff, "'평가결과 점검' 단계로 넘기기", "'평가결과 점검' 단계로 넘겼습니다")
    staff.goto(f"{site}/evaluations/2024/scores/")
    scores = staff.locator("table").first.inner_text()
    assert "원점수(점, 계산)" in scores and "표준화 점수(점, 계산)" in scores
    assert "87.5" in scores and "67.5" in scores, scores
    assert "표준화 안 함 (평가반 단위 2개 < 최소 3개)" in scores  # two units: raw only
    staff.goto(f"{site}/evaluations/2024/grades/")
    accessible(staff)
    first, second = (Grade.objects.get(unit=unit) for unit in graded)
    assert "우수" in staff.locator("tr", has=staff.locator(f"#check-band-{first.pk}")).inner_text()
    press(
        staff,
        "점검 저장",
        "등급을 점검했습니다",
        within=staff.locator(f"form:has(#check-band-{first.pk})"),
    )
    staff.locator(f"#check-band-{second.pk}").select_option(label="미흡")
    staff.locator(f"#check-reason-{second.pk}").fill("성과지표 목표 달성 근거가 부족함")
    press(
        staff,
        "점검 저장",
        "등급을 점검했습니다",
        within=staff.locator(f"form:has(#check-band-{second.pk})"),
    )
    expect(staff.get_by_text("미흡 (계산 등급에서 바뀜)")).to_be_visible()
    press(staff, "'평가결과 환류' 단계로 넘기기", "'평가결과 환류' 단계로 넘겼습니다")
    staff.goto(f"{site}/evaluations/2024/feedback/")
    staff.get_by_label("등급 단위").select_option(str(second.pk))
    staff.get_by_label("종류").select_option(label="차년도 시행계획 반영")
    staff.get_by_label("반영 단계").select_option(label="시행계획 작성")
    staff.get_by_label("조치 내용").fill(ACTION)
    press(staff, "제기", "환류 조치를 제기했습니다")
    assert staff.get_by_role("cell", name=ACTION).is_visible()
    accessible(staff)

    # 7. the 2025 cycle (services: the drafting is not this walk's point); the draft shows it
    staff_user = User.objects.get(username="staff")
    cycle = cycle_open(actor=staff_user, year=2025)
    submission_roll_forward(
        actor=User.objects.get(username="busan"),
        submission=cycle.submissions.get(organization__short_name="부산"),
    )
    busan.goto(f"{site}/cycles/2025/부산/draft/")
    action = busan.locator(".feedback-action", has_text=ACTION)
    assert action.is_visible()
    assert "차년도 시행계획 반영" in action.inner_text()
    accessible(busan)

    # 8. the annual report renders for everyone
    public.goto(f"{site}/reports/2024/")
    assert public.get_by_role(
        "heading", name="2024년 지방시대 시행계획 추진실적 및 평가 결과 보고서"
    ).is_visible()
    for heading in ("4. 성과지표 달성(개, %)", "5. 평가 등급(점, 개)", "6. 환류 조치"):
        assert public.get_by_role("heading", name=heading).is_visible()
    accessible(public)

    # 9. the public evaluation pages after close
    public.goto(f"{site}/evaluations/2024/")
    assert public.get_by_text("평가결과 환류").first.is_visible()
    accessible(public)
    public.goto(f"{site}/evaluations/2024/grades/")
    assert public.get_by_text("미흡 (계산 등급에서 바뀜)").is_visible()
    accessible(public)
