"""End to end in chromium: staff register a district, record a figure and move its stage;
the pages pass axe-core's WCAG 2.1 A/AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def district_site(live_server, transactional_db):
    organizations_ensure()
    user = User.objects.create_user("committee", password="correct-horse")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(kind="committee"), role="editor"
    )
    return live_server.url


def _no_violations(page) -> None:
    result = Axe().run(page, options=WCAG_21_AA)
    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]
    assert problems == []


def test_staff_register_a_district_and_move_it_to_stage_two(page, district_site):
    page.goto(f"{district_site}/digital/districts/")
    assert page.get_by_text("등록된 디지털 혁신지구가 없습니다").is_visible()
    _no_violations(page)

    page.goto(f"{district_site}/accounts/login/?next=/digital/districts/new/")
    page.get_by_label("아이디").fill("committee")
    page.get_by_label("비밀번호").fill("correct-horse")
    page.get_by_role("button", name="로그인").click()
    page.get_by_label("시·도", exact=True).select_option(label="부산")
    page.get_by_label("이름", exact=True).fill("센텀 디지털 혁신지구")
    page.get_by_label("위치", exact=True).fill("부산 해운대구 센텀2지구")
    page.get_by_label("운영기관", exact=True).fill("부산정보산업진흥원")
    page.get_by_label("1단계 시작 결정일", exact=True).fill("2024-05-01")
    page.get_by_label("결정 내용", exact=True).fill("조성계획 적합성 검토 결과")
    _no_violations(page)
    page.get_by_role("button", name="등록").click()

    assert page.get_by_text("1단계로 등록했습니다").is_visible()
    page.get_by_label("연도", exact=True).fill("2024")
    page.get_by_label("값", exact=True).fill("420")
    page.get_by_label("출처", exact=True).fill("입주기업 현황")
    page.get_by_role("button", name="기록").click()
    assert page.get_by_text("2024년 디지털 기업 수 값을 기록했습니다").is_visible()

    page.get_by_label("바꿀 단계", exact=True).select_option("2")
    page.get_by_label("결정일", exact=True).fill("2025-02-01")
    page.get_by_label("결정 내용", exact=True).fill("지방디지털화 특별위원회 심의 결과")
    page.get_by_role("button", name="단계 변경").click()

    assert page.get_by_text("2단계 성장 가속화로 바꿨습니다").is_visible()
    assert page.locator("li[aria-current=step]").inner_text().startswith("2단계")
    _no_violations(page)
    page.goto(f"{district_site}/digital/districts/")
    assert page.get_by_role("link", name="센텀 디지털 혁신지구").first.is_visible()
    _no_violations(page)
