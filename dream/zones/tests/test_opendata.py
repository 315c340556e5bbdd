"""The data package's zone tables: valid with the rest of the package, one row per
designation and decision of a published year, the area as entered beside its reading, the
cap with its basis (empty where the plan is silent), formula-like text made harmless."""

import csv

import pytest
from frictionless import validate

from dream.opendata.services import datapackage_export
from dream.plans.models import Plan


@pytest.fixture
def package(tmp_path, deliberated, apply):
    apply(persona="committee_staff", province="서울", name='=HYPERLINK("http://x")', area_text="")
    datapackage_export(directory=tmp_path)
    return tmp_path


def read(directory, name):
    with (directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_package_with_zone_tables_validates(package):
    report = validate(package / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_designation_row_has_its_area_as_entered_and_its_cap_with_the_basis(package, deliberated):
    rows = {row["province"]: row for row in read(package, "zone_designations")}

    busan = rows["부산"]
    assert (busan["zone_designation_id"], busan["priority_task_id"], busan["year"]) == (
        str(deliberated.pk),
        str(deliberated.task_id),
        "2024",
    )
    assert (busan["area_text"], busan["area_pyeong"], busan["stage"]) == (
        "120만평",
        "120",
        "deliberated",
    )
    assert (busan["cap_pyeong"], busan["cap_basis"]) == (
        "150",
        "광역시 150만평 (2024년 시행계획 l.231)",
    )
    seoul = rows["서울"]
    assert (seoul["area_pyeong"], seoul["cap_pyeong"]) == ("", "")
    assert seoul["cap_basis"].startswith("계획이 정하지 않음")
    assert seoul["name"] == '\'=HYPERLINK("http://x")'


def test_every_decision_is_a_row(package, deliberated):
    rows = read(package, "zone_designation_decisions")

    assert [(r["zone_designation_id"], r["stage"], r["decided_on"]) for r in rows] == [
        (str(deliberated.pk), "deliberated", "2024-06-05")
    ]


def test_a_year_no_longer_published_leaves_the_tables(tmp_path, deliberated):
    Plan.objects.filter(year=2024).update(is_draft=True)
    datapackage_export(directory=tmp_path)

    assert read(tmp_path, "zone_designations") == []
    assert read(tmp_path, "zone_designation_decisions") == []
