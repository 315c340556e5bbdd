"""Issue 11 in chromium, through the pages: 부산's editor writes a proposal in the form,
submits it and finds it on the pipeline board; Committee staff, with base amounts and
measure values already set (through the services), run the year's allocation and the run
page shows every province's change in %."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure
from dream.allocation import services as allocation
from dream.allocation.models import AllocationLine, Measure, TurnkeyProgramme

PASSWORD = "correct-horse-battery"
YEAR = 2025
# province → Track 1 result (0–100점) entered by staff; base 30/20/10억원 each
TRACK1 = {
    "부산": "90",
    "대구": "80",
    "광주": "70",
    "서울": "60",
    "경기": "50",
    "강원": "40",
    "경남": "30",
}


@pytest.fixture
def pipeline_site(live_server, transactional_db, printed_programmes):
    organizations_ensure()
    users = {}
    for username, short_name in (("busan", "부산"), ("staff", "위원회")):
        users[username] = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(
            user=users[username],
            organization=Organization.objects.get(short_name=short_name),
            role="editor",
        )
    programmes = list(TurnkeyProgramme.objects.order_by("position"))
    for name, score in TRACK1.items():
        province = Organization.objects.get(short_name=name)
        for programme, amount in zip(programmes, ("30", "20", "10"), strict=True):
            allocation.base_amount_set(
                actor=users["staff"], year=YEAR, province=province, programme=programme,
                amount_text=amount,
            )  # fmt: skip
        allocation.score_override_set(
            actor=users["staff"], year=YEAR, province=province, measure=Measure.TRACK1,
            value=score, reason="브라우저 시험 자료",
        )  # fmt: skip
    return live_server.url


def signed_in(browser, site: str, username: str):
    page = browser.new_context(locale="ko-KR").new_page()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_load_state()
    return page


def test_a_proposal_reaches_the_board_and_staff_run_the_allocation(browser, pipeline_site):
    site = pipeline_site

    # 부산's editor writes and submits a proposal; the board lists it as submitted.
    busan = signed_in(browser, site, "busan")
    busan.goto(f"{site}/digital/pipeline/proposals/new/?year={YEAR}")
    busan.get_by_label("시·도").select_option(label="부산")
    busan.get_by_label("제안 연도").fill(str(YEAR))
    busan.get_by_label("사업명").fill("부산 해양 디지털 트윈")
    busan.get_by_label("수요 출처", exact=True).select_option(label="지역공약")
    busan.get_by_label("총사업비(억원)").fill("35.5")
    busan.get_by_role("button", name="저장").click()
    expect(busan.get_by_text("제안을 저장했습니다").first).to_be_visible()
    busan.get_by_role("button", name="제출", exact=True).click()
    busan.wait_for_load_state()
    busan.goto(f"{site}/digital/pipeline/?year={YEAR}&province=부산")
    row = busan.get_by_role("row").filter(has_text="부산 해양 디지털 트윈")
    expect(row).to_contain_text("제출")
    expect(row).to_contain_text("35.5")

    # Committee staff run the allocation; the run page shows each province's change in %.
    staff = signed_in(browser, site, "staff")
    staff.goto(f"{site}/digital/allocations/{YEAR}/")
    staff.get_by_label("실행 이름").fill("브라우저 시험")
    staff.get_by_role("button", name="배분 실행").click()
    staff.wait_for_load_state()
    assert "/digital/allocations/runs/" in staff.url
    lines = list(AllocationLine.objects.select_related("province"))
    assert len(lines) == len(TRACK1)
    for line in lines:
        sign = "+" if line.change_percent > 0 else ""
        cells = staff.get_by_role("row").filter(
            has=staff.get_by_role("rowheader", name=line.province.short_name, exact=True)
        )
        expect(cells).to_contain_text(f"{sign}{line.change_percent}%")
    assert max(abs(line.change_percent) for line in lines) == Decimal(20)
