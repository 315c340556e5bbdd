"""The whole Track 1 path as a specification (l.1769–1790): pre-consulting → application →
a conflicted evaluator refused → scoring → normalisation across two panels → selection within
the budget → a funded year → 우수 → moved to Track 2, the proposal's history kept."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from dream.calls import evaluation, services
from dream.calls.choices import ApplicationState, CallState, CriterionBasis
from dream.calls.selectors import province_track1_scores, track1_status_by_proposal
from dream.cycle.errors import NotAllowed, StateConflict
from dream.evaluation.computation import shown
from dream.evaluation.integrity import ConflictOfInterest
from dream.pipeline.choices import LargeProjectStage, Track
from dream.pipeline.services import proposal_withdraw

from .setup import (
    applied_world,
    declared,
    expert,
    province_editor,
    scored,
    submitted_proposal,
)

pytestmark = pytest.mark.django_db

CRITERIA = [
    services.CriterionInput(
        "지자체 추진의지", Decimal(2), Decimal(100), CriterionBasis.PRINTED, 1700
    ),
    services.CriterionInput("사업 타당성", Decimal(1), Decimal(100)),
]


def _labels(world):
    statuses = track1_status_by_proposal([p.pk for p in world.proposals.values()])
    return {name: statuses[p.pk].label for name, p in world.proposals.items()}


def test_a_proposal_goes_through_track1_to_track2(orgs, personas):
    msit = personas("msit_editor")
    # Pre-consulting of 부산 before it applies: who advised what, when.
    busan_proposal = submitted_proposal(orgs, "부산", "부산 해양 디지털 트윈")
    world = applied_world(
        orgs,
        msit,
        {"서울": "15", "대구": "20", "광주": "5"},
        budget="30",
        select_count=3,
        criteria=CRITERIA,
    )
    call = world.call
    consultation = services.preconsultation_log(
        actor=msit,
        call=call,
        province=orgs["부산"],
        proposal=busan_proposal,
        advisor="정보통신산업진흥원 김자문",
        advised_on=timezone.localdate() - timedelta(days=1),
        advice="추진의지와 지방비 분담 계획을 보완할 것",
    )
    assert track1_status_by_proposal([busan_proposal.pk])[busan_proposal.pk].label == "사전 컨설팅"
    assert consultation.recorded_by == msit

    world.proposals["부산"] = busan_proposal
    busan_editor = world.applications["서울"].submitted_by.__class__.objects.get(
        username="editor_부산"
    )
    world.applications["부산"] = services.application_submit(
        actor=busan_editor, call=call, proposal=busan_proposal, requested="10"
    )
    assert _labels(world)["부산"] == "신청"

    call = services.call_evaluation_start(actor=msit, call=call)
    assert call.criteria_frozen_at is not None

    # Two panels: A judges 부산 and 서울 generously, B judges 대구 and 광주 harshly.
    staff = personas("committee_staff")
    a1, a2, b1, b2 = (expert(staff, name) for name in ("a1", "a2", "b1", "b2"))
    busan_member = expert(staff, "busan_member", orgs["부산"])
    for evaluator in (a1, a2, b1, b2, busan_member):
        declared(call, evaluator)
    panel_a = evaluation.call_panel_save(actor=msit, call=call, name="A반", members=[])
    panel_b = evaluation.call_panel_save(actor=msit, call=call, name="B반", members=[])

    with pytest.raises(ConflictOfInterest, match="부산 소속"):
        evaluation.call_assignment_create(
            actor=msit,
            panel=panel_a,
            application=world.applications["부산"],
            evaluator=busan_member,
        )

    plan = {"부산": (panel_a, (a1, a2), 90), "서울": (panel_a, (a1, a2), 80)}
    plan |= {"대구": (panel_b, (b1, b2), 60), "광주": (panel_b, (b1, b2), 50)}
    for name, (panel, evaluators, value) in plan.items():
        for evaluator in evaluators:
            assignment = evaluation.call_assignment_create(
                actor=msit, panel=panel, application=world.applications[name], evaluator=evaluator
            )
            scored(evaluator, assignment, value)
    assert _labels(world)["대구"] == "평가 중"

    call = services.call_select(actor=msit, call=call)
    assert call.state == CallState.SELECTED
    apps = {name: a.__class__.objects.get(pk=a.pk) for name, a in world.applications.items()}
    # Raw and normalised side by side: raw puts 서울 (80) above 대구 (60); across the panels
    # 대구 tops the harsh panel as 부산 tops the generous one.
    assert apps["서울"].raw_score == 80 and apps["대구"].raw_score == 60
    top = Decimal(70) + Decimal(250).sqrt()  # round mean + round sd × 1
    assert shown(apps["부산"].normalised_score) == shown(top)
    assert shown(apps["대구"].normalised_score) == shown(top)
    assert apps["대구"].final_score > apps["서울"].final_score
    # Equal final scores go to the earlier application (대구 applied before 부산). Selection in
    # rank order within 30억원: 대구 20 + 부산 10 fill it exactly; 서울 is skipped (over the
    # remaining budget), 광주 (5억원) too, as nothing is left.
    assert [apps[n].rank for n in ("대구", "부산", "서울", "광주")] == [1, 2, 3, 4]
    assert {n for n, a in apps.items() if a.state == ApplicationState.SELECTED} == {"부산", "대구"}
    assert sum(a.selected_eok or 0 for a in apps.values()) == Decimal(30)
    assert "남은 예산" in apps["서울"].selection_note
    assert _labels(world) == {"서울": "미선정", "대구": "선정", "광주": "미선정", "부산": "선정"}
    scores = province_track1_scores(2024)
    assert shown(scores[orgs["부산"].pk]) == shown(top)
    assert orgs["경기"].pk not in scores

    services.funded_year_record(
        actor=msit,
        application=apps["부산"],
        year=2024,
        granted="10",
        spent="9.5",
        outputs="트윈 플랫폼 1종",
        rating="excellent",
    )
    assert _labels(world)["부산"] == "지원 중"
    services.application_mark_excellent(actor=msit, application=apps["부산"], reason="성과 우수")
    assert _labels(world)["부산"] == "우수"

    history_before = busan_proposal.history.count()
    project = services.application_move_to_track2(
        actor=msit,
        application=apps["부산"],
        owner=orgs["과기정통부"],
        decision="우수 성과 과제로 대형·중장기 사업화 컨설팅 (l.1790)",
    )
    assert project.from_track1 and project.proposal_id == busan_proposal.pk
    assert project.stage == LargeProjectStage.CONSULTING
    moved = apps["부산"].__class__.objects.get(pk=apps["부산"].pk)
    assert moved.moved_to_track2 and moved.large_project == project
    assert _labels(world)["부산"] == "트랙2로 이관"
    # The proposal's past stays: its earlier versions, the consultation, the funded year.
    assert busan_proposal.history.count() >= history_before
    assert moved.proposal.track1_consultations.get() == consultation
    assert moved.funded_years.get().spent_eok == Decimal("9.5")
    assert moved.history.filter(excellent=False).exists()


def test_scores_are_written_only_by_the_assignments_own_evaluator(orgs, personas):
    msit = personas("msit_editor")
    world = applied_world(orgs, msit, {"서울": "10"})
    call = services.call_evaluation_start(actor=msit, call=world.call)
    staff = personas("committee_staff")
    mine, other = expert(staff, "mine"), expert(staff, "other")
    declared(call, mine)
    panel = evaluation.call_panel_save(actor=msit, call=call, name="1반", members=[])
    assignment = evaluation.call_assignment_create(
        actor=msit, panel=panel, application=world.applications["서울"], evaluator=mine
    )
    criterion = call.criteria.get()
    for intruder in (other.user, personas("superuser"), staff):
        with pytest.raises(NotAllowed):
            evaluation.call_scores_record(
                actor=intruder,
                assignment=assignment,
                scores={criterion.pk: ("50", "사유가 충분히 긺")},
            )
    scored(mine, assignment, 70)
    assert assignment.scores.get().value == 70


def test_a_proposal_with_a_call_application_cannot_be_withdrawn(orgs, staff):
    world = applied_world(orgs, staff, {"부산": "10"})
    proposal = world.proposals["부산"]
    proposal.refresh_from_db()
    assert proposal.track == Track.ONE
    with pytest.raises(StateConflict):
        proposal_withdraw(actor=province_editor(orgs, "부산"), proposal=proposal)
