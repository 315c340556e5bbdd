"""The tracker's services: owners, step reports, settings and inspections, each with its
history and its refusals; reports and inspections sent at once; the plan's re-import."""

import json
import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dream.accounts.services import system_user
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.ingest.document import PlanFormatError
from dream.ingest.records import ParsedDocument
from dream.ingest.services import plan_document_store
from dream.priorities import services, tracker
from dream.priorities.models import (
    ActionOwner,
    Inspection,
    InspectionRemark,
    PriorityAction,
    PriorityItem,
    PriorityTask,
    StepReport,
    TrackerSettings,
)

from .factories import parsed_tasks

pytestmark = pytest.mark.django_db
MAY = date(2024, 5, 1)


def report(actor, item, status="in_progress", as_of=MAY, evidence="착수 회의 개최", **more):
    return services.step_report_add(
        actor=actor, item=item, status=status, as_of=as_of, evidence=evidence, **more
    )


# Owners


def test_assigning_an_owner_is_recorded_with_the_staff_member(step, staff):
    owner = ActionOwner.objects.get(action=step.action)

    assert (owner.organization.short_name, owner.assigned_by) == ("행안부", staff)
    record = owner.history.get()
    assert (record.history_user, record.history_change_reason) == (staff, "담당 기관 지정")


def test_changing_the_owner_adds_a_history_row_naming_both_and_the_same_again_adds_none(
    step, staff, orgs
):
    services.action_owner_assign(actor=staff, action=step.action, organization=orgs["과기정통부"])
    services.action_owner_assign(actor=staff, action=step.action, organization=orgs["과기정통부"])

    owner = ActionOwner.objects.get(action=step.action)
    assert owner.organization.short_name == "과기정통부"
    assert [r.history_change_reason for r in owner.history.order_by("history_id")] == [
        "담당 기관 지정",
        "담당 기관 변경: 행안부 → 과기정통부",
    ]


@pytest.mark.parametrize("name", ["부산", "부울경", None])
def test_an_owner_is_a_ministry_or_the_committee(step, staff, orgs, name):
    with pytest.raises(InvalidInput, match="담당 기관"):
        services.action_owner_assign(
            actor=staff, action=step.action, organization=orgs[name] if name else None
        )
    assert ActionOwner.objects.get(action=step.action).organization.short_name == "행안부"


# Step reports


def test_the_owners_editor_reports_a_step_on_behalf_of_the_owner(step, personas):
    editor = personas("ministry_editor")

    added = report(editor, step, evidence_url="https://www.mois.go.kr/보도자료?id=1")

    assert (added.organization.short_name, added.reported_by, added.status) == (
        "행안부",
        editor,
        "in_progress",
    )
    record = added.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "이행 보고: 진행")
    state = tracker.step_state(step, added, date(2024, 6, 1), tracker.settings_for(2024))
    assert (state.status, state.computed) == ("in_progress", False)


def test_a_step_without_an_owner_cannot_be_reported(tasks_2024, personas):
    item = PriorityItem.objects.get(source_line=255)

    with pytest.raises(StateConflict, match="담당 기관을 먼저 지정해야 합니다"):
        report(personas("ministry_editor"), item)
    with pytest.raises(NotAllowed):
        report(personas("anonymous"), item)


def test_only_steps_are_reported_not_notes(step, personas, staff, orgs):
    note = step.task.items.get(source_line=257)
    services.action_owner_assign(actor=staff, action=note.action, organization=orgs["행안부"])

    with pytest.raises(StateConflict, match="추진 내용\\(ㅇ\\) 줄만"):
        report(personas("ministry_editor"), note)


