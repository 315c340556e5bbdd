"""Which pipeline rows the data package publishes (docs/opendata.md, docs/pipeline.md):
submitted proposals only (drafts and withdrawn ones never), their linked plan tasks, and every
Track 2 large project with its steps (a project starts only from a submitted proposal)."""

from dream.pipeline.choices import ProposalState
from dream.pipeline.models import LargeProject, LargeProjectStep, Proposal

from .resources import Resource, column

RESOURCES = [
    Resource(
        "proposals",
        "디지털 사업 제안 (제출된 것)",
        [
            column("proposal_id", "integer", "제안 ID", True, "pk"),
            column("province_id", "integer", "시·도 ID", True),
            column("year", "integer", "제안 연도", True),
            column("title", "string", "사업명", True),
            column("summary", "string", "사업 내용"),
            column("origin", "string", "수요 출처", True),
            column("origin_note", "string", "출처 설명"),
            column("area_id", "integer", "디지털 계획 분야 ID"),
            column("size_eok", "number", "총사업비(억원)"),
            column("size_text", "string", "총사업비(입력한 글)"),
            column("start_year", "integer", "시작 연도"),
            column("end_year", "integer", "종료 연도"),
            column("priority", "integer", "시·도 내 우선순위(순위)"),
            column("support_share_note", "string", "분야별 지원 비중"),
            column("linkage_note", "string", "사업 간 연계"),
            column("track", "integer", "트랙"),
            column("submitted_at", "datetime", "제출한 때", True),
        ],
        ["proposal_id"],
        [("province_id", "organizations", "org_id"), ("area_id", "digital_areas", "area_id")],
        lambda: Proposal.objects.filter(state=ProposalState.SUBMITTED).order_by("pk"),
    ),
    Resource(
        "proposal_tasks",
        "디지털 사업 제안의 연계 시행계획 과제",
        [
            column("proposal_id", "integer", "제안 ID", True, "proposal_id"),
            column("task_id", "integer", "과제 ID", True, "task_id"),
        ],
        ["proposal_id", "task_id"],
        [("proposal_id", "proposals", "proposal_id"), ("task_id", "tasks", "task_id")],
        lambda: Proposal.tasks.through.objects.filter(
            proposal__state=ProposalState.SUBMITTED, task__plan__is_draft=False
        ).order_by("proposal_id", "task_id"),
    ),
    Resource(
        "large_projects",
        "트랙2 대형·중장기 사업",
        [
            column("large_project_id", "integer", "트랙2 사업 ID", True, "pk"),
            column("proposal_id", "integer", "제안 ID", True),
            column("owner_id", "integer", "담당 부처 ID", True),
            column("stage", "string", "현재 단계", True),
            column("feasibility_sized", "boolean", "예타 규모", True),
            column("from_track1", "boolean", "트랙1 우수 과제에서 옴", True),
            column("started_on", "date", "시작일", True),
        ],
        ["large_project_id"],
        [("proposal_id", "proposals", "proposal_id"), ("owner_id", "organizations", "org_id")],
        lambda: LargeProject.objects.filter(proposal__state=ProposalState.SUBMITTED).order_by("pk"),
    ),
    Resource(
        "large_project_steps",
        "트랙2 사업의 단계 기록",
        [
            column("step_id", "integer", "단계 기록 ID", True, "pk"),
            column("large_project_id", "integer", "트랙2 사업 ID", True, "project_id"),
            column("from_stage", "string", "이전 단계"),
            column("to_stage", "string", "단계", True),
            column("decided_on", "date", "결정일", True),
            column("decision", "string", "결정 내용", True),
            column("decided_by_body", "string", "결정 기관"),
            column("documents", "string", "문서"),
        ],
        ["step_id"],
        [("large_project_id", "large_projects", "large_project_id")],
        lambda: LargeProjectStep.objects.filter(
            project__proposal__state=ProposalState.SUBMITTED
        ).order_by("pk"),
    ),
]
