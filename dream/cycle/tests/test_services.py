"""The cycle's services: each step, each refusal by kind, lateness, the resolution."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.cycle.choices import CyclePhase, SubmissionAction, SubmissionState
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.cycle.models import Cycle, PlanVersion, Submission, SubmissionEvent
from dream.cycle.services import (
    cycle_open,
    cycle_resolve,
    submission_accept,
    submission_record_local_resolution,
    submission_return,
    submission_review,
    submission_submit,
)
from dream.cycle.versions import content_hash, plan_snapshot
from dream.search.models import SearchEntry

from .conftest import MINISTRY

LOCAL_DAY = date(2025, 1, 20)
MEETING = "제3차 지방시대위원회"
RESOLVED_ON = date(2025, 4, 4)


@pytest.fixture
def notified(monkeypatch):
    """The events `notifications.event_notify` was called with, in order (no mail sent)."""
    from dream.cycle import notifications

    events = []
    monkeypatch.setattr(notifications, "event_notify", events.append)
    return events


def _reload(submission: Submission) -> Submission:
    return Submission.objects.select_related("plan", "cycle").get(pk=submission.pk)


# --- opening a cycle -------------------------------------------------------------------


def test_cycle_open_creates_a_submission_for_each_province_super_region_and_ministry(
    cycle_2025, orgs
):
    bodies = list(cycle_2025.submissions.values_list("organization__short_name", flat=True))

    kinds = [s.organization.kind for s in cycle_2025.submissions.select_related("organization")]
    assert kinds.count(OrganizationKind.PROVINCE) == 17
    assert kinds.count(OrganizationKind.SUPER_REGION) == 7
    assert sorted(
        b for b, k in zip(bodies, kinds, strict=True) if k == OrganizationKind.MINISTRY
    ) == sorted([MINISTRY, "과기정통부"])
    assert set(cycle_2025.recipients.all()) == {
        s.organization for s in cycle_2025.submissions.all()
    }
    assert set(cycle_2025.submissions.values_list("state", flat=True)) == {SubmissionState.DRAFTING}
    assert cycle_2025.phase == CyclePhase.DRAFTING
    assert cycle_2025.deadline == date(2025, 2, 15)


def test_cycle_open_takes_ministries_only_from_a_published_sectoral_plan(staff, sectoral_2024):
    sectoral_2024.is_draft = True
    sectoral_2024.save()

    cycle = cycle_open(actor=staff, year=2025)

    assert not cycle.submissions.filter(organization__kind=OrganizationKind.MINISTRY).exists()
    assert cycle.submissions.count() == 24


def test_cycle_open_takes_the_given_deadline_and_records_who_opened_it(staff, orgs):
    cycle = cycle_open(actor=staff, year=2025, deadline=date(2025, 2, 28))

    assert cycle.deadline == date(2025, 2, 28)
    assert cycle.history.latest().history_user == staff


def test_cycle_open_refuses_a_year_that_has_a_cycle(cycle_2025, staff):
    with pytest.raises(StateConflict, match="이미 2025년"):
        cycle_open(actor=staff, year=2025)


@pytest.mark.parametrize("deadline", [date(2023, 12, 31), date(2026, 1, 1)])
def test_cycle_open_refuses_a_deadline_outside_the_plan_year_and_the_year_before(
    staff, orgs, deadline
):
    with pytest.raises(InvalidInput, match="제출 기한"):
        cycle_open(actor=staff, year=2025, deadline=deadline)


@pytest.mark.parametrize("year", [2023, timezone.localdate().year + 2])
def test_cycle_open_refuses_a_year_out_of_bounds(staff, orgs, year):
    with pytest.raises(InvalidInput):
        cycle_open(actor=staff, year=year)
    assert not Cycle.objects.exists()


# --- the whole way of 부산's plan --------------------------------------------------------


def test_busan_plan_goes_from_draft_to_resolution_with_every_step_recorded(
    busan_submission, personas, staff, django_capture_on_commit_callbacks, notified
):
    editor = personas("busan_editor")
    with django_capture_on_commit_callbacks(execute=True):
        submission_record_local_resolution(
            actor=editor, submission=busan_submission, resolved_on=LOCAL_DAY
        )
        submission_submit(actor=editor, submission=busan_submission)
        submission_review(actor=staff, submission=busan_submission)
        submission_return(actor=staff, submission=busan_submission, comment="재정투입 합계 확인")
        submission_submit(actor=editor, submission=busan_submission, comment="합계 고침")
        submission_accept(actor=staff, submission=busan_submission)
        versions = cycle_resolve(
            actor=staff, cycle=busan_submission.cycle, meeting=MEETING, resolved_on=RESOLVED_ON
        )

    submission = _reload(busan_submission)
    assert submission.state == SubmissionState.RESOLVED
    assert submission.local_resolution_date == LOCAL_DAY
    assert submission.plan.is_draft is False
    assert [
        (e.action, e.from_state, e.to_state, e.actor.username, e.comment)
        for e in submission.events.all()
    ] == [
        ("local-resolution", "drafting", "drafting", "busan_editor", "심의일 2025-01-20"),
        ("submit", "drafting", "submitted", "busan_editor", ""),
        ("review", "submitted", "in_review", "committee_staff", ""),
        ("return", "in_review", "returned", "committee_staff", "재정투입 합계 확인"),
        ("submit", "returned", "submitted", "busan_editor", "합계 고침"),
        ("accept", "submitted", "accepted", "committee_staff", ""),
        ("resolve", "accepted", "resolved", "committee_staff", MEETING),
    ]
    [version] = versions
    assert (version.plan, version.number, version.meeting, version.resolved_on) == (
        submission.plan,
        1,
        MEETING,
        RESOLVED_ON,
    )
    assert version.content_hash == content_hash(plan_snapshot(submission.plan))
    assert version.created_by == staff
    cycle = Cycle.objects.get(pk=busan_submission.cycle_id)
    assert (cycle.phase, cycle.resolution_meeting, cycle.resolution_date) == (
        CyclePhase.RESOLVED,
        MEETING,
        RESOLVED_ON,
    )
    # the history says who moved it and how
    latest = submission.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff, "submission.resolve")
    # the resolved plan is public now, so search finds its tasks
    assert SearchEntry.objects.filter(plan=submission.plan, title="자치역량 강화").exists()
    # each step was announced once, after commit
    assert notified == list(submission.events.all())


def test_a_ministry_submits_without_a_local_resolution(ministry_submission, personas):
    submission_submit(actor=personas("ministry_editor"), submission=ministry_submission)

    assert _reload(ministry_submission).state == SubmissionState.SUBMITTED


def test_resolution_freezes_only_accepted_plans(busan_submission, ministry_submission, staff):
    submission_submit(actor=staff, submission=ministry_submission)
    submission_accept(actor=staff, submission=ministry_submission)

    versions = cycle_resolve(
        actor=staff, cycle=busan_submission.cycle, meeting=MEETING, resolved_on=RESOLVED_ON
    )

    # the ministry's part, then the Committee's sectoral plan compiled from it
    assert [v.plan.owner.short_name for v in versions] == [MINISTRY, "위원회"]
    assert _reload(busan_submission).state == SubmissionState.DRAFTING
    assert _reload(busan_submission).plan.is_draft is True


# --- lateness --------------------------------------------------------------------------


def test_a_first_submission_after_the_deadline_is_marked_late_and_stays_so(busan_submission, staff):
    busan_submission.local_resolution_date = LOCAL_DAY
    busan_submission.save()  # the 2025-02-15 deadline has passed by now
    submission_submit(actor=staff, submission=busan_submission)
    first = _reload(busan_submission).submitted_at
    submission_return(actor=staff, submission=busan_submission, comment="보완")
    submission_submit(actor=staff, submission=busan_submission)

    submission = _reload(busan_submission)
    assert submission.is_late is True
    assert submission.submitted_at == first


def test_a_submission_on_the_deadline_day_is_on_time(busan_submission, staff):
    Cycle.objects.filter(pk=busan_submission.cycle_id).update(deadline=timezone.localdate())
    busan_submission.local_resolution_date = LOCAL_DAY
    busan_submission.save()

    submission_submit(actor=staff, submission=busan_submission)

    submission = _reload(busan_submission)
    assert submission.is_late is False
    assert submission.submitted_at is not None


# --- refusals --------------------------------------------------------------------------


def test_a_province_cannot_submit_before_its_local_deliberation(busan_submission, personas):
    with pytest.raises(StateConflict, match="심의일을 먼저"):
        submission_submit(actor=personas("busan_editor"), submission=busan_submission)
    assert not busan_submission.events.exists()


def test_a_body_without_a_draft_cannot_submit(cycle_2025, orgs, staff):
    submission = cycle_2025.submissions.get(organization=orgs["과기정통부"])

    with pytest.raises(StateConflict, match="초안이 없습니다"):
        submission_submit(actor=staff, submission=submission)


def test_a_ministry_has_no_local_deliberation_to_record(ministry_submission, staff):
    with pytest.raises(StateConflict, match="시·도와 초광역권만"):
        submission_record_local_resolution(
            actor=staff, submission=ministry_submission, resolved_on=LOCAL_DAY
        )


def test_a_local_deliberation_cannot_be_in_the_future(busan_submission, staff):
    with pytest.raises(InvalidInput):
        submission_record_local_resolution(
            actor=staff,
            submission=busan_submission,
            resolved_on=timezone.localdate() + timedelta(days=1),
        )


@pytest.mark.parametrize("comment", ["", "   "])
def test_a_return_needs_a_comment(busan_submission, staff, comment):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.SUBMITTED)

    with pytest.raises(InvalidInput, match="의견"):
        submission_return(actor=staff, submission=busan_submission, comment=comment)
    assert _reload(busan_submission).state == SubmissionState.SUBMITTED


@pytest.mark.parametrize(
    "state, step",
    [
        ("drafting", lambda s, u: submission_review(actor=u, submission=s)),
        ("drafting", lambda s, u: submission_accept(actor=u, submission=s)),
        ("drafting", lambda s, u: submission_return(actor=u, submission=s, comment="x")),
        ("in_review", lambda s, u: submission_review(actor=u, submission=s)),
        ("submitted", lambda s, u: submission_submit(actor=u, submission=s)),
        ("accepted", lambda s, u: submission_submit(actor=u, submission=s)),
        ("accepted", lambda s, u: submission_return(actor=u, submission=s, comment="x")),
        ("returned", lambda s, u: submission_accept(actor=u, submission=s)),
        (
            "submitted",
            lambda s, u: submission_record_local_resolution(
                actor=u, submission=s, resolved_on=LOCAL_DAY
            ),
        ),
    ],
)
def test_a_step_the_state_does_not_allow_is_a_state_conflict(busan_submission, staff, state, step):
    Submission.objects.filter(pk=busan_submission.pk).update(
        state=state, local_resolution_date=LOCAL_DAY
    )

    with pytest.raises(StateConflict) as refused:
        step(busan_submission, staff)
    assert not isinstance(refused.value, Frozen)
    assert _reload(busan_submission).state == state
    assert not busan_submission.events.exists()


def test_a_resolved_submission_is_frozen(busan_submission, staff):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.ACCEPTED)
    cycle_resolve(
        actor=staff, cycle=busan_submission.cycle, meeting=MEETING, resolved_on=RESOLVED_ON
    )

    with pytest.raises(Frozen, match="의결된 시행계획"):
        submission_submit(actor=staff, submission=busan_submission)
    with pytest.raises(Frozen):
        submission_return(actor=staff, submission=busan_submission, comment="다시")


def test_a_resolution_needs_an_accepted_plan(busan_submission, staff):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.IN_REVIEW)

    with pytest.raises(StateConflict, match="접수된 시행계획이 없어"):
        cycle_resolve(
            actor=staff, cycle=busan_submission.cycle, meeting=MEETING, resolved_on=RESOLVED_ON
        )
    assert Cycle.objects.get(pk=busan_submission.cycle_id).phase == CyclePhase.DRAFTING


@pytest.mark.parametrize(
    "meeting, resolved_on", [("", RESOLVED_ON), ("  ", RESOLVED_ON), (MEETING, None)]
)
def test_a_resolution_needs_its_meeting_and_date(busan_submission, staff, meeting, resolved_on):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.ACCEPTED)

    with pytest.raises(InvalidInput):
        cycle_resolve(
            actor=staff, cycle=busan_submission.cycle, meeting=meeting, resolved_on=resolved_on
        )
    assert _reload(busan_submission).plan.is_draft is True
    assert not PlanVersion.objects.exists()


def test_an_inactive_editor_is_not_allowed(busan_submission, personas):
    editor = personas("busan_editor")
    editor.is_active = False
    editor.save()

    with pytest.raises(NotAllowed):
        submission_record_local_resolution(
            actor=editor, submission=busan_submission, resolved_on=LOCAL_DAY
        )


# --- two people at once ----------------------------------------------------------------


def test_an_accept_with_a_stale_copy_is_refused_and_recorded_once(busan_submission, staff):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.IN_REVIEW)
    first, second = _reload(busan_submission), _reload(busan_submission)

    submission_accept(actor=staff, submission=first)
    with pytest.raises(StateConflict, match="다른 담당자가 먼저"):
        submission_accept(actor=staff, submission=second)

    assert busan_submission.events.filter(action=SubmissionAction.ACCEPT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_accepting_at_once_get_one_step_and_one_refusal(
    busan_submission, personas, notified
):
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.IN_REVIEW)
    reviewers = [personas("committee_staff"), personas("superuser")]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(reviewer):
        try:
            barrier.wait()
            submission_accept(actor=reviewer, submission=busan_submission)
            outcomes.append("accepted")
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted", "refused"]
    assert SubmissionEvent.objects.filter(action=SubmissionAction.ACCEPT).count() == 1
    assert _reload(busan_submission).state == SubmissionState.ACCEPTED


def test_a_failing_notice_does_not_undo_the_step(
    busan_submission, staff, monkeypatch, django_capture_on_commit_callbacks
):
    from dream.cycle import notifications

    def fail(event):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "event_notify", fail)
    Submission.objects.filter(pk=busan_submission.pk).update(state=SubmissionState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        submission_accept(actor=staff, submission=busan_submission)

    assert _reload(busan_submission).state == SubmissionState.ACCEPTED


def test_a_ministrys_resolved_part_is_not_shown_as_the_years_sectoral_plan(
    ministry_submission, sectoral_2024
):
    from dream.plans.selectors.sectoral import sectoral_plan

    ministry_submission.plan.is_draft = False
    ministry_submission.plan.save()

    assert sectoral_plan(2024) == sectoral_2024  # compiled by the Committee
    assert sectoral_plan(2025) is None  # only 행안부's part: not the national sectoral plan
