"""A reader checks a figure against the document: the "원문" link beside it opens the
bundled text with the line that prints it marked and scrolled into view."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import WCAG_21_AA
from tests.browser.test_security_policy import RECORD_VIOLATIONS


@pytest.fixture
def both_plans(live_server, plan_2024_committed, digital_plan_committed):
    return live_server.url


def test_a_fiscal_amount_leads_to_its_marked_line_in_view(page, both_plans, screenshot):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(both_plans + "/provinces/서울/")
    fiscal = page.get_by_role("table", name="전략별 재정투입")
    row = fiscal.get_by_role("row").nth(1)  # strategy Ⅰ
    amount = re.search(r"\d[\d,.]*", row.get_by_role("cell").nth(2).inner_text())[0]

    row.get_by_role("link", name=re.compile(r"원문 \d+줄")).click()

    expect(page).to_have_url(re.compile(r"/sources/2024-implementation-plan/lines/\d+/#L\d+$"))
    marked = page.locator(".source-lines li.asked")
    expect(marked).to_have_count(1)
    expect(marked).to_be_in_viewport()
    expect(marked.locator("mark")).to_contain_text(amount)
    assert page.evaluate("window.__violations") == []
    screenshot("marked-line")


def test_a_digital_budget_opens_the_digital_plan(page, both_plans):
    page.goto(both_plans + "/digital/")
    row = page.get_by_role("region", name="예산 표").locator("tbody tr").first
    printed = row.locator("td").nth(1).inner_text()

    row.locator("a.source-link").click()

    expect(page).to_have_title(re.compile("「지방 디지털 경쟁력 강화방안\\(안\\)」 원문"))
    marked = page.locator(".source-lines li.asked mark")
    expect(marked.first).to_be_in_viewport()
    expect(marked.first).to_contain_text(printed)
    expect(page.locator(".page-sources")).to_contain_text("지방 디지털 경쟁력 강화방안(안)")


def test_the_text_prints_with_the_line_marked_and_has_no_wcag_violation(page, both_plans):
    page.goto(both_plans + "/sources/2024-implementation-plan/lines/6904-6905/#L6904")

    result = Axe().run(page, options=WCAG_21_AA)
    assert [v["id"] for v in result.response["violations"]] == []

    page.emulate_media(media="print")
    expect(page.locator(".source-pager")).to_be_hidden()
    expect(page.locator(".source-lines li.asked")).to_have_count(2)
    expect(page.locator("#L6905 mark")).to_contain_text("1,808")
