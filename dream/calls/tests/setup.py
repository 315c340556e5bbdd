"""A small Track 1 world for the tests, built only through the services: submitted proposals of
부산, 서울, 대구 and 광주, the 2024 call of 과기정통부 (open, deadline ahead) and evaluators."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from dream.accounts.models import Membership, User
from dream.calls import evaluation, services
from dream.calls.models import Application, Call, CallPanel
from dream.evaluation.integrity import evaluator_register
from dream.evaluation.models import Evaluator
from dream.pipeline.models import Proposal
from dream.pipeline.services import proposal_create, proposal_submit

GOOD_REASON = "지자체 추진의지가 분명함"
PROVINCES = ("부산", "서울", "대구", "광주")


def province_editor(orgs, short_name: str) -> User:
    user, made = User.objects.get_or_create(username=f"editor_{short_name}")
    if made:
        Membership.objects.create(user=user, organization=orgs[short_name], role="editor")
    return user


def submitted_proposal(orgs, short_name: str, title: str = "") -> Proposal:
    editor = province_editor(orgs, short_name)
    proposal = proposal_create(
        actor=editor,
        province=orgs[short_name],
        year=2024,
        title=title or f"{short_name} 디지털 혁신 과제",
        origin="flagship",
    )
    return proposal_submit(actor=editor, proposal=proposal)


def expert(staff, name: str, organization=None, role: str = "viewer") -> Evaluator:
    user = User.objects.create_user(name)
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return evaluator_register(actor=staff, user=user, field="디지털")


def declared(call: Call, evaluator: Evaluator):
    return evaluation.call_conflict_declare(
        actor=evaluator.user, call=call, ties=[], none_to_declare=True
    )


def open_call(staff, *, budget="30", select_count=12, **kwargs) -> Call:
    call = services.call_create(
        actor=staff,
        year=2024,
        title="지역 자율형 디지털 혁신 프로젝트",
        budget=budget,
        select_count=select_count,
        deadline=timezone.localdate() + timedelta(days=10),
        **kwargs,
    )
    return services.call_open(actor=staff, call=call)


@dataclass
class World:
    call: Call
    proposals: dict[str, Proposal]
    applications: dict[str, Application] = field(default_factory=dict)
    panels: list[CallPanel] = field(default_factory=list)
    evaluators: list[Evaluator] = field(default_factory=list)


def applied_world(orgs, staff, requested: dict[str, str], **call_kwargs) -> World:
    """An open call with an application of each province in `requested` (억원 as written)."""
    call = open_call(staff, **call_kwargs)
    proposals = {name: submitted_proposal(orgs, name) for name in requested}
    world = World(call=call, proposals=proposals)
    for name, amount in requested.items():
        world.applications[name] = services.application_submit(
            actor=province_editor(orgs, name), call=call, proposal=proposals[name], requested=amount
        )
    return world


def scored(actor_evaluator: Evaluator, assignment, value) -> None:
    criteria = assignment.call.criteria.all()
    evaluation.call_scores_record(
        actor=actor_evaluator.user,
        assignment=assignment,
        scores={c.pk: (Decimal(value), GOOD_REASON) for c in criteria},
    )


def selected_world(orgs, staff) -> World:
    """부산 and 서울 applied (10억원 each in a 15억원 call), one panel, expert_a scored 부산 (90)
    and expert_b scored 서울 (70), selection done: 부산 selected, 서울 not."""
    world = applied_world(orgs, staff, {"부산": "10", "서울": "10"}, budget="15")
    world.call = services.call_evaluation_start(actor=staff, call=world.call)
    panel = evaluation.call_panel_save(actor=staff, call=world.call, name="1반", members=[])
    world.panels = [panel]
    for name, username, value in (("부산", "expert_a", 90), ("서울", "expert_b", 70)):
        evaluator = expert(staff, username)
        declared(world.call, evaluator)
        assignment = evaluation.call_assignment_create(
            actor=staff, panel=panel, application=world.applications[name], evaluator=evaluator
        )
        scored(evaluator, assignment, value)
        world.evaluators.append(evaluator)
    world.call = services.call_select(actor=staff, call=world.call)
    return world
