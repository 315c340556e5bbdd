"""Full official names work wherever short names do, and super-regions are reachable from
the home page and the navigation (issue 8, item 10)."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from dream.accounts.registry import PROVINCES, SUPER_REGIONS

pytestmark = pytest.mark.usefixtures("plan_2024")


@pytest.mark.parametrize(("short", "full"), [(s, f) for s, f, _capital in PROVINCES])
def test_a_province_page_answers_to_its_full_name(client, db, short, full):
    response = client.get(f"/provinces/{full}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:province_detail", args=[short])
    assert client.get(response["Location"]).status_code == 200


def test_the_redirect_keeps_the_query_and_ignores_spaces(client, db):
    response = client.get(f"/provinces/{quote('서울 특별시')}/", {"table": "indicators"})
    assert response["Location"] == reverse("web:province_detail", args=["서울"]) + (
        "?table=indicators"
    )


@pytest.mark.parametrize(("short", "full"), [(s, f) for s, f, _members in SUPER_REGIONS])
def test_a_super_region_page_answers_to_its_full_name(client, db, short, full):
    response = client.get(reverse("web:super_region_detail", args=[full]), follow=True)
    assert response.status_code == 200
    assert response.context["organization"].short_name == short
    if full != short:
        assert response.redirect_chain == [(reverse("web:super_region_detail", args=[short]), 302)]


def test_short_names_are_served_directly_and_unknown_names_stay_404(client, db):
    assert client.get(reverse("web:province_detail", args=["서울"])).status_code == 200
    assert client.get("/provinces/서울특별시청/").status_code == 404
    assert client.get("/super-regions/서울특별시/").status_code == 404  # a province, not a region


def test_the_comparison_takes_full_names(client, db):
    response = client.get(reverse("web:compare"), {"p": ["서울특별시", "부산", "강원특별자치도"]})
    assert response.status_code == 200
    assert [row.short_name for row in response.context["table"].data] == ["서울", "부산", "강원"]
    assert "알 수 없는 시·도 이름" not in response.content.decode()
    response = client.get(reverse("web:compare"), {"p": ["서울특별시", "없는도"]})
    assert response.context["unknown"] == ["없는도"]


def test_super_regions_are_listed_on_the_home_page_and_in_the_navigation(client, db):
    html = client.get(reverse("web:overview")).content.decode()
    assert '<h2 id="super-regions">초광역권</h2>' in html
    for short, _full, _members in SUPER_REGIONS:
        assert f'href="{reverse("web:super_region_detail", args=[short])}"' in html
    nav = html.split('aria-label="주 메뉴"')[1].split("</nav>")[0]
    assert '<a href="/#super-regions">초광역권</a>' in nav
