"""The template and its import: all rows or none, every error by sheet, row and column, a
formula kept as text, a bounded upload, the same file twice changing nothing, and 관리 구분
never moved by a file."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from dream.cycle.errors import NotAllowed
from dream.regional_tasks import services
from dream.regional_tasks.choices import TaskState
from dream.regional_tasks.importing import (
    GUIDE_SHEET,
    HEADERS,
    SHEET,
    regional_tasks_import,
    template_csv,
    workbook_build,
)
from dream.regional_tasks.models import RegionalPolicyTask
from dream.tracking.files import MAX_UPLOAD_BYTES

HEADER = ",".join(HEADERS.values())
HYPERLINK = '=HYPERLINK("http://example.com/x","보기")'
GOOD = [
    ["부산광역시", "부산-01", "가덕도 신공항 건설", "가덕도 신공항 조기 건설", "예", "예", "국토부", "적극추진"],
    ["부산", "부산-02", "북항 재개발", "", "아니오", "예", "해수부", "보완필요"],
    ["서울", "서울-01", "AI 허브", "", "", "", "과기부", ""],
]  # fmt: skip


def csv_quoted(rows, name="과제.csv") -> SimpleUploadedFile:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(HEADERS.values())
    writer.writerows(rows)
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8"))


def xlsx_file(rows, name="과제.xlsx") -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(workbook_build()))
    for row in rows:
        book[SHEET].append(row)
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def run(actor, upload):
    upload.seek(0)
    return regional_tasks_import(actor=actor, file=upload, filename=upload.name)


def test_a_good_csv_registers_every_row_by_names_and_aliases(staff):
    result = run(staff, csv_quoted(GOOD))

    assert result.accepted, result.messages
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    first = RegionalPolicyTask.objects.get(code="부산-01")
    assert (first.province.short_name, first.ministry.short_name, first.state) == (
        "부산",
        "국토부",
        TaskState.ACTIVE,
    )
    assert first.announced_2022 and first.in_comprehensive_plan
    seoul = RegionalPolicyTask.objects.get(code="서울-01")
    assert seoul.ministry.short_name == "과기정통부"  # 과기부, another printed name
    assert (seoul.announced_2022, seoul.in_comprehensive_plan, seoul.state) == (
        False,
        False,
        TaskState.ACTIVE,
    )
    assert RegionalPolicyTask.objects.get(code="부산-02").state == TaskState.NEEDS_WORK
    assert first.history.get().history_change_reason == "가져오기: 과제.csv"


def test_a_good_xlsx_keeps_a_formula_as_the_text_written(staff):
    rows = [["부산", "부산-07", HYPERLINK, HYPERLINK, "예", "예", "행안부", "중장기"]]
    result = run(staff, xlsx_file(rows))

    assert result.accepted, result.messages
    task = RegionalPolicyTask.objects.get()
    assert (task.title, task.origin_pledge, task.state) == (HYPERLINK, HYPERLINK, "long_term")
    again = load_workbook(io.BytesIO(workbook_build([task])))[SHEET]["C2"]
    assert (again.value, again.data_type) == (HYPERLINK, "s")


def test_a_formula_in_a_csv_is_kept_as_text(staff):
    assert run(staff, csv_quoted([["부산", "부산-08", HYPERLINK, "", "", "", "", ""]])).accepted
    assert RegionalPolicyTask.objects.get().title == HYPERLINK


def test_a_bad_row_stores_nothing_and_every_error_is_named_by_sheet_row_and_column(staff):
    rows = [
        GOOD[0],
        ["부산", "부산-03", "", "", "몰라", "예", "없는부", "끝남"],
        ["없는도", "x" * 31, "과제", "", "", "", "", ""],
        ["부산", "부산-01", "같은 번호", "", "", "", "", ""],
    ]
    result = run(staff, xlsx_file(rows))

    assert not result.accepted
    assert RegionalPolicyTask.objects.count() == 0
    assert result.messages == [
        "시트 '지역정책과제' 3행 '과제명' 열: 과제명을 적어 주세요.",
        "시트 '지역정책과제' 3행 '인수위 발표 과제(예/아니오)' 열: 예 또는 아니오로 적어 주세요(비우면 아니오).",
        "시트 '지역정책과제' 3행 '소관 부처' 열: 소관 부처 '없는부'를 찾을 수 없습니다(예: 행안부, 행정안전부).",
        "시트 '지역정책과제' 3행 '관리 구분' 열: 관리 구분은 적극추진, 보완필요, 중장기 중 하나입니다.",
        "시트 '지역정책과제' 4행 '시·도' 열: 시·도 '없는도'를 찾을 수 없습니다(예: 부산, 부산광역시).",
        "시트 '지역정책과제' 4행 '과제 번호' 열: 과제 번호는 30자까지 적을 수 있습니다.",
        "시트 '지역정책과제' 5행 '과제 번호' 열: 과제 번호 '부산-01'가 2행과 겹칩니다.",
    ]  # fmt: skip


def test_csv_errors_name_the_row_and_column(staff):
    result = run(staff, csv_quoted([["부산", "부산-01", "공항\x07", "", "", "", "", ""]]))
    assert result.messages == [
        "2행 '과제명' 열: 과제명에 쓸 수 없는 제어 문자(보이지 않는 문자)가 들어 있습니다. "
        "지우고 다시 적어 주세요."
    ]


def test_a_new_row_may_not_start_closed(staff):
    result = run(staff, csv_quoted([["부산", "부산-01", "과제", "", "", "", "", "종결"]]))
    assert "종결 절차로만" in result.messages[0]
    assert not RegionalPolicyTask.objects.exists()


def test_the_same_file_again_changes_nothing(staff):
    upload = xlsx_file(GOOD)
    assert run(staff, upload).created == 3
    histories = sum(t.history.count() for t in RegionalPolicyTask.objects.all())

    again = run(staff, upload)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert sum(t.history.count() for t in RegionalPolicyTask.objects.all()) == histories


def test_a_changed_row_updates_the_task_with_its_history(staff):
    run(staff, csv_quoted(GOOD))
    changed = [GOOD[0][:2] + ["가덕도 신공항 조기 개항"] + GOOD[0][3:6] + ["", ""]]
    result = run(staff, csv_quoted(changed, name="고침.csv"))

    assert (result.updated, result.unchanged) == (1, 0)
    task = RegionalPolicyTask.objects.get(code="부산-01")
    assert (task.title, task.ministry, task.state) == ("가덕도 신공항 조기 개항", None, "active")
    assert task.history.latest().history_change_reason == "가져오기: 고침.csv"


def test_a_state_change_by_file_is_refused(staff):
    run(staff, csv_quoted(GOOD))
    moved = [GOOD[0][:7] + ["중장기"]]
    result = run(staff, csv_quoted(moved))
    assert result.messages == [
        "2행 '관리 구분' 열: 관리 구분은 가져오기로 바꾸지 않습니다(지금 적극추진, 파일 중장기). "
        "구분 변경은 위원회가, 종결은 종결 절차로 합니다."
    ]
    assert RegionalPolicyTask.objects.get(code="부산-01").state == TaskState.ACTIVE


def test_the_filled_download_of_a_closing_task_uploads_back_unchanged(closing, staff):
    book = workbook_build(RegionalPolicyTask.objects.select_related("province", "ministry"))
    result = run(staff, SimpleUploadedFile("내려받은.xlsx", book))
    assert (result.accepted, result.unchanged) == (True, 1)
    closing.refresh_from_db()
    assert closing.state == TaskState.CLOSING


def test_a_province_member_imports_its_own_rows_but_not_another_provinces(personas):
    editor = personas("busan_editor")
    assert run(editor, csv_quoted(GOOD[:2])).created == 2

    result = run(editor, csv_quoted([GOOD[0][:2] + ["새 이름"] + GOOD[0][3:], GOOD[2]]))

    assert result.messages == [
        "3행 '시·도' 열: 서울의 과제는 가져올 수 없습니다. 서울의 작성 권한이 있는 담당자나 "
        "위원회 담당자만 가져옵니다."
    ]
    assert RegionalPolicyTask.objects.get(code="부산-01").title == "가덕도 신공항 건설"
    assert not RegionalPolicyTask.objects.filter(code="서울-01").exists()


def test_nobodys_editor_may_not_import_at_all(personas):
    for persona in ("busan_viewer", "anonymous", "ministry_editor"):
        with pytest.raises(NotAllowed):
            run(personas(persona), csv_quoted(GOOD[:1]))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("큰.csv", b"a" * (MAX_UPLOAD_BYTES + 1)), "파일이 너무 큽니다"),
        (SimpleUploadedFile("과제.txt", b"x"), "CSV(.csv) 또는 Excel(.xlsx)"),
        (SimpleUploadedFile("과제.xlsx", b"not a zip"), "Excel(.xlsx) 파일을 열 수 없습니다"),
        (SimpleUploadedFile("과제.csv", HEADER.encode() + b"\n\x00"), "NUL"),
        (SimpleUploadedFile("과제.csv", "시·도,과제명\n부산,x\n".encode()), "과제 번호"),
        (SimpleUploadedFile("과제.csv", (HEADER + "\n").encode()), "과제 행이 없습니다"),
        (SimpleUploadedFile("과제.csv", b""), "비어 있습니다"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(staff, upload, message):
    result = run(staff, upload)
    assert len(result.errors) == 1
    assert message in result.messages[0]
    assert not RegionalPolicyTask.objects.exists()


def test_the_templates_have_the_korean_columns_and_no_rows():
    assert template_csv().decode("utf-8-sig").splitlines() == [HEADER]
    book = load_workbook(io.BytesIO(workbook_build()))
    assert book.sheetnames == [SHEET, GUIDE_SHEET]
    assert [c.value for c in book[SHEET][1]] == list(HEADERS.values())
    assert book[SHEET].max_row == 1
    assert "원문 637줄" in " ".join(str(row[0].value) for row in book[GUIDE_SHEET].iter_rows())


def test_the_command_imports_as_the_named_person_and_fails_with_every_error(
    staff, tmp_path, capsys
):
    good = tmp_path / "과제.csv"
    good.write_bytes(csv_quoted(GOOD).read())
    call_command("import_regional_tasks", str(good), actor=staff.username)
    assert "새로 등록 3건" in capsys.readouterr().out
    assert RegionalPolicyTask.objects.first().history.get().history_user == staff

    bad = tmp_path / "틀림.csv"
    bad.write_bytes(csv_quoted([["없는도", "1", "", "", "", "", "", ""]]).read())
    with pytest.raises(CommandError) as refused:
        call_command("import_regional_tasks", str(bad), actor=staff.username)
    assert "고칠 곳 2건" in str(refused.value)
    assert "2행 '과제명' 열" in str(refused.value)
    with pytest.raises(CommandError, match="사용자 'nobody'"):
        call_command("import_regional_tasks", str(good), actor="nobody")


def test_an_import_sets_a_row_back_to_what_the_file_says(staff):
    run(staff, csv_quoted(GOOD[:1]))
    task = RegionalPolicyTask.objects.get()
    services.regional_task_update(actor=staff, task=task, title="고친 이름")
    result = run(staff, csv_quoted(GOOD[:1]))
    assert result.updated == 1
    task.refresh_from_db()
    assert task.title == GOOD[0][2]
