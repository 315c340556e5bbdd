"""The indicators table carries what the plan prints around an indicator: its group label,
the note beside its target and that it is new; checked against 「2024년 지방시대 시행계획」."""

import csv
import json

import pytest

from dream.opendata.services import datapackage_export

pytestmark = pytest.mark.usefixtures("plan_2024")

NEW_COLUMNS = {"subgroup": "지표 묶음", "target_note": "목표 주석", "is_new": "신규 지표"}


@pytest.fixture
def package_dir(db, tmp_path):
    datapackage_export(directory=tmp_path)
    return tmp_path


def indicators(package_dir) -> dict[str, dict[str, str]]:
    """The rows of indicators.csv by source line."""
    with (package_dir / "indicators.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row["source_line"]: row for row in csv.DictReader(f)}


def test_the_new_columns_come_last_with_their_korean_titles(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["name"] == "indicators"]
    fields = resource["schema"]["fields"]

    assert [(f["name"], f["title"]) for f in fields[-3:]] == list(NEW_COLUMNS.items())
    assert [f["name"] for f in fields[:2]] == ["indicator_id", "plan_id"]


def test_a_sectoral_target_printed_as_new_keeps_its_note(package_dir):
    # 지자체 정책, 사업 추진에 대한 컨설팅 지원 건수 (건) : (’24) 5 (‘24년 신규)
    row = indicators(package_dir)["8626"]

    assert (row["baseline_text"], row["target_text"]) == ("신규", "5")
    assert (row["target_note"], row["is_new"], row["subgroup"]) == ("(‘24년 신규)", "true", "")


def test_busan_ulsan_gyeongnam_prints_a_group_label_before_an_indicator(package_dir):
    row = indicators(package_dir)["11338"]

    assert (row["subgroup"], row["name"]) == ("인재양성", "미래기술")
    assert (row["target_note"], row["is_new"]) == ("", "false")


def test_the_korean_headers_name_the_new_columns(db, tmp_path):
    datapackage_export(directory=tmp_path, korean_headers=True)
    with (tmp_path / "indicators.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))

    assert header[-3:] == list(NEW_COLUMNS.values())