def test_committee_staff_do_not_report_for_a_ministry(step, staff):
    with pytest.raises(NotAllowed, match="행안부"):
        report(staff, step)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "finished"}, "상태는"),
        ({"status": ""}, "상태는"),
        ({"as_of": "2024-13-01"}, "날짜"),
        ({"as_of": "어제"}, "날짜"),
        ({"as_of": "2024-05-01\x00"}, "제어 문자"),
        ({"as_of": date(1999, 12, 31)}, "2000년"),
        ({"as_of": timezone.localdate() + timedelta(days=1)}, "오늘 이후"),
        ({"evidence": ""}, "근거를 적어"),
        ({"evidence": "  \n "}, "근거를 적어"),
        ({"evidence": "회의\x00결과"}, "제어 문자"),
        ({"evidence": "가" * 5001}, "5,000자"),
        ({"evidence_url": "javascript:alert(1)"}, "http"),
        ({"evidence_url": "ftp://example.kr/a"}, "http"),
        ({"evidence_url": "https://example.kr/\x07"}, "제어 문자"),
        ({"evidence_url": "https://example.kr/" + "a" * 490}, "500자"),
        ({"evidence_url": "https://exa mple.kr/"}, "http"),
    ],
)
def test_a_report_that_cannot_be_read_is_refused_in_korean(step, personas, fields, message):
    with pytest.raises(InvalidInput, match=message):
        report(personas("ministry_editor"), step, **fields)
    assert not StepReport.objects.exists()


def test_text_that_looks_like_a_formula_is_kept_as_typed(step, personas):
    added = report(personas("ministry_editor"), step, evidence='=HYPERLINK("http://x","y")')

    assert added.evidence == '=HYPERLINK("http://x","y")'


def test_reports_are_appended_and_the_latest_is_the_state(step, personas):
    editor = personas("ministry_editor")
    report(editor, step, "in_progress")
    report(editor, step, "done", as_of=date(2024, 11, 30), evidence="2차 지정 완료")

    assert list(
        StepReport.objects.order_by("reported_at", "pk").values_list("status", flat=True)
    ) == [
        "in_progress",
        "done",
    ]
    latest = tracker.latest_reports([step.pk])[step.pk]
    assert latest.status == "done"


@pytest.mark.django_db(transaction=True)
def test_two_reports_sent_at_once_are_both_kept_one_after_the_other(step, personas):
    editor = personas("ministry_editor")
    barrier = threading.Barrier(2)
    errors = []

    def send(status):
        try:
            barrier.wait()
            report(editor, step, status, evidence=f"{status} 보고")
        except Exception as error:  # noqa: BLE001 — the test asserts there is none
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(s,)) for s in ("in_progress", "done")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    reports = list(StepReport.objects.filter(item=step).order_by("reported_at", "pk"))
    assert sorted(r.status for r in reports) == ["done", "in_progress"]
    assert reports[0].reported_at <= reports[1].reported_at
    assert tracker.latest_reports([step.pk])[step.pk] == reports[1]


# Settings


def test_staff_set_the_ongoing_rule_with_its_basis_and_history(tasks_2024, staff):
    ongoing = PriorityItem.objects.get(source_line=255)
    PriorityItem.objects.filter(pk=ongoing.pk).update(
        precision="ongoing", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)
    )
    ongoing.refresh_from_db()
    after_year = date(2025, 1, 2)
    assert tracker.step_state(ongoing, None, after_year, tracker.settings_for(2024)).status == (
        "planned"
    )

    services.tracker_settings_set(
        actor=staff, year=2024, ongoing_late_at_year_end=True, basis="2024년 제3차 위원회 결정"
    )

    settings = tracker.settings_for(2024)
    assert (settings.basis, settings.set_by) == ("2024년 제3차 위원회 결정", staff)
    assert tracker.step_state(ongoing, None, after_year, settings).status == "delayed"
    services.tracker_settings_set(
        actor=staff, year="2024", ongoing_late_at_year_end=False, basis="재논의"
    )
    assert [
        (r.history_user, r.history_change_reason) for r in settings.history.order_by("history_id")
    ] == [
        (staff, "이행 관리 설정 설정"),
        (staff, "이행 관리 설정 변경"),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"year": 2031}, "중점 이행과제가 없습니다"),
        ({"year": "२०२४"}, "숫자"),
        ({"year": True}, "숫자"),
        ({"ongoing_late_at_year_end": "yes"}, "예 또는 아니오"),
        ({"basis": ""}, "근거를 적어"),
        ({"basis": "결정\x00"}, "제어 문자"),
        ({"basis": "가" * 201}, "200자"),
    ],
)
def test_settings_that_cannot_be_read_are_refused(tasks_2024, staff, fields, message):
    values = {"year": 2024, "ongoing_late_at_year_end": True, "basis": "위원회 결정"} | fields

    with pytest.raises(InvalidInput, match=message):
        services.tracker_settings_set(actor=staff, **values)
    assert not TrackerSettings.objects.exists()


