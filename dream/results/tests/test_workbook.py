"""The results workbook: what a body downloads (its own rows, the plan's printed values locked,
stored results filled in), and what an upload does — every row through the results services,
all or nothing, every error named by sheet and row."""

# ruff: noqa: F811 - pytest fixtures imported by name are arguments of the tests

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dream.accounts.models import Organization
from dream.cycle.errors import NotAllowed, StateConflict
from dream.plans.choices import BudgetSource, PlanLevel, TaskKind
from dream.plans.models import Plan
from dream.results.models import FiscalExecution, IndicatorActual, SelfAssessment
from dream.results.selectors import reported_indicators
from dream.results.services import indicator_actual_record
from dream.results.submissions import result_submission_for
from dream.results.workbook import (
    ACCOUNT_COLUMN,
    ACCOUNT_SHEET,
    FISCAL_SHEET,
    GUIDE_SHEET,
    INDICATOR_SHEET,
    SPENT_COLUMN,
    results_workbook_build,
    results_workbook_import,
)
from dream.results.workflow import result_submit
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .fixtures_workbook import (  # noqa: F401
    busan_plan,
    busan_results_plan,
    orgs,
    personas,
    sectoral_2024,
    sectoral_plan,
    sectoral_results_plan,
    seoul_indicator,
    staff,
)


def _book(content: bytes):
    return load_workbook(io.BytesIO(content))


def _rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(2)]


def _fill(book, sheet: str, key, **values):
    """Write `values` (header → value) into the row whose hidden ID is `key`."""
    sheet = book[sheet]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(2):
        if row[0].value == key and (
            sheet.title != FISCAL_SHEET or row[1].value == values.get("재원 코드", row[1].value)
        ):
            for title, value in values.items():
                row[header.index(title)].value = value
            return
    raise AssertionError(f"no row {key} in {sheet.title}")


