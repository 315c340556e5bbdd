"""Track 2 (issue 11 item 4, l.1792–1809): a submitted proposal starts at 관계부처 컨설팅 and
moves through the printed stages one at a time, 예타 사전기획 only for 예타-sized projects;
the special committee's decision is recorded by Committee staff only."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.pipeline import services
from dream.pipeline.choices import LargeProjectStage as S
from dream.pipeline.choices import Track

from .conftest import STARTED

PRINTED = [S.DISCUSSION, S.REVIEW, S.SPECIAL_COMMITTEE, S.BUSINESS_PLAN]


def _step(actor, project, to_stage, day=STARTED, **extra):
    return services.large_project_step(
        actor=actor, project=project, to_stage=to_stage, decided_on=day, decision="결정", **extra
    )


def test_start_records_the_consulting_step_and_sets_track_2(project):
    project.proposal.refresh_from_db()
    assert project.proposal.track == Track.TWO
    assert project.stage == S.CONSULTING
    assert list(project.steps.values_list("from_stage", "to_stage")) == [("", S.CONSULTING)]


def test_a_draft_proposal_cannot_start_track_2(proposal_of, orgs, staff):
    with pytest.raises(StateConflict, match="제출된 제안"):
        services.large_project_start(
            actor=staff, proposal=proposal_of(), owner=orgs["행안부"], started_on=STARTED,
            decision="x",
        )  # fmt: skip


def test_a_proposal_has_at_most_one_large_project(project, orgs, staff):
    with pytest.raises(StateConflict, match="이미"):
        services.large_project_start(
            actor=staff, proposal=project.proposal, owner=orgs["행안부"], started_on=STARTED,
            decision="x",
        )  # fmt: skip


def test_the_owner_must_be_a_ministry(submitted, orgs, staff):
    with pytest.raises(InvalidInput, match="중앙행정기관"):
        services.large_project_start(
            actor=staff, proposal=submitted, owner=orgs["부산"], started_on=STARTED, decision="x"
        )


def test_an_editor_of_another_ministry_cannot_start_it(submitted, orgs, personas):
    with pytest.raises(NotAllowed):
        services.large_project_start(
            actor=personas("msit_editor"), proposal=submitted, owner=orgs["행안부"],
            started_on=STARTED, decision="x",
        )  # fmt: skip


def test_steps_follow_the_printed_order_to_submission(project, staff):
    for to_stage in [*PRINTED, S.SUBMITTED]:
        _step(staff, project, to_stage, documents="회의록.pdf")
    project.refresh_from_db()
    assert project.stage == S.SUBMITTED
    assert [s.to_stage for s in project.steps.order_by("pk")][1:] == [*PRINTED, S.SUBMITTED]
    with pytest.raises(StateConflict, match="끝난"):
        _step(staff, project, S.CLOSED)


def test_a_feasibility_sized_project_passes_pre_planning(project, staff):
    project.feasibility_sized = True
    project.save()
    for to_stage in PRINTED:
        _step(staff, project, to_stage)
    with pytest.raises(StateConflict, match="예타 사전기획"):
        _step(staff, project, S.SUBMITTED)
    _step(staff, project, S.PRE_FEASIBILITY)
    _step(staff, project, S.SUBMITTED)


def test_a_project_not_feasibility_sized_skips_pre_planning(project, staff):
    for to_stage in PRINTED:
        _step(staff, project, to_stage)
    with pytest.raises(StateConflict):
        _step(staff, project, S.PRE_FEASIBILITY)


def test_a_stage_cannot_be_skipped(project, staff):
    with pytest.raises(StateConflict, match="건너뛸 수 없습니다"):
        _step(staff, project, S.REVIEW)


def test_a_project_can_be_closed_at_any_stage(project, personas):
    _step(personas("ministry_editor"), project, S.CLOSED)
    project.refresh_from_db()
    assert project.stage == S.CLOSED


def test_only_committee_staff_record_the_special_committee(project, personas, staff):
    owner = personas("ministry_editor")
    _step(owner, project, S.DISCUSSION)
    _step(owner, project, S.REVIEW)
    with pytest.raises(NotAllowed, match="특별위원회"):
        _step(owner, project, S.SPECIAL_COMMITTEE)
    _step(staff, project, S.SPECIAL_COMMITTEE, decided_by_body="지방디지털화 특별위원회")
    _step(owner, project, S.BUSINESS_PLAN)


def test_another_ministry_cannot_record_a_step(project, personas):
    with pytest.raises(NotAllowed):
        _step(personas("msit_editor"), project, S.DISCUSSION)


def test_a_step_date_is_neither_in_the_future_nor_before_the_last(project, staff):
    with pytest.raises(InvalidInput, match="오늘 이후"):
        _step(staff, project, S.DISCUSSION, day=timezone.localdate() + timedelta(days=1))
    with pytest.raises(InvalidInput, match="이후여야"):
        _step(staff, project, S.DISCUSSION, day=STARTED - timedelta(days=1))
    _step(staff, project, S.DISCUSSION, day=date(2025, 4, 1))


def test_a_decision_is_required(project, staff):
    with pytest.raises(InvalidInput, match="결정 내용"):
        services.large_project_step(
            actor=staff, project=project, to_stage=S.DISCUSSION, decided_on=STARTED, decision=" "
        )
