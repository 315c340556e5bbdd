"""Every public page passes axe-core's WCAG 2.1 A and AA rules (the base of KWCAG 2.2)."""

from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "/",
    "/map/?metric=jobs_change&region=충청권",
    "/provinces/부산/",
    "/super-regions/충청권/",
    "/compare/?p=서울&p=부산",
    "/sectoral/?strategy=3",
    "/findings/",
    "/priorities/",
    "/priorities/2024/1/",
    "/downloads/",
    "/search/?q=클러스터",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("address", PAGES)
def test_the_page_has_no_wcag_21_aa_violation(page, site, address):
    page.goto(site + quote(address, safe="/?=&"))
    page.wait_for_load_state("load")

    result = Axe().run(page, options=WCAG_21_AA)

    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result.response["violations"]
    ]
    assert problems == []