def _upload(book, name="실적.xlsx") -> SimpleUploadedFile:
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def _zip_bomb() -> bytes:
    """A small archive whose one member unpacks to a megabyte of zeros."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * MEGABYTE)
    return output.getvalue()


def _import(actor, plan, organization, file, filename="실적.xlsx"):
    return results_workbook_import(
        actor=actor, plan=plan, organization=organization, year=2024, file=file,
        filename=filename,
    )  # fmt: skip


@pytest.fixture
def busan_editor(personas):
    return personas("busan_editor")


@pytest.mark.django_db
def test_busan_template_holds_its_rows_with_printed_values_locked_and_ids_hidden(
    busan_results_plan, orgs, busan_editor
):
    jobs, text_target = busan_results_plan.indicators.order_by("position")
    indicator_actual_record(
        actor=busan_editor, indicator=jobs, year=2024, value_text="1655.2", source="통계청",
        observed_on=date(2025, 1, 31),
    )  # fmt: skip

    book = _book(results_workbook_build(busan_results_plan, orgs["부산"], 2024))

    assert book.sheetnames == [GUIDE_SHEET, INDICATOR_SHEET, FISCAL_SHEET, ACCOUNT_SHEET]
    sheet = book[INDICATOR_SHEET]
    assert sheet.column_dimensions["A"].hidden
    assert sheet.protection.sheet
    first, second = _rows(sheet)
    assert first["ID"] == jobs.pk and second["ID"] == text_target.pk
    assert (first["기준 연도"], first["기준 실적(원문)"], first["목표(원문)"]) == (
        2023, "1650.5", "1660",
    )  # fmt: skip
    assert first["방향"] == "높을수록 좋음" and second["목표(원문)"] == "기본계획 고시"
    assert (first["실적"], first["출처"], first["기준일"]) == (
        "1655.2", "통계청", datetime(2025, 1, 31),
    )  # fmt: skip
    assert second["실적"] is None
    name_cell, value_cell = sheet["B2"], sheet["H2"]
    assert name_cell.protection.locked and name_cell.fill.fgColor.rgb.endswith("D9D9D9")
    assert not value_cell.protection.locked

    fiscal = _rows(book[FISCAL_SHEET])
    assert [(r["구분"], r["재원"], r[f"계획({'억원'})"]) for r in fiscal] == [
        ("시행계획 전체", "국비", 200),
        ("전략", "국비", 93.5),
        ("전략", "지방비", 135.27),
    ]
    assert book[FISCAL_SHEET].column_dimensions["A"].hidden
    assert book[FISCAL_SHEET].column_dimensions["B"].hidden
    accounts = _rows(book[ACCOUNT_SHEET])
    assert [(r["구분"], r["번호"]) for r in accounts] == [("핵심과제", "Ⅰ-1")]


@pytest.mark.django_db
def test_a_ministry_template_holds_only_the_tasks_it_leads(sectoral_results_plan, orgs):
    ministry = _book(results_workbook_build(sectoral_results_plan, orgs["행안부"], 2024))
    committee = _book(results_workbook_build(sectoral_results_plan, orgs["위원회"], 2024))

    assert [r["지표명"] for r in _rows(ministry[INDICATOR_SHEET])] == ["디지털 기반 구축 수"]
    assert [(r["구분"], r["재원"], r["계획(억원)"]) for r in _rows(ministry[FISCAL_SHEET])] == [
        ("실천과제", "국비", 12.5)
    ]
    assert _rows(ministry[ACCOUNT_SHEET]) == []
    assert [r["지표명"] for r in _rows(committee[INDICATOR_SHEET])] == ["위원회 지표"]
    assert [r["구분"] for r in _rows(committee[ACCOUNT_SHEET])] == ["핵심과제"]


@pytest.mark.django_db
def test_a_filled_workbook_is_stored_as_written(busan_results_plan, orgs, busan_editor):
    busan = orgs["부산"]
    jobs, text_target = busan_results_plan.indicators.order_by("position")
    strategy = busan_results_plan.strategies.get()
    core = busan_results_plan.tasks.get(kind=TaskKind.CORE)
    book = _book(results_workbook_build(busan_results_plan, busan, 2024))
    _fill(book, INDICATOR_SHEET, jobs.pk, 실적=93.5, 출처="지역고용조사", 기준일=date(2025, 1, 31))
    _fill(
        book, INDICATOR_SHEET, text_target.pk, 실적="기본계획 고시 완료", 출처="부산시 고시",
        기준일="2024-11-30", 비고="고시 제2024-1호",
    )  # fmt: skip
    _fill(
        book, FISCAL_SHEET, f"strategy-{strategy.pk}", **{"재원 코드": "local", SPENT_COLUMN:
        120.5, "출처": "2024회계연도 세출결산서", "기준일": date(2025, 2, 28)},
    )  # fmt: skip
    _fill(book, ACCOUNT_SHEET, f"task-{core.pk}", **{ACCOUNT_COLUMN: "자치분권 조례를 정비했다."})

    result = _import(busan_editor, busan_results_plan, busan, _upload(book))

    assert result.errors == [] and result.ok == 4
    stored = {a.indicator_id: a for a in IndicatorActual.objects.all()}
    assert (stored[jobs.pk].value_text, stored[jobs.pk].value) == ("93.5", Decimal("93.5"))
    assert stored[text_target.pk].value is None
    assert stored[text_target.pk].observed_on == date(2024, 11, 30)
    assert stored[text_target.pk].recorded_by == busan_editor
    execution = FiscalExecution.objects.get()
    assert (execution.strategy, execution.source, execution.spent_eok) == (
        strategy, BudgetSource.LOCAL, Decimal("120.5"),
    )  # fmt: skip
    assert SelfAssessment.objects.get().text == "자치분권 조례를 정비했다."

    again = _import(busan_editor, busan_results_plan, busan, _upload(book))
    assert again.errors == [] and again.ok == 0  # unchanged rows write nothing


@pytest.mark.django_db
def test_replacing_keeps_the_filename_as_reason_and_empty_cells_delete_nothing(
    busan_results_plan, orgs, busan_editor
):
    busan = orgs["부산"]
    jobs, text_target = busan_results_plan.indicators.order_by("position")
    for indicator, value in [(jobs, "1655"), (text_target, "수립 중")]:
        indicator_actual_record(
            actor=busan_editor, indicator=indicator, year=2024, value_text=value, source="통계청",
            observed_on=date(2025, 1, 31),
        )  # fmt: skip
    book = _book(results_workbook_build(busan_results_plan, busan, 2024))
    _fill(book, INDICATOR_SHEET, jobs.pk, 실적=1660)
    _fill(book, INDICATOR_SHEET, text_target.pk, 실적=None, 출처=None, 기준일=None)

    result = _import(busan_editor, busan_results_plan, busan, _upload(book), "부산.xlsx")

    assert result.errors == [] and result.ok == 1
    actual = IndicatorActual.objects.get(indicator=jobs)
    assert actual.value_text == "1660"
    assert actual.history.first().history_change_reason == "엑셀 업로드: 부산.xlsx"
    assert IndicatorActual.objects.get(indicator=text_target).value_text == "수립 중"


@pytest.mark.django_db
def test_one_bad_row_stores_nothing_and_every_error_is_named(
    busan_results_plan, orgs, busan_editor, seoul_indicator
):
    busan = orgs["부산"]
    jobs, text_target = busan_results_plan.indicators.order_by("position")
    core = busan_results_plan.tasks.get(kind=TaskKind.CORE)
    book = _book(results_workbook_build(busan_results_plan, busan, 2024))
    _fill(book, INDICATOR_SHEET, jobs.pk, 실적="31,6", 출처="통계청", 기준일="2025-01-31")
    _fill(book, INDICATOR_SHEET, text_target.pk, 실적="완료", 출처="고시", 기준일="2024-13-45")
    book[INDICATOR_SHEET].append([seoul_indicator.pk] + [""] * 6 + ["5", "통계청", "2025-01-31"])
    _fill(book, ACCOUNT_SHEET, f"task-{core.pk}", **{ACCOUNT_COLUMN: "좋은 설명"})

    result = _import(busan_editor, busan_results_plan, busan, _upload(book))

    assert IndicatorActual.objects.count() == 0
    assert SelfAssessment.objects.count() == 0
    assert result.ok == 0
    assert [(e.sheet, e.row) for e in result.errors] == [
        (INDICATOR_SHEET, 2),
        (INDICATOR_SHEET, 3),
        (INDICATOR_SHEET, 4),
    ]
    comma, bad_date, other_body = (str(e) for e in result.errors)
    assert comma.startswith(f"시트 '{INDICATOR_SHEET}' 2행: ") and "31,6" in comma
    assert "2024-13-45" in bad_date and "날짜" in bad_date
    assert f"ID {seoul_indicator.pk}" in other_body and "부산" in other_body


@pytest.mark.django_db
def test_a_formula_is_kept_as_text_and_written_back_as_text(busan_results_plan, orgs, busan_editor):
    busan = orgs["부산"]
    jobs = busan_results_plan.indicators.get(position=1)
    formula = '=HYPERLINK("http://example.com/x","보기")'
    book = _book(results_workbook_build(busan_results_plan, busan, 2024))
    _fill(
        book, INDICATOR_SHEET, jobs.pk, 실적="12", 출처="통계청", 기준일="2025-01-31", 비고=formula
    )
    assert book[INDICATOR_SHEET]["K2"].data_type == "f"  # what the body uploads is a formula

    result = _import(busan_editor, busan_results_plan, busan, _upload(book))

    assert result.errors == []
    assert IndicatorActual.objects.get().note == formula
    again = _book(results_workbook_build(busan_results_plan, busan, 2024))[INDICATOR_SHEET]["K2"]
    assert (again.value, again.data_type, again.quotePrefix) == (formula, "s", True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, filename, message",
    [
        (b"not a spreadsheet", "실적.xlsx", "Excel(.xlsx) 파일을 열 수 없습니다"),
        (b"a,b\n1,2\n", "실적.csv", "Excel(.xlsx) 파일만"),
        (b"0" * (MAX_UPLOAD_BYTES + 1), "실적.xlsx", "파일이 너무 큽니다"),
        (_zip_bomb(), "실적.xlsx", "압축 폭탄"),
    ],
)
def test_a_file_that_is_not_a_bounded_xlsx_is_refused(
    busan_results_plan, orgs, busan_editor, content, filename, message
):
    file = SimpleUploadedFile(filename, content)

    result = _import(busan_editor, busan_results_plan, orgs["부산"], file, filename)

    assert result.ok == 0 and len(result.errors) == 1
    assert message in str(result.errors[0])


@pytest.mark.django_db
def test_a_workbook_with_too_many_rows_is_refused(busan_results_plan, orgs, busan_editor):
    book = _book(results_workbook_build(busan_results_plan, orgs["부산"], 2024))
    book[ACCOUNT_SHEET].cell(row=10_001, column=1, value="task-1")

    result = _import(busan_editor, busan_results_plan, orgs["부산"], _upload(book))

    assert [(e.sheet, str(e)) for e in result.errors] == [
        (ACCOUNT_SHEET, f"시트 '{ACCOUNT_SHEET}': 행이 너무 많습니다(10,000행까지 읽습니다).")
    ]


@pytest.mark.django_db
def test_submitted_results_take_no_workbook_and_nothing_is_written(
    busan_results_plan, orgs, busan_editor
):
    busan = orgs["부산"]
    jobs, text_target = busan_results_plan.indicators.order_by("position")
    indicator_actual_record(
        actor=busan_editor, indicator=jobs, year=2024, value_text="1655", source="통계청",
        observed_on=date(2025, 1, 31),
    )  # fmt: skip
    result_submit(actor=busan_editor, submission=result_submission_for(busan_results_plan, busan))
    book = _book(results_workbook_build(busan_results_plan, busan, 2024))
    _fill(book, INDICATOR_SHEET, text_target.pk, 실적="완료", 출처="고시", 기준일="2024-11-30")

    with pytest.raises(StateConflict):
        _import(busan_editor, busan_results_plan, busan, _upload(book))

    assert IndicatorActual.objects.count() == 1


@pytest.mark.django_db
def test_another_body_may_not_import(busan_results_plan, orgs, personas):
    book = _book(results_workbook_build(busan_results_plan, orgs["부산"], 2024))

    with pytest.raises(NotAllowed):
        _import(personas("seoul_editor"), busan_results_plan, orgs["부산"], _upload(book))


@pytest.mark.django_db
def test_pages_download_for_viewers_and_upload_for_editors_only(
    client, busan_results_plan, orgs, personas, busan_editor
):
    download = reverse("results:workbook", args=[2024, "부산"])
    upload = reverse("results:workbook_upload", args=[2024, "부산"])
    jobs = busan_results_plan.indicators.get(position=1)
    book = _book(results_workbook_build(busan_results_plan, orgs["부산"], 2024))
    _fill(book, INDICATOR_SHEET, jobs.pk, 실적="93.5", 출처="통계청", 기준일="2025-01-31")

    assert client.get(download).status_code == 302  # to sign in
    client.force_login(personas("busan_viewer"))
    response = client.get(download)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert client.get(upload).status_code == 403
    assert client.post(upload, {"file": _upload(book)}).status_code == 403
    assert IndicatorActual.objects.count() == 0
    client.force_login(personas("seoul_editor"))
    assert client.get(download).status_code == 403

    client.force_login(busan_editor)
    assert client.get(upload).status_code == 200
    response = client.post(upload, {"file": _upload(book)})
    assert response.status_code == 302
    assert IndicatorActual.objects.get().value_text == "93.5"
    _fill(book, INDICATOR_SHEET, jobs.pk, 실적="31,6")
    refused = client.post(upload, {"file": _upload(book)})
    assert refused.status_code == 422
    assert f"시트 &#x27;{INDICATOR_SHEET}&#x27; 2행" in refused.content.decode()
    too_large = client.post(
        upload, {"file": SimpleUploadedFile("big.xlsx", b"0" * (MAX_UPLOAD_BYTES + 1))}
    )
    assert too_large.status_code == 422
    assert "파일이 너무 큽니다" in too_large.content.decode()
    for year, org in [(2024, "없는곳"), (99999, "부산"), (2024, "a\x00b"), (2023, "부산")]:
        for name in ("results:workbook", "results:workbook_upload"):  # 400: NUL in the path
            assert client.get(reverse(name, args=[year, org])).status_code in (400, 404)


@pytest.mark.django_db
def test_the_real_2024_busan_template_holds_busans_indicators(plan_2024, db):
    busan = Organization.objects.get(short_name="부산")
    plan = Plan.objects.get(year=2024, level=PlanLevel.PROVINCE, owner=busan, is_draft=False)

    book = _book(results_workbook_build(plan, busan, 2024))

    ids = [row["ID"] for row in _rows(book[INDICATOR_SHEET])]
    assert ids and ids == [i.pk for i in reported_indicators(plan, busan)]
    assert set(plan.indicators.values_list("pk", flat=True)) == set(ids)
    assert _rows(book[ACCOUNT_SHEET])
    ministry = Organization.objects.get(short_name="과기정통부")
    sectoral = Plan.objects.get(year=2024, level=PlanLevel.SECTORAL, is_draft=False)
    led = _book(results_workbook_build(sectoral, ministry, 2024))
    assert [row["ID"] for row in _rows(led[INDICATOR_SHEET])] == [
        i.pk for i in reported_indicators(sectoral, ministry)
    ]
    assert {row["재원"] for row in _rows(led[FISCAL_SHEET])} == {"국비"}
