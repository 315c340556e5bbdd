"""The pages' own scripts, styles and charts work under the Content-Security-Policy: no
page logs a policy violation or a script error, and the charts are drawn."""

import pytest

from dream.accounts.models import User
from dream.digital.models import DigitalGoal
from dream.links.services import link_proposals_refresh

# Recorded by the page itself from its first moment, before any of its scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

PAGES = [
    "/",
    "/map/?metric=jobs_change&region=충청권",
    "/provinces/부산/",
    "/super-regions/부울경/",
    "/compare/?p=서울&p=부산",
    "/sectoral/",
    "/findings/",
    "/search/?q=블록체인",
    "/downloads/",
    "/digital/",
    "/digital/goals/",
    "/digital/links/",
    "/digital/districts/",
    "/accounts/login/",
    "/admin/login/",
]
CHARTS = {"/", "/provinces/부산/", "/compare/?p=서울&p=부산", "/sectoral/"}


@pytest.fixture
def secured_site(live_server, plan_2024_committed, digital_plan_committed):
    link_proposals_refresh(year=2024)
    User.objects.create_superuser("staff", password="correct-horse")
    return live_server.url


def visit(page, url: str) -> list[str]:
    """Open `url` and return what went wrong: policy violations, script errors, and files
    that failed to load (but the favicon, which the site does not have)."""
    errors: list[str] = []

    def console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def response(answer):
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            errors.append(f"{answer.status} {answer.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return errors + page.evaluate("window.__violations")


def test_no_public_page_breaks_the_content_security_policy(page, secured_site):
    page.add_init_script(RECORD_VIOLATIONS)
    goal = DigitalGoal.objects.order_by("pk").first()

    for path in [*PAGES, f"/digital/goals/{goal.key}/"]:
        problems = visit(page, secured_site + path)

        assert problems == [], path
        if path in CHARTS:
            assert page.locator(".chart svg").count() >= 1, f"no chart drawn on {path}"


def test_the_admin_and_the_staff_pages_work_under_the_policy(page, secured_site):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(secured_site + "/accounts/login/")
    page.get_by_label("아이디").fill("staff")
    page.get_by_label("비밀번호").fill("correct-horse")
    page.get_by_role("button", name="로그인").click()

    for path in [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/plans/task/",
        "/digital/links/review/",
    ]:
        assert visit(page, secured_site + path) == [], path
