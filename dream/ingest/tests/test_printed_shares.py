"""The shares part Ⅰ prints are stored as printed, with their line (issue 8, item 3): they
used to be checked against the table and dropped, so the front page showed DREAM's own
computation as if it were the plan's."""

import pytest

from dream.plans.models import PrintedShare

pytestmark = pytest.mark.usefixtures("plan_2024")


def printed(group: str) -> dict[str, tuple[str, int]]:
    return {
        share.key: (share.printed, share.source_line)
        for share in PrintedShare.objects.filter(plan__level="national", group=group)
    }


def test_the_composition_by_source_is_stored_as_printed(db):
    assert printed("source") == {
        "national": ("58.3%", 111),
        "local": ("35.6%", 111),
        "private": ("6.1%", 111),
    }


def test_the_ministries_and_provinces_strategy_shares_are_stored_as_printed(db):
    ministries = printed("sectoral")
    assert [ministries[code][0] for code in "ⅠⅡⅢⅣⅤ"] == ["0.1%", "0.8%", "13.2%", "35.4%", "50.5%"]
    assert ministries["Ⅴ"][1] == 134  # "50.5%" stands on the line after a page break
    provinces = printed("province")
    assert [provinces[code][0] for code in "ⅠⅡⅢⅣⅤ"] == ["11%", "6%", "16%", "33%", "34%"]
