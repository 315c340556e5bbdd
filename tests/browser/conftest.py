"""Browser tests: Playwright drives Debian's chromium (/usr/bin/chromium) against a live server.

`playwright install` cannot download browsers here, so the system chromium is used.
Screenshots of each test land in test-results/ for people to look at.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright beside live_server

CHROMIUM = os.environ.get("DREAM_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ko-KR", "accept_downloads": True}


@pytest.fixture
def site(live_server, plan_2024_committed):
    """The live server's address, with the 2024 plan loaded."""
    return live_server.url


@pytest.fixture
def screenshot(page, request):
    """Call screenshot("name") to save what the browser shows now."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
