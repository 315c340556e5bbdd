"""Storing the digital plan: what lands in the database, changes only, all or nothing,
and `dream import-plan` telling the two supported documents apart."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dream.accounts.models import Organization, User
from dream.accounts.services import system_user
from dream.digital.models import (
    DigitalArea,
    DigitalBudget,
    DigitalGoal,
    DigitalPlan,
    DigitalTask,
    DigitalTaskMinistry,
)
from dream.digital.services import digital_plan_import
from dream.ingest.document import PlanFormatError
from dream.plans.models import Plan

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
DOCUMENT = SEEDS / "2023-digital-plan.txt"
FACTS = SEEDS / "digital-plan-facts.toml"
MODELS = (DigitalPlan, DigitalArea, DigitalTask, DigitalTaskMinistry, DigitalGoal, DigitalBudget)

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def history_counts() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in MODELS}


def edited(tmp_path: Path, line: int, old: str, new: str) -> Path:
    """A copy of the document with one printed line changed."""
    lines = DOCUMENT.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path = tmp_path / "2023-digital-plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def task_at(line: int) -> DigitalTask:
    return DigitalTask.objects.get(source_line=line)


def linked(task: DigitalTask) -> list[tuple[str, str, str]]:
    return [
        (link.ministry.kind, link.ministry.short_name, link.ministry.full_name)
        for link in task.ministry_links.select_related("ministry")
    ]


@pytest.fixture
def imported(db):
    return digital_plan_import(actor=system_user(), path=DOCUMENT)


@pytest.fixture
def officer(db):
    return User.objects.create(username="officer", first_name="담당자")


# ── what is stored ──────────────────────────────────────────────────────────────────


def test_the_plan_its_structure_tasks_goals_and_budgets_are_stored(imported):
    plan = DigitalPlan.objects.get()
    assert (plan.title, plan.year, plan.source_line) == ("지방 디지털 경쟁력 강화방안(안)", 2023, 1)
    assert plan.vision.startswith("디지털 중심 지방발전체계(DREAM*) 구축으로")
    assert {
        kind: plan.areas.filter(kind=kind).count() for kind in ("pillar", "area", "sub_area")
    } == {
        "pillar": 2,
        "area": 4,
        "sub_area": 9,
    }
    assert plan.tasks.count() == 42
    assert plan.goals.filter(kind="headline").count() == 3
    assert plan.goals.filter(kind="sub").count() == 6
    assert plan.budgets.count() == 14
    assert (imported.created, imported.updated, imported.deleted) == (sum(counts().values()), 0, 0)
    assert imported.findings == []


def test_areas_hang_under_their_parents_and_carry_the_summary_labels(imported):
    area = DigitalArea.objects.get(code="1-1")
    assert (area.kind, area.parent.code, area.label) == ("area", "1", "[거점·기술]")
    assert list(area.children.values_list("code", flat=True)) == ["1-1-1", "1-1-2"]
    labels = dict(DigitalArea.objects.filter(kind="area").values_list("code", "label"))
    assert labels == {
        "1-1": "[거점·기술]",
        "1-2": "[실증·보급]",
        "2-1": "[인적자원]",
        "2-2": "[지원체계]",
    }
    assert DigitalArea.objects.get(code="2-2-2").parent.code == "2-2"


def test_a_task_links_the_ministries_it_names_in_printed_order(imported):
    task = task_at(1824)
    assert (task.area.code, task.start_year, task.schedule_text) == ("1-1-1", 2025, "’25~")
    assert task.ministries_text == "과기정통부, 국토부, 교육부 등"
    assert [short for _kind, short, _full in linked(task)] == ["과기정통부", "국토부", "교육부"]
    assert list(task.ministry_links.values_list("position", flat=True)) == [1, 2, 3]


def test_the_committee_and_the_bodies_this_plan_adds_are_linked_by_their_real_names(imported):
    assert linked(task_at(1922)) == [("committee", "위원회", "지방시대위원회")]
    assert linked(task_at(1918)) == [("ministry", "디지털플랫폼정부위", "디지털플랫폼정부위원회")]
    assert linked(task_at(1856)) == [("ministry", "농식품부", "농림축산식품부")]


def test_a_ministry_printed_under_another_name_links_its_one_record_keeping_the_print(imported):
    (link,) = task_at(1856).ministry_links.all()
    assert (link.ministry.short_name, link.printed_name) == ("농식품부", "농림부")
    assert not Organization.objects.filter(short_name="농림부").exists()
    assert task_at(1824).ministry_links.get(position=1).printed_name == "과기정통부"


def test_local_governments_and_the_whole_government_stay_in_the_printed_text_only(imported):
    task = task_at(1935)
    assert task.ministries_text == "지자체, 범정부"
    assert linked(task) == []
    assert linked(task_at(1933)) == [("ministry", "과기정통부", "과학기술정보통신부")]
    assert not Organization.objects.filter(short_name__in=["지자체", "범정부"]).exists()


def test_goals_keep_the_printed_text_beside_each_number(imported):
    goal = DigitalGoal.objects.get(key="digital-economy-output")
    assert (goal.kind, goal.position, goal.area, goal.unit) == ("headline", 1, None, "조원")
    assert (goal.baseline_year, goal.baseline_value, goal.baseline_text) == (2020, 10.5, "10.5조원")
    assert (goal.target_year, goal.target_value, goal.target_text) == (2027, 30, "30조원")
    saas = DigitalGoal.objects.get(key="saas-companies")
    assert (saas.area.code, saas.target_value, saas.target_text, saas.source_line) == (
        "1-2-1",
        100,
        "100개 이상",
        172,
    )
    assert saas.baseline_value is None and saas.baseline_text == ""


def test_budgets_keep_the_printed_amount_exactly_and_a_range_as_text_only(imported):
    jeolla = DigitalBudget.objects.get(key="ai-jeolla-2024")
    assert (jeolla.amount_eok, jeolla.printed, jeolla.area.code) == (
        Decimal("93.5"),
        "‘24년 93.5억원",
        "1-1-2",
    )
    autonomous = DigitalBudget.objects.get(printed="자율과제(1~3억원)")
    assert autonomous.amount_eok is None
    rnd = DigitalBudget.objects.get(key="gov-ict-rnd-2022")
    assert (rnd.amount_eok, rnd.printed, rnd.area) == (13_600, "1조3,600억원", None)
    assert DigitalBudget.objects.get(key="daegu-integrated-digital-projects").amount_eok == 833


# ── changes only, attributed, all or nothing ────────────────────────────────────────


def test_importing_the_same_files_again_changes_nothing(imported):
    before, history_before = counts(), history_counts()

    again = digital_plan_import(actor=system_user(), path=DOCUMENT)

    assert not again.changed
    assert counts() == before
    assert history_counts() == history_before


def test_every_change_is_recorded_under_the_importing_user(officer):
    digital_plan_import(actor=officer, path=DOCUMENT)

    for model in MODELS:
        assert set(model.history.values_list("history_user__username", flat=True)) == {"officer"}
    assert "2023-digital-plan.txt" in DigitalTask.history.first().history_change_reason


def test_a_corrected_document_changes_only_the_corrected_row(imported, tmp_path, officer):
    path = edited(tmp_path, 1874, "AI 복지사 구축", "AI 복지사 구축·확산")
    history_before = history_counts()

    result = digital_plan_import(actor=officer, path=path)

    assert (result.created, result.updated, result.deleted) == (0, 1, 0)
    assert task_at(1874).name == "AI 복지사 구축·확산"
    assert history_counts() == {**history_before, "DigitalTask": history_before["DigitalTask"] + 1}
    assert task_at(1874).history.first().history_user == officer


def test_a_task_the_document_no_longer_has_is_deleted_with_its_links(imported, tmp_path):
    lines = DOCUMENT.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "2023-digital-plan.txt"
    path.write_text("\n".join(lines[:1934]), encoding="utf-8")  # without the last task

    result = digital_plan_import(actor=system_user(), path=path)

    assert (result.created, result.updated, result.deleted) == (0, 0, 1)
    assert DigitalTask.objects.count() == 41
    assert not DigitalTask.objects.filter(source_line=1935).exists()


def test_facts_that_do_not_fit_the_document_leave_the_database_as_it_was(imported, tmp_path):
    path = edited(tmp_path, 58, "30조원", "35조원")
    before, history_before = counts(), history_counts()

    with pytest.raises(PlanFormatError, match="줄 58에 없습니다"):
        digital_plan_import(actor=system_user(), path=path)

    assert counts() == before
    assert history_counts() == history_before


def test_an_unknown_ministry_is_registered_and_reported(imported, tmp_path):
    path = edited(tmp_path, 1874, "복지부 ’23~", "복지브 ’23~")

    result = digital_plan_import(actor=system_user(), path=path)

    [finding] = result.findings
    assert (finding.code, finding.source_line) == ("ministry.unknown", 1874)
    assert "복지브" in finding.message
    assert linked(task_at(1874)) == [("ministry", "복지브", "")]


# ── dream import-plan ───────────────────────────────────────────────────────────────


def import_plan(*args: str) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_recognises_the_digital_plan_and_says_what_it_stored(db):
    first = import_plan(str(DOCUMENT))
    assert (
        "「지방 디지털 경쟁력 강화방안(안)」(분야 15개, 과제 42개, 목표 9개, 예산 14건)을 저장했습니다"
        in first
    )
    assert "검토 사항: 없음" in first

    assert "변경 없음" in import_plan(str(DOCUMENT))


def test_the_command_still_reads_the_implementation_plan(db):
    out = import_plan(str(SEEDS / "2024-implementation-plan.txt"))

    assert "2024년 시행계획" in out and "저장했습니다" in out
    assert Plan.objects.filter(year=2024).exists()
    assert not DigitalPlan.objects.exists()


def test_the_command_refuses_a_text_that_is_neither_document(db, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("회의록\n참석자: …\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_plan(str(path))

    message = str(error.value)
    assert "데이터베이스는 바뀌지 않았습니다" in message
    assert (
        "「YYYY년 지방시대 시행계획」" in message and "「지방 디지털 경쟁력 강화방안」" in message
    )
    assert "'회의록'" in message


def test_the_command_refuses_a_cut_digital_plan_and_names_what_it_can_read(db, tmp_path):
    lines = DOCUMENT.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:1800]), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_plan(str(path))

    assert "'Ⅶ. 과제별 추진일정'을 찾을 수 없습니다" in str(error.value)
    assert "읽을 수 있는 문서: 「YYYY년 지방시대 시행계획」과" in str(error.value)
    assert not DigitalPlan.objects.exists()


def test_the_command_takes_another_facts_file(db, tmp_path):
    with pytest.raises(CommandError, match="사실 파일을 읽을 수 없습니다"):
        import_plan(str(DOCUMENT), "--facts", str(tmp_path / "missing.toml"))

    copy = tmp_path / "facts.toml"
    copy.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    assert "저장했습니다" in import_plan(str(DOCUMENT), "--facts", str(copy))


# ── the shared fixture (last: it stays for the rest of the module) ───────────────────


def test_the_shared_fixture_provides_the_plan_for_other_apps(digital_plan_2023, db):
    assert DigitalTask.objects.count() == 42
    assert DigitalGoal.objects.filter(kind="headline").count() == 3
