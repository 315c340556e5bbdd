"""Committee staff review link proposals in a real browser: several at once with one note,
then a decision sent back to review from the link's page, with its history."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import WCAG_21_AA
from tests.browser.test_digital import digital_site, sign_in  # noqa: F401 (fixture)


def axe_problems(page) -> list[str]:
    result = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]


def test_staff_reject_several_proposals_and_send_one_back_to_review(
    page, digital_site  # noqa: F811
):
    sign_in(page, digital_site, "/digital/links/review/")
    assert axe_problems(page) == []
    page.get_by_label(re.compile("고르기: K-헬스 구축·보급 ↔ 첨단바이오")).check()
    page.get_by_label(re.compile("고르기: 농산물의 디지털 유통 확산 ↔ 수산물")).check()
    page.get_by_role("radio", name="모두 기각").check()
    page.get_by_label(re.compile("까닭")).fill("낱말만 같음")
    page.get_by_role("button", name="고른 제안 결정").click()

    expect(page.get_by_text("제안 2건을 기각했습니다.")).to_be_visible()

    page.get_by_text("기각된 연계 2건").click()
    page.get_by_role("link", name=re.compile("K-헬스 구축·보급 ↔")).click()
    expect(page.get_by_role("heading", name="변경 이력", exact=True)).to_be_visible()
    assert axe_problems(page) == []
    page.get_by_label("되돌리는 까닭(필수)").fill("바이오헬스 사업으로 다시 검토")
    page.get_by_role("button", name="검토 대기로 되돌리기").click()

    expect(page.get_by_text("연계를 검토 대기로 되돌렸습니다.")).to_be_visible()
    history = page.get_by_role("region", name="변경 이력", exact=True)
    expect(history).to_contain_text("바이오헬스 사업으로 다시 검토")
    expect(history).to_contain_text("낱말만 같음")
