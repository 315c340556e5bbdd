"""Searching the real 2024 plan: every task that contains the words, ranked, filtered,
highlighted, on SQLite and PostgreSQL alike.

The rule the substring scans below mirror: the query is normalised like the titles (NFKC,
lower case, runs of spaces as one) and split at spaces; a title matches when it contains
every word once the spaces between Hangul runs are dropped. (Hangul words match anywhere
inside a title; see dream/search/selectors.py.)
"""

import pytest

from dream.plans.models import Task
from dream.search.models import SearchEntry
from dream.search.selectors import highlight, query_words, search
from dream.search.terms import join_hangul, normalise

pytestmark = pytest.mark.usefixtures("plan_2024")

ALL = 10_000


def tasks_containing(query: str) -> set[int]:
    """The plain Python scan the index must agree with."""
    words = normalise(query).split(" ")
    return {
        pk
        for pk, name in Task.objects.values_list("pk", "name")
        if all(word in join_hangul(normalise(name)) for word in words)
    }


def found_tasks(results) -> set[int]:
    entries = SearchEntry.objects.filter(kind="task")
    by_url = dict(entries.values_list("url", "object_id"))
    return {by_url[hit.url] for hit in results.hits if hit.kind == "task"}


@pytest.mark.parametrize(
    "query",
    ["블록체인", "클러스터", "디지털 혁신", "섬", "체인", "탄소중립", "탄소 중립", "지역혁신"],
)
def test_finds_exactly_the_tasks_whose_name_contains_the_words(db, query):
    expected = tasks_containing(query)
    assert expected
    assert found_tasks(search(query=query, limit=ALL)) == expected


def test_latin_letters_and_digits_match_whole_words(db):
    titles = [hit.title for hit in search(query="AI", limit=ALL).hits]
    assert "AI 디지털교과서 도입" in titles
    assert "AI융합 지역특화산업 지원" in titles  # Hangul ends a Latin word
    assert "KAIST 오송 바이오메디컬 캠퍼스타운 조성" not in titles
    assert "KAIST 오송 바이오메디컬 캠퍼스타운 조성" in [
        h.title for h in search(query="kaist").hits
    ]


def test_finds_tasks_across_provinces_ministries_and_super_regions(db):
    levels = {
        hit.level
        for query in ("블록체인", "클러스터", "디지털 혁신")
        for hit in search(query=query, limit=ALL).hits
        if hit.kind == "task"
    }
    assert {"province", "sectoral", "super_region"} <= levels


def test_every_kind_of_entry_is_found_by_its_title(db):
    kinds = {hit.kind for hit in search(query="혁신", limit=ALL).hits}
    assert kinds == {"goal", "strategy", "task", "indicator", "organization"}


def test_words_are_and_ed_in_any_order(db):
    both = search(query="혁신 디지털", limit=ALL)
    assert found_tasks(both) == tasks_containing("디지털 혁신")
    assert both.total < search(query="디지털", limit=ALL).total


def test_shows_at_most_the_limit_but_counts_all(db):
    results = search(query="지역")
    scan = [t for t in SearchEntry.objects.values_list("text", flat=True) if "지역" in t]
    assert results.total == len(scan) > 100
    assert len(results.hits) == 100
    assert len(search(query="지역", limit=5).hits) == 5


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        ({"level": "province"}, lambda hit: hit.level == "province"),
        ({"owner": "부산"}, lambda hit: hit.owner == "부산"),
        ({"strategy": "Ⅲ"}, lambda hit: hit.strategy_code == "Ⅲ"),
        (
            {"level": "province", "strategy": "Ⅳ"},
            lambda h: (h.level, h.strategy_code) == ("province", "Ⅳ"),
        ),
    ],
)
def test_filters_narrow_the_hits(db, filters, check):
    everything = search(query="클러스터", limit=ALL)
    narrowed = search(query="클러스터", limit=ALL, **filters)
    assert 0 < narrowed.total < everything.total
    assert len(narrowed.hits) == narrowed.total
    assert all(check(hit) for hit in narrowed.hits)


