"""The Excel template of a draft: download pre-filled, edit, upload all or nothing.

The fixture's draft (conftest.draft_plan) for 부산: goal, strategy Ⅰ 지방분권 with 국비
93.5억원 and 지방비 135.27억원, tasks Ⅰ-1 and ①, indicator 일자리수 1,650.5천명 → 1,660천명.
"""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dream.cycle.choices import SubmissionState
from dream.cycle.models import Submission
from dream.cycle.tests.conftest import draft_plan
from dream.cycle.workbook import BUDGET_SHEET, COLUMNS, INDICATOR_SHEET, TASK_SHEET
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Task
from dream.tracking.files import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(personas):
    return personas("busan_editor")


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def _url(name, submission):
    return reverse(name, args=[submission.cycle.year, submission.organization.short_name])


def _download(client, submission):
    response = client.get(_url("cycle:workbook_download", submission))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _bytes(book) -> bytes:
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _upload(client, submission, content: bytes, name="draft.xlsx"):
    return client.post(
        _url("cycle:workbook_upload", submission),
        {"file": SimpleUploadedFile(name, content)},
    )


def _column(sheet, title):
    return COLUMNS[sheet.title].index(title) + 1


def _row_of(sheet, item_id):
    """The row of an item; on sheets that mix the plan's row with strategies' (구분), the
    strategy's row, since ids of different tables may be equal."""
    column = _column(sheet, "ID")
    mixed = "구분" in COLUMNS[sheet.title]
    return next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(r, column).value == item_id
        and (not mixed or sheet.cell(r, 1).value == "전략")
    )


def _set(sheet, item_id, title, value):
    sheet.cell(_row_of(sheet, item_id), _column(sheet, title)).value = value


def _state(plan):
    """Everything the template can change, to compare before and after a refusal."""
    plan.refresh_from_db()
    return (
        plan.goal,
        sorted(plan.strategies.values_list("pk", "name")),
        sorted(plan.tasks.values_list("pk", "name", "description")),
        sorted(plan.budgets.values_list("strategy_id", "source", "amount_eok")),
        sorted(
            plan.indicators.values_list(
                "pk", "name", "unit", "baseline_text", "target_text", "target_value", "direction"
            )
        ),
        Task.history.count(),
    )


def _errors(response):
    return response.context["errors"]


def test_the_download_is_the_draft_prefilled_with_ids(signed_in, busan_submission):
    plan = busan_submission.plan
    book = _download(signed_in, busan_submission)

    assert book.sheetnames == ["안내", "목표·전략", "과제", "재정투입", "성과지표"]
    assert any("억원" in str(row[0]) for row in book["안내"].iter_rows(values_only=True))
    tasks = book[TASK_SHEET]
    assert [tasks.cell(r, 1).value for r in (2, 3)] == list(
        plan.tasks.order_by("pk").values_list("pk", flat=True)
    )
    assert [tasks.cell(r, 3).value for r in (2, 3)] == [1, 2]  # depth in the tree
    budget = book[BUDGET_SHEET]
    strategy = plan.strategies.get()
    row = _row_of(budget, strategy.pk)
    assert budget.cell(row, _column(budget, "국비(억원)")).value == 93.5
    assert budget.cell(row, _column(budget, "지방비(억원)")).value == 135.27
    indicators = book[INDICATOR_SHEET]
    assert indicators.cell(2, _column(indicators, "기준값")).value == "1650.5"


