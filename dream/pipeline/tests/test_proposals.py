"""A province's proposals (issue 11 item 2, l.833–863): written, submitted and withdrawn by
the province's editors, ranked 1..n by them, seen by others only once submitted."""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.pipeline import services
from dream.pipeline.choices import ProposalState
from dream.pipeline.models import Proposal
from dream.pipeline.permissions import proposals_visible_to
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task

from .conftest import YEAR


def test_the_size_is_kept_as_written_beside_its_amount(proposal_of):
    proposal = proposal_of(size="1,234.5억원")
    assert proposal.size_eok == Decimal("1234.50")
    assert proposal.size_text == "1,234.5억원"


@pytest.mark.parametrize("size", ["31,6", "-5", "1.234", "많이"])
def test_a_size_that_cannot_be_read_as_eok_is_refused(proposal_of, size):
    with pytest.raises(InvalidInput):
        proposal_of(size=size)
    assert not Proposal.objects.exists()


def test_end_year_before_start_year_is_refused(proposal_of):
    with pytest.raises(InvalidInput, match="종료 연도"):
        proposal_of(start_year=2026, end_year=2025)


def test_an_unknown_origin_is_refused(proposal_of):
    with pytest.raises(InvalidInput, match="수요 출처"):
        proposal_of(origin="rumour")


def test_only_tasks_of_published_plans_can_be_linked(proposal_of, orgs):
    published = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=orgs["부산"])
    draft = Plan.objects.create(
        year=2025, level=PlanLevel.PROVINCE, owner=orgs["부산"], is_draft=True
    )
    kept = Task.objects.create(plan=published, kind="core", position=1, code="Ⅰ-1", name="a")
    hidden = Task.objects.create(plan=draft, kind="core", position=1, code="Ⅰ-1", name="b")
    proposal = proposal_of(tasks=[kept.pk])
    assert list(proposal.tasks.all()) == [kept]
    with pytest.raises(InvalidInput, match="확정된 시행계획"):
        proposal_of(tasks=[hidden.pk])


def test_another_province_cannot_write_for_busan(proposal_of):
    with pytest.raises(NotAllowed):
        proposal_of(persona="seoul_editor")


def test_new_proposals_are_ranked_last(proposal_of):
    first, second = proposal_of(), proposal_of(title="둘째")
    assert (first.priority, second.priority) == (1, 2)


def test_a_draft_is_edited_and_a_submitted_one_is_not(proposal_of, personas):
    editor = personas("busan_editor")
    proposal = proposal_of()
    services.proposal_update(actor=editor, proposal=proposal, title="새 이름", size="93.5")
    proposal.refresh_from_db()
    assert (proposal.title, proposal.size_eok) == ("새 이름", Decimal("93.50"))
    services.proposal_submit(actor=editor, proposal=proposal)
    with pytest.raises(StateConflict):
        services.proposal_update(actor=editor, proposal=proposal, title="또")


def test_withdrawing_closes_the_gap_in_rank(proposal_of, personas):
    a = proposal_of(title="a")
    proposal_of(title="b")
    proposal_of(title="c")
    services.proposal_withdraw(actor=personas("busan_editor"), proposal=a)
    ranks = dict(Proposal.objects.values_list("title", "priority"))
    assert ranks == {"a": None, "b": 1, "c": 2}
    with pytest.raises(StateConflict):
        services.proposal_withdraw(actor=personas("busan_editor"), proposal=a)


def test_a_proposal_in_track_2_cannot_be_withdrawn(project, personas):
    with pytest.raises(StateConflict, match="트랙2"):
        services.proposal_withdraw(actor=personas("busan_editor"), proposal=project.proposal)


def test_ranking_sets_priorities_in_the_order_given(proposal_of, personas, orgs):
    a, b, c = proposal_of(title="a"), proposal_of(title="b"), proposal_of(title="c")
    services.proposals_rank(
        actor=personas("busan_editor"), province=orgs["부산"], year=YEAR, order=[c.pk, a.pk, b.pk]
    )
    assert dict(Proposal.objects.values_list("title", "priority")) == {"c": 1, "a": 2, "b": 3}


@pytest.mark.parametrize("order", ["missing", "twice", "other_province"])
def test_ranking_must_name_every_proposal_once(proposal_of, personas, orgs, order):
    a, b = proposal_of(title="a"), proposal_of(title="b")
    seoul = proposal_of(persona="seoul_editor", province="서울")
    ids = {"missing": [a.pk], "twice": [a.pk, a.pk, b.pk], "other_province": [a.pk, seoul.pk]}
    with pytest.raises(InvalidInput):
        services.proposals_rank(
            actor=personas("busan_editor"), province=orgs["부산"], year=YEAR, order=ids[order]
        )
    assert dict(
        Proposal.objects.filter(province=orgs["부산"]).values_list("title", "priority")
    ) == {
        "a": 1,
        "b": 2,
    }


def test_drafts_are_seen_only_by_their_province(proposal_of, submitted, personas):
    draft = proposal_of(title="초안")
    for persona in ("busan_viewer", "busan_editor", "superuser"):
        assert draft in proposals_visible_to(personas(persona))
    for user in (AnonymousUser(), personas("seoul_editor"), personas("committee_staff"),
                 personas("ministry_editor")):  # fmt: skip
        visible = proposals_visible_to(user)
        assert draft not in visible
        assert submitted in visible


@pytest.mark.django_db(transaction=True)
def test_two_editors_ranking_at_once_leave_no_duplicate_priority(orgs, personas):
    editor = personas("busan_editor")
    province = orgs["부산"]
    a, b, c = (
        services.proposal_create(
            actor=editor, province=province, year=YEAR, title=t, origin="other"
        )
        for t in "abc"
    )
    orders = [[a.pk, b.pk, c.pk], [c.pk, b.pk, a.pk]]
    for _attempt in range(3):
        barrier = threading.Barrier(2)
        outcomes = []

        def rank(order, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                services.proposals_rank(actor=editor, province=province, year=YEAR, order=order)
                outcomes.append(tuple(order))
            except Exception as error:  # SQLite may refuse the second writer as locked
                outcomes.append(type(error).__name__)
            finally:
                connection.close()

        threads = [threading.Thread(target=rank, args=(order,)) for order in orders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert any(isinstance(outcome, tuple) for outcome in outcomes)
        priorities = list(
            Proposal.objects.filter(province=province, state=ProposalState.DRAFTING)
            .order_by("priority")
            .values_list("pk", flat=True)
        )
        assert sorted(Proposal.objects.values_list("priority", flat=True)) == [1, 2, 3]
        assert tuple(priorities) in {tuple(o) for o in orders}
