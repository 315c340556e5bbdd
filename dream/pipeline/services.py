"""The pipeline's write paths (forms, API and the Track 1 app all call these): a province's
proposals and their ranking, and Track 2 large projects with their steps (l.1792–1809).
Each service checks permission, then state, in one transaction with the row decided on
locked."""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.digital.models import DigitalArea
from dream.plans.amounts import eok_parsed
from dream.plans.models import Task

from .choices import LargeProjectStage, ProposalOrigin, ProposalState, Track
from .models import LargeProject, LargeProjectStep, Proposal
from .permissions import can_record_step, can_start_large_project, can_write_proposals

TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000
ORIGIN_NOTE_MAX_LENGTH = 300
SIZE_TEXT_MAX_LENGTH = 50
DECISION_MAX_LENGTH = 5000
BODY_MAX_LENGTH = 100
DOCUMENTS_MAX_LENGTH = 5000
FIRST_YEAR = 2023  # the digital plan's first year of demand (시·도 지방시대계획 ’23~’27)
YEARS_AHEAD = 10

# Track 2's printed order (l.1792–1809); pre_feasibility only for 예타-sized projects.
STAGE_ORDER = [
    LargeProjectStage.CONSULTING,
    LargeProjectStage.DISCUSSION,
    LargeProjectStage.REVIEW,
    LargeProjectStage.SPECIAL_COMMITTEE,
    LargeProjectStage.BUSINESS_PLAN,
    LargeProjectStage.PRE_FEASIBILITY,
    LargeProjectStage.SUBMITTED,
]
FINAL_STAGES = {LargeProjectStage.SUBMITTED, LargeProjectStage.CLOSED}


def stages_for(project: LargeProject) -> list[str]:
    """The stages `project` passes through, in order."""
    if project.feasibility_sized:
        return list(STAGE_ORDER)
    return [s for s in STAGE_ORDER if s != LargeProjectStage.PRE_FEASIBILITY]


def next_stage(project: LargeProject) -> str | None:
    """The one stage a step may move `project` to (besides closing it), None at the end."""
    if project.stage in FINAL_STAGES:
        return None
    stages = stages_for(project)
    index = stages.index(project.stage)
    return stages[index + 1] if index + 1 < len(stages) else None


def size_parsed(raw) -> tuple[Decimal | None, str]:
    """총사업비 in 억원 as written and the text kept; empty is None (a size may be unknown)."""
    written = text_field(raw, "총사업비", limit=SIZE_TEXT_MAX_LENGTH, required=False, one_line=True)
    if not written:
        return None, ""
    return eok_parsed(written, "총사업비")


def _year(raw, what: str, *, required: bool) -> int | None:
    if raw is None or raw == "":
        if required:
            raise InvalidInput(f"{what}를 적어 주세요.")
        return None
    if isinstance(raw, bool):
        raise InvalidInput(f"{what}를 숫자로 적어 주세요.")
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise InvalidInput(f"{what}를 숫자(예: 2025)로 적어 주세요.") from None
    latest = timezone.localdate().year + YEARS_AHEAD
    if not FIRST_YEAR <= year <= latest:
        raise InvalidInput(f"{what}는 {FIRST_YEAR}년부터 {latest}년까지입니다.")
    return year


def _date(raw, what: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidInput(f"{what}을 날짜(예: 2025-01-31)로 적어 주세요.") from None


def _area(raw) -> DigitalArea | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, DigitalArea):
        return raw
    try:
        return DigitalArea.objects.get(pk=int(raw))
    except (ValueError, TypeError, DigitalArea.DoesNotExist):
        raise InvalidInput("디지털 계획 분야를 찾을 수 없습니다.") from None


def _tasks(raw) -> list[Task]:
    """Tasks of published (not draft) implementation plans only."""
    ids = []
    for item in raw or []:
        try:
            ids.append(item.pk if isinstance(item, Task) else int(item))
        except (ValueError, TypeError):
            raise InvalidInput("연계 시행계획 과제를 번호로 골라 주세요.") from None
    tasks = list(Task.objects.filter(pk__in=ids, plan__is_draft=False))
    if len(tasks) != len(set(ids)):
        raise InvalidInput("연계 시행계획 과제는 확정된 시행계획의 과제만 고를 수 있습니다.")
    return tasks


