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
import heapq
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models.functions import Coalesce

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
from dream.evaluation.models import (
    EvaluationRound,
    FeedbackAction,
    Grade,
    SpecialAccountResult,
    Unit,
    UnitScore,
)
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.links.models import TaskLink
from dream.plans.models import Budget, Plan, PrintedShare, Strategy, Task, TaskMinistry
from dream.results.models import FiscalExecution, IndicatorActual, SelfAssessment
from dream.tracking.models import GoalValue

from . import (
    agencies,
    allocation,
    calls,
    districts_plans,
    evaluation,
    pipeline,
    priorities,
    regional_tasks,
    zones,
)
from .resources import CHUNK_SIZE, Resource
from .resources import column as _c

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


def _with_joined(
    **columns: Callable[[], Iterable[tuple[int, str]]],
) -> Callable[[Resource], Iterable[tuple]]:
    """Rows whose named columns join with `;` the names that each callable gives for the
    row's ID (its first column); the other columns are read as usual.

    The rows are in ID order and each callable gives (ID, name) pairs in ID order, so both
    are read side by side, a chunk at a time, and memory does not grow with the table.
    """

    def rows(resource: Resource) -> Iterable[tuple]:
        names = {name: _NamesById(pairs()) for name, pairs in columns.items()}
        lookups = [c.lookup for c in resource.columns if c.name not in names]
        for row in resource.queryset().values_list(*lookups).iterator(chunk_size=CHUNK_SIZE):
            joined = {name: ";".join(by_id.take(row[0])) for name, by_id in names.items()}
            read = iter(row)
            yield tuple(
                joined[c.name] if c.name in joined else next(read) for c in resource.columns
            )

    return rows


class _NamesById:
    """(ID, name) pairs in ID order, taken for one ID after another in increasing order."""

    def __init__(self, pairs: Iterable[tuple[int, str]]):
        self._pairs = iter(pairs)
        self._next = next(self._pairs, None)

    def take(self, id_: int) -> list[str]:
        """The names of `id_`, in the order given; the pairs of smaller IDs are skipped
        (rows the table does not publish, such as a draft plan's tasks)."""
        names = []
        while self._next is not None and self._next[0] <= id_:
            if self._next[0] == id_:
                names.append(self._next[1])
            self._next = next(self._pairs, None)
        return names


def _linked(link_model, lookup: str) -> Callable[[], Iterable[tuple[int, str]]]:
    """Per task, `lookup` of its linked bodies in printed order (lead first); `link_model`
    has `task`, `ministry`, `position` and `printed_name` (TaskMinistry, DigitalTaskMinistry)."""

    def names() -> Iterable[tuple[int, str]]:
        links = link_model.objects.order_by("task_id", "position")
        return links.values_list("task_id", lookup).iterator(chunk_size=CHUNK_SIZE)

    return names


def _printed_names() -> Iterable[tuple[int, str]]:
    """Per organization, every name it is printed under: its short name, then the others
    in the order of their names."""
    short_names = Organization.objects.order_by("pk").values_list("pk", "short_name")
    aliases = OrganizationAlias.objects.order_by("organization_id", "name").values_list(
        "organization_id", "name"
    )
    merged = heapq.merge(
        ((pk, 0, name) for pk, name in short_names.iterator(chunk_size=CHUNK_SIZE)),
        ((pk, 1, name) for pk, name in aliases.iterator(chunk_size=CHUNK_SIZE)),
        key=lambda row: row[:2],
    )
    return ((pk, name) for pk, _, name in merged)


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
            _c("strategy_id", "integer", "전략 ID", True, "pk"),
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
            _c("source_document", "string", "출처 문서"),
            _c("source_line", "integer", "출처 줄"),
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

# A district's long-term plan and its suitability review, once submitted (ADR 0004).
RESOURCES += districts_plans.RESOURCES

