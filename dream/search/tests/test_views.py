"""The search page: a shareable address, the total, the hits, filters and downloads."""

import io
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse

from dream.search.selectors import search

pytestmark = pytest.mark.usefixtures("plan_2024")


def page(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_search_has_a_stable_address():
    assert reverse("search:search") == "/search/"


def test_shows_the_total_and_the_highlighted_hits(client, db):
    response, html = page(client, q="블록체인")
    assert "검색 결과 <strong>3</strong>건" in html
    assert "<mark>블록체인</mark> 허브도시 조성" in html
    assert 'href="/provinces/%EC%9D%B8%EC%B2%9C/#task-' in html
    assert "인천 시·도 시행계획 · Ⅲ 일자리 늘리는 창조적 혁신성장" in html
    assert len(response.context["results"].hits) == 3


def test_the_header_box_keeps_the_query(client, db):
    _, html = page(client, q="디지털 혁신")
    assert 'id="site-q" type="search" name="q" value="디지털 혁신"' in html
    assert "<title>‘디지털 혁신’ 검색 | DREAM" in html


def test_lists_at_most_100_hits_with_the_true_total(client, db):
    response, html = page(client, q="지역")
    results = response.context["results"]
    assert results.total > 100
    assert html.count('<a class="hit-title"') == 100
    assert f"검색 결과 <strong>{results.total}</strong>건 · 앞의 100건을 보여 줍니다" in html


def test_filters_are_labelled_selects_that_narrow_the_hits(client, db):
    _, html = page(client, q="클러스터")
    for name, label in (("level", "수준"), ("owner", "수립 주체"), ("strategy", "전략")):
        assert f'<label for="search-{name}">{label}</label>' in html
        assert f'<select id="search-{name}" name="{name}">' in html
    assert '<option value="super_region">초광역권 (' in html
    response, html = page(client, q="클러스터", level="super_region", strategy="")
    assert '<option value="super_region" selected>' in html
    assert {hit.level for hit in response.context["results"].hits} == {"super_region"}
    response, html = page(client, q="클러스터", owner="부산", strategy="Ⅲ")
    assert '<option value="부산" selected>' in html
    assert '<option value="Ⅲ" selected>' in html
    assert {(h.owner, h.strategy_code) for h in response.context["results"].hits} == {("부산", "Ⅲ")}


def test_without_a_query_the_page_invites_one(client, db):
    _, html = page(client)
    assert "검색어를 입력하세요" in html
    assert "검색 결과" not in html


def test_without_hits_the_page_says_so_in_korean(client, db):
    _, html = page(client, q="존재하지않는낱말")
    assert "‘존재하지않는낱말’에 맞는 항목이 없습니다" in html
    _, html = page(client, q="블록체인", owner="서울")
    assert "필터를 모두 해제해" in html


def test_the_query_is_escaped(client, db):
    _, html = page(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_the_page_runs_a_handful_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # 8 and the published years
        page(client, q="클러스터", level="province")


def test_hits_download_as_csv_with_korean_headers(client, db):
    response = client.get(reverse("search:search"), {"q": "블록체인", "_export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("검색-블록체인.csv")
    )
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeff구분,수준,수립 주체,전략 번호,전략명,제목,상위 과제·설명,주소"
    assert len(lines) == 4
    assert "블록체인 허브도시 조성" in lines[1]
    assert "http://testserver/provinces/" in lines[1]


def test_hits_download_as_excel(client, db):
    response = client.get(reverse("search:search"), {"q": "클러스터", "_export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "구분"
    assert sheet.max_row == 1 + search(query="클러스터").total