def _fields(data: dict) -> dict:
    """The proposal's own fields from a form's or the API's data, each checked."""
    origin = data.get("origin")
    if origin not in ProposalOrigin.values:
        raise InvalidInput("수요 출처를 고르세요(지역공약, 지자체 역점사업, 지방시대계획, 기타).")
    size_eok, size_text = size_parsed(data.get("size"))
    start_year = _year(data.get("start_year"), "시작 연도", required=False)
    end_year = _year(data.get("end_year"), "종료 연도", required=False)
    if start_year and end_year and end_year < start_year:
        raise InvalidInput("종료 연도가 시작 연도보다 앞설 수 없습니다.")
    return {
        "title": text_field(data.get("title"), "사업명", limit=TITLE_MAX_LENGTH, one_line=True),
        "summary": text_field(
            data.get("summary"), "사업 내용", limit=SUMMARY_MAX_LENGTH, required=False
        ),
        "origin": origin,
        "origin_note": text_field(
            data.get("origin_note"),
            "출처 설명",
            limit=ORIGIN_NOTE_MAX_LENGTH,
            required=False,
            one_line=True,
        ),
        "area": _area(data.get("area")),
        "size_eok": size_eok,
        "size_text": size_text,
        "start_year": start_year,
        "end_year": end_year,
        "support_share_note": text_field(
            data.get("support_share_note"),
            "분야별 지원 비중",
            limit=NOTE_MAX_LENGTH,
            required=False,
        ),
        "linkage_note": text_field(
            data.get("linkage_note"), "사업 간 연계", limit=NOTE_MAX_LENGTH, required=False
        ),
    }


def _lock_province(province: Organization) -> Organization:
    """Ranking and numbering a province's proposals happen one at a time per province."""
    return Organization.objects.select_for_update().get(pk=province.pk)


def _ranked(province: Organization, year: int):
    return Proposal.objects.filter(province=province, year=year).exclude(
        state=ProposalState.WITHDRAWN
    )


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    province: Organization,
    year,
    title,
    origin,
    summary="",
    origin_note="",
    area=None,
    tasks=(),
    size="",
    start_year=None,
    end_year=None,
    support_share_note="",
    linkage_note="",
) -> Proposal:
    """A province's new draft proposal, ranked last among its proposals of that year."""
    if not can_write_proposals(actor, province):
        raise NotAllowed(f"{province}의 작성 권한이 있는 사람만 제안을 쓸 수 있습니다.")
    year = _year(year, "제안 연도", required=True)
    fields = _fields(
        {
            "title": title,
            "summary": summary,
            "origin": origin,
            "origin_note": origin_note,
            "area": area,
            "size": size,
            "start_year": start_year,
            "end_year": end_year,
            "support_share_note": support_share_note,
            "linkage_note": linkage_note,
        }
    )
    linked = _tasks(tasks)
    _lock_province(province)
    proposal = Proposal(
        province=province,
        year=year,
        priority=_ranked(province, year).count() + 1,
        created_by=actor,
        created_at=timezone.now(),
        **fields,
    )
    proposal._history_user = actor
    proposal._change_reason = "제안 작성"
    proposal.save()
    proposal.tasks.set(linked)
    return proposal


def _locked_proposal(actor: User, proposal: Proposal) -> Proposal:
    if not can_write_proposals(actor, proposal.province):
        raise NotAllowed(
            f"{proposal.province}의 작성 권한이 있는 사람만 이 제안을 고칠 수 있습니다."
        )
    return Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)


