"""Amounts are kept exactly as printed, decimals included (issue 8, item 5): "93.5억원"
was shown as "–" because budgets were whole 억원."""

import csv
from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from dream.accounts.models import User
from dream.core.fingerprint import database_fingerprint
from dream.ingest.document import PlanFormatError
from dream.ingest.numbers import parse_eok
from dream.ingest.records import ParsedBudget
from dream.ingest.services import plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.opendata.services import datapackage_export
from dream.plans.models import Budget
from dream.plans.selectors.overview import strategy_shares


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


def test_a_column_that_only_prints_whole_억원_reports_a_decimal_instead_of_rounding_it():
    parsed = parse_eok("3.5", whole=True)

    assert parsed.value is None
    assert "정수가 아닙니다" in parsed.problem


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
