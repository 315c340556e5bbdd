"""A ministry is found by any of its names, with its page and every task it carries in
either plan; each hit read from a document links to its line (issue 8, items 6, 7, 9)."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.selectors import ministry_named
from dream.digital.models import DigitalTaskMinistry
from dream.plans.models import Task, TaskMinistry
from dream.search.models import SearchEntry
from dream.search.selectors import search
from dream.search.services import search_index_rebuild
from dream.web.source_text import DIGITAL_TEXT, IMPLEMENTATION_TEXT

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

ALL = 10_000
SOURCE_LINK = re.compile(r'<a class="source-link" href="([^"]+)"[^>]*>원문 (\d+)줄</a>')


def found(query: str, kind: str, **filters) -> set[int]:
    return {
        entry.object_id
        for entry in SearchEntry.objects.filter(
            url__in=[hit.url for hit in search(query=query, limit=ALL, **filters).hits],
            kind=kind,
        )
    }


@pytest.mark.parametrize("name", ["과기부", "과기정통부", "과학기술정보통신부"])
def test_any_name_of_a_ministry_finds_its_sectoral_tasks(db, name):
    ministry = ministry_named("과기부")
    carried = set(
        TaskMinistry.objects.filter(ministry=ministry, task__plan__year=2024).values_list(
            "task_id", flat=True
        )
    )
    assert carried
    assert found(name, "task") >= carried


def test_any_name_of_a_ministry_finds_its_digital_tasks(db):
    ministry = ministry_named("농림부")
    carried = set(
        DigitalTaskMinistry.objects.filter(ministry=ministry).values_list("task_id", flat=True)
    )
    assert carried
    assert found("농림부", "digital_task") == found(ministry.short_name, "digital_task")
    assert found("농림부", "digital_task") >= carried


def test_a_ministry_name_narrows_like_any_other_word(db):
    ministry = ministry_named("과기부")
    hits = search(query="과기부 디지털", level="sectoral", limit=ALL).hits
    tasks = Task.objects.filter(pk__in=found("과기부 디지털", "task", level="sectoral"))
    assert hits and tasks
    assert all("디지털" in task.name.replace(" ", "") for task in tasks)
    assert all(task.ministry_links.filter(ministry=ministry).exists() for task in tasks)


def test_part_of_a_ministry_name_finds_only_titles_that_contain_it(db):
    """ "정보통신" is inside 과학기술정보통신부, but only whole names stand for the ministry."""
    hits = search(query="정보통신", limit=ALL).hits
    assert hits
    assert all("정보통신" in hit.title.replace(" ", "") for hit in hits)


@pytest.mark.parametrize(
    ("name", "short_name"),
    [("과학기술정보통신부", "과기정통부"), ("과기부", "과기정통부"), ("농림부", "농식품부")],
)
def test_a_ministry_name_lists_the_ministrys_page_first(client, db, name, short_name):
    first = search(query=name).hits[0]
    assert (first.kind, first.kind_label) == ("organization", "부처")
    assert first.url == reverse("web:organization_detail", args=[short_name])
    assert client.get(first.url).status_code == 200


def test_every_ministry_has_a_page_entry_rebuilt_with_the_plan(db):
    ministries = Organization.objects.filter(kind=OrganizationKind.MINISTRY)
    SearchEntry.objects.filter(kind="organization").delete()
    search_index_rebuild(year=2024)
    pages = SearchEntry.objects.filter(kind="organization")
    assert set(pages.values_list("object_id", flat=True)) == {m.pk for m in ministries}
    assert {page.plan_id for page in pages} == {None}


def test_ministry_pages_belong_to_no_level(db):
    for level in ("sectoral", "digital"):
        kinds = {hit.kind for hit in search(query="과기부", level=level, limit=ALL).hits}
        assert kinds and "organization" not in kinds
    results = search(query="과학기술정보통신부", limit=ALL)
    digital = [hit for hit in results.hits if hit.kind in ("digital_goal", "digital_task")]
    assert {facet.value: facet.count for facet in results.levels}["digital"] == len(digital)


def follow(client, href: str) -> str:
    response = client.get(html_lib.unescape(href.partition("#")[0]))
    assert response.status_code == 200, href
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "level", "text"),
    [("블록체인", "province", IMPLEMENTATION_TEXT), ("정보화", "digital", DIGITAL_TEXT)],
)
def test_a_hit_links_to_the_line_it_was_read_from(client, db, query, level, text):
    html = client.get(reverse("search:search"), {"q": query, "level": level}).content.decode()
    items = re.findall(r"<li>(.*?)</li>", html.split('<ol class="search-hits">')[1], re.S)
    assert items
    for item in items:
        href, line = SOURCE_LINK.search(item).groups()
        entry = SearchEntry.objects.get(
            url=html_lib.unescape(re.search(r'href="([^"]+)"', item)[1])
        )
        assert entry.source_line == int(line) > 0
        assert href.startswith(f"/sources/{text.slug}/lines/{line}/")
        page = follow(client, href)
        assert f'<li id="L{line}" class="asked">' in page
        assert entry.title.split()[0] in html_lib.unescape(page)


def test_pages_read_from_no_document_show_no_source_link(client, db):
    html = client.get(reverse("search:search"), {"q": "과학기술정보통신부"}).content.decode()
    first = html.split('<ol class="search-hits">')[1].split("</li>")[0]
    assert "과기정통부" in first
    assert "source-link" not in first