@transaction.atomic
def proposal_update(*, actor: User, proposal: Proposal, **data) -> Proposal:
    """Edit a draft; a submitted proposal is what the province sent and stays as it is."""
    proposal = _locked_proposal(actor, proposal)
    if proposal.state != ProposalState.DRAFTING:
        raise StateConflict(
            f"제안은 {ProposalState.DRAFTING.label} 상태에서만 고칠 수 있습니다"
            f"(지금: {proposal.get_state_display()})."
        )
    current = {
        "title": proposal.title,
        "summary": proposal.summary,
        "origin": proposal.origin,
        "origin_note": proposal.origin_note,
        "area": proposal.area,
        "size": proposal.size_text,
        "start_year": proposal.start_year,
        "end_year": proposal.end_year,
        "support_share_note": proposal.support_share_note,
        "linkage_note": proposal.linkage_note,
    }
    unknown = set(data) - set(current) - {"tasks"}
    if unknown:
        raise InvalidInput(f"알 수 없는 항목입니다: {', '.join(sorted(unknown))}")
    for name, value in _fields(current | data).items():
        setattr(proposal, name, value)
    proposal._history_user = actor
    proposal._change_reason = "제안 수정"
    proposal.save()
    if "tasks" in data:
        proposal.tasks.set(_tasks(data["tasks"]))
    return proposal


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal) -> Proposal:
    proposal = _locked_proposal(actor, proposal)
    if proposal.state != ProposalState.DRAFTING:
        raise StateConflict(f"이미 {proposal.get_state_display()} 상태인 제안입니다.")
    proposal.state = ProposalState.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal._history_user = actor
    proposal._change_reason = "제안 제출"
    proposal.save()
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal) -> Proposal:
    """Withdraw a proposal not yet taken up by a track; the others close the gap in rank."""
    if not can_write_proposals(actor, proposal.province):
        raise NotAllowed(
            f"{proposal.province}의 작성 권한이 있는 사람만 이 제안을 철회할 수 있습니다."
        )
    _lock_province(proposal.province)
    proposal = _locked_proposal(actor, proposal)
    if proposal.state == ProposalState.WITHDRAWN:
        raise StateConflict("이미 철회한 제안입니다.")
    if proposal.track is not None:
        raise StateConflict(
            f"{proposal.get_track_display()}에서 진행 중인 제안은 철회할 수 없습니다."
        )
    proposal.state = ProposalState.WITHDRAWN
    proposal.priority = None
    proposal._history_user = actor
    proposal._change_reason = "제안 철회"
    proposal.save()
    _renumber(actor, list(_ranked(proposal.province, proposal.year).order_by("priority", "pk")))
    return proposal


def _renumber(actor: User, ordered: list[Proposal]) -> None:
    """Priorities 1..n in `ordered`; cleared first so the unique rank is never held twice."""
    ids = [p.pk for p in ordered]
    Proposal.objects.filter(pk__in=ids).update(priority=None)
    for position, proposal in enumerate(ordered, start=1):
        proposal.priority = position
        proposal._history_user = actor
        proposal._change_reason = "우선순위 조정"
        proposal.save(update_fields=["priority"])


@transaction.atomic
def proposals_rank(*, actor: User, province: Organization, year, order) -> list[Proposal]:
    """Set the province's priorities for `year` to 1..n in `order`, which must name every
    proposal of that year not withdrawn, each once (l.861 "우선순위")."""
    if not can_write_proposals(actor, province):
        raise NotAllowed(f"{province}의 작성 권한이 있는 사람만 우선순위를 정할 수 있습니다.")
    year = _year(year, "제안 연도", required=True)
    try:
        ids = [int(i) for i in order]
    except (TypeError, ValueError):
        raise InvalidInput("우선순위는 제안 번호의 목록으로 보내 주세요.") from None
    _lock_province(province)
    proposals = {p.pk: p for p in _ranked(province, year)}
    if len(ids) != len(set(ids)):
        raise InvalidInput("같은 제안이 우선순위에 두 번 들어 있습니다.")
    if set(ids) != set(proposals):
        raise InvalidInput(
            f"{province}의 {year}년 제안(철회한 것 제외) {len(proposals)}건을 모두 한 번씩 "
            "순서대로 보내 주세요."
        )
    ordered = [proposals[i] for i in ids]
    _renumber(actor, ordered)
    return ordered


