"""The open-data export: a Frictionless Data Package of CSV tables in UTF-8 with a BOM.

The column names and types below are a published contract (docs/opendata.md):
add columns at the end, never rename or drop one. Each column names the ORM lookup it
is read from (`source`, default: its own name), so a table is one `values_list` query,
and its Korean `title`, the schema's title and the header of `--korean-headers`.
The BOM ("utf-8-sig") is what makes Excel on Korean Windows read the files as UTF-8
instead of CP949; frictionless and csv readers given "utf-8-sig" skip it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import QuerySet

from dream.accounts.models import Organization, OrganizationAlias, SuperRegionMembership
from dream.core.spreadsheets import formula_safe
from dream.digital.models import (
    DigitalArea,
    DigitalBudget,
    DigitalGoal,
    DigitalPlan,
    DigitalTask,
    DigitalTaskMinistry,
)
from dream.districts.models import DistrictMeasure, InnovationDistrict, StageChange
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.links.models import TaskLink
from dream.plans.models import Budget, Plan, PrintedShare, Strategy, Task, TaskMinistry
from dream.tracking.models import GoalValue

PACKAGE_NAME = "dream-implementation-plan"
LICENSE = {
    "name": "KOGL-Type1",
    "title": "공공누리 제1유형 (출처표시)",
    "path": "https://www.kogl.or.kr/info/licenseType1.do",
}
ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class SourceDocument:
    """A document DREAM's figures are read from, cited on pages, downloads and the package."""

    title: str  # as printed, without 「」
    note: str  # who decided it and when

    @property
    def citation(self) -> str:
        return f"「{self.title}」({self.note})"


