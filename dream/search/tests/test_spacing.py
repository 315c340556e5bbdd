"""Spacing never decides a match: government text writes 탄소중립 and 탄소 중립 alike, and
either spelling of a query finds both (decision record 0002)."""

import pytest

from dream.plans.models import Task
from dream.search.selectors import highlight, search
from dream.search.terms import join_hangul, normalise, search_terms

ALL = 10_000


def test_the_index_drops_the_spaces_between_hangul_runs():
    assert search_terms("탄소 중립") == search_terms("탄소중립") == "탄소 소중 중립"
    assert join_hangul("ai 디지털 혁신 5g 망") == "ai 디지털혁신 5g 망"
    assert search_terms("문화ㆍ관광") == "문화 관광"  # punctuation still separates


def test_highlighting_marks_either_spacing():
    assert highlight("탄소 중립 도시와 탄소중립", ["탄소중립"]) == (
        "<mark>탄소 중립</mark> 도시와 <mark>탄소중립</mark>"
    )


@pytest.mark.usefixtures("plan_2024")
class TestBothSpellings:
    def titles(self, query):
        return {hit.title for hit in search(query=query, limit=ALL).hits}

    def test_the_plan_prints_both_spellings(self, db):
        names = [normalise(n) for n in Task.objects.values_list("name", flat=True)]
        assert any("탄소 중립" in n for n in names)
        assert any("탄소중립" in n for n in names)

    def test_a_joined_query_finds_the_spaced_spelling(self, db):
        spaced = {t for t in self.titles("탄소중립") if "탄소 중립" in normalise(t)}
        assert spaced
        hits = search(query="탄소중립", limit=ALL).hits
        assert all("<mark>탄소 중립</mark>" in h.title_html for h in hits if h.title in spaced)

    def test_a_spaced_query_finds_the_joined_spelling(self, db):
        assert any("탄소중립" in normalise(t) for t in self.titles("탄소 중립"))

    def test_both_spellings_find_the_same_entries(self, db):
        assert self.titles("탄소중립") <= self.titles("탄소 중립")
