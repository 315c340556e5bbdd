"""The digital project pipeline through the API (issue 11): a province's proposals and their
ranking, Track 2 large projects and their steps. Reads are public for submitted proposals
and every large project; a token also shows the caller's own province's drafts. Writes need
a token; the services (dream.pipeline.services) decide who may do what and their refusals
become 403/409/422 in api.py."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.pipeline import services
from dream.pipeline.models import LargeProject, Proposal
from dream.pipeline.permissions import proposals_visible_to

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS

router = Router(tags=["디지털 사업 파이프라인"])


def _anyone(request):
    """A read without a (valid) token: the public's view."""
    return AnonymousUser()


READ_AUTH = [token_auth, _anyone]


class ProposalIn(Schema):
    province: str = Field(..., max_length=50, description="시·도 약칭 (예: 부산)")
    year: int = Field(..., ge=1, le=9999, description="제안 연도")
    title: str = Field(..., max_length=1000)
    origin: str = Field(
        ..., max_length=30, description="pledge · flagship · local_era_plan · other"
    )
    origin_note: str = Field("", max_length=1000)
    summary: str = Field("", max_length=10000)
    area_id: int | None = Field(None, ge=1, le=MAX_ID, description="디지털 계획 분야 id")
    task_ids: list[int] = Field(default_factory=list, max_length=100)
    size: str = Field("", max_length=100, description='총사업비(억원), 입력 그대로: "1,234.5"')
    start_year: int | None = Field(None, ge=1, le=9999)
    end_year: int | None = Field(None, ge=1, le=9999)
    support_share_note: str = Field("", max_length=10000)
    linkage_note: str = Field("", max_length=10000)


class ProposalOut(Schema):
    id: int
    province: str
    year: int
    title: str
    summary: str
    origin: str
    origin_note: str
    area_id: int | None
    task_ids: list[int]
    size_eok: Decimal | None
    size_text: str
    start_year: int | None
    end_year: int | None
    priority: int | None
    support_share_note: str
    linkage_note: str
    track: int | None
    state: str
    submitted_at: datetime | None
    large_project_id: int | None


class ProposalListOut(Schema):
    items: list[ProposalOut]
    count: int


class ProposalFilter(Schema):
    year: int | None = Field(None, ge=1, le=9999)
    province: str | None = Field(None, max_length=50)


class RankIn(Schema):
    province: str = Field(..., max_length=50)
    year: int = Field(..., ge=1, le=9999)
    order: list[int] = Field(..., max_length=1000, description="제안 id, 1순위부터")


class LargeProjectIn(Schema):
    proposal_id: int = Field(..., ge=1, le=MAX_ID)
    owner: str = Field(..., max_length=50, description="담당 부처 약칭 (예: 과기정통부)")
    started_on: date
    decision: str = Field(..., max_length=10000)
    feasibility_sized: bool = False


class StepIn(Schema):
    to_stage: str = Field(..., max_length=30)
    decided_on: date
    decision: str = Field(..., max_length=10000)
    decided_by_body: str = Field("", max_length=1000)
    documents: str = Field("", max_length=10000)


class StepOut(Schema):
    id: int
    from_stage: str
    to_stage: str
    decided_on: date
    decision: str
    decided_by_body: str
    documents: str
    recorded_at: datetime


class LargeProjectOut(Schema):
    id: int
    proposal_id: int
    province: str
    title: str
    owner: str
    stage: str
    feasibility_sized: bool
    from_track1: bool
    started_on: date
    steps: list[StepOut]


class LargeProjectListOut(Schema):
    items: list[LargeProjectOut]
    count: int


def proposal_dict(proposal: Proposal) -> dict:
    """A proposal as the API shows it (rows read through `with_links` carry their tasks and
    Track 2 project, so a list costs three queries)."""
    project = getattr(proposal, "large_project", None)
    return {
        "id": proposal.pk,
        "province": proposal.province.short_name,
        "year": proposal.year,
        "title": proposal.title,
        "summary": proposal.summary,
        "origin": proposal.origin,
        "origin_note": proposal.origin_note,
        "area_id": proposal.area_id,
        "task_ids": sorted(task.pk for task in proposal.tasks.all()),
        "size_eok": proposal.size_eok,
        "size_text": proposal.size_text,
        "start_year": proposal.start_year,
        "end_year": proposal.end_year,
        "priority": proposal.priority,
        "support_share_note": proposal.support_share_note,
        "linkage_note": proposal.linkage_note,
        "track": proposal.track,
        "state": proposal.state,
        "submitted_at": proposal.submitted_at,
        "large_project_id": project.pk if project else None,
    }


def with_links(proposals):
    return proposals.select_related("province", "large_project").prefetch_related("tasks")


def project_dict(project: LargeProject) -> dict:
    return {
        "id": project.pk,
        "proposal_id": project.proposal_id,
        "province": project.proposal.province.short_name,
        "title": project.proposal.title,
        "owner": project.owner.short_name,
        "stage": project.stage,
        "feasibility_sized": project.feasibility_sized,
        "from_track1": project.from_track1,
        "started_on": project.started_on,
        "steps": [
            {
                "id": s.pk,
                "from_stage": s.from_stage,
                "to_stage": s.to_stage,
                "decided_on": s.decided_on,
                "decision": s.decision,
                "decided_by_body": s.decided_by_body,
                "documents": s.documents,
                "recorded_at": s.recorded_at,
            }
            for s in project.steps.order_by("decided_on", "pk")
        ],
    }


