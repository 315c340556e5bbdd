"""`dream import-plan` on the bundled 2024 plan and on files that are not such a plan."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from dream.indicators.models import Indicator
from dream.ingest.models import Finding, ImportRun
from dream.plans.models import Budget, Plan, Strategy, Task

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"
PROVINCES = (
    "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주".split()
)
SUPER_REGIONS = "충청권 광주전남권 대구경북권 부울경 전북권 강원권 제주권".split()

pytestmark = pytest.mark.django_db


def import_plan(path: Path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_plan", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Plan, Strategy, Task, Budget, Indicator, Finding, ImportRun)
    }


@pytest.fixture
def imported(db):
    import_plan(SAMPLE)


def test_the_plan_has_17_provinces_7_super_regions_and_the_ministries_plan(imported):
    plans = Plan.objects.filter(year=2024)
    assert (
        list(plans.filter(level="province").values_list("owner__short_name", flat=True))
        == PROVINCES
    )
    assert (
        list(plans.filter(level="super_region").values_list("owner__short_name", flat=True))
        == SUPER_REGIONS
    )
    assert plans.filter(level="sectoral").count() == 1
    assert plans.filter(level="national").count() == 1


def test_the_ministries_plan_adds_up_to_the_printed_totals(imported):
    sectoral = Plan.objects.get(level="sectoral")
    assert sectoral.strategies.filter(kind="pillar").count() == 5
    assert sectoral.tasks.filter(kind="core").count() == 22
    practical = sectoral.tasks.filter(kind="practical")
    assert practical.count() == 68
    totals = practical.aggregate(projects=Sum("project_count"), money=Sum("national_budget_eok"))
    assert totals == {"projects": 436, "money": 246_237}


def test_every_province_has_its_fiscal_table_and_indicators(imported):
    for plan in Plan.objects.filter(level="province"):
        budgets = plan.budgets.filter(year=2024, source="total")
        assert budgets.filter(strategy=None).count() == 1, plan
        assert budgets.exclude(strategy=None).count() >= 3, plan
        assert plan.indicators.filter(group="common").count() == 3, plan
        assert plan.indicators.filter(group="autonomous").exists(), plan
        assert plan.tasks.filter(kind="core").exists(), plan


def test_every_super_region_has_tasks_and_indicators(imported):
    for plan in Plan.objects.filter(level="super_region"):
        assert plan.tasks.filter(kind="core").exists(), plan
        assert plan.tasks.filter(kind="item").exists(), plan
        assert plan.indicators.exists(), plan


def test_national_totals_by_source(imported):
    national = Plan.objects.get(level="national")
    amounts = dict(
        national.budgets.filter(year=2024, strategy=None).values_list("source", "amount_eok")
    )
    assert amounts == {"total": 422_000, "national": 246_000, "local": 150_000, "private": 26_000}


def test_the_busan_typo_is_kept_as_printed_and_reported(imported):
    grdp = Indicator.objects.get(plan__owner__short_name="부산", name="1인당 GRDP")
    assert grdp.baseline_text == "31,6"
    assert str(grdp.baseline_value.normalize()) == "31.6"
    assert Finding.objects.filter(plan=grdp.plan, source_line=grdp.source_line).exists()


def test_importing_the_same_file_again_changes_nothing(imported):
    before = snapshot()
    history_before = Task.history.count() + Budget.history.count() + Indicator.history.count()

    output = import_plan(SAMPLE)

    assert "변경 없음" in output
    assert snapshot() == before
    assert Task.history.count() + Budget.history.count() + Indicator.history.count() == (
        history_before
    )


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda: b"", "빈 파일"),
        ("binary.pdf", lambda: b"%PDF-1.7\x00\x01\x02" * 100, "이진 파일"),
        (
            "latin1.txt",
            lambda: "Ⅰ. 시행계획 개요 é".encode("cp949", "replace") + b"\xff\xfe",
            "UTF-8",
        ),
        (
            "digital-cut.txt",
            lambda: "지방 디지털 경쟁력 강화방안(안)\n\nⅠ. 추진배경\n".encode(),
            "과제별 추진일정",
        ),
        (
            "other.txt",
            lambda: "2025년 업무계획\n\nⅠ. 추진배경\n".encode(),
            "지방 디지털 경쟁력 강화방안",
        ),
        ("cut.txt", lambda: "".join(_lines()[:8000]).encode(), "초광역권발전"),
        (
            "no-sectoral.txt",
            lambda: "".join(
                line for line in _lines() if not line.startswith("Ⅳ. 중앙정부")
            ).encode(),
            "부문별",
        ),
    ],
)
def test_a_file_that_is_not_such_a_plan_is_refused_and_nothing_changes(
    imported, tmp_path, name, make, message
):
    before = snapshot()

    with pytest.raises(CommandError, match=message):
        import_plan(_write(tmp_path, name, make()))

    assert snapshot() == before


def test_a_province_cut_off_in_the_middle_is_refused_with_its_line(db, tmp_path):
    lines = _lines()
    start = next(
        i for i, line in enumerate(lines) if line.strip().startswith("부산광역시 시민들이")
    )
    end = next(
        i for i, line in enumerate(lines) if line.strip().startswith("대구광역시") and i > start
    )
    cut = lines[: start + 20] + lines[end:]

    with pytest.raises(CommandError, match=r"줄 \d+"):
        import_plan(_write(tmp_path, "cut-busan.txt", "".join(cut).encode()))

    assert Plan.objects.count() == 0


def test_the_exported_2024_plan_is_a_valid_data_package(imported, tmp_path):
    from frictionless import validate

    from dream.opendata.services import datapackage_export

    report = validate(datapackage_export(directory=tmp_path))

    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:10]
    assert (tmp_path / "tasks.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == Task.objects.count() + 1
