"""The digital project pipeline run end to end through the services the pages use, as people
would run it (issue 11 "Done when"): eight provinces propose and rank; 과기정통부 opens a
Track 1 call (the printed criterion l.1700 and one DREAM example), logs pre-consulting, the
provinces apply; evaluators declare, one who belongs to 부산 is refused on 부산's application;
two panels score with reasons; scores are computed (raw and normalised) and selected within
the budget; a funded year is rated 우수 and the project moves to Track 2 through its steps;
base amounts are set and an allocation run differentiates the provinces within the cap,
with a what-if under another weight; an agency files a programme report. For the README's
`dream pipeline-demo` and its test.

Every text and figure it enters says it is the demo's. A second run is refused (the year
already has demo proposals), so nothing is ever entered twice.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from dream.accounts.choices import MembershipRole
from dream.accounts.models import Organization, User
from dream.accounts.selectors import organization_named
from dream.accounts.services import organizations_ensure, system_user, user_provision
from dream.agencies.seed import seed_entries
from dream.agencies.selectors import agency_for_province
from dream.agencies.services import (
    OutcomeInput,
    agencies_seed,
    performance_report_save,
    performance_report_submit,
)
from dream.allocation.models import AllocationRun, Measure, TurnkeyProgramme
from dream.allocation.services import allocation_run, base_amount_set, what_if_year
from dream.calls import evaluation as call_evaluation
from dream.calls import services as calls
from dream.calls.choices import ApplicationState, CriterionBasis, FundedRating
from dream.calls.models import Application, Call
from dream.cycle.errors import CycleError, InvalidInput
from dream.digital.choices import AreaKind
from dream.digital.models import DigitalArea
from dream.districts.choices import MeasureKind
from dream.districts.models import InnovationDistrict
from dream.districts.seeding import SeedError, pilot_districts_seed
from dream.districts.services import district_measure_record
from dream.evaluation.integrity import ConflictOfInterest, evaluator_register
from dream.evaluation.models import Evaluator

from .choices import LargeProjectStage, ProposalOrigin
from .models import LargeProject, Proposal
from .services import large_project_step, proposal_create, proposal_submit, proposals_rank

DEMO_MARK = "[데모]"
DEMO_SOURCE = "시연 자료(dream pipeline-demo) — 실제 자료가 아님"
DEMO_REASON = (
    "시연 점수: 제안서의 추진의지와 계획을 보고 매긴 예시 점수입니다(dream pipeline-demo)."
)
DEMO_PROVINCES = ("부산", "대구", "광주", "서울", "경기", "강원", "전북", "경남")
PILOT_PROVINCES = ("부산", "대구", "광주")
CALL_BUDGET = "60"  # 억원, the demo's own figure
PANEL_SEATS = 2
ALREADY = "이미 데모 자료가 있습니다"


@dataclass
class DemoReport:
    """What the demo did, for the command's summary and the test's checks."""

    year: int
    proposals: int = 0
    provinces: list[str] = field(default_factory=list)
    call: Call | None = None
    consultations: int = 0
    refused_assignment: str = ""
    scores: int = 0
    normalised: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    selected_total: Decimal = Decimal(0)
    project: LargeProject | None = None
    run: AllocationRun | None = None
    what_if_weights: dict = field(default_factory=dict)
    what_if_lines: list[dict] = field(default_factory=list)
    agency_report: str = ""
    agency_province: str = ""
    districts: list[str] = field(default_factory=list)


def _fraction(*parts) -> Decimal:
    """A stable number in [0, 1) from the parts: the demo's figures are the same every run."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def _one_place(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _user(username: str, organization: Organization, role: str, *, actor: User) -> User:
    user, _ = user_provision(
        actor=actor,
        username=username,
        organization=organization,
        role=role,
        email=f"{username}@example.org",
        reason="dream pipeline-demo",
    )
    return user


def _evaluator(staff: User, user: User, affiliation: str) -> Evaluator:
    existing = Evaluator.objects.filter(user=user, active=True).first()
    return existing or evaluator_register(
        actor=staff, user=user, field="디지털(시연)", affiliation=affiliation
    )


