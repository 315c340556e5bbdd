"""Every row of the persona table (persona_table.py) against the services: an allowed persona's
action takes effect, any other is refused with NotAllowed (403) and changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dream.calls import evaluation, services
from dream.calls.models import (
    Application,
    Call,
    CallAssignment,
    CallDeclaration,
    CallPanel,
    PreConsultation,
)
from dream.cycle.errors import NotAllowed
from dream.evaluation.integrity import evaluator_register

from .persona_table import ROWS
from .setup import GOOD_REASON, applied_world, declared, expert, scored, submitted_proposal

pytestmark = pytest.mark.django_db

STAGE = {
    "call_create": None,
    "call_open": "draft",
    "call_criteria_set": "open",
    "call_evaluation_start": "open",
    "preconsultation_log": "open",
    "application_submit": "open",
    "panel_save": "open",
    "conflict_declare": "open",
    "assignment_create": "evaluating",
    "assignment_cancel": "evaluating",
    "scores_record": "evaluating",
    "call_compute": "evaluating",
    "call_select": "scored",
    "call_close": "selected",
    "funded_year_record": "selected",
    "application_mark_excellent": "rated",
    "application_move_to_track2": "excellent",
}


def _prepared(stage, orgs, staff, persona_evaluator):
    """The world the action needs, made by Committee staff."""
    if stage is None:
        return None
    if stage == "draft":
        call = services.call_create(
            actor=staff, year=2024, title="공모", budget="30", select_count=2,
            deadline=timezone.localdate() + timedelta(days=5),
        )  # fmt: skip
        return {"call": call}
    world = applied_world(orgs, staff, {"서울": "10"})
    state = {"call": world.call, "application": world.applications["서울"]}
    if stage == "open":
        state["proposal"] = submitted_proposal(orgs, "부산")
        return state
    call = services.call_evaluation_start(actor=staff, call=world.call)
    state["call"] = call
    panel = evaluation.call_panel_save(actor=staff, call=call, name="1반", members=[])
    state["panel"] = panel
    declared(call, persona_evaluator)
    assignment = evaluation.call_assignment_create(
        actor=staff, panel=panel, application=state["application"], evaluator=persona_evaluator
    )
    state["assignment"] = assignment
    state["other_expert"] = expert(staff, "other_expert")
    declared(call, state["other_expert"])
    if stage == "evaluating":
        return state
    scored(persona_evaluator, assignment, 80)
    if stage == "scored":
        return state
    services.call_select(actor=staff, call=call)
    if stage == "selected":
        return state
    services.funded_year_record(
        actor=staff, application=state["application"], year=2024, granted="10", rating="excellent"
    )
    if stage == "rated":
        return state
    services.application_mark_excellent(
        actor=staff, application=state["application"], reason="우수"
    )
    return state


def _action(action, user, state, orgs):
    call = state["call"] if state else None
    return {
        "call_create": lambda: services.call_create(
            actor=user,
            year=2024,
            title="공모",
            budget="30",
            select_count=2,
            deadline=timezone.localdate(),
        ),  # fmt: skip
        "call_open": lambda: services.call_open(actor=user, call=call),
        "call_evaluation_start": lambda: services.call_evaluation_start(actor=user, call=call),
        "call_close": lambda: services.call_close(actor=user, call=call),
        "assignment_cancel": lambda: evaluation.call_assignment_cancel(
            actor=user, assignment=state["assignment"], reason="배정 조정"
        ),
        "call_criteria_set": lambda: services.call_criteria_set(
            actor=user, call=call, criteria=[services.CriterionInput("새 기준", 1, 100)]
        ),
        "preconsultation_log": lambda: services.preconsultation_log(
            actor=user,
            call=call,
            province=orgs["부산"],
            advisor="자문단",
            advised_on=timezone.localdate(),
            advice="보완할 점",
        ),  # fmt: skip
        "application_submit": lambda: services.application_submit(
            actor=user, call=call, proposal=state["proposal"], requested="5"
        ),
        "panel_save": lambda: evaluation.call_panel_save(
            actor=user, call=call, name="2반", members=[]
        ),
        "conflict_declare": lambda: evaluation.call_conflict_declare(
            actor=user, call=call, ties=[], none_to_declare=True
        ),
        "assignment_create": lambda: evaluation.call_assignment_create(
            actor=user,
            panel=state["panel"],
            application=state["application"],
            evaluator=state["other_expert"],
        ),  # fmt: skip
        "scores_record": lambda: evaluation.call_scores_record(
            actor=user,
            assignment=state["assignment"],
            scores={call.criteria.get().pk: ("77", GOOD_REASON)},
        ),  # fmt: skip
        "call_compute": lambda: evaluation.call_compute(actor=user, call=call),
        "call_select": lambda: services.call_select(actor=user, call=call),
        "funded_year_record": lambda: services.funded_year_record(
            actor=user, application=state["application"], year=2025, granted="8"
        ),
        "application_mark_excellent": lambda: services.application_mark_excellent(
            actor=user, application=state["application"], reason="성과 우수"
        ),
        "application_move_to_track2": lambda: services.application_move_to_track2(
            actor=user,
            application=state["application"],
            owner=orgs["과기정통부"],
            decision="대형화 컨설팅",
        ),  # fmt: skip
    }[action]


def _snapshot():
    return (
        Call.objects.count(),
        list(Call.objects.values_list("state", "computed_at")),
        PreConsultation.objects.count(),
        Application.objects.count(),
        list(Application.objects.values_list("excellent", "moved_to_track2", "raw_score")),
        CallPanel.objects.count(),
        CallDeclaration.objects.count(),
        list(CallAssignment.objects.values_list("state", flat=True)),
        list(Application.objects.values_list("funded_years__year", flat=True)),
    )


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, staff):
    evaluator_user = personas("evaluator")
    persona_evaluator = evaluator_register(actor=staff, user=evaluator_user, field="디지털")
    state = _prepared(STAGE[action], orgs, staff, persona_evaluator)
    user = personas(persona)
    run = _action(action, user, state, orgs)
    if allowed:
        run()
        return
    before = _snapshot()
    with pytest.raises(NotAllowed):
        run()
    assert _snapshot() == before