def test_round_trip_changes_the_values_with_the_uploader_in_history(
    signed_in, editor, busan_submission
):
    plan = busan_submission.plan
    task = plan.tasks.get(code="①")
    strategy = plan.strategies.get()
    indicator = plan.indicators.get()
    book = _download(signed_in, busan_submission)
    book["목표·전략"].cell(2, 4).value = "부산 새 목표"
    _set(book[TASK_SHEET], task.pk, "과제명", "자치역량 키우기")
    _set(book[BUDGET_SHEET], strategy.pk, "국비(억원)", 100)
    _set(book[BUDGET_SHEET], strategy.pk, "국비(일반회계)(억원)", 60.25)
    _set(book[INDICATOR_SHEET], indicator.pk, "목표값", 1700)
    _set(book[INDICATOR_SHEET], indicator.pk, "방향", "높을수록 좋음")

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Excel 파일을 반영했습니다. 바뀐 항목 5개."
    ]
    plan.refresh_from_db()
    task.refresh_from_db()
    indicator.refresh_from_db()
    assert plan.goal == "부산 새 목표"
    assert task.name == "자치역량 키우기"
    assert task.history.first().history_user == editor
    cells = dict(plan.budgets.filter(strategy=strategy).values_list("source", "amount_eok"))
    assert cells[BudgetSource.NATIONAL] == Decimal(100)
    assert cells[BudgetSource.NATIONAL_GENERAL] == Decimal("60.25")
    assert cells[BudgetSource.LOCAL] == Decimal("135.27")
    assert (indicator.target_text, indicator.target_value) == ("1700", Decimal(1700))
    assert indicator.direction == "higher"


def test_an_unchanged_upload_changes_nothing(signed_in, busan_submission):
    before = _state(busan_submission.plan)

    response = _upload(signed_in, busan_submission, _bytes(_download(signed_in, busan_submission)))

    assert response.status_code == 302
    assert "0개" in str(list(get_messages(response.wsgi_request))[0])
    assert _state(busan_submission.plan) == before


