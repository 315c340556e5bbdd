"""Amounts are kept exactly as printed, decimals included (issue 8, item 5): "93.5억원"
was shown as "–" because budgets were whole 억원."""

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dream.accounts.models import User
from dream.core.fingerprint import database_fingerprint
from dream.ingest.document import PlanFormatError
from dream.ingest.numbers import parse_eok
from dream.ingest.reader import plan_document_read
from dream.ingest.records import ParsedBudget
from dream.ingest.services import plan_document_import, plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.opendata.services import datapackage_export
from dream.plans.models import Budget, Plan, Task
from dream.plans.selectors.overview import strategy_shares
from dream.plans.selectors.sectoral import sectoral_summary
from dream.web.templatetags.dream_format import eok


@pytest.mark.parametrize(
    ("printed", "amount"),
    [
        ("93.5억원", Decimal("93.5")),
        ("135.27억원", Decimal("135.27")),
        ("1,234", Decimal("1234")),
        ("24.6조원", Decimal("246000")),
        ("1조3,600억원", None),  # not one number: the digital facts record it by hand
    ],
)
def test_an_amount_is_read_exactly_as_printed(printed, amount):
    assert parse_eok(printed).value == amount


def test_a_range_is_not_read_as_a_number():
    parsed = parse_eok("1~3억원")

    assert parsed.value is None and parsed.problem


def _store(budget: ParsedBudget):
    document = small_document()
    seoul = document.plans[1]
    seoul.budgets = [budget]
    return plan_document_store(
        actor=User.objects.get_or_create(username="officer")[0],
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )


@pytest.mark.django_db
def test_93_5억원_round_trips_from_import_to_page_and_export(client, tmp_path):
    printed = "93.5억원"
    _store(ParsedBudget(2024, "total", parse_eok(printed).value, printed, 25))

    assert Budget.objects.get(plan__owner__short_name="서울").amount_eok == Decimal("93.5")
    html = client.get(reverse("web:province_detail", args=["서울"])).content.decode()
    assert "93.5억원" in html
    datapackage_export(directory=tmp_path)
    with (tmp_path / "budgets.csv").open(encoding="utf-8-sig", newline="") as file:
        amounts = {row["amount_eok"] for row in csv.DictReader(file)}
    assert "93.5" in amounts


@pytest.mark.django_db
def test_a_third_decimal_is_refused_not_rounded():
    _store(ParsedBudget(2024, "total", Decimal("93.5"), "93.5억원", 25))
    before = database_fingerprint()

    with pytest.raises(PlanFormatError, match="소수점 아래가 2자리를 넘습니다"):
        _store(ParsedBudget(2024, "total", Decimal("93.555"), "93.555억원", 25))

    assert database_fingerprint() == before


@pytest.mark.django_db
def test_sums_of_decimal_amounts_are_exact_on_every_database():
    """SQLite keeps DecimalField as REAL: a SQL SUM of 0.1 + 0.2 would not be 0.3."""
    document = small_document()
    sectoral = document.plans[0]
    sectoral.budgets = [
        replace(sectoral.budgets[0], amount_eok=Decimal("0.1"), printed="0.1"),
        ParsedBudget(2024, "total", Decimal("0.2"), "0.2", 16, strategy_position=1),
    ]
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )

    (first, *_rest) = strategy_shares(2024)
    assert first.ministries_eok == Decimal("0.3")


SOURCE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"
# "(1) 지방정부 역량 강화 2 16 행안부": the task table of Ⅳ and its repetition in 참고 1
TASK_ROW_LINES = (6735, 13392)


def _plan_with_task_budget(tmp_path: Path, printed: str) -> Path:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    for number in TASK_ROW_LINES:
        assert lines[number - 1] == "(1) 지방정부 역량 강화 2 16 행안부"
        lines[number - 1] = f"(1) 지방정부 역량 강화 2 {printed} 행안부"
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_task_budget_with_decimals_stays_exact_from_document_to_page_and_csv(client, tmp_path):
    path = _plan_with_task_budget(tmp_path, "93.5")

    read = plan_document_read(path)
    sectoral = next(plan for plan in read.plans if plan.level == "sectoral")
    task = next(t for core in sectoral.tasks for t in core.children if t.source_line == 6735)
    assert (task.national_budget_eok, task.national_budget_text) == (Decimal("93.5"), "93.5")

    plan_document_import(actor=User.objects.create_user("officer"), path=path)
    stored = Task.objects.get(plan__level="sectoral", source_line=6735)
    assert stored.national_budget_eok == Decimal("93.5")

    html = client.get(reverse("web:sectoral")).content.decode()
    assert ">93.5<" in html
    download = client.get(reverse("web:sectoral"), {"_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["원문 줄"] == "6735")
    assert row["국비(억원)"] == "93.5"

    datapackage_export(directory=tmp_path)
    with (tmp_path / "tasks.csv").open(encoding="utf-8-sig", newline="") as file:
        exported = next(r for r in csv.DictReader(file) if r["source_line"] == "6735")
    assert exported["national_budget_eok"] == "93.5"


@pytest.mark.django_db
def test_task_budgets_add_up_exactly_in_the_totals(tmp_path):
    """SQLite keeps decimals as REAL; the totals of the page must still be exact."""
    path = _plan_with_task_budget(tmp_path, "16.01")
    sectoral = next(plan for plan in plan_document_read(path).plans if plan.level == "sectoral")
    practical = [t for core in sectoral.tasks for t in core.children]
    plan_document_import(actor=User.objects.create_user("officer"), path=path)

    summary = sectoral_summary(Plan.objects.get(level="sectoral"))

    assert summary.total.national_budget_eok == sum(t.national_budget_eok or 0 for t in practical)
    assert eok(summary.total.national_budget_eok) == "246,237.01억원"


@pytest.mark.django_db
def test_a_negative_task_budget_is_still_refused_by_the_database():
    _store(ParsedBudget(2024, "total", Decimal("93.5"), "93.5억원", 25))
    task = Task.objects.first()

    task.national_budget_eok = Decimal("0.5")
    task.save()
    task.national_budget_eok = Decimal("-0.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        task.save()