def _prerequisites(actor: User) -> list[str]:
    """The agencies and pilot districts `make run` does not seed, seeded as their commands do."""
    try:
        agencies_seed(actor=actor, entries=seed_entries())
        pilot_districts_seed()
    except SeedError as error:
        raise CycleError(str(error)) from error
    return list(
        InnovationDistrict.objects.filter(source_line__isnull=False)
        .order_by("province__position")
        .values_list("name", flat=True)
    )


def _proposals(year: int, editors: dict[str, User], report: DemoReport) -> dict[str, Proposal]:
    """Two proposals per province, submitted, ranked with the second first; the one ranked
    first applies to the call."""
    area = DigitalArea.objects.filter(kind=AreaKind.AREA).order_by("pk").first()
    leading = {}
    for name, editor in editors.items():
        province = organization_named(name)
        made = []
        for number, (origin, topic) in enumerate(
            (
                (ProposalOrigin.LOCAL_ERA_PLAN, "디지털 기초체력 강화"),
                (ProposalOrigin.FLAGSHIP, "지역 특화 디지털 혁신 서비스"),
            ),
            start=1,
        ):
            size = _one_place(Decimal(8) + _fraction(year, name, number) * 12)
            proposal = proposal_create(
                actor=editor,
                province=province,
                year=year,
                title=f"{DEMO_MARK} {name} {topic}",
                origin=origin,
                origin_note=DEMO_SOURCE,
                summary=f"{name}의 시연용 제안입니다. {DEMO_SOURCE}",
                area=area,
                size=str(size),
                start_year=year,
                end_year=year + 2,
                support_share_note="4대 분야별 지원 비중(시연 설명)",
                linkage_note="지역 내 다른 디지털 사업과 연계(시연 설명)",
            )
            made.append(proposal_submit(actor=editor, proposal=proposal))
        proposals_rank(actor=editor, province=province, year=year, order=[p.pk for p in made[::-1]])
        leading[name] = made[1]
        report.proposals += len(made)
        report.provinces.append(name)
    return leading


def _call(year: int, msit: User, proposals, editors, report: DemoReport) -> Call:
    """The call with its criteria, pre-consulting of every applicant, and the applications."""
    criteria = [
        calls.CriterionInput(
            "지자체 추진의지", Decimal(2), Decimal(100), CriterionBasis.PRINTED, 1700
        ),
        calls.CriterionInput("사업 계획의 구체성(DREAM 예시 기준)", Decimal(1), Decimal(100)),
    ]
    call = calls.call_create(
        actor=msit,
        year=year,
        title=f"{DEMO_MARK} {year}년 지역 자율형 디지털 혁신 프로젝트 공모",
        budget=CALL_BUDGET,
        select_count=12,
        deadline=timezone.localdate() + timedelta(days=30),
        criteria=criteria,
        note=f"예산·선정 수는 시연 값입니다. {DEMO_SOURCE}",
    )
    call = calls.call_open(actor=msit, call=call)
    for name, proposal in proposals.items():
        calls.preconsultation_log(
            actor=msit,
            call=call,
            province=proposal.province,
            proposal=proposal,
            advisor="정보통신산업진흥원 시연 자문위원",
            advised_on=timezone.localdate(),
            advice=f"{name}: 추진의지와 지방비 분담 계획을 보완할 것(시연 컨설팅).",
        )
        report.consultations += 1
    for name, proposal in proposals.items():
        calls.application_submit(
            actor=editors[name], call=call, proposal=proposal, requested=proposal.size_text
        )
    return call