# Results of a plan year (ADR 0008): only what the Committee confirmed (확정), see evaluation.py.
RESOURCES += [
    Resource(
        "indicator_actuals",
        "성과지표 실적(확정)",
        [
            _c("indicator_id", "integer", "지표 ID", True),
            _c("plan_id", "integer", "시행계획 ID", True, "indicator__plan_id"),
            _c("year", "integer", "연도", True),
            _c("value_text", "string", "실적(입력 그대로)", True),
            _c("value", "number", "실적 수치"),
            _c("source", "string", "출처", True),
            _c("observed_on", "date", "기준일", True),
            _c("recorded_at", "datetime", "입력 시각", True),
        ],
        ["indicator_id", "year"],
        [("indicator_id", "indicators", "indicator_id"), ("plan_id", "plans", "plan_id")],
        lambda: IndicatorActual.objects.order_by("indicator_id", "year"),
        evaluation.confirmed_rows("indicator__plan_id", "indicator__task_id"),
    ),
    Resource(
        "fiscal_executions",
        "재정 집행(확정)",
        [
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("year", "integer", "연도", True),
            _c("source", "string", "재원", True),
            _c("strategy_id", "integer", "전략 ID"),
            _c("task_id", "integer", "과제 ID"),
            _c("spent_eok", "number", "집행액(억원)", True),
            _c("spent_text", "string", "집행액(입력 그대로)", True),
            _c("document", "string", "출처", True),
            _c("observed_on", "date", "기준일", True),
        ],
        [],
        [
            ("plan_id", "plans", "plan_id"),
            ("strategy_id", "strategies", "strategy_id"),
            ("task_id", "tasks", "task_id"),
        ],
        lambda: FiscalExecution.objects.order_by(
            "plan_id", "year", "strategy_id", "task_id", "source"
        ),
        evaluation.confirmed_rows("plan_id", "task_id"),
    ),
    Resource(
        "self_assessments",
        "추진실적 설명(확정)",
        [
            _c("plan_id", "integer", "시행계획 ID", True, "plan"),
            _c("year", "integer", "연도", True),
            _c("task_id", "integer", "핵심과제 ID"),
            _c("strategy_id", "integer", "전략 ID"),
            _c("text", "string", "추진실적 설명", True),
            _c("recorded_at", "datetime", "입력 시각", True),
        ],
        [],
        [
            ("plan_id", "plans", "plan_id"),
            ("task_id", "tasks", "task_id"),
            ("strategy_id", "strategies", "strategy_id"),
        ],
        lambda: SelfAssessment.objects.annotate(
            plan=Coalesce("task__plan_id", "strategy__plan_id")
        ).order_by("year", "task_id", "strategy_id"),
        evaluation.confirmed_rows("plan", "task_id"),
    ),
]

