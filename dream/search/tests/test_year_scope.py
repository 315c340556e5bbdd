"""A search reads one year's part of the index, however many years are stored (issue 13):
the year is in every indexed token, one-syllable words and ministries' names are found
through the index too, and the query plans show the index is what is read."""

import pytest
from django.db import connection
from django.db.models import Count

from dream.accounts.models import Organization
from dream.plans.choices import PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Plan, Strategy, Task, TaskMinistry
from dream.search.models import SearchEntry
from dream.search.selectors import _cells, _matching, _years, query_words, search
from dream.search.services import search_index_rebuild
from dream.search.terms import index_terms
from tests.query_plans import query_plan, scans

pytestmark = pytest.mark.usefixtures("plan_2024")

TITLE_2023 = "섬마을 블록체인 실증(2023년 계획)"


@pytest.fixture
def year_2023(db):
    """A small published 2023 plan of 부산 beside the bundled 2024 one."""
    busan = Organization.objects.get(short_name="부산")
    science = Organization.objects.get(short_name="과기정통부")
    plan = Plan.objects.create(year=2023, level=PlanLevel.PROVINCE, owner=busan, is_draft=False)
    strategy = Strategy.objects.create(plan=plan, kind=StrategyKind.PILLAR, position=1, name="전략")
    task = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.CORE, position=1, name=TITLE_2023
    )
    TaskMinistry.objects.create(task=task, ministry=science, position=1)
    search_index_rebuild(year=2023)
    return task


def titles(**kwargs) -> set[str]:
    return {hit.title for hit in search(limit=10_000, **kwargs).hits}


def test_each_token_carries_the_year_and_each_syllable_and_carrying_body_is_a_token():
    assert index_terms("섬 블록체인", 2024, [17]).split() == [
        "y2024섬블", "y2024블록", "y2024록체", "y2024체인",
        "y2024섬", "y2024블", "y2024록", "y2024체", "y2024인",
        "y202417기관",
    ]  # fmt: skip
    assert index_terms("AI 5G", None).split() == ["y0000ai", "y00005g"]


def test_a_year_finds_its_own_entries_only_and_no_year_finds_every_year(year_2023):
    assert TITLE_2023 in titles(query="블록체인", year=2023)
    assert TITLE_2023 not in titles(query="블록체인", year=2024)
    assert titles(query="블록체인", year=2024) | {TITLE_2023} == titles(query="블록체인")
    assert search(query="블록체인", year=2023).total == 1


def test_one_syllable_words_and_ministry_names_stay_inside_the_year(year_2023):
    assert TITLE_2023 in titles(query="섬", year=2023)
    assert TITLE_2023 not in titles(query="섬", year=2024)
    assert titles(query="섬", year=2024)  # the 2024 plan's islands are still found
    assert TITLE_2023 in titles(query="과기부", year=2023)  # carried, not in the title
    assert TITLE_2023 not in titles(query="과기부", year=2024)


def test_entries_of_no_plan_belong_to_every_year(year_2023):
    ministry_page = "과학기술정보통신부"
    assert ministry_page in titles(query="과기부", year=2023)
    assert ministry_page in titles(query="과기부", year=2024)


def test_the_total_and_the_facets_come_from_one_count_of_the_index(
    year_2023, django_assert_num_queries
):
    """Two reads of the index (the counts, the hits), the strategy names and the names of
    ministries (two, with their other names): not one read of the index per facet."""
    with django_assert_num_queries(5):
        results = search(query="지역", year=2024)
    assert results.total == sum(value.count for value in results.levels)
    assert (
        results.total
        == SearchEntry.objects.filter(pk__in=_matching(query_words("지역"), _years(2024))).count()
    )


@pytest.mark.parametrize("query", ["블록체인", "섬", "과기부", "디지털 혁신"])
def test_the_counts_are_read_through_the_full_text_index_not_a_scan_of_the_entries(db, query):
    matched = _matching(query_words(query), _years(2024))
    plan = query_plan(
        matched.values_list("kind", "plan__level", "strategy_code").annotate(n=Count("id"))
    )
    if connection.vendor == "postgresql":
        assert "search_entry_index_gin" in plan, plan
    else:
        assert "SCAN search_entry_fts VIRTUAL TABLE" in plan, plan
        assert "SEARCH search_searchentry USING INTEGER PRIMARY KEY" in plan, plan
    assert not scans(plan, "search_searchentry"), plan
    assert _cells(matched)