def _evaluate(call: Call, msit: User, staff: User, report: DemoReport) -> Call:
    """Two panels of two; a 부산 member refused on 부산's application; every application
    scored by its panel with reasons."""
    call = calls.call_evaluation_start(actor=msit, call=call)
    panels = []
    for number in (1, 2):
        members = []
        for seat in range(1, PANEL_SEATS + 1):
            username = f"demo-track1-{number}{seat}"
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            evaluator = _evaluator(staff, user, "시연 대학")
            call_evaluation.call_conflict_declare(
                actor=user,
                call=call,
                ties=[],
                none_to_declare=True,
                statement="신청 시·도와 관계 없음(시연)",
            )
            members.append(evaluator)
        panels.append(
            call_evaluation.call_panel_save(
                actor=msit, call=call, name=f"제{number}평가반(시연)", members=members
            )
        )
    tied_user = _user(
        "demo-track1-busan", organization_named("부산"), MembershipRole.VIEWER, actor=staff
    )
    tied = _evaluator(staff, tied_user, "부산 소속(시연)")
    call_evaluation.call_conflict_declare(
        actor=tied_user, call=call, ties=[], none_to_declare=True, statement="부산 소속(시연)"
    )
    applications = list(Application.objects.filter(call=call).order_by("pk"))
    busan = next(a for a in applications if a.province.short_name == "부산")
    try:
        call_evaluation.call_assignment_create(
            actor=msit, panel=panels[0], application=busan, evaluator=tied
        )
    except ConflictOfInterest as refusal:
        report.refused_assignment = refusal.message
    criteria = list(call.criteria.order_by("position"))
    for index, application in enumerate(applications):
        panel = panels[index % len(panels)]
        # The second panel scores harder, so normalisation across panels has work to do.
        floor = Decimal(55) if index % len(panels) else Decimal(70)
        for evaluator in panel.members.order_by("pk"):
            assignment = call_evaluation.call_assignment_create(
                actor=msit, panel=panel, application=application, evaluator=evaluator
            )
            scores = {
                c.pk: (
                    str(_one_place(floor + _fraction(application.pk, evaluator.pk, c.pk) * 30)),
                    DEMO_REASON,
                )
                for c in criteria
            }
            call_evaluation.call_scores_record(
                actor=evaluator.user, assignment=assignment, scores=scores
            )
            report.scores += len(scores)
    return calls.call_select(actor=msit, call=call)


def _selection(call: Call, report: DemoReport) -> list[Application]:
    ranked = list(
        Application.objects.filter(call=call, rank__isnull=False)
        .select_related("province")
        .order_by("rank")
    )
    for application in ranked:
        report.normalised.append(
            f"{application.rank}위 {application.province}: 원점수 {application.raw_score:.2f}점, "
            f"표준화 {_or_none(application.normalised_score)}, 최종 {application.final_score:.2f}점"
            f" — {application.get_state_display()}"
        )
    selected = [a for a in ranked if a.state == ApplicationState.SELECTED]
    report.selected = [f"{a.province} {a.selected_eok}억원" for a in selected]
    report.selected_total = sum((a.selected_eok for a in selected), Decimal(0))
    return selected


def _or_none(value) -> str:
    return "안 함" if value is None else f"{value:.2f}점"


def _track2(year: int, first: Application, msit: User, staff: User) -> LargeProject:
    """A funded year rated 우수, the project marked 우수 and moved to Track 2, then its steps."""
    calls.funded_year_record(
        actor=msit,
        application=first,
        year=year,
        granted=str(first.selected_eok),
        spent=str(_one_place(first.selected_eok * Decimal("0.9"))),
        outputs=f"시제품 1종(시연 성과). {DEMO_SOURCE}",
        rating=FundedRating.EXCELLENT,
    )
    calls.application_mark_excellent(actor=msit, application=first, reason="연차 평가 우수(시연)")
    project = calls.application_move_to_track2(
        actor=msit,
        application=first,
        owner=organization_named("과기정통부"),
        decision="우수 성과 과제의 대형·중장기 사업화 컨설팅(원문 l.1790, 시연)",
    )
    today = timezone.localdate()
    for stage, actor, body in (
        (LargeProjectStage.DISCUSSION, msit, f"{first.province}·지역 대학·산업계(시연)"),
        (LargeProjectStage.REVIEW, msit, "과기정통부(시연)"),
        (LargeProjectStage.SPECIAL_COMMITTEE, staff, "(가칭)지방디지털화 특별위원회(시연)"),
        (LargeProjectStage.BUSINESS_PLAN, msit, "과기정통부(시연)"),
    ):
        large_project_step(
            actor=actor,
            project=project,
            to_stage=stage,
            decided_on=today,
            decision=f"{LargeProjectStage(stage).label} 완료(시연 결정)",
            decided_by_body=body,
            documents=DEMO_SOURCE,
        )
    project.refresh_from_db()
    return project


