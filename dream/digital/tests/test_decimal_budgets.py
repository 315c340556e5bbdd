"""The digital plan's "‘24년 93.5억원" is kept as the amount 93.5 from the reviewed facts
to the page and the open data (issue 8, item 5: it used to show "–")."""

import csv
from decimal import Decimal

import pytest
from django.urls import reverse

from dream.digital.models import DigitalBudget
from dream.opendata.services import datapackage_export

pytestmark = pytest.mark.usefixtures("digital_plan_2023")


def test_93_5억원_round_trips_from_the_facts_to_the_page_and_the_data_package(client, db, tmp_path):
    assert DigitalBudget.objects.get(key="ai-jeolla-2024").amount_eok == Decimal("93.5")

    html = client.get(reverse("digital:dashboard")).content.decode()
    assert '<td class="num">93.5</td>' in html

    datapackage_export(directory=tmp_path)
    with (tmp_path / "digital_budgets.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["key"]: row for row in csv.DictReader(file)}
    assert rows["ai-jeolla-2024"]["amount_eok"] == "93.5"
    assert rows["gov-ict-rnd-2022"]["amount_eok"] == "13600"
    range_only = rows["innovation-district-growth-projects"]  # "자율과제(1~3억원)"
    assert (range_only["printed"], range_only["amount_eok"]) == ("자율과제(1~3억원)", "")
