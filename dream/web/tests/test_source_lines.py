"""The "원문 보기" page (/sources/<document>/lines/<n>/) and the `{% source_link %}` tag:
a figure read from a document links to the line it was read from, shown among its
neighbours with that line marked; every address that names no line is a Korean 404."""

import re

import pytest
from django.template import Context, Template
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils.html import escape

from dream.accounts.services import system_user
from dream.digital.models import DigitalBudget
from dream.ingest.models import Finding, ImportRun
from dream.plans.models import Budget, Plan
from dream.web import source_text
from dream.web.source_text import DIGITAL_TEXT, IMPLEMENTATION_TEXT, source_url

pytestmark = pytest.mark.django_db

IMPLEMENTATION = IMPLEMENTATION_TEXT.slug
DIGITAL = DIGITAL_TEXT.slug


def url(slug: str, line) -> str:
    return f"/sources/{slug}/lines/{line}/"


def shown_lines(html: str) -> dict[int, str]:
    """Number → text of each line the page shows."""
    return {
        int(number): re.sub(r"<[^>]+>", "", text)
        for number, text in re.findall(
            r'<li id="L(\d+)"[^>]*><span class="line-number">.*?</span></span> (.*?)</li>', html
        )
    }


def marked(html: str) -> str:
    return re.search(r'class="asked".*?<mark>(.*?)</mark>', html, re.S).group(1)


@pytest.mark.parametrize("text", [IMPLEMENTATION_TEXT, DIGITAL_TEXT])
def test_the_line_is_marked_among_twenty_lines_either_side(client, text):
    response = client.get(url(text.slug, 100))

    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(shown_lines(html)) == list(range(80, 121))
    assert marked(html) == escape(text.lines[99])
    assert html.count("<mark>") == 1
    assert f"<title>「{text.source.title}」 원문 100줄" in html
    assert text.source.citation in html  # the footer cites the document shown


def test_the_window_stops_at_the_first_and_the_last_line(client):
    last = len(DIGITAL_TEXT.lines)

    first_page = client.get(url(DIGITAL, 1)).content.decode()
    last_page = client.get(url(DIGITAL, last)).content.decode()

    assert sorted(shown_lines(first_page)) == list(range(1, 22))
    assert 'rel="prev"' not in first_page
    assert f'href="{url(DIGITAL, 42)}#L42" rel="next"' in first_page
    assert sorted(shown_lines(last_page)) == list(range(last - 20, last + 1))
    assert 'rel="next"' not in last_page


def test_the_link_scrolls_to_the_line():
    budget = Budget(source_line=1234)
    budget._state.fields_cache["plan"] = Plan(year=2024)

    assert source_url(budget) == f"{url(IMPLEMENTATION, 1234)}#L1234"


