"""The 지특회계 import (ADR 0008 step 7): all rows or none with every row's error, printed
text kept, organizations by the registry's names, a proposed task by name similarity that
staff confirm or set to none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from dream.cycle.errors import InvalidInput, NotAllowed
from dream.evaluation.choices import MatchStatus
from dream.evaluation.models import SpecialAccountResult
from dream.evaluation.special_account import (
    SpecialAccountRefused,
    special_account_import,
    special_account_match,
    special_account_template,
)

HEADER = "계정,사업명,기관,등급,점수\n"


def upload(text: str, name: str = "지특.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def run(staff, text, name="지특.csv", year=2024):
    file = upload(text, name)
    return special_account_import(actor=staff, year=year, file=file, filename=name)


def test_rows_are_kept_as_printed_with_a_proposed_task(staff, busan_2024):
    rows = run(
        staff, HEADER + "자율계정,자치역량 강화 사업,부산광역시,우수,85.5\n지원계정,=1+1,부산,,\n"
    )
    assert [r.account_text for r in rows] == ["자율계정", "지원계정"]
    first, second = rows
    assert first.organization.short_name == "부산" and str(first.score) == "85.5000"
    assert first.matched_task.name == "자치역량 강화"
    assert first.match_status == MatchStatus.PROPOSED
    assert second.project_name == "=1+1"  # formula-like text stays text
    assert second.score is None and second.match_status == MatchStatus.NONE
    assert len({r.file_sha256 for r in rows}) == 1 and len(first.file_sha256) == 64


def test_one_bad_row_stores_nothing_and_every_error_is_listed(staff, orgs):
    text = (
        HEADER
        + "자율계정,좋은 사업,부산,우수,80\n특별계정,사업,없는기관,우수,백\n지원계정,,서울,,\n"
    )
    with pytest.raises(SpecialAccountRefused) as refused:
        run(staff, text)
    errors = refused.value.errors
    assert any(e.startswith("3행") and "계정" in e for e in errors)
    assert any(e.startswith("3행") and "없는기관" in e for e in errors)
    assert any(e.startswith("3행") and "점수" in e for e in errors)
    assert any(e.startswith("4행") and "사업명" in e for e in errors)
    assert SpecialAccountResult.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused(staff, orgs):
    with pytest.raises(InvalidInput):
        run(staff, "%PDF-1.4", name="결과.pdf")
    with pytest.raises(InvalidInput):
        special_account_import(
            actor=staff, year=2024, file=SimpleUploadedFile("가짜.xlsx", b"not a zip"),
            filename="가짜.xlsx",
        )  # fmt: skip


def test_the_same_file_twice_is_refused(staff, orgs):
    run(staff, HEADER + "기타,사업,부산,보통,\n")
    with pytest.raises(InvalidInput):
        run(staff, HEADER + "기타,사업,부산,보통,\n")


def test_only_staff_import_and_match(staff, personas, busan_2024):
    with pytest.raises(NotAllowed):
        run(personas("busan_editor"), HEADER + "기타,사업,부산,보통,\n")
    [result] = run(staff, HEADER + "기타,사업,부산,보통,\n")
    task = busan_2024.tasks.first()
    with pytest.raises(NotAllowed):
        special_account_match(actor=personas("busan_editor"), result=result, task=task)
    result = special_account_match(actor=staff, result=result, task=task)
    assert (result.match_status, result.matched_task) == (MatchStatus.CONFIRMED, task)
    result = special_account_match(actor=staff, result=result, task=None)
    assert (result.match_status, result.matched_task) == (MatchStatus.NONE, None)


def test_the_template_reads_back_through_the_import(staff, orgs):
    content = special_account_template()
    assert [c.value for c in next(load_workbook(io.BytesIO(content)).active.rows)] == [
        "계정", "사업명", "기관", "등급", "점수",
    ]  # fmt: skip
    rows = special_account_import(
        actor=staff, year=2024, file=SimpleUploadedFile("서식.xlsx", content), filename="서식.xlsx"
    )
    assert rows[0].organization.short_name == "부산"


def test_the_command_imports_or_exits_with_every_error(tmp_path, orgs):
    good = tmp_path / "지특.csv"
    good.write_text(HEADER + "지원계정,사업,부산,보통,70\n", encoding="utf-8")
    out = io.StringIO()
    call_command("special_account_import", "2024", str(good), stdout=out)
    assert "1행" in out.getvalue()
    assert SpecialAccountResult.objects.get().imported_by.username == "system"
    bad = tmp_path / "나쁜.csv"
    bad.write_text(HEADER + "지원계정,사업,어디,보통,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="2행"):
        call_command("special_account_import", "2024", str(bad))
