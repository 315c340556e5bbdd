"""Every hit lands on its item: the page its link names answers, and the anchor after
"#" is the id of an element on that page (issue 8, item 9)."""

from urllib.parse import unquote

import pytest

from dream.search.models import SearchEntry
from dream.search.selectors import search

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

QUERIES = ["지역", "디지털", "혁신", "탄소", "정보화", "일자리", "클러스터", "조성", "섬", "AI"]


@pytest.fixture
def pages(client):
    """Each page fetched once: its HTML by path."""
    cache: dict[str, str] = {}

    def fetch(path: str) -> str:
        if path not in cache:
            response = client.get(path)
            assert response.status_code == 200, path
            cache[path] = response.content.decode()
        return cache[path]

    return fetch


def test_every_hit_link_lands_on_an_element_with_its_anchor(db, pages):
    missing, checked = [], 0
    for query in QUERIES:
        for hit in search(query=query, limit=10_000).hits:
            path, _, anchor = hit.url.partition("#")
            html = pages(path)
            checked += 1
            if anchor and f'id="{anchor}"' not in html:
                missing.append(f"{query}: {unquote(hit.url)} ({hit.kind} {hit.title})")
    assert checked > 1000
    assert missing == []


def test_every_entry_of_the_index_lands_on_its_item(db, pages):
    """Not only what the queries above find: every goal, strategy, task, indicator, digital
    goal and task the index holds."""
    missing = [
        unquote(url)
        for url in SearchEntry.objects.values_list("url", flat=True)
        if "#" in url and f'id="{url.partition("#")[2]}"' not in pages(url.partition("#")[0])
    ]
    assert SearchEntry.objects.count() > 2000
    assert missing == []


def test_digital_hits_link_to_their_items(db):
    hits = {hit.kind: hit for hit in search(query="디지털 혁신지구", limit=100).hits}
    assert hits["digital_task"].url.startswith("/digital/#digital-task-")
    assert hits["digital_goal"].url == "/digital/goals/innovation-districts/"
