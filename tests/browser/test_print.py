"""A province page printed: a clean report of its figures, without the screen's tools."""

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS


def test_a_province_page_prints_as_a_clean_report(page, site, screenshot):
    page.goto(site + "/provinces/부산/")
    expect(page.locator(".chart svg").first).to_be_visible()  # on screen the chart is drawn

    page.emulate_media(media="print")

    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator("#site-q")).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    for download in page.locator(".downloads").all():
        expect(download).to_be_hidden()
    for chart in page.locator(".chart").all():
        expect(chart).to_be_hidden()
    fiscal = page.get_by_role("table", name="전략별 재정투입")
    expect(fiscal).to_be_visible()
    expect(fiscal.get_by_role("row").last).to_be_visible()
    assert page.locator(".table-container").first.evaluate(
        "element => getComputedStyle(element).overflowX"
    ) == "visible"
    expect(page.locator(".page-sources")).to_contain_text("「2024년 지방시대 시행계획」")

    screenshot("print")
    pdf = SCREENSHOTS / "province-busan-print.pdf"
    page.pdf(path=pdf, format="A4")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_size > 10_000
