"""The digital plan in a real browser: a reader opens the dashboard; Committee staff enter
an actual that moves a goal's status and confirm a proposed link."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dream.accounts.models import User
from dream.links.services import link_proposals_refresh
from tests.browser.test_accessibility import WCAG_21_AA


@pytest.fixture
def digital_site(live_server, plan_2024_committed, digital_plan_committed):
    link_proposals_refresh(year=2024)
    User.objects.create_superuser("staff", password="correct-horse")
    return live_server.url


def sign_in(page, site, next_url):
    page.goto(f"{site}/accounts/login/?next={next_url}")
    page.get_by_label("아이디").fill("staff")
    page.get_by_label("비밀번호").fill("correct-horse")
    page.get_by_role("button", name="로그인").click()


def test_a_reader_opens_the_digital_dashboard(page, digital_site, screenshot):
    page.goto(digital_site + "/")
    page.get_by_role("link", name="디지털 지방시대").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("디지털 지방시대")
    expect(page.get_by_text("지방 디지털 경제 총생산액").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("추진일정"))).to_be_visible()
    screenshot("dashboard")


def test_staff_enter_an_actual_and_the_status_moves(page, digital_site, screenshot):
    page.goto(digital_site + "/digital/goals/")
    page.get_by_role("link", name=re.compile("지방 디지털 경제 총생산액")).first.click()
    goal_url = page.url.removeprefix(digital_site)
    expect(page.locator(".badge").first).to_contain_text("실적 없음")

    sign_in(page, digital_site, goal_url)
    form = page.locator("form.entry-form")
    form.get_by_label("연도").fill("2025")
    form.get_by_label("값", exact=True).fill("25")
    form.get_by_label("출처").fill("통계청 디지털산업 통계")
    form.get_by_label("기준일").fill("2026-06-30")
    page.get_by_role("button", name="저장").click()

    # The trend through the baseline (10.5조원, 2020) and 25조원 (2025) reaches 30.8조원 in 2027,
    # and 25 is ahead of the 2025 path (24.43): 순항 by the documented rule.
    expect(page.locator(".badge").first).to_contain_text("순항")
    expect(page.get_by_text("30.8조원 (2027년)").first).to_be_visible()
    expect(page.get_by_text("2025년 필요 경로 24.43조원보다 0.57조원 앞섬").first).to_be_visible()
    screenshot("goal-on-track")


def test_staff_confirm_a_proposed_link(page, digital_site):
    sign_in(page, digital_site, "/digital/links/review/")
    page.get_by_role("button", name=re.compile("확정: 블록체인 클러스터 조성 ↔ 블록체인 특화")).click()

    page.goto(digital_site + "/digital/links/")
    expect(page.get_by_text("블록체인 특화 클러스터 조성").first).to_be_visible()


@pytest.mark.parametrize(
    "address", ["/digital/", "/digital/goals/", "/digital/links/", "/digital/districts/"]
)
def test_the_digital_pages_have_no_wcag_21_aa_violation(page, digital_site, address):
    page.goto(digital_site + address)
    result = Axe().run(page, options=WCAG_21_AA)

    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]
    assert problems == []
