"""Storing a read document: all or nothing, changes only, every change attributed."""

from dataclasses import replace
from decimal import Decimal

import pytest

from dream.accounts.models import User
from dream.indicators.models import Indicator
from dream.ingest.document import PlanFormatError
from dream.ingest.models import Finding, ImportRun
from dream.ingest.records import (
    Finding as FindingRecord,
)
from dream.ingest.records import (
    ParsedBudget,
    ParsedDocument,
    ParsedIndicator,
    ParsedPlan,
    ParsedStrategy,
    ParsedTask,
)
from dream.ingest.services import plan_document_store
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry

pytestmark = pytest.mark.django_db


def small_document() -> ParsedDocument:
    sectoral = ParsedPlan(
        level="sectoral",
        owner="위원회",
        goal="",
        source_line=10,
        strategies=[ParsedStrategy("pillar", 1, "자율성 키우는 과감한 지방분권", 11, "Ⅰ")],
        tasks=[
            ParsedTask(
                "core",
                1,
                "자율적 자치기반 마련",
                12,
                code="Ⅰ-1",
                strategy_position=1,
                ministries=["행안부"],
                children=[
                    ParsedTask(
                        "practical",
                        1,
                        "지방정부 행정권한 확대",
                        13,
                        code="(1)",
                        strategy_position=1,
                        ministries=["행안부"],
                        project_count=3,
                        national_budget_text="-",
                    ),
                    ParsedTask(
                        "practical",
                        2,
                        "자치입법권 강화",
                        14,
                        code="(3)",
                        strategy_position=1,
                        ministries=["행안부", "법제처"],
                        project_count=2,
                        national_budget_eok=16,
                        national_budget_text="16",
                    ),
                ],
            )
        ],
        budgets=[ParsedBudget(2024, "national", 151, "151억원", 15, strategy_position=1)],
        indicators=[
            ParsedIndicator(
                "key",
                "지방이양 사무관리체계 개선",
                "",
                16,
                task_code="Ⅰ-1(1)",
                target_year=2024,
                target_text="지방이양사무 관리시스템 구축",
            )
        ],
    )
    seoul = ParsedPlan(
        level="province",
        owner="서울",
        goal="동행과 매력의 균형도시 서울",
        source_line=20,
        strategies=[ParsedStrategy("focus", 1, "권한과 자율성 강화", 21)],
        indicators=[
            ParsedIndicator(
                "common",
                "1인당 GRDP",
                "백만원",
                22,
                baseline_year=2023,
                baseline_text="31,6",
                baseline_value=Decimal("31.6"),
                target_year=2024,
                target_text="32.7",
                target_value=Decimal("32.7"),
                change_text="1.1",
            )
        ],
        findings=[FindingRecord("warning", "number.comma_decimal", "'31,6' …", 22)],
    )
    return ParsedDocument(year=2024, title="2024년 지방시대 시행계획", plans=[sectoral, seoul])


@pytest.fixture
def officer(db):
    return User.objects.create_user("officer", password="x")


def store(document, actor):
    return plan_document_store(
        actor=actor, document=document, file_name="plan.txt", sha256="0" * 64
    )


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (Plan, Strategy, Task, TaskMinistry, Budget, Indicator, Finding, ImportRun)
    }


def history_counts():
    return {
        m.__name__: m.history.count()
        for m in (Plan, Strategy, Task, TaskMinistry, Budget, Indicator)
    }


def test_store_creates_every_record_attributed_to_the_actor(officer):
    result = store(small_document(), officer)

    assert counts() == {
        "Plan": 2,
        "Strategy": 2,
        "Task": 3,
        "TaskMinistry": 4,
        "Budget": 1,
        "Indicator": 2,
        "Finding": 1,
        "ImportRun": 1,
    }
    assert result.created == 14
    assert {h.history_user for h in Task.history.all()} == {officer}
    practical = Task.objects.get(code="(3)")
    assert [link.ministry.short_name for link in practical.ministry_links.all()] == [
        "행안부",
        "법제처",
    ]
    assert practical.parent.code == "Ⅰ-1"
    assert Budget.objects.get().strategy.code == "Ⅰ"
    assert Indicator.objects.get(group="key").task == Task.objects.get(code="(1)")
    assert Finding.objects.get().plan.owner.short_name == "서울"


def test_indicator_keeps_printed_text_beside_the_parsed_number(officer):
    store(small_document(), officer)

    grdp = Indicator.objects.get(name="1인당 GRDP")
    assert grdp.baseline_text == "31,6"
    assert grdp.baseline_value == Decimal("31.6")


def test_storing_the_same_document_again_changes_nothing(officer):
    store(small_document(), officer)
    before, history_before = counts(), history_counts()

    result = store(small_document(), officer)

    assert not result.changed
    assert result.run is None
    assert counts() == before
    assert history_counts() == history_before


def test_a_corrected_document_changes_only_the_corrected_rows(officer):
    store(small_document(), officer)
    reviewer = User.objects.create_user("reviewer", password="x")
    corrected = small_document()
    corrected.plans[0].budgets[0] = replace(
        corrected.plans[0].budgets[0], amount_eok=152, printed="152억원"
    )
    del corrected.plans[0].tasks[0].children[1]

    result = store(corrected, reviewer)

    assert (result.created, result.updated, result.deleted) == (0, 1, 3)
    change = Budget.history.filter(history_type="~").get()
    assert change.history_user == reviewer
    assert (change.prev_record.amount_eok, change.amount_eok) == (151, 152)
    deleted_task = Task.history.filter(history_type="-").get()
    assert (deleted_task.code, deleted_task.history_user) == ("(3)", reviewer)


def test_a_change_can_be_reverted_from_its_history(officer):
    store(small_document(), officer)
    corrected = small_document()
    corrected.plans[1].goal = "잘못 고친 목표"
    store(corrected, officer)

    seoul = Plan.objects.get(owner__short_name="서울")
    seoul.history.filter(goal="동행과 매력의 균형도시 서울").get().instance.save()

    seoul.refresh_from_db()
    assert seoul.goal == "동행과 매력의 균형도시 서울"
    assert seoul.history.count() == 3


def test_a_failing_document_leaves_the_database_as_it_was(officer):
    store(small_document(), officer)
    before, history_before = counts(), history_counts()
    broken = small_document()
    broken.plans[1].goal = "바뀐 목표"
    broken.plans.append(ParsedPlan(level="province", owner="서울시청", goal="", source_line=99))

    with pytest.raises(PlanFormatError, match="서울시청.*줄 99"):
        store(broken, officer)

    assert counts() == before
    assert history_counts() == history_before
    assert Plan.objects.get(owner__short_name="서울").goal == "동행과 매력의 균형도시 서울"


def test_an_unknown_ministry_is_registered_and_reported(officer):
    document = small_document()
    document.plans[0].tasks[0].ministries.append("행안브")

    store(document, officer)

    finding = Finding.objects.get(code="ministry.unknown")
    assert "행안브" in finding.message and finding.source_line == 12
