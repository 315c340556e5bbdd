"""Staff correct mistakes in chromium: an actual corrected and then deleted on its goal
page, a district's misspelt name corrected; each change in the page's "변경 이력" with
who and why, which the public does not see; the pages pass axe-core's WCAG 2.1 A/AA."""

import re

import pytest
from playwright.sync_api import expect

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure
from tests.browser.test_districts import _no_violations


@pytest.fixture
def staff_site(live_server, digital_plan_committed):
    organizations_ensure()
    user = User.objects.create_user("committee", password="correct-horse")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(kind="committee"), role="editor"
    )
    return live_server.url


def sign_in(page, site, next_url):
    page.goto(f"{site}/accounts/login/?next={next_url}")
    page.get_by_label("아이디").fill("committee")
    page.get_by_label("비밀번호").fill("correct-horse")
    page.get_by_role("button", name="로그인").click()


def test_staff_correct_and_delete_an_actual_and_see_it_in_the_history(page, staff_site, screenshot):
    goal = "/digital/goals/digital-economy-output/"
    sign_in(page, staff_site, goal)
    form = page.locator("form.entry-form")
    form.get_by_label("연도").fill("2024")
    form.get_by_label("값", exact=True).fill("21")
    form.get_by_label("출처").fill("실태조사")
    form.get_by_label("기준일").fill("2025-03-31")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("2024년 실적을 저장했습니다.")).to_be_visible()

    page.get_by_text(re.compile("^2024년 실적 21")).click()
    correction = page.locator("form.correction-form").first
    correction.get_by_label("값", exact=True).fill("12")
    correction.get_by_label("까닭").fill("보고서 재확인: 12조원")
    _no_violations(page)
    correction.get_by_role("button", name="고치기").click()

    expect(page.get_by_text("2024년 실적을 고쳤습니다.")).to_be_visible()
    expect(page.locator(".card").nth(2)).to_contain_text("12조원 (2024년)")
    history = page.get_by_role("region", name="변경 이력", exact=True)
    expect(history).to_contain_text("보고서 재확인: 12조원")
    expect(history).to_contain_text("21조원")
    expect(history).to_contain_text("committee")

    page.get_by_text(re.compile("^2024년 실적 12")).click()
    deletion = page.locator("form.correction-form").nth(1)
    deletion.get_by_label("까닭").fill("출처 불명")
    deletion.get_by_role("button", name="지우기").click()

    expect(page.get_by_text("2024년 실적을 지웠습니다")).to_be_visible()
    expect(page.locator(".badge").first).to_contain_text("실적 없음")
    expect(history).to_contain_text("출처 불명")
    _no_violations(page)
    screenshot("goal-history")

    page.context.clear_cookies()
    page.goto(staff_site + goal)
    expect(page.get_by_role("heading", name="변경 이력", exact=True)).to_have_count(0)


def test_staff_correct_a_districts_name_and_search_finds_it(page, staff_site, screenshot):
    sign_in(page, staff_site, "/digital/districts/new/")
    page.get_by_label("시·도", exact=True).select_option(label="부산")
    page.get_by_label("이름", exact=True).fill("센텀 디지탈 혁신지구")
    page.get_by_label("위치", exact=True).fill("부산 해운대구 센텀2지구")
    page.get_by_label("운영기관", exact=True).fill("부산정보산업진흥원")
    page.get_by_label("1단계 시작 결정일", exact=True).fill("2024-05-01")
    page.get_by_label("결정 내용", exact=True).fill("조성계획 적합성 검토 결과")
    page.get_by_role("button", name="등록").click()
    district = page.url

    page.get_by_role("link", name="지구 정보 고치기").click()
    page.get_by_label("이름", exact=True).fill("센텀 디지털 혁신지구")
    page.get_by_label("고치는 까닭", exact=True).fill("지구 이름 오기 정정")
    _no_violations(page)
    page.get_by_role("button", name="고친 내용 저장").click()

    expect(page.get_by_text("센텀 디지털 혁신지구의 정보를 고쳤습니다")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("센텀 디지털 혁신지구")
    history = page.get_by_role("region", name="변경 이력", exact=True)
    expect(history).to_contain_text("센텀 디지탈 혁신지구")
    expect(history).to_contain_text("지구 이름 오기 정정")
    _no_violations(page)
    screenshot("district-history")

    page.goto(f"{staff_site}/search/?q=센텀 디지털 혁신지구")
    page.get_by_role("link", name=re.compile("센텀 디지털 혁신지구")).first.click()
    assert page.url.split("#")[0] == district

    page.context.clear_cookies()
    page.goto(district)
    expect(page.get_by_role("heading", name="변경 이력", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="지구 정보 고치기")).to_have_count(0)