IMPLEMENTATION_PLAN = SourceDocument("2024년 지방시대 시행계획", "지방시대위원회, 2024. 4. 4. 의결")
DIGITAL_PLAN = SourceDocument("지방 디지털 경쟁력 강화방안(안)", "2023")
SOURCE_DOCUMENTS = (IMPLEMENTATION_PLAN, DIGITAL_PLAN)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date, datetime
    title: str  # Korean label
    required: bool = False
    source: str = ""  # ORM lookup; default: the column's name

    @property
    def lookup(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[tuple[str, str, str]]  # (column, resource, column)
    queryset: Callable[[], QuerySet]
    rows: Callable[[Resource], Iterable[tuple]] | None = field(default=None)

    def read(self) -> Iterable[tuple]:
        if self.rows:
            return self.rows(self)
        return self.queryset().values_list(*(c.lookup for c in self.columns))


def _c(name: str, type_: str, title: str, required: bool = False, source: str = "") -> Column:
    return Column(name, type_, title, required, source)


def _with_joined(
    **columns: Callable[[], dict[int, list[str]]],
) -> Callable[[Resource], Iterable[tuple]]:
    """Rows whose named columns join with `;` the names that each callable gives for the
    row's ID (its first column); the other columns are read as usual."""

    def rows(resource: Resource) -> Iterable[tuple]:
        joined = {name: names() for name, names in columns.items()}
        lookups = [c.lookup for c in resource.columns if c.name not in joined]
        for row in resource.queryset().values_list(*lookups):
            read = iter(row)
            yield tuple(
                ";".join(joined[c.name].get(row[0], [])) if c.name in joined else next(read)
                for c in resource.columns
            )

    return rows


def _linked(link_model, lookup: str) -> Callable[[], dict[int, list[str]]]:
    """Per task, `lookup` of its linked bodies in printed order (lead first); `link_model`
    has `task`, `ministry`, `position` and `printed_name` (TaskMinistry, DigitalTaskMinistry)."""

    def names() -> dict[int, list[str]]:
        by_task: dict[int, list[str]] = {}
        for task_id, name in link_model.objects.order_by("task_id", "position").values_list(
            "task_id", lookup
        ):
            by_task.setdefault(task_id, []).append(name)
        return by_task

    return names


def _printed_names() -> dict[int, list[str]]:
    """Per organization, every name it is printed under: its short name, then the others."""
    names = {pk: [short] for pk, short in Organization.objects.values_list("pk", "short_name")}
    for pk, alias in OrganizationAlias.objects.order_by("name").values_list(
        "organization_id", "name"
    ):
        names[pk].append(alias)
    return names


RESOURCES = [
    Resource(
        "organizations",
        "기관",
        [
            _c("org_id", "integer", "기관 ID", True, "pk"),
            _c("kind", "string", "종류", True),
            _c("short_name", "string", "약칭", True),
            _c("full_name", "string", "정식 명칭"),
            _c("parent_id", "integer", "상위 기관 ID"),
            _c("capital_region", "boolean", "수도권"),
            _c("printed_names", "string", "문서에 인쇄된 이름"),
        ],
        ["org_id"],
        [("parent_id", "organizations", "org_id")],
        lambda: Organization.objects.order_by("pk"),
        _with_joined(printed_names=_printed_names),
    ),
    Resource(
        "memberships",
        "초광역권 구성 시·도",
        [
            _c("super_region_id", "integer", "초광역권 ID", True),
            _c("province_id", "integer", "시·도 ID", True),
        ],
        ["super_region_id", "province_id"],
        [
            ("super_region_id", "organizations", "org_id"),
            ("province_id", "organizations", "org_id"),
        ],
        lambda: SuperRegionMembership.objects.order_by("pk"),
    ),
    Resource(
        "plans",
        "시행계획",
        [
            _c("plan_id", "integer", "시행계획 ID", True, "pk"),
            _c("year", "integer", "연도", True),
            _c("level", "string", "수준", True),
            _c("owner_id", "integer", "수립 주체 ID", True),
            _c("goal", "string", "목표"),
            _c("source_line", "integer", "원문 줄"),
        ],
        ["plan_id"],
        [("owner_id", "organizations", "org_id")],
        lambda: Plan.objects.filter(is_draft=False).order_by("pk"),
    ),
    Resource(
        "strategies",
        "전략",
        [
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("kind", "string", "종류", True),
            _c("position", "integer", "순서", True),
            _c("code", "string", "번호"),
            _c("name", "string", "전략명", True),
            _c("source_line", "integer", "원문 줄"),
        ],
        ["plan_id", "kind", "position"],
        [("plan_id", "plans", "plan_id")],
        lambda: Strategy.objects.filter(plan__is_draft=False).order_by(
            "plan_id", "kind", "position"
        ),
    ),
    Resource(
        "tasks",
        "과제",
        [
            _c("task_id", "integer", "과제 ID", True, "pk"),
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("parent_id", "integer", "상위 과제 ID"),
            _c("kind", "string", "종류", True),
            _c("position", "integer", "순서", True),
            _c("code", "string", "번호"),
            _c("name", "string", "과제명", True),
            _c("strategy_position", "integer", "전략 순서", source="strategy__position"),
            _c("ministries", "string", "담당 부처"),
            _c("project_count", "integer", "사업 수"),
            _c("national_budget_eok", "number", "국비(억원)"),
            _c("national_budget_text", "string", "국비(원문)"),
            _c("description", "string", "내용"),
            _c("source_line", "integer", "원문 줄"),
            _c("ministries_printed", "string", "담당 부처(원문 표기)"),
        ],
        ["task_id"],
        [("plan_id", "plans", "plan_id"), ("parent_id", "tasks", "task_id")],
        lambda: Task.objects.filter(plan__is_draft=False).order_by("pk"),
        _with_joined(
            ministries=_linked(TaskMinistry, "ministry__short_name"),
            ministries_printed=_linked(TaskMinistry, "printed_name"),
        ),
    ),
    Resource(
        "budgets",
        "재정투입",
        [
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("strategy_position", "integer", "전략 순서", source="strategy__position"),
            _c("year", "integer", "연도", True),
            _c("source", "string", "재원", True),
            _c("amount_eok", "number", "금액(억원)", True),
            _c("printed", "string", "원문 표기"),
            _c("source_line", "integer", "원문 줄"),
        ],
        [],
        [("plan_id", "plans", "plan_id")],
        lambda: Budget.objects.filter(plan__is_draft=False).order_by("pk"),
    ),
    Resource(
        "printed_shares",
        "인쇄된 비율",
        [
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("year", "integer", "연도", True),
            _c("group", "string", "구분(source, sectoral, province)", True),
            _c("key", "string", "항목(재원 또는 전략 번호)", True),
            _c("percent", "number", "비율(%)", True),
            _c("printed", "string", "원문 표기", True),
            _c("source_line", "integer", "원문 줄", True),
        ],
        ["plan_id", "year", "group", "key"],
        [("plan_id", "plans", "plan_id")],
        lambda: PrintedShare.objects.filter(plan__is_draft=False).order_by(
            "plan_id", "year", "group", "key"
        ),
    ),
    Resource(
        "indicators",
        "성과지표",
        [
            _c("indicator_id", "integer", "지표 ID", True, "pk"),
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("group", "string", "구분", True),
            _c("scope", "string", "해당 전략·과제"),
            _c("name", "string", "지표명", True),
            _c("unit", "string", "단위"),
            _c("baseline_year", "integer", "기준 연도"),
            _c("baseline_text", "string", "실적(원문)"),
            _c("baseline_value", "number", "실적"),
            _c("target_year", "integer", "목표 연도"),
            _c("target_text", "string", "목표(원문)"),
            _c("target_value", "number", "목표"),
            _c("change_text", "string", "증감(원문)"),
            _c("task_id", "integer", "과제 ID"),
            _c("source_line", "integer", "원문 줄"),
            _c("subgroup", "string", "지표 묶음"),
            _c("target_note", "string", "목표 주석"),
            _c("is_new", "boolean", "신규 지표", True),
        ],
        ["indicator_id"],
        [("plan_id", "plans", "plan_id"), ("task_id", "tasks", "task_id")],
        lambda: Indicator.objects.filter(plan__is_draft=False).order_by("pk"),
    ),
    Resource(
        "findings",
        "검토 사항",
        [
            _c("plan_id", "integer", "시행계획 ID"),
            _c("severity", "string", "심각도", True),
            _c("code", "string", "코드", True),
            _c("message", "string", "내용", True),
            _c("source_line", "integer", "원문 줄", True),
        ],
        [],
        [("plan_id", "plans", "plan_id")],
        lambda: Finding.objects.exclude(plan__is_draft=True).order_by("year", "source_line", "pk"),
    ),
]


RESOURCES += [
    Resource(
        "digital_plans",
        "디지털 계획",
        [
            _c("digital_plan_id", "integer", "디지털 계획 ID", True, "pk"),
            _c("title", "string", "제목", True),
            _c("year", "integer", "수립 연도", True),
            _c("vision", "string", "비전"),
            _c("source_line", "integer", "원문 줄"),
        ],
        ["digital_plan_id"],
        [],
        lambda: DigitalPlan.objects.order_by("pk"),
    ),
    Resource(
        "digital_areas",
        "디지털 계획 분야",
        [
            _c("area_id", "integer", "분야 ID", True, "pk"),
            _c("digital_plan_id", "integer", "디지털 계획 ID", True, "plan_id"),
            _c("parent_id", "integer", "상위 분야 ID"),
            _c("kind", "string", "종류(pillar, area, sub_area)", True),
            _c("code", "string", "번호", True),
            _c("name", "string", "이름", True),
            _c("label", "string", "구분"),
            _c("position", "integer", "순서", True),
            _c("source_line", "integer", "원문 줄"),
        ],
        ["area_id"],
        [
            ("digital_plan_id", "digital_plans", "digital_plan_id"),
            ("parent_id", "digital_areas", "area_id"),
        ],
        lambda: DigitalArea.objects.order_by("pk"),
    ),
    Resource(
        "digital_tasks",
        "디지털 과제(추진일정)",
        [
            _c("digital_task_id", "integer", "디지털 과제 ID", True, "pk"),
            _c("digital_plan_id", "integer", "디지털 계획 ID", True, "plan_id"),
            _c("area_id", "integer", "세부분야 ID", True),
            _c("position", "integer", "순서", True),
            _c("name", "string", "과제명", True),
            _c("ministries", "string", "주관·협조 기관"),
            _c("ministries_text", "string", "주관부처(원문)"),
            _c("start_year", "integer", "시작 연도"),
            _c("schedule_text", "string", "일정(원문)"),
            _c("source_line", "integer", "원문 줄"),
        ],
        ["digital_task_id"],
        [
            ("digital_plan_id", "digital_plans", "digital_plan_id"),
            ("area_id", "digital_areas", "area_id"),
        ],
        lambda: DigitalTask.objects.order_by("pk"),
        _with_joined(ministries=_linked(DigitalTaskMinistry, "ministry__short_name")),
    ),
    Resource(
        "goals",
        "디지털 목표",
        [
            _c("goal_id", "integer", "목표 ID", True, "pk"),
            _c("digital_plan_id", "integer", "디지털 계획 ID", True, "plan_id"),
            _c("area_id", "integer", "분야 ID"),
            _c("kind", "string", "종류(headline, sub)", True),
            _c("key", "string", "식별자", True),
            _c("name", "string", "목표", True),
            _c("unit", "string", "단위", True),
            _c("baseline_year", "integer", "기준 연도"),
            _c("baseline_text", "string", "기준값(원문)"),
            _c("baseline_value", "number", "기준값"),
            _c("target_year", "integer", "목표 연도", True),
            _c("target_text", "string", "목표값(원문)", True),
            _c("target_value", "number", "목표값", True),
            _c("higher_is_better", "boolean", "클수록 좋음", True),
            _c("source_line", "integer", "원문 줄", True),
        ],
        ["goal_id"],
        [
            ("digital_plan_id", "digital_plans", "digital_plan_id"),
            ("area_id", "digital_areas", "area_id"),
        ],
        lambda: DigitalGoal.objects.order_by("pk"),
    ),
    Resource(
        "digital_budgets",
        "디지털 계획 예산",
        [
            _c("digital_plan_id", "integer", "디지털 계획 ID", True, "plan_id"),
            _c("area_id", "integer", "분야 ID"),
            _c("key", "string", "식별자", True),
            _c("purpose", "string", "용도", True),
            _c("amount_eok", "number", "금액(억원)"),
            _c("printed", "string", "원문 표기", True),
            _c("year_text", "string", "기간(원문)"),
            _c("source_line", "integer", "원문 줄", True),
        ],
        ["digital_plan_id", "key"],
        [
            ("digital_plan_id", "digital_plans", "digital_plan_id"),
            ("area_id", "digital_areas", "area_id"),
        ],
        lambda: DigitalBudget.objects.order_by("pk"),
    ),
]

# Who entered a value or decided a link is kept in the system and its history, not published.
RESOURCES += [
    Resource(
        "goal_values",
        "목표 실적",
        [
            _c("goal_id", "integer", "목표 ID", True),
            _c("year", "integer", "연도", True),
            _c("value", "number", "값", True),
            _c("value_text", "string", "값(입력 그대로)", True),
            _c("source", "string", "출처", True),
            _c("observed_on", "date", "기준일", True),
            _c("recorded_at", "datetime", "입력 시각", True),
        ],
        ["goal_id", "year"],
        [("goal_id", "goals", "goal_id")],
        lambda: GoalValue.objects.order_by("goal_id", "year"),
    ),
    Resource(
        "task_links",
        "디지털 과제와 시행계획 과제의 연계",
        [
            _c("digital_task_id", "integer", "디지털 과제 ID", True),
            _c("task_id", "integer", "시행계획 과제 ID", True),
            _c("status", "string", "상태(proposed, confirmed, rejected)", True),
            _c("score", "number", "제안 점수"),
            _c("shared_words", "string", "공유 낱말"),
            _c("manual", "boolean", "직접 추가", True),
            _c("proposed_at", "datetime", "제안 시각", True),
            _c("decided_at", "datetime", "결정 시각"),
        ],
        ["digital_task_id", "task_id"],
        [
            ("digital_task_id", "digital_tasks", "digital_task_id"),
            ("task_id", "tasks", "task_id"),
        ],
        lambda: TaskLink.objects.filter(task__plan__is_draft=False).order_by(
            "digital_task_id", "task_id"
        ),
    ),
]

RESOURCES += [
    Resource(
        "districts",
        "디지털 혁신지구",
        [
            _c("district_id", "integer", "지구 ID", True, "pk"),
            _c("province_id", "integer", "시·도 ID", True),
            _c("name", "string", "이름", True),
            _c("location", "string", "위치", True),
            _c("operator", "string", "운영기관", True),
            _c("operator_org_id", "integer", "운영기관 ID", source="operator_organization_id"),
            _c("anchor_facilities", "string", "앵커시설"),
            _c(
                "stage",
                "integer",
                "단계(1단계 초기기반 구축, 2단계 성장 가속화, 3단계 민간이양·글로벌화)",
                True,
            ),
            _c("designated_on", "date", "지정일"),
            _c("note", "string", "비고"),
        ],
        ["district_id"],
        [
            ("province_id", "organizations", "org_id"),
            ("operator_org_id", "organizations", "org_id"),
        ],
        lambda: InnovationDistrict.objects.order_by("pk"),
    ),
    Resource(
        "district_measures",
        "디지털 혁신지구 실적",
        [
            _c("district_id", "integer", "지구 ID", True),
            _c("kind", "string", "항목(digital_firms, global_labs, other)", True),
            _c("name", "string", "항목 이름"),
            _c("unit", "string", "단위"),
            _c("year", "integer", "연도", True),
            _c("value", "number", "값", True),
            _c("source", "string", "출처", True),
            _c("observed_on", "date", "기준일"),
            _c("recorded_at", "datetime", "기록 일시", True),
        ],
        [],
        [("district_id", "districts", "district_id")],
        lambda: DistrictMeasure.objects.order_by("district_id", "kind", "name", "year"),
    ),
    Resource(
        "stage_changes",
        "디지털 혁신지구 단계 변경",
        [
            _c("district_id", "integer", "지구 ID", True),
            _c("from_stage", "integer", "이전 단계(등록 시 비움)"),
            _c("to_stage", "integer", "바뀐 단계", True),
            _c("decided_on", "date", "결정일", True),
            _c("decision", "string", "결정 내용", True),
            _c("decided_by_body", "string", "결정 기관"),
            _c("recorded_at", "datetime", "기록 일시", True),
        ],
        [],
        [("district_id", "districts", "district_id")],
        lambda: StageChange.objects.order_by("district_id", "decided_on", "pk"),
    ),
]

_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _cell(value: object) -> str:
    """One CSV cell; text that starts like a formula gets a `'` (docs/opendata.md)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):
        return formula_safe(_LINE_BREAK.sub(" ", value).strip())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _header_names(korean_headers: bool) -> Callable[[str, str], str]:
    """Column name -> header (and schema field name): the English contract name, or with
    `korean_headers` its Korean title, so the package still validates either way."""
    if not korean_headers:
        return lambda resource_name, column_name: column_name
    titles = {(r.name, c.name): c.title for r in RESOURCES for c in r.columns}
    return lambda resource_name, column_name: titles[resource_name, column_name]


def _descriptor(resource: Resource, names: Callable[[str, str], str]) -> dict:
    schema: dict = {
        "fields": [
            {
                "name": names(resource.name, c.name),
                "type": c.type,
                "title": c.title,
                **({"constraints": {"required": True}} if c.required else {}),
            }
            for c in resource.columns
        ],
        "missingValues": [""],
    }
    if resource.primary_key:
        schema["primaryKey"] = [names(resource.name, c) for c in resource.primary_key]
    if resource.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": names(resource.name, column),
                "reference": {
                    "resource": "" if target == resource.name else target,
                    "fields": names(target, target_column),
                },
            }
            for column, target, target_column in resource.foreign_keys
        ]
    return {
        "name": resource.name,
        "title": resource.title,
        "path": f"{resource.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "profile": "tabular-data-resource",
        "schema": schema,
    }


def datapackage_export(*, directory: Path, korean_headers: bool = False) -> Path:
    """Write datapackage.json and one CSV per table into `directory`; return the descriptor.

    The header row is the English column names (the contract), or with `korean_headers`
    the Korean titles, for people who open the files in Excel rather than code.
    """
    header = _header_names(korean_headers)
    directory.mkdir(parents=True, exist_ok=True)
    for resource in RESOURCES:
        with (directory / f"{resource.name}.csv").open("w", encoding=ENCODING, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header(resource.name, column.name) for column in resource.columns)
            writer.writerows(map(_cell, row) for row in resource.read())
    descriptor = {
        "name": PACKAGE_NAME,
        "title": "지방시대 시행계획 공개 데이터 (DREAM)",
        "profile": "tabular-data-package",
        "licenses": [LICENSE],
        "sources": [
            {"title": f"{document.title} ({document.note})"} for document in SOURCE_DOCUMENTS
        ],
        "resources": [_descriptor(resource, header) for resource in RESOURCES],
    }
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