def _organization(short_name: str, kind: str, what: str) -> Organization:
    organization = Organization.objects.filter(kind=kind, short_name=short_name).first()
    if organization is None:
        raise HttpError(404, f"{what} '{short_name}'을 찾을 수 없습니다.")
    return organization


def _visible(request, pk: int) -> Proposal:
    if not 1 <= pk <= MAX_ID:
        raise HttpError(404, "제안을 찾을 수 없습니다.")
    proposal = proposals_visible_to(request.auth).select_related("province").filter(pk=pk).first()
    if proposal is None:
        raise HttpError(404, "제안을 찾을 수 없습니다.")
    return proposal


def _project(pk: int) -> LargeProject:
    if not 1 <= pk <= MAX_ID:
        raise HttpError(404, "트랙2 사업을 찾을 수 없습니다.")
    project = LargeProject.objects.select_related("proposal__province", "owner").filter(pk=pk)
    if not project.exists():
        raise HttpError(404, "트랙2 사업을 찾을 수 없습니다.")
    return project.get()


@router.get(
    "/proposals",
    response={200: ProposalListOut, **REFUSALS},
    auth=READ_AUTH,
    summary="디지털 사업 제안 목록 (제출된 것; 토큰이 있으면 자기 시·도의 작성 중인 것도)",
)
def proposal_list(request, filters: Query[ProposalFilter]):
    proposals = with_links(proposals_visible_to(request.auth))
    if filters.year is not None:
        proposals = proposals.filter(year=filters.year)
    if filters.province:
        proposals = proposals.filter(province__short_name=filters.province)
    items = [proposal_dict(p) for p in proposals]
    return {"items": items, "count": len(items)}


@router.post(
    "/proposals",
    response={201: ProposalOut, **REFUSALS},
    auth=token_auth,
    summary="디지털 사업 제안 작성 (시·도 작성 권한자; 작성 중으로 저장)",
)
def proposal_create(request, data: ProposalIn):
    province = _organization(data.province, OrganizationKind.PROVINCE, "시·도")
    fields = data.dict(exclude={"province", "area_id", "task_ids"})
    proposal = services.proposal_create(
        actor=request.auth,
        province=province,
        area=data.area_id,
        tasks=data.task_ids,
        **fields,
    )
    return Status(201, proposal_dict(proposal))


@router.post(
    "/proposals/rank",
    response={200: ProposalListOut, **REFUSALS},
    auth=token_auth,
    summary="시·도의 한 해 제안 우선순위 정하기 (1순위부터 모든 제안 id)",
)
def proposals_rank(request, data: RankIn):
    province = _organization(data.province, OrganizationKind.PROVINCE, "시·도")
    ranked = services.proposals_rank(
        actor=request.auth, province=province, year=data.year, order=data.order
    )
    return {"items": [proposal_dict(p) for p in ranked], "count": len(ranked)}


@router.get(
    "/proposals/{id}",
    response={200: ProposalOut, **REFUSALS},
    auth=READ_AUTH,
    summary="디지털 사업 제안 하나",
)
def proposal_detail(request, id: int):
    return proposal_dict(_visible(request, id))


@router.post(
    "/proposals/{id}/submit",
    response={200: ProposalOut, **REFUSALS},
    auth=token_auth,
    summary="제안 제출 (시·도 작성 권한자)",
)
def proposal_submit(request, id: int):
    proposal = services.proposal_submit(actor=request.auth, proposal=_visible(request, id))
    return proposal_dict(proposal)


@router.get(
    "/large-projects",
    response={200: LargeProjectListOut, **REFUSALS},
    auth=READ_AUTH,
    summary="트랙2 대형·중장기 사업과 단계 기록",
)
def large_project_list(request):
    projects = LargeProject.objects.select_related("proposal__province", "owner").order_by(
        "started_on", "pk"
    )
    items = [project_dict(p) for p in projects]
    return {"items": items, "count": len(items)}


@router.post(
    "/large-projects",
    response={201: LargeProjectOut, **REFUSALS},
    auth=token_auth,
    summary="제출된 제안을 트랙2로 시작 (위원회 담당자 또는 담당 부처 작성 권한자)",
)
def large_project_start(request, data: LargeProjectIn):
    proposal = _visible(request, data.proposal_id)
    owner = _organization(data.owner, OrganizationKind.MINISTRY, "부처")
    project = services.large_project_start(
        actor=request.auth,
        proposal=proposal,
        owner=owner,
        started_on=data.started_on,
        decision=data.decision,
        feasibility_sized=data.feasibility_sized,
    )
    return Status(201, project_dict(project))


@router.post(
    "/large-projects/{id}/steps",
    response={201: LargeProjectOut, **REFUSALS},
    auth=token_auth,
    summary="트랙2 사업의 다음 단계 또는 중단 기록",
)
def large_project_step(request, data: StepIn, id: int):
    project = _project(id)
    services.large_project_step(actor=request.auth, project=project, **data.dict())
    project.refresh_from_db()
    return Status(201, project_dict(project))
