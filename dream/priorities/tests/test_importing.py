"""Storing Ⅱ's priority tasks with the plan import: changes only, with history."""

import dataclasses
from datetime import date

import pytest

from dream.accounts.services import system_user
from dream.ingest.document import PlanFormatError
from dream.ingest.records import ParsedDocument
from dream.ingest.services import plan_document_store
from dream.priorities.models import PriorityAction, PriorityItem, PriorityTask

from .factories import parsed_tasks

pytestmark = pytest.mark.django_db
MODELS = (PriorityTask, PriorityAction, PriorityItem)


def store(tasks) -> None:
    document = ParsedDocument(year=2024, title="2024년 시행계획", plans=[], priority_tasks=tasks)
    plan_document_store(actor=system_user(), document=document, file_name="t.txt", sha256="0" * 64)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def history_counts() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in MODELS}


def test_tasks_actions_and_items_are_stored_in_printed_order():
    store(parsed_tasks())

    assert counts() == {"PriorityTask": 2, "PriorityAction": 3, "PriorityItem": 6}
    first = PriorityTask.objects.get(year=2024, position=1)
    assert (first.group, first.number, first.source_line) == ("zone", 1, 220)
    assert [(i.position, i.kind, i.action and i.action.position) for i in first.items.all()] == [
        (1, "aim", None),
        (2, "status", None),
        (3, "step", 1),
        (4, "note", 1),
        (5, "step", 2),
    ]
    assert PriorityTask.objects.get(position=2).items.get().position == 1


def test_a_line_printing_two_dates_spans_both_with_the_precision_of_the_last():
    store(parsed_tasks())

    item = PriorityItem.objects.get(source_line=265)
    assert item.date_text == "’24.上 · ’24.下"
    assert (item.period_start, item.period_end, item.precision) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
        "half",
    )


def test_an_open_end_stays_open_and_an_undated_line_has_no_span():
    store(parsed_tasks())

    opened = PriorityItem.objects.get(source_line=255)
    assert (opened.period_start, opened.period_end, opened.precision) == (
        date(2024, 3, 1),
        None,
        "month",
    )
    note = PriorityItem.objects.get(source_line=257)
    assert (note.date_text, note.period_start, note.period_end, note.precision) == (
        "",
        None,
        None,
        "undated",
    )
    action = PriorityAction.objects.get(source_line=250)
    assert (action.date_text, action.period_end) == ("’24.3월", date(2024, 3, 31))


def test_importing_the_same_tasks_again_changes_nothing():
    store(parsed_tasks())
    before, history_before = counts(), history_counts()

    store(parsed_tasks())

    assert counts() == before
    assert history_counts() == history_before


def test_one_changed_text_adds_one_history_row():
    store(parsed_tasks())
    history_before = history_counts()
    tasks = parsed_tasks()
    tasks[0].actions[0].items[0] = dataclasses.replace(
        tasks[0].actions[0].items[0], text="신청 접수 개시(’24.3월~)"
    )

    store(tasks)

    assert PriorityItem.objects.get(source_line=255).text == "신청 접수 개시(’24.3월~)"
    assert history_counts() == {
        **history_before,
        "PriorityItem": history_before["PriorityItem"] + 1,
    }


def test_a_task_the_document_no_longer_has_is_deleted_with_its_actions_and_items():
    store(parsed_tasks())

    store(parsed_tasks()[:1])

    assert counts() == {"PriorityTask": 1, "PriorityAction": 2, "PriorityItem": 5}
    assert not PriorityTask.objects.filter(position=2).exists()
    assert PriorityTask.history.filter(position=2, history_type="-").exists()


def test_a_step_outside_any_action_is_refused_with_its_line_and_nothing_changes():
    tasks = parsed_tasks()
    tasks[0].aims.append(dataclasses.replace(tasks[0].aims[0], kind="step", source_line=223))

    with pytest.raises(PlanFormatError) as refusal:
        store(tasks)

    assert refusal.value.line == 223
    assert "추진 내용(ㅇ) 줄이 추진 과제 밖에 있어" in str(refusal.value)
    assert "step" not in str(refusal.value)
    assert counts() == {"PriorityTask": 0, "PriorityAction": 0, "PriorityItem": 0}
