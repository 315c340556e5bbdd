"""An organization's page (/organizations/과기정통부/): one ministry followed across both
plans, whatever name a document prints for it."""

from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

URL = reverse("web:organization_detail", args=["과기정통부"])


def test_the_page_names_the_body_officially_with_every_printed_name(client, db):
    html = client.get(URL).content.decode()

    assert "<h1>과학기술정보통신부" in html
    assert "‘과기정통부’, ‘과기부’" in html


def test_the_page_lists_the_tasks_of_both_plans(client, db):
    html = client.get(URL).content.decode()

    # the 2024 plan prints it 과기부: Ⅲ-4, Ⅲ-5 and 6 practical tasks under them and Ⅳ-1
    assert "핵심과제 2개 · 실천과제 6개" in html
    assert "지역 디지털 경쟁력 강화를 위한 기반 구축" in html
    assert "<td>과기부</td>" in html
    # the digital plan prints it 과기정통부, e.g. as lead of task 1-1-1 (line 1824)
    assert "지방 디지털 경쟁력 강화방안의 과제" in html
    assert "<td>과기정통부</td>" in html
    assert html.count('href="/digital/#digital-task-') >= 10


def test_the_page_cites_both_documents(client, db):
    response = client.get(URL)
    html = response.content.decode()

    assert "「2024년 지방시대 시행계획」" in html
    assert "「지방 디지털 경쟁력 강화방안(안)」" in html


@pytest.mark.parametrize("name", ["과기부", "과학기술정보통신부"])
def test_another_name_redirects_to_the_short_name(client, db, name):
    response = client.get(reverse("web:organization_detail", args=[name]))

    assert response.status_code == 302 and response["Location"] == URL


def test_a_province_leads_to_its_plan_page(client, db):
    response = client.get(reverse("web:organization_detail", args=["서울특별시"]))

    assert response["Location"] == reverse("web:province_detail", args=["서울"])


def test_an_unknown_name_is_a_korean_404(client, db):
    response = client.get(reverse("web:organization_detail", args=["없는부"]))

    assert response.status_code == 404
    assert "이 이름의 기관이 없습니다." in response.content.decode()


def test_the_sectoral_and_digital_pages_link_the_ministry_page(client, db):
    for page in [reverse("web:sectoral"), reverse("digital:dashboard")]:
        html = client.get(page).content.decode()
        assert f'href="{URL}"' in html or f'href="{quote(URL)}"' in html, page


def test_the_digital_page_shows_the_one_short_name_and_the_printed_cell(client, db):
    html = client.get(reverse("digital:dashboard")).content.decode()
    item = html.split("농산물의 디지털 유통 확산", 1)[1].split("</li>", 1)[0]

    assert ">농식품부</a>" in item and 'title="원문 표기: 농림부"' in item
    assert "(원문: 농림부)" in item
