"""The Excel template: download, fill, upload — all rows or none, formulas kept as text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dream.agencies.models import PerformanceReport
from dream.agencies.workbook import (
    OUTCOME_SHEET,
    PROGRAMME_SHEET,
    performance_workbook_build,
    performance_workbook_import,
)
from dream.cycle.errors import NotAllowed

HYPERLINK = '=HYPERLINK("https://dip.or.kr","결과 보고서")'


def _filled(dip, programmes, outcomes=()) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(performance_workbook_build(dip, 2024)))
    for row in programmes:
        book[PROGRAMME_SHEET].append(row)
    for row in outcomes:
        book[OUTCOME_SHEET].append(row)
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("dip.xlsx", output.getvalue())


def _import(user, dip, upload):
    return performance_workbook_import(
        actor=user, agency=dip, year=2024, file=upload, filename=upload.name
    )


def test_a_filled_template_round_trips_with_a_formula_kept_as_text(dip, personas):
    editor = personas("agency_editor")
    upload = _filled(
        dip,
        [["과기정통부", "SW융합클러스터", 93.5, "80", HYPERLINK]],
        [["과기정통부", "SW융합클러스터", "입주 기업", "개", 40, 30]],
    )
    result = _import(editor, dip, upload)
    assert result.accepted and result.ok == 1
    report = PerformanceReport.objects.get()
    assert report.outputs == HYPERLINK
    assert report.budget_text == "93.5" and report.outcomes.get().achievement_percent == 75
    again = load_workbook(io.BytesIO(performance_workbook_build(dip, 2024)))
    cell = again[PROGRAMME_SHEET]["E2"]
    assert cell.value == HYPERLINK and cell.data_type == "s"
    assert _import(editor, dip, _filled(dip, [])).accepted  # the same file again changes nothing
    assert report.history.count() == 1


def test_a_comma_decimal_refuses_the_whole_file_naming_sheet_and_row(dip, personas):
    upload = _filled(
        dip,
        [
            ["과기정통부", "SW융합클러스터", "93.5", "", ""],
            ["행안부", "지역디지털기초체력지원", "31,6", "", ""],
            ["없는부", "무엇", "1", "", ""],
        ],
        [["과기정통부", "없는 사업", "지표", "개", 1, 1]],
    )
    result = _import(personas("agency_editor"), dip, upload)
    assert not result.accepted
    text = "\n".join(result.messages)
    assert f"시트 '{PROGRAMME_SHEET}' 3행" in text and "31,6" in text
    assert f"시트 '{PROGRAMME_SHEET}' 4행" in text
    assert f"시트 '{OUTCOME_SHEET}' 2행" in text
    assert not PerformanceReport.objects.exists()


def test_only_the_agency_writers_upload(dip, personas):
    with pytest.raises(NotAllowed):
        _import(personas("other_agency_editor"), dip, _filled(dip, []))


def test_a_file_that_is_not_xlsx_is_refused(dip, personas):
    upload = SimpleUploadedFile("dip.csv", b"a,b")
    result = _import(personas("agency_editor"), dip, upload)
    assert not result.accepted and "xlsx" in result.messages[0]
