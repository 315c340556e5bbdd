"""The issue's whole 2025 walk in chromium, through the pages only: Committee staff open the
cycle, 부산's editor rolls the 2024 plan forward, edits it in the form and through the Excel
template, records the local deliberation and submits; staff return it with a comment, the
editor submits again, staff accept it and record the plenary's resolution; the public pages
then switch between 2024 and 2025 and show what changed."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from openpyxl import load_workbook

from dream.accounts.models import Membership, Organization, User

PASSWORD = "correct-horse-battery"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def walk_site(site):
    for username, short_name in (("staff", "위원회"), ("busan", "부산")):
        user = User.objects.create_user(username, password=PASSWORD, email=f"{username}@example.kr")
        Membership.objects.create(
            user=user, organization=Organization.objects.get(short_name=short_name), role="editor"
        )
    return site


def signed_in(browser, site: str, username: str):
    page = browser.new_context(locale="ko-KR", accept_downloads=True).new_page()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    return page


def accessible(page) -> None:
    """The page passes axe-core's WCAG 2.1 A/AA rules."""
    result = Axe().run(page, options=WCAG_21_AA)
    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]
    assert problems == [], page.url


def step(page, button: str, done: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    assert page.get_by_text(done).first.is_visible(), page.content()[:2000]


def test_the_2025_cycle_walks_from_opening_to_resolution_in_the_pages(browser, walk_site, tmp_path):
    site = walk_site
    staff = signed_in(browser, site, "staff")
    staff.goto(f"{site}/cycles/")
    staff.get_by_label("연도", exact=True).fill("2025")
    staff.get_by_label("제출 기한", exact=True).fill("2025-02-15")
    step(staff, "수립 주기 열기", "2025년 수립 주기를 열었습니다")

    busan = signed_in(browser, site, "busan")
    busan.goto(f"{site}/cycles/2025/부산/")
    step(busan, "전년 계획에서 초안 작성", "전년도 의결 계획에서 초안을 만들었습니다")

    # the form: the goal, a task's name and the plan's 국비 in the budget grid
    accessible(busan)
    busan.get_by_role("link", name="초안 보기·편집").click()
    accessible(busan)
    busan.locator("form.edit-plan textarea").fill("디지털 전환으로 다시 뛰는 부산")
    step(busan, "목표 저장", "저장")
    first_task = busan.locator("form.edit-task").first
    old_name = first_task.locator("input[name$='-name']").input_value()
    first_task.locator("input[name$='-name']").fill(f"{old_name} 고도화")
    first_task.get_by_role("button", name="과제 저장").click()
    assert busan.get_by_text(f"{old_name} 고도화").first.is_visible()
    busan.locator("#id_budget-0-national").fill("1234.5")
    busan.locator("#id_budget-0-local").fill("300")
    busan.locator("#budget-0").get_by_role("button", name="행 저장").click()
    assert busan.locator("#id_budget-0-national").input_value() == "1234.5"

    # the Excel template: download it filled, change an indicator's target, upload it
    busan.goto(f"{site}/cycles/2025/부산/")
    with busan.expect_download() as download:
        busan.get_by_role("link", name="Excel 서식 내려받기").click()
    path = tmp_path / "부산-2025.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    sheet = book["성과지표"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("목표값") + 1, value="150")
    sheet.cell(row=2, column=headers.index("방향") + 1, value="높을수록 좋음")
    indicator_name = sheet.cell(row=2, column=headers.index("지표명") + 1).value
    book.save(path)
    busan.get_by_role("link", name="Excel 올리기").click()
    accessible(busan)
    busan.get_by_label("Excel 파일(.xlsx)").set_input_files(path)
    step(busan, "올리기", "바뀐 항목")
    busan.goto(f"{site}/cycles/2025/부산/draft/#indicators")
    assert (
        busan.locator("form.edit-indicator")
        .first.locator("input[name$='-target_text']")
        .input_value()
        == "150"
    )
    assert indicator_name

    busan.goto(f"{site}/cycles/2025/부산/")
    busan.get_by_label("시·도 지방시대위원회 심의일", exact=True).fill("2025-02-10")
    step(busan, "시·도 지방시대위원회 심의 기록", "심의일을 기록했습니다")
    step(busan, "제출", "지방시대위원회에 제출했습니다")

    staff.goto(f"{site}/cycles/2025/부산/")
    step(staff, "검토 시작", "검토를 시작했습니다")
    staff.get_by_label("보완 요청 의견", exact=True).fill("성과지표 목표를 다시 확인해 주세요")
    step(staff, "보완 요청", "보완을 요청했습니다")

    busan.goto(f"{site}/cycles/2025/부산/")
    assert busan.get_by_text("성과지표 목표를 다시 확인해 주세요").first.is_visible()
    step(busan, "제출", "지방시대위원회에 제출했습니다")

    staff.goto(f"{site}/cycles/2025/부산/")
    step(staff, "접수", "접수했습니다")
    staff.goto(f"{site}/cycles/2025/compilation/")
    accessible(staff)
    staff.goto(f"{site}/cycles/2025/")
    accessible(staff)
    staff.get_by_label("의결 회의", exact=True).fill("제9차 지방시대위원회")
    staff.get_by_label("의결일", exact=True).fill("2025-04-03")
    step(staff, "접수된 시행계획 의결 기록", "시행계획 1건을 확정했습니다")

    # the public pages switch between the years and show what changed
    public = browser.new_context(locale="ko-KR").new_page()
    public.goto(f"{site}/provinces/부산/")
    switcher = public.get_by_role("navigation", name="시행계획 연도")
    assert switcher.get_by_role("link", name="2025년").get_attribute("aria-current") == "true"
    accessible(public)
    changes = public.locator("section[aria-labelledby=changes-heading]")
    assert "2024년 시행계획" in changes.inner_text()
    assert f"{old_name} 고도화" in changes.inner_text()
    switcher.get_by_role("link", name="2024년").click()
    assert "year=2024" in public.url
    assert f"{old_name} 고도화" not in public.locator("main").inner_text()
    assert (
        public.get_by_role("navigation", name="시행계획 연도")
        .get_by_role("link", name="2024년")
        .get_attribute("aria-current")
        == "true"
    )