def test_facets_count_what_each_filter_would_show(db):
    results = search(query="클러스터", limit=ALL)
    for facet_name, param in (("levels", "level"), ("owners", "owner"), ("strategies", "strategy")):
        facets = getattr(results, facet_name)
        assert facets
        for facet in facets:
            assert search(query="클러스터", **{param: facet.value}).total == facet.count
    assert sum(f.count for f in results.levels) == results.total
    assert [f.value for f in results.strategies] == sorted(f.value for f in results.strategies)
    assert results.strategies[0].label.startswith("Ⅱ ")


def test_a_chosen_filter_stays_among_the_options_even_without_hits(db):
    results = search(query="블록체인", owner="서울")
    assert results.total == 0
    assert ("서울", 0) in [(f.value, f.count) for f in results.owners]
    assert ("부산", 1) in [(f.value, f.count) for f in results.owners]


def test_exact_phrase_first_then_kinds_then_shorter_titles_then_document_order(db):
    hits = search(query="디지털 혁신", limit=ALL).hits
    entries = {e.url: e for e in SearchEntry.objects.all()}
    keys = [
        (
            "디지털 혁신" not in normalise(hit.title),
            entries[hit.url].kind_rank,
            len(entries[hit.url].text),
            entries[hit.url].position,
        )
        for hit in hits
    ]
    assert keys == sorted(keys)
    assert keys[0][0] is False and keys[-1][0] is True
    indicator_at = [
        i for i, hit in enumerate(search(query="일자리", limit=ALL).hits) if hit.kind == "indicator"
    ]
    task_at = [
        i for i, hit in enumerate(search(query="일자리", limit=ALL).hits) if hit.kind == "task"
    ]
    assert max(task_at) < min(indicator_at)


def test_matches_are_highlighted_in_the_title(db):
    hit = search(query="블록체인", owner="부울경").hits[0]
    assert (
        str(hit.title_html) == "AI･<mark>블록체인</mark> 등 신기술 교육과정으로 지역 전문인력 양성"
    )
    hit = search(query="디지털 혁신", owner="부산").hits[0]
    assert "<mark>디지털</mark> <mark>혁신</mark>" in hit.title_html


def test_highlighting_escapes_the_title_and_maps_normalised_matches_back():
    assert highlight("<b>블록체인</b> & co", ["블록체인"]) == (
        "&lt;b&gt;<mark>블록체인</mark>&lt;/b&gt; &amp; co"
    )
    assert highlight("ＡＩ 융합  AI융합 said", ["ai"]) == (
        "<mark>ＡＩ</mark> 융합  <mark>AI</mark>융합 said"
    )
    assert highlight("블록체인 체인", ["체인", "블록"]) == (
        "<mark>블록체인</mark> <mark>체인</mark>"
    )
    assert highlight("디지털  혁신", ["디지털 혁신"]) == "<mark>디지털  혁신</mark>"


def test_a_one_syllable_query_matches_inside_titles(db):
    results = search(query="섬", limit=ALL)
    assert results.total == sum(
        "섬" in t for t in SearchEntry.objects.values_list("text", flat=True)
    )
    assert all("<mark>섬</mark>" in hit.title_html for hit in results.hits)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND",
        "-",
        "(",
        ")",
        "OR NOT",
        'a" OR "b',
        "terms:블록",
        "NEAR(블록 체인)",
        "블록*",
        "^블록",
        "'; DROP TABLE search_searchentry; --",
        "%",
        "_",
        "섬%",
        "\\",
        "ㆍ",
        "   ",
    ],
)
def test_no_query_breaks_the_search(db, query):
    results = search(query=query)
    assert results.total == len(results.hits) or results.total > 100
    assert SearchEntry.objects.exists()


def test_quotes_and_operators_around_words_are_ignored(db):
    assert search(query='"블록체인"').total == search(query="블록체인").total == 3
    assert search(query="(블록체인)*").total == 3
    assert search(query='"').total == 0
    assert search(query="섬%").total == search(query="섬").total


def test_query_words_are_normalised_and_bounded():
    assert query_words('  ＡＩ   "블록체인" - ') == ["ai", "블록체인"]
    assert len(query_words(" ".join(["조성"] * 50))) == 10