# The yearly evaluation (ADR 0008): every round's phase and dates; the rest of a round only
# once it is closed (evaluation.py). Never an evaluator's name or a score per evaluator.
RESOURCES += [
    Resource(
        "evaluation_rounds",
        "평가 회차",
        [
            _c("year", "integer", "평가 대상 연도", True),
            _c("phase", "string", "단계(planning, evaluating, checking, feedback)", True),
            _c("planning_from", "date", "평가계획 수립 시작", True),
            _c("planning_to", "date", "평가계획 수립 끝", True),
            _c("evaluating_from", "date", "추진실적 평가 시작", True),
            _c("evaluating_to", "date", "추진실적 평가 끝", True),
            _c("checking_from", "date", "평가결과 점검 시작", True),
            _c("checking_to", "date", "평가결과 점검 끝", True),
            _c("feedback_from", "date", "평가결과 환류 시작", True),
            _c("schedule_basis", "string", "일정 근거(printed, not_fixed)", True),
            _c("schedule_source_line", "integer", "일정 원문 줄"),
            _c("frozen_at", "datetime", "규칙 확정 시각"),
            _c("closed_at", "datetime", "종료 시각"),
        ],
        ["year"],
        [],
        lambda: EvaluationRound.objects.order_by("year"),
    ),
    Resource(
        "evaluation_rules",
        "평가 규칙",
        [
            _c("round_year", "integer", "평가 대상 연도", True),
            _c("key", "string", "규칙", True),
            _c("label", "string", "규칙 이름", True),
            _c("value", "string", "값(JSON)", True),
            _c("basis", "string", "근거(printed, not_fixed)", True),
            _c("source_line", "integer", "원문 줄"),
            _c("is_default", "boolean", "DREAM 기본값", True),
            _c("shown", "string", "설명", True),
        ],
        ["round_year", "key"],
        [("round_year", "evaluation_rounds", "year")],
        lambda: EvaluationRound.objects.none(),
        evaluation.rule_rows,
    ),
    Resource(
        "evaluation_units",
        "평가 단위",
        [
            _c("unit_id", "integer", "평가 단위 ID", True, "pk"),
            _c("round_year", "integer", "평가 대상 연도", True, "round__year"),
            _c("parent_id", "integer", "상위 단위 ID"),
            _c("kind", "string", "종류(leaf, node)", True),
            _c("graded", "boolean", "등급 단위", True),
            _c("plan_id", "integer", "시행계획 ID", True),
            _c("strategy_id", "integer", "전략 ID"),
            _c("task_id", "integer", "과제 ID"),
            _c("organization_id", "integer", "평가받는 기관 ID", True),
            _c("weight", "number", "가중치"),
            _c("shape_rule", "string", "단위를 만든 규칙"),
        ],
        ["unit_id"],
        [
            ("round_year", "evaluation_rounds", "year"),
            ("parent_id", "evaluation_units", "unit_id"),
            ("plan_id", "plans", "plan_id"),
            ("strategy_id", "strategies", "strategy_id"),
            ("task_id", "tasks", "task_id"),
            ("organization_id", "organizations", "org_id"),
        ],
        lambda: Unit.objects.filter(round__closed_at__isnull=False).order_by(
            "round__year", "position", "pk"
        ),
    ),
    Resource(
        "unit_scores",
        "단위 점수(계산)",
        [
            _c("unit_id", "integer", "평가 단위 ID", True),
            _c("raw", "number", "원점수(점)"),
            _c("normalised", "number", "표준화 점수(점)"),
            _c("rolled", "number", "모은 점수(점)"),
            _c("evaluator_count", "integer", "평가위원 수(명)", True),
            _c("normalisation_note", "string", "표준화 비고"),
        ],
        ["unit_id"],
        [("unit_id", "evaluation_units", "unit_id")],
        lambda: UnitScore.objects.filter(unit__round__closed_at__isnull=False).order_by("unit_id"),
    ),
    Resource(
        "grades",
        "등급",
        [
            _c("unit_id", "integer", "평가 단위 ID", True),
            _c("computed_band", "string", "계산 등급"),
            _c("computed_score", "number", "계산 점수(점)"),
            _c("self_band", "string", "자체평가 등급"),
            _c("final_band", "string", "최종 등급"),
            _c("changed_by_check", "boolean", "점검으로 바뀜", True),
            _c("last_check_reason", "string", "마지막 점검 사유"),
        ],
        ["unit_id"],
        [("unit_id", "evaluation_units", "unit_id")],
        lambda: (
            Grade.objects.filter(unit__round__closed_at__isnull=False)
            .annotate(last_check_reason=evaluation.last_check_reason())
            .order_by("unit_id")
        ),
        evaluation.grade_rows,
    ),
    Resource(
        "feedback_actions",
        "환류 조치",
        [
            _c("action_id", "integer", "환류 조치 ID", True, "pk"),
            _c("round_year", "integer", "평가 대상 연도", True, "round__year"),
            _c("unit_id", "integer", "평가 단위 ID", source="unit_or_grade_unit"),
            _c("organization_id", "integer", "담당 기관 ID", True),
            _c(
                "kind",
                "string",
                "종류(budget_review, next_plan, incentive, consulting, other)",
                True,
            ),
            _c("description", "string", "내용", True),
            _c("due_year", "integer", "반영 연도", True),
            _c(
                "due_step",
                "string",
                "반영 단계(budget_review, plan_drafting, feedback_phase)",
                True,
            ),
            _c(
                "state", "string", "상태(open, linked, carried, not_carried, done, cancelled)", True
            ),
            _c("linked_plan_id", "integer", "반영할 시행계획 ID"),
            _c("linked_item_kind", "string", "반영할 항목 종류"),
            _c("linked_item_id", "integer", "반영할 항목 번호"),
            _c("state_reason", "string", "상태 사유"),
        ],
        ["action_id"],
        [
            ("round_year", "evaluation_rounds", "year"),
            ("unit_id", "evaluation_units", "unit_id"),
            ("organization_id", "organizations", "org_id"),
            ("linked_plan_id", "plans", "plan_id"),
        ],
        lambda: (
            FeedbackAction.objects.filter(round__closed_at__isnull=False)
            .annotate(unit_or_grade_unit=Coalesce("unit_id", "grade__unit_id"))
            .order_by("round__year", "pk")
        ),
        evaluation.feedback_rows,
    ),
    Resource(
        "special_account_results",
        "지특회계 평가 결과",
        [
            _c("year", "integer", "연도", True),
            _c("account", "string", "계정(autonomous, support, other)", True),
            _c("account_text", "string", "계정(원문)"),
            _c("project_name", "string", "사업명", True),
            _c("organization_name", "string", "기관(원문)", True),
            _c("organization_id", "integer", "기관 ID"),
            _c("grade_text", "string", "등급(원문)"),
            _c("score", "number", "점수(점)"),
            _c("file_name", "string", "파일 이름", True),
            _c("row", "integer", "행", True),
            _c("matched_task_id", "integer", "대응 과제 ID"),
            _c("match_status", "string", "대응 상태(proposed, confirmed, none)", True),
        ],
        [],
        [
            ("organization_id", "organizations", "org_id"),
            ("matched_task_id", "tasks", "task_id"),
        ],
        lambda: SpecialAccountResult.objects.order_by("year", "file_name", "row"),
        evaluation.special_account_rows,
    ),
]

_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")

# The digital pipeline (ADR 0009): agencies and their submitted programme reports, submitted
# proposals and Track 2, Track 1 calls (aggregates only, never an evaluator's score), and the
# turnkey package's allocation runs.
RESOURCES += agencies.RESOURCES
RESOURCES += pipeline.RESOURCES
RESOURCES += calls.RESOURCES
RESOURCES += allocation.RESOURCES
# Ⅱ of the implementation plan: the Committee's priority tasks as printed (docs/priorities.md).
RESOURCES += priorities.RESOURCES
# Special-zone designations and the regional policy task register (docs/priorities.md,
# docs/regional_tasks.md).
RESOURCES += zones.RESOURCES
RESOURCES += regional_tasks.RESOURCES


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
