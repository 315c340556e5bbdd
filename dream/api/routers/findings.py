"""Findings: where the published document contradicts itself or looks wrong."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from ..pagination import Pagination
from ..schemas import MAX_ID, FindingOut, ValidationErrorOut
from ..selectors import public_findings

router = Router(tags=["검토 사항"])


class FindingFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="문서 연도")
    code: str | None = Field(None, max_length=60, description="검토 사항 코드 (정확히 일치)")
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="시행계획 id")


@router.get(
    "/findings",
    response={200: list[FindingOut], 422: ValidationErrorOut},
    summary="검토 사항 목록",
)
@paginate(Pagination)
def finding_list(request, filters: Query[FindingFilter]):
    findings = public_findings().order_by("year", "source_line", "code", "pk")
    if filters.year is not None:
        findings = findings.filter(year=filters.year)
    if filters.code:
        findings = findings.filter(code=filters.code)
    if filters.plan is not None:
        findings = findings.filter(plan_id=filters.plan)
    return findings
