"""The open-data package: valid Frictionless, one row per record, text as printed."""

import csv
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from frictionless import Package, validate

from dream.accounts.models import User
from dream.ingest.records import ParsedShare
from dream.ingest.services import plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.opendata.services import DIGITAL_PLAN, IMPLEMENTATION_PLAN, RESOURCES, datapackage_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def package_dir(tmp_path):
    document = small_document()
    document.plans[1].goal = "동행과 매력의\n균형도시 서울"
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )
    datapackage_export(directory=tmp_path)
    return tmp_path


def read(package_dir, name):
    with (package_dir / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_package_validates_with_frictionless(package_dir):
    report = validate(package_dir / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_resource_has_a_schema_and_its_csv(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))

    assert [r["name"] for r in descriptor["resources"]] == [r.name for r in RESOURCES]
    for resource in Package(package_dir / "datapackage.json").resources:
        assert resource.schema.field_names == [
            c.name for r in RESOURCES if r.name == resource.name for c in r.columns
        ]


def test_rows_carry_the_plan_data(package_dir):
    tasks = {row["code"]: row for row in read(package_dir, "tasks")}
    assert tasks["(3)"]["ministries"] == "행안부;법제처"
    assert tasks["(3)"]["national_budget_eok"] == "16"
    assert tasks["(1)"]["national_budget_eok"] == ""
    assert tasks["(1)"]["parent_id"] == tasks["Ⅰ-1"]["task_id"]
    assert tasks["Ⅰ-1"]["strategy_position"] == "1"

    (budget,) = read(package_dir, "budgets")
    assert (budget["source"], budget["amount_eok"], budget["strategy_position"]) == (
        "national",
        "151",
        "1",
    )

    (grdp,) = [i for i in read(package_dir, "indicators") if i["group"] == "common"]
    assert (grdp["baseline_text"], grdp["baseline_value"], grdp["target_value"]) == (
        "31,6",
        "31.6",
        "32.7",
    )


def test_line_breaks_inside_a_cell_become_one_space(package_dir):
    goals = {row["goal"] for row in read(package_dir, "plans")}

    assert "동행과 매력의 균형도시 서울" in goals


def test_organizations_and_memberships_cover_provinces_and_super_regions(package_dir):
    organizations = {row["org_id"]: row for row in read(package_dir, "organizations")}
    kinds = [row["kind"] for row in organizations.values()]
    assert kinds.count("province") == 17 and kinds.count("super_region") == 7
    members = [
        organizations[m["province_id"]]["short_name"]
        for m in read(package_dir, "memberships")
        if organizations[m["super_region_id"]]["short_name"] == "충청권"
    ]
    assert members == ["대전", "세종", "충북", "충남"]


HANGUL = re.compile(r"[가-힣]")


def test_the_korean_windows_excel_check_every_csv_starts_with_a_bom(package_dir):
    """Excel on Korean Windows reads a CSV without a BOM as CP949 and garbles the text."""
    for resource in RESOURCES:
        raw = (package_dir / f"{resource.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), resource.name
        header = raw.decode("utf-8-sig").splitlines()[0]
        assert header == ",".join(c.name for c in resource.columns)
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in descriptor["resources"]} == {"utf-8-sig"}


def test_every_column_has_a_korean_title_in_the_schema(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))

    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert HANGUL.search(field["title"]), (resource["name"], field["name"])


def test_the_package_names_its_licence_and_both_source_documents(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))

    assert descriptor["licenses"][0]["title"] == "공공누리 제1유형 (출처표시)"
    titles = [source["title"] for source in descriptor["sources"]]
    assert [t.split(" (")[0] for t in titles] == [IMPLEMENTATION_PLAN.title, DIGITAL_PLAN.title]


def test_korean_headers_write_the_titles_and_still_validate(package_dir, tmp_path_factory):
    directory = tmp_path_factory.mktemp("korean")
    call_command("export", str(directory), "--format", "datapackage", "--korean-headers")

    raw = (directory / "budgets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == "시행계획 ID,전략 순서,연도,재원,금액(억원),원문 표기,원문 줄"
    report = validate(directory / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_organizations_have_one_row_per_body_with_the_names_it_is_printed_under(package_dir):
    organizations = read(package_dir, "organizations")
    science = [row for row in organizations if row["full_name"] == "과학기술정보통신부"]

    assert [(row["short_name"], row["printed_names"]) for row in science] == [
        ("과기정통부", "과기정통부;과기부")
    ]
    assert not [row for row in organizations if row["short_name"] in ("과기부", "농림부")]
    seoul = next(row for row in organizations if row["short_name"] == "서울")
    assert seoul["printed_names"] == "서울"


def test_tasks_name_the_one_ministry_and_keep_what_was_printed(tmp_path):
    document = small_document()
    document.plans[0].tasks[0].children[1].ministries = ["과기부", "법제처"]
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )
    datapackage_export(directory=tmp_path)

    tasks = {row["code"]: row for row in read(tmp_path, "tasks")}
    assert (tasks["(3)"]["ministries"], tasks["(3)"]["ministries_printed"]) == (
        "과기정통부;법제처",
        "과기부;법제처",
    )


def test_the_printed_shares_are_a_table_of_the_package(tmp_path):
    document = small_document()
    document.plans[0].shares = [ParsedShare(2024, "sectoral", "Ⅰ", Decimal("0.8"), "0.8%", 17)]
    plan_document_store(
        actor=User.objects.create_user("officer"),
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )
    datapackage_export(directory=tmp_path)

    (share,) = read(tmp_path, "printed_shares")
    plans = {row["plan_id"]: row["level"] for row in read(tmp_path, "plans")}
    assert plans[share["plan_id"]] == "sectoral"
    assert {k: v for k, v in share.items() if k != "plan_id"} == {
        "year": "2024",
        "group": "sectoral",
        "key": "Ⅰ",
        "percent": "0.8",
        "printed": "0.8%",
        "source_line": "17",
    }
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "printed_shares")
    assert resource["title"] == "인쇄된 비율"
    assert [f["title"] for f in resource["schema"]["fields"]][4:6] == ["비율(%)", "원문 표기"]
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