# Inspections


def test_an_inspection_freezes_every_task_and_step_as_json(step, personas, staff):
    editor = personas("ministry_editor")
    report(editor, step, "in_progress", as_of=date(2024, 6, 20))
    first = PriorityTask.objects.get(year=2024, position=1)

    inspection = services.inspection_take(
        actor=staff,
        year=2024,
        half=1,
        taken_on=date(2024, 7, 5),
        summary="상반기 점검",
        remarks={first.pk: "2차 지정 준비 점검 필요"},
    )

    snapshot = Inspection.objects.get(pk=inspection.pk).snapshot
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["taken_on"] == "2024-07-05"
    assert snapshot["settings"] == {
        "ongoing_late_at_year_end": False,
        "basis": "계획이 정하지 않음 — DREAM 기본값",
        "decided": False,
    }
    task = snapshot["tasks"][0]
    assert (task["position"], task["group"], task["number"]) == (1, "zone", 1)
    assert task["counts"] == {"planned": 1, "in_progress": 1, "done": 0, "delayed": 0}
    reported = next(s for s in task["steps"] if s["item_id"] == step.pk)
    assert reported == {
        "item_id": step.pk,
        "source_line": 265,
        "text": "1차 지정(’24.上) 및 2차 지정(’24.下)",
        "date_text": "’24.上 · ’24.下",
        "period_end": "2024-12-31",
        "owner": "행안부",
        "status": "in_progress",
        "computed": False,
        "reason": "2024-06-20 기준 보고",
        "as_of": "2024-06-20",
    }
    assert [s["owner"] for s in task["steps"]] == [None, "행안부"]
    assert [t["counts"]["planned"] for t in snapshot["tasks"]] == [1, 1]
    remark = InspectionRemark.objects.get(inspection=inspection)
    assert (remark.task, remark.text) == (first, "2차 지정 준비 점검 필요")
    assert inspection.history.get().history_user == staff
    assert remark.history.get().history_user == staff


def test_a_frozen_snapshot_ignores_later_reports_and_the_next_is_compared_with_it(
    step, personas, staff
):
    editor = personas("ministry_editor")
    report(editor, step, "in_progress", as_of=date(2024, 6, 20))
    first = services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))
    frozen = Inspection.objects.get(pk=first.pk).snapshot

    report(editor, step, "done", as_of=date(2024, 12, 20), evidence="2차 지정 완료")
    services.tracker_settings_set(
        actor=staff, year=2024, ongoing_late_at_year_end=True, basis="위원회 결정"
    )
    second = services.inspection_take(actor=staff, year=2024, half=2, taken_on=date(2025, 1, 6))

    assert Inspection.objects.get(pk=first.pk).snapshot == frozen
    compared = tracker.inspection_compare(frozen, second.snapshot)
    assert [(c.item_id, c.before_label, c.after_label) for c in compared.changes] == [
        (step.pk, "진행", "완료")
    ]
    counts = {t.position: (t.before, t.after) for t in compared.tasks}
    assert counts[1][0]["in_progress"] == 1 and counts[1][1]["done"] == 1
    assert second.snapshot["settings"]["decided"] is True


def test_a_report_dated_after_the_inspection_day_is_not_in_its_snapshot(step, personas, staff):
    report(personas("ministry_editor"), step, "done", as_of=date(2024, 7, 10))

    inspection = services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))

    frozen = next(s for s in inspection.snapshot["tasks"][0]["steps"] if s["item_id"] == step.pk)
    assert (frozen["status"], frozen["as_of"]) == ("planned", None)