def test_bad_rows_are_all_reported_and_nothing_is_applied(signed_in, busan_submission):
    plan = busan_submission.plan
    strategy = plan.strategies.get()
    book = _download(signed_in, busan_submission)
    _set(book[TASK_SHEET], plan.tasks.get(code="①").pk, "과제명", "바뀌면 안 됨")
    _set(book[BUDGET_SHEET], strategy.pk, "국비(억원)", "1.234")
    _set(book[BUDGET_SHEET], strategy.pk, "지방비(억원)", -5)
    _set(book[INDICATOR_SHEET], plan.indicators.get().pk, "방향", "클수록")
    before = _state(plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    row = _row_of(book[BUDGET_SHEET], strategy.pk)
    errors = _errors(response)
    assert len(errors) == 3
    assert errors[0].startswith(f"시트 '재정투입' {row}행: 국비(억원): 금액은 소수점 아래 2자리")
    assert errors[1].startswith(f"시트 '재정투입' {row}행: 지방비(억원): 금액은 0억원 이상")
    assert errors[2].startswith("시트 '성과지표' 2행: 방향 '클수록'")
    assert _state(plan) == before


def test_a_value_the_service_refuses_rolls_back_the_other_rows(signed_in, busan_submission):
    plan = busan_submission.plan
    book = _download(signed_in, busan_submission)
    _set(book[TASK_SHEET], plan.tasks.get(code="①").pk, "과제명", "바뀌면 안 됨")
    _set(book[INDICATOR_SHEET], plan.indicators.get().pk, "목표값", "31,6")
    before = _state(plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    assert _errors(response)[0].startswith("시트 '성과지표' 2행: ")
    assert _state(plan) == before


def test_unknown_and_foreign_ids_are_refused(signed_in, busan_submission, orgs):
    plan = busan_submission.plan
    seoul = draft_plan(orgs["서울"], PlanLevel.PROVINCE)
    foreign_task = seoul.tasks.get(code="①")
    foreign_strategy = seoul.strategies.get()
    book = _download(signed_in, busan_submission)
    tasks = book[TASK_SHEET]
    tasks.cell(2, 1).value = foreign_task.pk
    tasks.cell(3, 1).value = 999_999
    budget = book[BUDGET_SHEET]
    budget.cell(_row_of(budget, plan.strategies.get().pk), 2).value = foreign_strategy.pk
    budget.cell(2, 2).value = seoul.pk
    before, seoul_before = _state(plan), _state(seoul)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    errors = "\n".join(_errors(response))
    assert f"시트 '과제' 2행: ID {foreign_task.pk}" in errors
    assert "시트 '과제' 3행: ID 999999" in errors
    assert f"ID {foreign_strategy.pk}" in errors and "전략(과제·예산 구분)" in errors
    assert "시트 '재정투입' 2행: '시행계획 전체' 행의 ID" in errors
    assert (_state(plan), _state(seoul)) == (before, seoul_before)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","x")', "+1+2", "-3", "@SUM(1)"])
def test_texts_that_look_like_formulas_are_written_as_text(signed_in, busan_submission, text):
    task = busan_submission.plan.tasks.get(code="①")
    task.name = text
    task.save()

    response = signed_in.get(_url("cycle:workbook_download", busan_submission))

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(
            b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets
        )
    sheet = load_workbook(io.BytesIO(response.content))[TASK_SHEET]
    cell = sheet.cell(_row_of(sheet, task.pk), _column(sheet, "과제명"))
    assert (cell.value, cell.data_type) == (text, "s")
    before = _state(busan_submission.plan)
    assert _upload(signed_in, busan_submission, response.content).status_code == 302
    assert _state(busan_submission.plan) == before


def test_a_formula_in_a_cell_is_refused(signed_in, busan_submission):
    plan = busan_submission.plan
    book = _download(signed_in, busan_submission)
    _set(book[BUDGET_SHEET], plan.strategies.get().pk, "합계(억원)", "=E3+I3")
    before = _state(plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    [error] = _errors(response)
    assert error.startswith("시트 '재정투입' 3행: E열에 수식이 있습니다")
    assert _state(plan) == before


def test_a_missing_sheet_is_refused(signed_in, busan_submission):
    book = _download(signed_in, busan_submission)
    del book[INDICATOR_SHEET]
    before = _state(busan_submission.plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    assert "'성과지표'" in _errors(response)[0]
    assert _state(busan_submission.plan) == before


def test_a_file_that_is_not_xlsx_is_refused(signed_in, busan_submission):
    before = _state(busan_submission.plan)

    response = _upload(signed_in, busan_submission, b"name,value\n1,2\n", name="draft.xlsx")

    assert response.status_code == 422
    assert _errors(response) == ["Excel(.xlsx) 파일을 열 수 없습니다."]
    assert _state(busan_submission.plan) == before


def test_a_file_over_the_upload_limit_is_refused(signed_in, busan_submission):
    before = _state(busan_submission.plan)

    response = _upload(signed_in, busan_submission, b"0" * (MAX_UPLOAD_BYTES + 1))

    assert response.status_code == 422
    assert "파일이 너무 큽니다. 2 MB까지" in response.content.decode()
    assert _state(busan_submission.plan) == before


@pytest.mark.parametrize(("persona", "download", "upload"), [
    ("seoul_editor", 403, 403),
    ("busan_viewer", 200, 403),
    ("committee_staff", 200, 200),
])  # fmt: skip
def test_who_may_download_and_upload(client, personas, busan_submission, persona, download, upload):
    client.force_login(personas(persona))
    assert client.get(_url("cycle:workbook_download", busan_submission)).status_code == download
    assert client.get(_url("cycle:workbook_upload", busan_submission)).status_code == upload
    if upload == 403:
        before = _state(busan_submission.plan)
        assert _upload(client, busan_submission, b"x").status_code == 403
        assert _state(busan_submission.plan) == before
    else:
        content = _bytes(_download(client, busan_submission))
        assert _upload(client, busan_submission, content).status_code == 302


def test_anonymous_people_are_sent_to_sign_in(client, busan_submission):
    assert client.get(_url("cycle:workbook_download", busan_submission)).status_code == 302
    assert client.get(_url("cycle:workbook_upload", busan_submission)).status_code == 302


def test_a_submitted_draft_cannot_be_changed_by_upload(signed_in, busan_submission):
    book = _download(signed_in, busan_submission)
    _set(book[TASK_SHEET], busan_submission.plan.tasks.get(code="①").pk, "과제명", "늦은 수정")
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.SUBMITTED)
    before = _state(busan_submission.plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 409
    assert "지금 상태(제출)에서는 시행계획을 고칠 수 없습니다" in _errors(response)[0]
    assert _state(busan_submission.plan) == before


def test_the_submission_page_links_the_template(signed_in, busan_submission):
    page = signed_in.get(_url("cycle:submission_detail", busan_submission)).content.decode()

    assert _url("cycle:workbook_download", busan_submission) in page
    assert _url("cycle:workbook_upload", busan_submission) in page


def test_a_project_lines_national_budget_round_trips_and_a_core_task_takes_none(
    signed_in, editor, busan_submission
):
    from decimal import Decimal

    from dream.cycle.drafting import task_add
    from dream.plans.choices import TaskKind

    plan = busan_submission.plan
    core = plan.tasks.get(kind=TaskKind.CORE)
    line = task_add(
        actor=editor, plan=plan, parent=core, name="스마트 항만 실증", kind=TaskKind.PROJECT
    )
    book = _download(signed_in, busan_submission)
    _set(book["과제"], line.pk, "국비(억원)", "12.5")
    assert _upload(signed_in, busan_submission, _bytes(book)).status_code == 302
    line.refresh_from_db()
    assert line.national_budget_eok == Decimal("12.5")
    assert (
        _download(signed_in, busan_submission)["과제"]
        .cell(_row_of(book["과제"], line.pk), _column(book["과제"], "국비(억원)"))
        .value
        == 12.5
    )

    before = _state(plan)
    book = _download(signed_in, busan_submission)
    _set(book["과제"], core.pk, "국비(억원)", "3")
    response = _upload(signed_in, busan_submission, _bytes(book))
    assert any("국비는 실천과제와 사업에만" in error for error in _errors(response))
    assert _state(plan) == before


def test_control_characters_already_stored_do_not_break_the_download(signed_in, busan_submission):
    """Text imported before the services refused control characters still downloads: each
    one an Excel file cannot hold is shown as "\ufffd", everything else as stored."""
    plan = busan_submission.plan
    task = plan.tasks.get(code="①")
    Task.objects.filter(pk=task.pk).update(name="자치\x01역량", description="=첫 줄\x1f\n둘째 줄")
    plan.indicators.update(unit="개\x08")

    book = _download(signed_in, busan_submission)

    tasks = book[TASK_SHEET]
    row = _row_of(tasks, task.pk)
    assert tasks.cell(row, _column(tasks, "과제명")).value == "자치\ufffd역량"
    described = tasks.cell(row, _column(tasks, "내용"))
    assert (described.value, described.data_type) == ("=첫 줄\ufffd\n둘째 줄", "s")
    assert book[INDICATOR_SHEET].cell(2, _column(book[INDICATOR_SHEET], "단위")).value == "개\ufffd"


def _append(sheet, **cells):
    """A new row at the end of `sheet`, its cells by header; the ID left empty."""
    row = sheet.max_row + 1
    for title, value in cells.items():
        sheet.cell(row, _column(sheet, title)).value = value
    return row


def test_rows_without_an_id_add_a_strategy_tasks_and_an_indicator(
    signed_in, editor, busan_submission
):
    plan = busan_submission.plan
    strategy = plan.strategies.get()
    core = plan.tasks.get(code="Ⅰ-1")
    book = _download(signed_in, busan_submission)
    _append(book["목표·전략"], 구분="전략", 내용="  균형  발전 ")
    _append(
        book[TASK_SHEET], **{"전략 ID": strategy.pk, "종류": "핵심과제", "과제명": "새 핵심과제"}
    )
    _append(
        book[TASK_SHEET],
        **{"상위 ID": core.pk, "종류": "사업", "과제명": "스마트 항만", "국비(억원)": 12.5},
        내용="첫 줄\n둘째 줄",
    )
    _append(
        book[INDICATOR_SHEET],
        지표명="청년 인구",
        단위="천명",
        기준값="120",
        목표값=130,
        방향="높을수록 좋음",
    )

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 302, _errors(response)
    assert "바뀐 항목 4개" in str(list(get_messages(response.wsgi_request))[0])
    added = plan.strategies.get(code="Ⅱ")
    assert added.name == "균형 발전"
    new_core = plan.tasks.get(name="새 핵심과제")
    assert (new_core.kind, new_core.strategy, new_core.parent, new_core.code) == (
        "core",
        strategy,
        None,
        "Ⅰ-2",
    )
    line = plan.tasks.get(name="스마트 항만")
    assert (line.parent, line.kind, line.national_budget_eok) == (core, "project", Decimal("12.5"))
    assert line.description == "첫 줄\n둘째 줄"
    assert line.history.first().history_user == editor
    indicator = plan.indicators.get(name="청년 인구")
    assert (indicator.unit, indicator.target_value, indicator.direction) == (
        "천명",
        Decimal(130),
        "higher",
    )
    assert (indicator.baseline_year, indicator.target_year) == (plan.year - 1, plan.year)
    again = _download(signed_in, busan_submission)[TASK_SHEET]
    assert again.cell(_row_of(again, line.pk), _column(again, "상위 ID")).value == core.pk


def test_bad_new_rows_are_named_by_sheet_and_row_and_nothing_is_added(
    signed_in, busan_submission, orgs
):
    plan = busan_submission.plan
    core = plan.tasks.get(code="Ⅰ-1")
    foreign = draft_plan(orgs["서울"], PlanLevel.PROVINCE).tasks.get(code="Ⅰ-1")
    book = _download(signed_in, busan_submission)
    tasks = book[TASK_SHEET]
    ok = _append(tasks, **{"상위 ID": core.pk, "종류": "세부과제", "과제명": "괜찮은 과제"})
    nowhere = _append(tasks, **{"종류": "핵심과제", "과제명": "자리 없음"})
    alien = _append(
        tasks, **{"상위 ID": foreign.pk, "종류": "세부과제", "과제명": "남의 과제 아래"}
    )
    unnamed = _append(tasks, **{"상위 ID": core.pk, "종류": "세부과제"})
    no_kind = _append(tasks, **{"상위 ID": core.pk, "과제명": "종류 없음"})
    _append(book[INDICATOR_SHEET], 지표명="", 단위="명")
    before = _state(plan)

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    errors = "\n".join(_errors(response))
    assert f"시트 '과제' {ok}행" not in errors
    assert f"시트 '과제' {nowhere}행: 새 과제의 자리를 알 수 없습니다" in errors
    assert f"시트 '과제' {alien}행: 상위 ID '{foreign.pk}'" in errors
    assert f"시트 '과제' {unnamed}행: 과제명을 비워 둘 수 없습니다" in errors
    assert f"시트 '과제' {no_kind}행: 새 과제의 종류를 적어 주세요" in errors
    assert "시트 '성과지표' 3행: 지표명을 비워 둘 수 없습니다" in errors
    assert _state(plan) == before
    assert not plan.tasks.filter(name="괜찮은 과제").exists()


def test_a_new_row_the_service_refuses_rolls_back_the_other_additions(signed_in, busan_submission):
    plan = busan_submission.plan
    book = _download(signed_in, busan_submission)
    _append(book["목표·전략"], 구분="전략", 내용="더해지면 안 됨")
    row = _append(
        book[TASK_SHEET],
        **{"상위 ID": plan.tasks.get(code="Ⅰ-1").pk, "종류": "세부과제", "과제명": "제어\x7f문자"},
    )
    detailed = plan.tasks.get(code="①").pk
    below = _append(book[TASK_SHEET], **{"상위 ID": detailed, "종류": "사업", "과제명": "x"})
    strategies = plan.strategies.count()

    response = _upload(signed_in, busan_submission, _bytes(book))

    assert response.status_code == 422
    assert _errors(response) == [
        f"시트 '과제' {row}행: 과제명에 쓸 수 없는 제어 문자(보이지 않는 문자)가 들어 있습니다. "
        "지우고 다시 적어 주세요.",
        f"시트 '과제' {below}행: 세부과제 아래에는 과제를 둘 수 없습니다.",
    ]
    assert plan.strategies.count() == strategies
