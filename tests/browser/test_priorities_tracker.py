"""Issue 12 item 2 in chromium, through the pages: Committee staff have named 행안부 the
owner of an action of 기회발전특구 (the service, as the page's select does); 행안부's editor
signs in, reports the step "지침 제정(‘24.3월)" 완료 on the task page, and its badge turns
from DREAM's computed 지연 to the reported 완료."""

import pytest
from playwright.sync_api import expect

from dream.accounts.models import Membership, Organization, User
from dream.priorities import services
from dream.priorities.models import PriorityItem

PASSWORD = "correct-horse-battery"


@pytest.fixture
def owned_step(site):
    users = {}
    for username, short_name in (("mois", "행안부"), ("staff", "위원회")):
        users[username] = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(
            user=users[username],
            organization=Organization.objects.get(short_name=short_name),
            role="editor",
        )
    step = PriorityItem.objects.get(task__year=2024, source_line=252, kind="step")
    services.action_owner_assign(
        actor=users["staff"],
        action=step.action,
        organization=Organization.objects.get(short_name="행안부"),
    )
    return step


def test_an_owner_reports_a_step_done_and_sees_its_badge(page, site, owned_step, screenshot):
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디").fill("mois")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_load_state()

    page.goto(f"{site}/priorities/2024/1/")
    row = page.locator(f"#state-{owned_step.pk}")
    expect(row).to_contain_text("지연")  # its period ended 2024-03-31 without a report
    expect(row).to_contain_text("DREAM 계산")

    report = page.locator(f"#step-{owned_step.pk}")
    report.locator("summary").click()
    report.get_by_label("상태").select_option(label="완료")
    report.get_by_label("기준일").fill("2024-03-29")
    report.get_by_label("근거", exact=True).fill("「기회발전특구 지정·운영 등에 관한 지침」 고시")
    report.get_by_role("button", name="이행 상황 보고").click()
    page.wait_for_load_state()

    expect(page.get_by_text("이행 상황을 보고했습니다")).to_be_visible()
    row = page.locator(f"#state-{owned_step.pk}")
    expect(row.locator(".badge")).to_have_text("완료")
    expect(row).to_contain_text("2024-03-29 기준 보고")
    expect(row).not_to_contain_text("DREAM 계산")
    screenshot("reported")
