"""The board and the API's cycle listing decide who sees which body's state in one pass:
the batch rule agrees with `can_view_submission` for every persona, and the number of
queries does not grow with the number of bodies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dream.api.selectors import cycle_dict
from dream.cycle.choices import SubmissionState
from dream.cycle.permissions import can_view_submission, submissions_viewable

from .conftest import PERSONAS


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_batch_rule_agrees_with_the_single_rule(persona, personas, cycle_2025):
    user = personas(persona)
    submissions = list(cycle_2025.submissions.select_related("organization"))
    submissions[0].state = SubmissionState.RESOLVED
    submissions[0].save(update_fields=["state"])
    expected = {s.pk for s in submissions if can_view_submission(user, s)}
    assert submissions_viewable(user, submissions) == expected
    assert 0 < len(expected) <= len(submissions)


def test_the_cycle_listing_asks_for_memberships_once(personas, cycle_2025):
    editor = personas("busan_editor")
    with CaptureQueriesContext(connection) as few:
        cycle_dict(cycle_2025, editor)
    memberships = [q for q in few.captured_queries if "accounts_membership" in q["sql"]]
    assert len(memberships) == 1
    assert len(few.captured_queries) < 10


def test_the_board_counts_a_drafts_live_findings_and_open_remarks_for_those_who_may_see(
    client, personas, staff, busan_submission
):
    from django.urls import reverse

    from dream.cycle.checks import draft_findings
    from dream.cycle.comments import comment_add
    from dream.cycle.selectors import cycle_board

    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save(update_fields=["state"])
    plan = busan_submission.plan
    comment_add(
        actor=staff,
        submission=busan_submission,
        item_kind="plan",
        item_id=plan.pk,
        text="목표를 구체적으로 적어 주세요",
    )
    plan.indicators.update(direction="higher", target_text="1600", target_value=1600)
    live = len(draft_findings(plan))
    assert live > 0  # a target below its baseline where higher is better

    row = next(r for r in cycle_board(busan_submission.cycle) if r.submission == busan_submission)
    assert (row.findings, row.open_remarks) == (live, 1)

    client.force_login(personas("busan_editor"))
    mine = client.get(reverse("cycle:cycle_detail", args=[2025]), {"_export": "csv"})
    client.force_login(personas("seoul_editor"))
    theirs = client.get(reverse("cycle:cycle_detail", args=[2025]), {"_export": "csv"})
    busan_line = lambda response: next(  # noqa: E731
        line
        for line in response.content.decode("utf-8-sig").splitlines()
        if line.startswith("부산,")
    )
    assert busan_line(mine).endswith(f",{live},1")
    assert busan_line(theirs).endswith(",,")


def test_the_boards_batch_count_equals_each_drafts_own_findings(submissions):
    from dream.cycle.checks import draft_finding_counts, draft_findings

    busan = submissions["부산"].plan
    busan.indicators.update(direction="higher", target_text="1600", target_value=1600)
    plans = [s.plan for s in submissions.values()]

    counts = draft_finding_counts(plans)

    assert counts == {plan.pk: len(draft_findings(plan)) for plan in plans}
    assert counts[busan.pk] > 0