def _allocation(year: int, staff: User, report: DemoReport) -> None:
    """Base amounts per province and programme (demo figures), firm counts of the pilot
    districts, a run, and a what-if without the district measure."""
    provinces = {name: organization_named(name) for name in DEMO_PROVINCES}
    for programme in TurnkeyProgramme.objects.order_by("position")[:3]:
        for name, province in provinces.items():
            amount = _one_place(Decimal(20) + _fraction(year, name, programme.pk) * 10)
            base_amount_set(
                actor=staff,
                year=year,
                province=province,
                programme=programme,
                amount_text=str(amount),
            )
    for district in InnovationDistrict.objects.filter(
        source_line__isnull=False, province__short_name__in=PILOT_PROVINCES
    ):
        firms = 200 + int(_fraction(year, district.name) * 600)
        district_measure_record(
            actor=staff,
            district=district,
            kind=MeasureKind.DIGITAL_FIRMS,
            year=year,
            value=firms,
            source=DEMO_SOURCE,
        )
    report.run = allocation_run(actor=staff, year=year, label=f"{DEMO_MARK} 성과 기반 차등 배분")
    report.what_if_weights = {Measure.DISTRICT.value: "0"}
    report.what_if_lines = what_if_year(year, report.what_if_weights)["lines"]


def _agency_report(year: int, staff: User, report: DemoReport) -> None:
    busan = organization_named("부산")
    agency = agency_for_province(busan)
    if agency is None:
        raise CycleError(
            "부산의 지역 디지털 진흥기관이 없습니다. `dream seed-agencies`를 먼저 돌리세요."
        )
    editor = _user("demo-agency-busan", agency.organization, MembershipRole.EDITOR, actor=staff)
    saved = performance_report_save(
        actor=editor,
        agency=agency,
        year=year,
        ministry=organization_named("과기정통부"),
        programme=f"{DEMO_MARK} SW융합클러스터",
        budget="45.5",
        spent="41.2",
        outputs=f"기업 지원 30건(시연). {DEMO_SOURCE}",
        outcomes=[OutcomeInput("지원 기업 매출 증가", "억원", "100", "92.5")],
        reason="dream pipeline-demo",
    )
    performance_report_submit(actor=editor, report=saved)
    report.agency_report = f"{agency} · {saved.programme}"
    report.agency_province = busan.short_name


def pipeline_demo_run(year: int = 2024) -> DemoReport:
    """Run the demo for `year`; CycleError (Korean) when it cannot or has already run."""
    if Proposal.objects.filter(year=year, title__startswith=DEMO_MARK).exists():
        raise CycleError(
            f"{ALREADY}({year}년 '{DEMO_MARK}' 제안). 시연은 한 연도에 한 번만 돌립니다 — "
            "다른 연도(--year)나 빈 데이터베이스에서 돌리세요."
        )
    organizations_ensure()
    actor = system_user()
    report = DemoReport(year=year)
    editor = MembershipRole.EDITOR
    with transaction.atomic():
        report.districts = _prerequisites(actor)
        staff = _user("demo-pipeline-committee", organization_named("위원회"), editor, actor=actor)
        msit = _user("demo-pipeline-msit", organization_named("과기정통부"), editor, actor=actor)
        editors = {
            name: _user(f"demo-pipeline-{index}", organization_named(name), editor, actor=actor)
            for index, name in enumerate(DEMO_PROVINCES, start=1)
        }
        proposals = _proposals(year, editors, report)
        report.call = _call(year, msit, proposals, editors, report)
        report.call = _evaluate(report.call, msit, staff, report)
        selected = _selection(report.call, report)
        if not selected:
            raise InvalidInput("선정된 과제가 없어 트랙2로 옮길 과제가 없습니다.")
        report.project = _track2(year, selected[0], msit, staff)
        _allocation(year, staff, report)
        _agency_report(year, staff, report)
    return report