def test_a_half_is_inspected_once(tasks_2024, staff):
    services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))

    with pytest.raises(StateConflict, match="2024년 상반기 이행점검은 이미 기록되었습니다"):
        services.inspection_take(actor=staff, year=2024, half="1", taken_on=date(2024, 7, 6))
    assert Inspection.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"half": 3}, "반기는"),
        ({"half": True}, "반기는"),
        ({"year": 2023}, "중점 이행과제가 없습니다"),
        ({"taken_on": timezone.localdate() + timedelta(days=1)}, "오늘 이후"),
        ({"taken_on": "2024-07-05\x00"}, "제어 문자"),
        ({"half": 2, "taken_on": date(2024, 6, 30)}, "2024-07-01 이후"),
        ({"summary": "총평\x00"}, "제어 문자"),
        ({"remarks": {"첫째": "의견"}}, "번호"),
        ({"remarks": {99999999999999999999: "의견"}}, "2024년 중점 이행과제에만"),
        ({"remarks": ["의견"]}, "과제별"),
    ],
)
def test_an_inspection_that_cannot_be_read_is_refused(tasks_2024, staff, fields, message):
    values = {"year": 2024, "half": 1, "taken_on": date(2024, 7, 5)} | fields

    with pytest.raises(InvalidInput, match=message):
        services.inspection_take(actor=staff, **values)
    assert not Inspection.objects.exists()


def test_remarks_are_only_for_tasks_of_the_inspected_year(tasks_2024, staff):
    other_year = PriorityTask.objects.create(
        year=2025, position=1, group="zone", number=1, name="다른 해", source_line=1
    )

    with pytest.raises(InvalidInput, match="2024년 중점 이행과제에만"):
        services.inspection_take(
            actor=staff,
            year=2024,
            half=1,
            taken_on=date(2024, 7, 5),
            remarks={other_year.pk: "의견"},
        )


@pytest.mark.django_db(transaction=True)
def test_two_inspections_of_the_same_half_at_once_keep_one_and_refuse_the_other(tasks_2024, staff):
    barrier = threading.Barrier(2)
    outcomes = []

    def take(summary):
        try:
            barrier.wait()
            services.inspection_take(
                actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5), summary=summary
            )
            outcomes.append("taken")
        except StateConflict:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 — anything else fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(s,)) for s in ("가", "나")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "taken"]
    assert Inspection.objects.filter(year=2024, half=1).count() == 1


def test_the_race_the_unique_constraint_catches_is_a_refusal_too(tasks_2024, staff, monkeypatch):
    """On PostgreSQL both may find the half free before either saves: the second save then
    meets the constraint, which must be a refusal, not a 500."""
    services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))
    real = Inspection.objects.filter

    def blind(*args, **kwargs):  # the check before saving sees no inspection yet
        rows = real(*args, **kwargs)
        return rows.none() if kwargs.keys() == {"year", "half"} else rows

    monkeypatch.setattr(Inspection.objects, "filter", blind)

    with pytest.raises(StateConflict, match="이미 기록되었습니다"):
        services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 6))
    monkeypatch.undo()
    assert Inspection.objects.count() == 1


# The plan's re-import


def store(tasks) -> None:
    document = ParsedDocument(year=2024, title="2024년 시행계획", plans=[], priority_tasks=tasks)
    plan_document_store(actor=system_user(), document=document, file_name="t.txt", sha256="0" * 64)


def test_a_reimport_with_reports_present_changes_nothing(step, personas):
    added = report(personas("ministry_editor"), step)
    before = {m.__name__: m.history.count() for m in (PriorityTask, PriorityAction, PriorityItem)}

    store(parsed_tasks())
    store(parsed_tasks())

    assert StepReport.objects.get() == added
    assert ActionOwner.objects.get().action == step.action
    assert PriorityItem.objects.get(pk=step.pk).text == step.text
    after = {m.__name__: m.history.count() for m in (PriorityTask, PriorityAction, PriorityItem)}
    assert after == before


def test_a_reimport_that_would_delete_a_reported_step_is_refused(step, personas):
    report(personas("ministry_editor"), step)
    store(parsed_tasks())
    tasks = parsed_tasks()
    del tasks[0].actions[1]  # the action of l.265

    with pytest.raises(PlanFormatError, match="이행 보고"):
        store(tasks)

    assert PriorityItem.objects.filter(pk=step.pk).exists()
    assert StepReport.objects.filter(item=step).count() == 1
