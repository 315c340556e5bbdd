"""The register in the data package: valid Frictionless, one row per task, transition and
budget request, amounts as entered beside the 억원 read, no person's name anywhere."""

import csv

from frictionless import validate

from dream.opendata.regional_tasks import RESOURCES
from dream.opendata.services import datapackage_export
from dream.regional_tasks import services

TABLES = {resource.name: resource for resource in RESOURCES}


def read(directory, name):
    with (directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_package_with_the_register_validates_and_names_nobody(
    closing, close_path, personas, tmp_path
):
    close_path(closing)
    other = services.regional_task_register(
        actor=personas("busan_editor"),
        province=closing.province,
        code="부산-02",
        title='=HYPERLINK("http://x","y")',
        in_comprehensive_plan=True,
    )
    services.budget_request_submit(
        actor=personas("busan_editor"), task=other, year=2025, amount_text="1,234.5억원"
    )
    datapackage_export(directory=tmp_path)

    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    tasks = {row["code"]: row for row in read(tmp_path, "regional_policy_tasks")}
    assert (tasks["부산-01"]["state"], tasks["부산-01"]["state_before_closing"]) == (
        "closed",
        "needs_work",
    )
    assert tasks["부산-02"]["title"] == '\'=HYPERLINK("http://x","y")'  # formula-safe
    steps = [row["closure_step"] for row in read(tmp_path, "regional_task_transitions")]
    assert steps == ["", "", "agreement", "expert_committee", "inspection_report"]
    (budget,) = read(tmp_path, "regional_task_budget_requests")
    assert (budget["amount_eok"], budget["amount_text"], budget["stage"]) == (
        "1234.5",
        "1,234.5억원",
        "requested",
    )
    published = "".join(
        (tmp_path / f"{name}.csv").read_text(encoding="utf-8-sig") for name in TABLES
    )
    for username in ("busan_editor", "committee_staff", "ministry_editor"):
        assert username not in published