def proposal_track1_enter(*, actor: User, proposal: Proposal) -> Proposal:
    """Mark a proposal as taken up by Track 1 (its first call application), under the
    proposal's lock, so it can no longer be withdrawn while an application hangs on it. Runs
    inside the caller's transaction; a proposal already in Track 2 does not go back."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if proposal.state != ProposalState.SUBMITTED:
        raise StateConflict("제출된 제안만 신청할 수 있습니다.")
    if proposal.track == Track.TWO:
        raise StateConflict("트랙2로 옮긴 제안은 트랙1 공모에 신청할 수 없습니다.")
    if proposal.track is None:
        proposal.track = Track.ONE
        proposal._history_user = actor
        proposal._change_reason = "트랙1 공모 신청"
        proposal.save(update_fields=["track"])
    return proposal


def _not_future(day: date, what: str) -> date:
    if day > timezone.localdate():
        raise InvalidInput(f"{what}은 오늘 이후일 수 없습니다.")
    return day


@transaction.atomic
def large_project_start(
    *,
    actor: User,
    proposal: Proposal,
    owner: Organization,
    started_on,
    decision,
    feasibility_sized: bool = False,
    from_track1: bool = False,
) -> LargeProject:
    """Take a submitted proposal into Track 2 at 관계부처 컨설팅, its first step recorded."""
    if owner.kind != OrganizationKind.MINISTRY:
        raise InvalidInput("담당 부처는 중앙행정기관이어야 합니다.")
    if not can_start_large_project(actor, owner):
        raise NotAllowed(
            f"위원회 담당자나 {owner}의 작성 권한이 있는 사람만 트랙2 사업을 시작할 수 있습니다."
        )
    started_on = _not_future(_date(started_on, "시작일"), "시작일")
    decision = text_field(decision, "결정 내용", limit=DECISION_MAX_LENGTH)
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if proposal.state != ProposalState.SUBMITTED:
        raise StateConflict(
            f"제출된 제안만 트랙2로 갈 수 있습니다(지금: {proposal.get_state_display()})."
        )
    if LargeProject.objects.filter(proposal=proposal).exists():
        raise StateConflict("이 제안은 이미 트랙2 사업이 있습니다.")
    project = LargeProject(
        proposal=proposal,
        owner=owner,
        stage=LargeProjectStage.CONSULTING,
        feasibility_sized=bool(feasibility_sized),
        from_track1=bool(from_track1),
        started_on=started_on,
        created_by=actor,
    )
    project._history_user = actor
    project._change_reason = "트랙2 시작"
    project.save()
    LargeProjectStep.objects.create(
        project=project,
        from_stage="",
        to_stage=LargeProjectStage.CONSULTING,
        decided_on=started_on,
        decision=decision,
        decided_by_body=str(owner),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    proposal.track = Track.TWO
    proposal._history_user = actor
    proposal._change_reason = "트랙2 시작"
    proposal.save(update_fields=["track"])
    return project


@transaction.atomic
def large_project_step(
    *,
    actor: User,
    project: LargeProject,
    to_stage,
    decided_on,
    decision,
    decided_by_body="",
    documents="",
) -> LargeProjectStep:
    """Move a Track 2 project to its next stage in printed order, or close it, with the
    decision and documents; no skipping, no date in the future or before the last step."""
    if to_stage not in LargeProjectStage.values:
        raise InvalidInput("단계를 고르세요.")
    if not can_record_step(actor, project, to_stage):
        if to_stage == LargeProjectStage.SPECIAL_COMMITTEE:
            raise NotAllowed("특별위원회 논의 결과는 위원회 담당자만 기록합니다.")
        raise NotAllowed(f"위원회 담당자나 {project.owner}의 작성 권한이 있는 사람만 기록합니다.")
    decided_on = _not_future(_date(decided_on, "결정일"), "결정일")
    decision = text_field(decision, "결정 내용", limit=DECISION_MAX_LENGTH)
    body = text_field(
        decided_by_body, "결정 기관", limit=BODY_MAX_LENGTH, required=False, one_line=True
    )
    documents = text_field(documents, "문서", limit=DOCUMENTS_MAX_LENGTH, required=False)
    project = LargeProject.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if project.stage in FINAL_STAGES:
        raise StateConflict(f"이미 {project.get_stage_display()} 단계에서 끝난 사업입니다.")
    expected = next_stage(project)
    if to_stage != LargeProjectStage.CLOSED and to_stage != expected:
        raise StateConflict(
            f"{project.get_stage_display()} 다음 단계는 "
            f"{LargeProjectStage(expected).label}입니다(건너뛸 수 없습니다)."
        )
    last = project.steps.order_by("-decided_on", "-pk").first()
    if last is not None and decided_on < last.decided_on:
        raise InvalidInput(f"결정일은 앞 단계의 결정일({last.decided_on}) 이후여야 합니다.")
    step = LargeProjectStep.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        decided_on=decided_on,
        decision=decision,
        decided_by_body=body,
        documents=documents,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    project.stage = to_stage
    project._history_user = actor
    project._change_reason = f"단계: {step.get_to_stage_display()}"
    project.save(update_fields=["stage"])
    return step
