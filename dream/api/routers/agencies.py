"""Regional digital agencies and their integrated performance reports (docs/agencies.md):
public reads of the registry and of submitted reports; an agency's editor saves (and may
submit) a report with a token. The services decide who may do what."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.registry import PROVINCES
from dream.agencies.choices import ReportState
from dream.agencies.models import FIRST_YEAR, LAST_YEAR, DigitalAgency, PerformanceReport
from dream.agencies.services import OutcomeInput, performance_report_save, performance_report_submit
from dream.core.text import has_control_character
from dream.cycle.errors import InvalidInput

from ..auth import token_auth
from ..schemas import ErrorOut
from .cycles import REFUSALS

router = Router(tags=["지역 디지털 진흥기관"])
PROVINCE_NAMES = {short for short, _full, _capital in PROVINCES}


class AgencyOut(Schema):
    id: int
    name: str
    province: str
    organization_id: int
    incorporation: str
    incorporation_label: str
    planning_unit_established_on: str | None
    source_text: str
    source_line: int | None
    is_active: bool


class OutcomeOut(Schema):
    name: str
    unit: str
    target_text: str
    target_value: Decimal | None
    actual_text: str
    actual_value: Decimal | None
    achievement_percent: Decimal | None = Field(description="실적 ÷ 목표 × 100, DREAM 계산")


class ReportOut(Schema):
    id: int
    agency_id: int
    agency: str
    province: str
    year: int
    ministry: str
    programme: str
    budget_eok: Decimal
    budget_text: str
    spent_eok: Decimal | None
    spent_text: str
    outputs: str
    state: str
    version: int
    outcomes: list[OutcomeOut]


class PerformanceOut(Schema):
    year: int
    reports: list[ReportOut]
    budget_total_eok: Decimal = Field(description="예산 합계, DREAM 계산")
    spent_total_eok: Decimal = Field(description="집행액 합계, DREAM 계산(집행액 없는 보고 제외)")


class OutcomeIn(Schema):
    name: str
    unit: str = ""
    target: str = ""
    actual: str = ""


class ReportIn(Schema):
    ministry: str
    programme: str
    budget: str
    spent: str = ""
    outputs: str = ""
    outcomes: list[OutcomeIn] = []
    seen_version: int | None = None
    submit: bool = False


def _agency_dict(agency: DigitalAgency) -> dict:
    return {
        "id": agency.pk,
        "name": agency.name,
        "province": agency.province.short_name,
        "organization_id": agency.organization_id,
        "incorporation": agency.incorporation,
        "incorporation_label": agency.get_incorporation_display(),
        "planning_unit_established_on": agency.planning_unit_established_on.isoformat()
        if agency.planning_unit_established_on
        else None,
        "source_text": agency.source_text,
        "source_line": agency.source_line,
        "is_active": agency.is_active,
    }


def _report_dict(report: PerformanceReport) -> dict:
    return {
        "id": report.pk,
        "agency_id": report.agency_id,
        "agency": report.agency.name,
        "province": report.agency.province.short_name,
        "year": report.year,
        "ministry": report.ministry.short_name,
        "programme": report.programme,
        "budget_eok": report.budget_eok,
        "budget_text": report.budget_text,
        "spent_eok": report.spent_eok,
        "spent_text": report.spent_text,
        "outputs": report.outputs,
        "state": report.state,
        "version": report.version,
        "outcomes": [
            {
                "name": o.name,
                "unit": o.unit,
                "target_text": o.target_text,
                "target_value": o.target_value,
                "actual_text": o.actual_text,
                "actual_value": o.actual_value,
                "achievement_percent": o.achievement_percent,
            }
            for o in report.outcomes.all()
        ],
    }


def _agencies():
    return DigitalAgency.objects.select_related("organization", "province")


@router.get("/agencies", response=list[AgencyOut], auth=None, summary="지역 디지털 진흥기관 목록")
def agency_list(request):
    return [_agency_dict(a) for a in _agencies().order_by("province__position", "pk")]


@router.get(
    "/agencies/{agency_id}",
    response={200: AgencyOut, 404: ErrorOut},
    auth=None,
    summary="지역 디지털 진흥기관",
)
def agency_detail(request, agency_id: int):
    return _agency_dict(get_object_or_404(_agencies(), pk=agency_id))


@router.get(
    "/performance/{year}",
    response={200: PerformanceOut, 404: ErrorOut},
    auth=None,
    summary="제출된 통합 성과 보고 (연도별)",
)
def performance_list(request, year: int, province: str = "", programme: str = ""):
    if province and province not in PROVINCE_NAMES:
        raise HttpError(422, f"알 수 없는 시·도입니다: {province[:20]}")
    if len(programme) > 200 or has_control_character(programme):
        raise HttpError(422, "사업명은 제어 문자 없이 200자까지 적어 주세요.")
    reports = PerformanceReport.objects.filter(year=year, state=ReportState.SUBMITTED)
    if province:
        reports = reports.filter(agency__province__short_name=province)
    if programme:
        reports = reports.filter(programme=programme)
    reports = list(
        reports.select_related("agency__organization", "agency__province", "ministry")
        .prefetch_related("outcomes")
        .order_by("agency__province__position", "ministry__position", "programme", "pk")
    )
    return {
        "year": year,
        "reports": [_report_dict(r) for r in reports],
        "budget_total_eok": sum((r.budget_eok for r in reports), Decimal(0)),
        "spent_total_eok": sum(
            (r.spent_eok for r in reports if r.spent_eok is not None), Decimal(0)
        ),
    }


@router.post(
    "/agencies/{agency_id}/performance/{year}",
    response={200: ReportOut, **REFUSALS},
    auth=token_auth,
    summary="통합 성과 보고 저장·제출 (기관 담당자)",
)
def performance_report_post(request, agency_id: int, year: int, data: ReportIn):
    agency = get_object_or_404(_agencies(), pk=agency_id)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이로 적어 주세요.")
    ministry = (
        Organization.objects.filter(
            kind=OrganizationKind.MINISTRY, short_name=data.ministry
        ).first()
        or Organization.objects.filter(
            kind=OrganizationKind.MINISTRY, aliases__name=data.ministry
        ).first()
    )
    if ministry is None:
        raise InvalidInput(f"부처 '{data.ministry[:40]}'를 알 수 없습니다.")
    report = performance_report_save(
        actor=request.auth, agency=agency, year=year, ministry=ministry,
        programme=data.programme, budget=data.budget, spent=data.spent, outputs=data.outputs,
        outcomes=[OutcomeInput(o.name, o.unit, o.target, o.actual) for o in data.outcomes],
        seen=data.seen_version, reason="API",
    )  # fmt: skip
    if data.submit:
        report = performance_report_submit(actor=request.auth, report=report)
    report = PerformanceReport.objects.select_related(
        "agency__organization", "agency__province", "ministry"
    ).get(pk=report.pk)
    return Status(200, _report_dict(report))