def test_the_text_is_escaped(client, monkeypatch, tmp_path):
    """The bundled text is data: a line with markup shows as text, not as markup."""
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("첫 줄\n<script>alert(1)</script> & <b>굵게</b>\n끝\n", encoding="utf-8")
    text = source_text.BundledText("hostile", IMPLEMENTATION_TEXT.source, hostile)
    monkeypatch.setitem(source_text.BUNDLED_TEXTS, "hostile", text)

    html = client.get(url("hostile", 2)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<b>굵게</b>" not in html
    assert marked(html) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;굵게&lt;/b&gt;"


@pytest.mark.parametrize(
    "path",
    [
        url("no-such-plan", 1),
        url("..", 1),
        url(IMPLEMENTATION, 0),
        url(IMPLEMENTATION, "-1"),
        url(IMPLEMENTATION, "01"),
        url(IMPLEMENTATION, "1.5"),
        url(IMPLEMENTATION, "abc"),
        url(IMPLEMENTATION, "%C2%B2"),  # ², which int() would not take but isdigit() would
        url(IMPLEMENTATION, "%D9%A3"),  # Arabic-Indic three
        url(IMPLEMENTATION, len(IMPLEMENTATION_TEXT.lines) + 1),
        url(DIGITAL, len(DIGITAL_TEXT.lines) + 1),
        url(IMPLEMENTATION, "9" * 4000),
        url(IMPLEMENTATION, "1%20"),
    ],
)
def test_an_address_that_names_no_line_is_a_korean_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert "원문" in html and ("줄 번호는 1부터" in html or "원문이 있는 문서는" in html)


def test_a_nul_byte_is_a_korean_400(client):
    response = client.get(url(IMPLEMENTATION, "1%00"))

    assert response.status_code == 400
    assert "제어 문자" in response.content.decode()


def test_the_404_names_the_last_line(client):
    html = client.get(url(DIGITAL, 99999)).content.decode()

    assert f"1부터 {len(DIGITAL_TEXT.lines):,}까지" in html


def render(template: str, **context) -> str:
    return Template("{% load dream_sources %}" + template).render(Context(context))


def test_a_plan_record_links_to_the_implementation_plan_and_a_digital_one_to_the_digital_plan():
    plan = Plan(year=2024, source_line=77)
    digital_budget = DigitalBudget(source_line=88)

    plan_link = render("{% source_link record %}", record=plan)
    digital_link = render("{% source_link record %}", record=digital_budget)

    assert f'href="{url(IMPLEMENTATION, 77)}#L77"' in plan_link
    assert ">원문 77줄</a>" in plan_link
    assert "2024년 지방시대 시행계획" in plan_link
    assert f'href="{url(DIGITAL, 88)}#L88"' in digital_link
    assert "지방 디지털 경쟁력 강화방안(안)" in digital_link


def test_no_link_without_a_line():
    assert render("{% source_link record %}", record=Plan(year=2024, source_line=None)) == ""
    assert render("{% source_link record %}", record=None) == ""
    assert render("{% source_link record '42.2조원' %}", record=None) == "42.2조원"


def test_a_line_of_another_text_stays_text():
    """Line 77 of a 2025 plan is not line 77 of the bundled 2024 text: no link, but the
    line number as the page showed it before."""
    html = render("{% source_link record %}", record=Finding(year=2025, source_line=77))
    beyond = render("{% source_link record %}", record=Plan(year=2024, source_line=10**6))

    assert html == "원문 77줄"
    assert beyond == "원문 1000000줄"
    unlinked = render("{% source_link r label %}", r=Finding(year=2025, source_line=7), label="<b>")
    assert unlinked == "&lt;b&gt;"


def test_the_label_can_be_the_printed_figure():
    budget = DigitalBudget(source_line=88, printed="93.5억원")

    html = render("{% source_link record record.printed %}", record=budget)

    assert html.endswith(">93.5억원</a>")
    assert render("{{ record|source_href }}", record=budget) == f"{url(DIGITAL, 88)}#L88"


def test_the_route_is_named():
    assert reverse("web:source_line", args=[DIGITAL, 5]) == url(DIGITAL, 5)


def test_a_wrapped_row_is_marked_down_to_the_line_that_prints_its_figure(client):
    """Line 6904 starts the practical task "(2) 지방과학기술 성과확산 및"; its amount 1,808
    is printed on the next line, where the wrapped name ends."""
    assert IMPLEMENTATION_TEXT.lines[6903].startswith("(2) 지방과학기술 성과확산 및")
    assert source_text.figure_line(IMPLEMENTATION_TEXT, 6904, "1,808") == 6905
    assert source_text.figure_line(IMPLEMENTATION_TEXT, 6904, "") == 6904
    assert source_text.figure_line(IMPLEMENTATION_TEXT, 6904, "180") == 6904  # a whole word

    html = client.get(url(IMPLEMENTATION, "6904-6905")).content.decode()

    assert html.count("<mark>") == 2
    assert "1,808" in re.findall(r"<mark>(.*?)</mark>", html)[1]
    assert "원문 6904–6905줄" in html
    assert sorted(shown_lines(html)) == list(range(6884, 6926))


@pytest.mark.parametrize("lines", ["5-4", "5-5000", "5-", "-5", "5-6-7", "5--6", "5-99999"])
def test_a_range_must_be_one_row_of_lines(client, lines):
    assert client.get(url(DIGITAL, lines)).status_code == 404


def test_a_link_with_a_figure_marks_the_row():
    task = Budget(source_line=6904)  # any plan record: the figure decides the range

    assert source_url(task, "1,808") == f"{url(IMPLEMENTATION, '6904-6905')}#L6904"
    assert source_url(task, "no such figure") == f"{url(IMPLEMENTATION, 6904)}#L6904"


def test_the_page_warns_when_the_plans_were_last_read_from_another_file(client):
    """Line numbers belong to the file imported: if the year's plans were last changed by
    importing another file than the bundled text, the numbers may not match it."""
    run = ImportRun.objects.create(
        actor=system_user(), file_name="2024-수정본.txt", sha256="0" * 64, year=2024
    )

    warned = client.get(url(IMPLEMENTATION, 10)).content.decode()
    run.sha256 = IMPLEMENTATION_TEXT.sha256
    run.save()
    same = client.get(url(IMPLEMENTATION, 10)).content.decode()

    assert "다른 파일(2024-수정본.txt)에서 마지막으로 바뀌었습니다" in warned
    assert "다른 파일" not in same
    assert "다른 파일" not in client.get(url(DIGITAL, 10)).content.decode()


def test_a_missing_text_has_no_lines_and_no_links(client, monkeypatch, tmp_path):
    missing = source_text.BundledText("missing", DIGITAL_TEXT.source, tmp_path / "없음.txt")
    monkeypatch.setitem(source_text.BUNDLED_TEXTS, "missing", missing)
    monkeypatch.setitem(source_text._TEXT_BY_APP, "digital", missing)

    response = client.get(url("missing", 1))

    assert response.status_code == 404
    assert "원문 파일이 없습니다" in response.content.decode()
    assert source_url(DigitalBudget(source_line=1)) == ""


def test_links_follow_the_script_prefix():
    """Served under a prefix (SCRIPT_NAME), the links keep it."""
    before = get_script_prefix()
    set_script_prefix("/dream/")
    try:
        prefixed = source_url(DigitalBudget(source_line=3))
    finally:
        set_script_prefix(before)
    assert prefixed == "/dream/sources/2023-digital-plan/lines/3/#L3"
    assert source_url(DigitalBudget(source_line=3)) == f"{url(DIGITAL, 3)}#L3"
