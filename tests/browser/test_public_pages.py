"""What a reader does on the public pages, in a real browser."""

import re

from playwright.sync_api import expect


def test_a_reader_opens_the_overview_and_sees_the_national_picture(page, site, screenshot):
    page.goto(site + "/")

    expect(page.get_by_role("heading", level=1)).to_have_text("2024년 지방시대 시행계획 전국 현황")
    expect(page.get_by_text("42.2조원").first).to_be_visible()
    expect(page.locator(".chart svg").first).to_be_visible()  # ECharts drew the chart
    screenshot("overview")


def test_a_reader_clicks_a_province_on_the_map(page, site, screenshot):
    page.goto(site + "/map/")
    page.get_by_role("listitem", name=re.compile("^부산광역시")).click()

    expect(page).to_have_url(re.compile(r"/provinces/%EB%B6%80%EC%82%B0/$|/provinces/부산/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("부산광역시")
    screenshot("busan")


def test_a_reader_picks_a_metric_and_highlights_a_super_region_without_javascript_tricks(
    page, site, screenshot
):
    page.goto(site + "/map/")
    page.get_by_label("색으로 나타낼 값").select_option("jobs_change")
    page.get_by_label("초광역권 강조").select_option("충청권")
    page.get_by_role("button", name="지도 바꾸기").click()

    expect(page).to_have_url(re.compile("metric=jobs_change"))
    expect(page.locator(".tile.highlight")).to_have_count(4)
    screenshot("chungcheong")


def test_a_phone_reader_sees_the_overview_without_sideways_scrolling(browser, site):
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    phone.goto(site + "/")

    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    phone.close()


def test_a_reader_searches_for_a_word_and_sees_highlighted_hits(page, site, screenshot):
    page.goto(site + "/")
    page.get_by_label("과제·지표 검색").fill("블록체인")
    page.get_by_label("과제·지표 검색").press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.get_by_text(re.compile(r"검색 결과 \d+건"))).to_be_visible()
    expect(page.locator("mark", has_text="블록체인").first).to_be_visible()
    screenshot("search")


def test_a_reader_sorts_the_sectoral_table_by_budget(page, site, screenshot):
    page.goto(site + "/sectoral/")
    header = page.get_by_role("link", name=re.compile("국비")).first
    header.click()
    page.get_by_role("link", name=re.compile("국비")).first.click()  # second click: descending

    expect(page).to_have_url(re.compile("sort=-national_budget_eok"))
    first_row = page.locator("table.tasks tbody tr").first
    expect(first_row).to_contain_text("지역특화형 교통")
    expect(first_row).to_contain_text("54,923")
    screenshot("sectoral-sorted")


def test_a_reader_downloads_the_sectoral_table_as_csv(page, site):
    page.goto(site + "/sectoral/")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").first.click()
    path = info.value.path()

    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("전략")
    assert len(text.strip().splitlines()) == 69  # header + 68 practical tasks
