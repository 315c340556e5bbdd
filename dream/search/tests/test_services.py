"""Building the search index: the Korean-aware terms and the rebuild from a year's plan."""

from pathlib import Path

import pytest

from dream.accounts.services import system_user
from dream.cycle.models import Submission
from dream.indicators.models import Indicator
from dream.ingest.services import plan_document_import
from dream.plans.models import Plan, Strategy, Task
from dream.search.models import SearchEntry
from dream.search.services import search_index_rebuild
from dream.search.terms import chunks, has_single_syllable, normalise, search_terms

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("블록체인", "블록 록체 체인"),
        ("지역혁신클러스터 육성", "지역 역혁 혁신 신클 클러 러스 스터 터육 육성"),  # spacing-free
        ("AI･블록체인 등", "ai 블록 록체 체인 인등"),
        ("5G망 구축", "5g 망구 구축"),
        ("SW융합클러스터2.0", "sw 융합 합클 클러 러스 스터 2 0"),
        ("R&D 2030", "r d 2030"),
        ("섬", "섬"),
    ],
)
def test_hangul_runs_become_overlapping_syllable_pairs_and_other_words_stay_whole(text, terms):
    assert search_terms(text) == terms


def test_text_is_nfkc_normalised_and_lower_cased():
    assert normalise("ＡＩ　바이오  Ⅱ단계 ") == "ai 바이오 ii단계"
    assert search_terms("ＡＩ　바이오") == "ai 바이 이오"
    assert search_terms("㈜대한") == "주 대한"


def test_jamo_and_punctuation_separate_words():
    assert search_terms("문화ㆍ관광") == "문화 관광"
    assert search_terms("「지방분권법」 개정(건)") == "지방 방분 분권 권법 개정 건"
    assert chunks('"*-()') == []


def test_one_syllable_runs_are_recognised():
    assert has_single_syllable("섬")
    assert has_single_syllable("5g망")
    assert not has_single_syllable("블록체인")
    assert not has_single_syllable("ai")


@pytest.mark.usefixtures("plan_2024")
class TestRebuild:
    def test_every_goal_strategy_task_and_indicator_has_one_entry(self, db):
        kinds = {
            kind: set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))
            for kind in ("goal", "strategy", "task", "indicator")
        }
        assert kinds["goal"] == set(Plan.objects.exclude(goal="").values_list("pk", flat=True))
        assert kinds["strategy"] == set(Strategy.objects.values_list("pk", flat=True))
        assert kinds["task"] == set(Task.objects.values_list("pk", flat=True))
        assert kinds["indicator"] == set(Indicator.objects.values_list("pk", flat=True))

    def test_rebuild_replaces_the_year_and_keeps_document_order(self, db):
        before = SearchEntry.objects.count()
        assert search_index_rebuild(year=2024) == before
        assert SearchEntry.objects.count() == before
        positions = list(SearchEntry.objects.values_list("position", flat=True))
        assert positions == list(range(1, before + 1))

    def test_detailed_tasks_take_their_core_tasks_strategy(self, db):
        detailed = Task.objects.filter(kind="detailed", parent__strategy__code="Ⅲ").first()
        entry = SearchEntry.objects.get(kind="task", object_id=detailed.pk)
        assert entry.strategy_code == "Ⅲ"
        assert entry.task_kind == "detailed"
        assert detailed.parent.name in entry.context

    def test_entries_link_to_the_public_page_of_their_plan(self, db):
        task = Task.objects.filter(plan__owner__short_name="부산").first()
        entry = SearchEntry.objects.get(kind="task", object_id=task.pk)
        assert entry.url == f"/provinces/%EB%B6%80%EC%82%B0/#task-{task.pk}"
        sectoral = SearchEntry.objects.filter(kind="indicator", plan__level="sectoral").first()
        assert sectoral.url == f"/sectoral/#indicator-{sectoral.object_id}"
        region = SearchEntry.objects.filter(plan__level="super_region").first()
        assert region.url.startswith("/super-regions/")

    def test_the_index_keeps_no_history(self, db):
        assert not hasattr(SearchEntry, "history")

    def test_importing_the_same_file_again_leaves_the_index_alone(self, db):
        ids = list(SearchEntry.objects.values_list("pk", flat=True))
        result = plan_document_import(actor=system_user(), path=SAMPLE)
        assert not result.changed
        assert list(SearchEntry.objects.values_list("pk", flat=True)) == ids

    def test_deleting_a_plan_removes_its_entries_from_the_search(self, db):
        from dream.search.selectors import search

        assert search(query="블록체인", owner="인천").total == 1
        plan = Plan.objects.get(owner__short_name="인천")
        plan.versions.all().delete()  # its resolution in cycle 2024 holds it
        Submission.objects.filter(plan=plan).delete()
        plan.delete()
        assert not SearchEntry.objects.filter(plan__owner__short_name="인천").exists()
        assert search(query="블록체인", owner="인천").total == 0
        assert search(query="블록체인").total == 2
