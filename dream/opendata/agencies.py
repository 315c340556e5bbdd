"""Which agency rows the data package publishes (docs/opendata.md, docs/agencies.md): the
registry, and the integrated performance reports and their outcomes once submitted — drafts
are not public."""

from dream.agencies.choices import ReportState
from dream.agencies.models import DigitalAgency, PerformanceOutcome, PerformanceReport

from .resources import Resource, column

RESOURCES = [
    Resource(
        "agencies",
        "지역 디지털 진흥기관",
        [
            column("agency_id", "integer", "진흥기관 ID", True, "pk"),
            column("org_id", "integer", "기관 ID", True, "organization_id"),
            column("name", "string", "기관 이름", True, "organization__short_name"),
            column("province_id", "integer", "시·도 ID", True),
            column("incorporation", "string", "독립 법인화", True),
            column("planning_unit_established_on", "date", "기획단 신설일"),
            column("source_text", "string", "근거"),
            column("source_line", "integer", "원문 줄"),
            column("is_active", "boolean", "운영 중", True),
        ],
        ["agency_id"],
        [("org_id", "organizations", "org_id"), ("province_id", "organizations", "org_id")],
        lambda: DigitalAgency.objects.order_by("pk"),
    ),
    Resource(
        "performance_reports",
        "통합 성과 보고(제출)",
        [
            column("report_id", "integer", "보고 ID", True, "pk"),
            column("agency_id", "integer", "진흥기관 ID", True),
            column("year", "integer", "연도", True),
            column("ministry_id", "integer", "부처 ID", True),
            column("programme", "string", "사업명", True),
            column("budget_eok", "number", "예산(억원)", True),
            column("budget_text", "string", "예산(입력한 글)", True),
            column("spent_eok", "number", "집행액(억원)"),
            column("spent_text", "string", "집행액(입력한 글)"),
            column("outputs", "string", "산출물"),
            column("submitted_at", "datetime", "제출 일시"),
        ],
        ["report_id"],
        [("agency_id", "agencies", "agency_id"), ("ministry_id", "organizations", "org_id")],
        lambda: PerformanceReport.objects.filter(state=ReportState.SUBMITTED).order_by("pk"),
    ),
    Resource(
        "performance_outcomes",
        "통합 성과 보고의 성과지표(제출)",
        [
            column("report_id", "integer", "보고 ID", True),
            column("position", "integer", "순서", True),
            column("name", "string", "성과지표", True),
            column("unit", "string", "단위"),
            column("target_text", "string", "목표(입력한 글)"),
            column("target_value", "number", "목표"),
            column("actual_text", "string", "실적(입력한 글)"),
            column("actual_value", "number", "실적"),
        ],
        ["report_id", "position"],
        [("report_id", "performance_reports", "report_id")],
        lambda: PerformanceOutcome.objects.filter(report__state=ReportState.SUBMITTED).order_by(
            "report_id", "position"
        ),
    ),
]
