"""Cross-body checks at compilation: duplicate candidates between a province's and a
ministry's tasks (found by name and 국비 amount, judged by staff), the national totals
DREAM computes, and the compilation page."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from dream.cycle.choices import DuplicateStatus, SubmissionState
from dream.cycle.compilation import (
    AMOUNT_RELAXATION,
    duplicate_decide,
    duplicates_find,
    name_key,
    name_similarity,
    national_totals,
    similarity_threshold,
)
from dream.cycle.errors import InvalidInput, NotAllowed
from dream.cycle.models import DuplicateCandidate
from dream.plans.choices import BudgetSource, TaskKind
from dream.plans.models import Budget, Task


def _in_state(submission, state):
    submission.state = state
    submission.save()
    return submission


@pytest.fixture
def both_submitted(busan_submission, ministry_submission):
    """부산's and 행안부's drafts handed in; both carry a detailed task 「자치역량 강화」."""
    _in_state(busan_submission, SubmissionState.SUBMITTED)
    _in_state(ministry_submission, SubmissionState.IN_REVIEW)
    return busan_submission, ministry_submission


def _detailed(submission):
    return submission.plan.tasks.get(kind=TaskKind.DETAILED)


def test_names_are_compared_without_spaces_punctuation_and_bracketed_asides():
    assert (
        name_key(" 지역혁신중심 대학지원체계(RISE) 구축·운영 ")
        == "지역혁신중심대학지원체계구축운영"
    )
    assert name_similarity("지방정부 감사기능 강화", "지방정부 감사 기능 강화") == Decimal("1.000")
    assert name_similarity("자치경찰 이원화", "기회발전특구 조성") == Decimal("0.000")
    assert Decimal("0") < name_similarity("주민 참여 증진 노력", "주민참여 증진") < 1


def test_drafts_still_being_written_are_not_compared(busan_submission, ministry_submission, staff):
    assert duplicates_find(actor=staff, cycle=busan_submission.cycle).added == 0


def test_same_task_of_a_province_and_a_ministry_is_a_candidate(both_submitted, staff):
    busan, ministry = both_submitted

    result = duplicates_find(actor=staff, cycle=busan.cycle)

    [candidate] = DuplicateCandidate.objects.all()
    assert result.added == 1
    assert (candidate.regional_task, candidate.sectoral_task) == (
        _detailed(busan), _detailed(ministry),
    )  # fmt: skip
    assert candidate.similarity == Decimal("1.000") and "유사도 1.000" in candidate.reason
    assert candidate.status == DuplicateStatus.PENDING


def test_finding_again_adds_new_pairs_keeps_judged_ones_and_drops_stale_pending(
    both_submitted, staff
):
    busan, ministry = both_submitted
    cycle = busan.cycle
    duplicates_find(actor=staff, cycle=cycle)
    judged = DuplicateCandidate.objects.get()
    duplicate_decide(actor=staff, candidate=judged, status="confirmed", note="같은 사업")
    first = _detailed(busan)
    core = busan.plan.tasks.get(kind=TaskKind.CORE)
    new = Task.objects.create(
        plan=busan.plan, parent=core, strategy=core.strategy, kind=TaskKind.DETAILED,
        position=2, code="②", name="자치 역량강화 (부산형)",
    )  # fmt: skip
    Task.objects.filter(pk=first.pk).update(name="다른 이름")

    result = duplicates_find(actor=staff, cycle=cycle)

    assert (result.added, result.judged) == (1, 1)
    judged.refresh_from_db()
    assert judged.status == DuplicateStatus.CONFIRMED and judged.note == "같은 사업"
    assert DuplicateCandidate.objects.filter(regional_task=new).exists()

    new.name = "무관한 과제"
    new.save()
    again = duplicates_find(actor=staff, cycle=cycle)
    assert (again.added, again.dropped, again.judged) == (0, 1, 1)
    assert list(DuplicateCandidate.objects.all()) == [judged]


def test_equal_national_amounts_relax_the_name_rule(both_submitted, staff):
    busan, ministry = both_submitted
    regional, sectoral = _detailed(busan), _detailed(ministry)
    regional.name, sectoral.name = (
        "자치경찰 이원화 시범 실시",
        "자치경찰 이원화",
    )
    similarity = name_similarity(regional.name, sectoral.name)
    assert similarity_threshold() - AMOUNT_RELAXATION <= similarity < similarity_threshold()
    regional.national_budget_eok = sectoral.national_budget_eok = Decimal("1280")
    regional.save(), sectoral.save()

    duplicates_find(actor=staff, cycle=busan.cycle)
    candidate = DuplicateCandidate.objects.get()
    assert "국비 1,280억원 대 1,280억원(같거나 거의 같음)" in candidate.reason

    sectoral.national_budget_eok = Decimal("2000")
    sectoral.save()
    assert duplicates_find(actor=staff, cycle=busan.cycle).dropped == 1


@override_settings(DREAM_DUPLICATE_SIMILARITY=1.0)
def test_the_threshold_is_a_setting(both_submitted, staff):
    busan, _ministry = both_submitted
    Task.objects.filter(pk=_detailed(busan).pk).update(name="자치역량 강화 추진")
    assert similarity_threshold() == Decimal("1.0")
    assert duplicates_find(actor=staff, cycle=busan.cycle).added == 0


def test_only_staff_find_and_decide_and_a_judgement_needs_its_reason(
    both_submitted, staff, personas
):
    cycle = both_submitted[0].cycle
    with pytest.raises(NotAllowed):
        duplicates_find(actor=personas("busan_editor"), cycle=cycle)
    duplicates_find(actor=staff, cycle=cycle)
    candidate = DuplicateCandidate.objects.get()
    with pytest.raises(NotAllowed):
        duplicate_decide(
            actor=personas("ministry_editor"), candidate=candidate, status="dismissed", note="x"
        )
    for status in ("confirmed", "dismissed"):
        with pytest.raises(InvalidInput):
            duplicate_decide(actor=staff, candidate=candidate, status=status, note="  ")
    with pytest.raises(InvalidInput):
        duplicate_decide(actor=staff, candidate=candidate, status="maybe", note="x")
    with pytest.raises(InvalidInput):
        duplicate_decide(actor=staff, candidate=candidate, status="confirmed", note="a\x00b")
    with pytest.raises(InvalidInput):
        duplicate_decide(actor=staff, candidate=candidate, status="confirmed", note="a\x1bb")

    decided = duplicate_decide(
        actor=staff, candidate=candidate, status="dismissed", note="별개 사업"
    )
    assert (decided.status, decided.decided_by, decided.note) == ("dismissed", staff, "별개 사업")
    reopened = duplicate_decide(actor=staff, candidate=candidate, status="pending")
    assert (reopened.decided_by, reopened.decided_at) == (None, None)


def test_national_totals_sum_the_handed_in_plans_by_source_and_sectoral_strategy(
    both_submitted, orgs
):
    busan, ministry = both_submitted
    Budget.objects.create(
        plan=ministry.plan, strategy=ministry.plan.strategies.get(), year=2025,
        source=BudgetSource.NATIONAL_BALANCED, amount_eok=Decimal("40"),
    )  # fmt: skip
    seoul = busan.cycle.submissions.get(organization=orgs["서울"])  # no draft yet: not counted

    totals = national_totals(busan.cycle)

    cells = Budget.objects.filter(plan__in=[busan.plan, ministry.plan], year=2025)
    by_source = {row.key: row for row in totals.by_source}
    for source in (BudgetSource.NATIONAL, BudgetSource.LOCAL, BudgetSource.NATIONAL_BALANCED):
        expected = sum(c.amount_eok for c in cells if c.source == source)
        assert by_source[source].amount_eok == expected
    assert by_source[BudgetSource.NATIONAL].plans == 2
    assert "국비의 일부" in by_source[BudgetSource.NATIONAL_BALANCED].label
    assert all(row.computed for row in totals.by_source + totals.by_strategy)
    strategy = {row.key: row.amount_eok for row in totals.by_strategy}
    ministry_national = ministry.plan.budgets.get(source=BudgetSource.NATIONAL).amount_eok
    assert strategy["1:national"] == ministry_national  # only the sectoral plan's strategies
    assert seoul.plan_id is None

    _in_state(busan, SubmissionState.DRAFTING)
    assert {r.key: r.plans for r in national_totals(busan.cycle).by_source}["national"] == 1


# The page


def _page(year=2025):
    return reverse("cycle:compilation", args=[year])


def test_page_shows_candidates_and_totals_to_the_committee_only(
    client, both_submitted, staff, personas, orgs
):
    from dream.accounts.models import Membership

    duplicates_find(actor=staff, cycle=both_submitted[0].cycle)
    client.force_login(staff)
    page = client.get(_page()).content.decode()
    assert "자치역량 강화" in page and "부산" in page and "행안부" in page
    assert "후보 찾기" in page and "판단 기록" in page and "DREAM 계산" in page and "억원" in page
    assert "DREAM_DUPLICATE_SIMILARITY" in page

    viewer = personas("busan_viewer")
    Membership.objects.create(user=viewer, organization=orgs["위원회"], role="viewer")
    client.force_login(viewer)
    page = client.get(_page()).content.decode()
    assert "자치역량 강화" in page and "후보 찾기" not in page and "판단 기록" not in page
    assert client.post(reverse("cycle:duplicates_find", args=[2025])).status_code == 403

    client.force_login(personas("busan_editor"))
    assert client.get(_page()).status_code == 403
    client.logout()
    assert "/login" in client.get(_page())["Location"]
    assert client.get(_page(1999)).status_code == 404


def test_staff_find_and_judge_through_the_page(client, both_submitted, staff):
    client.force_login(staff)
    response = client.post(reverse("cycle:duplicates_find", args=[2025]), follow=True)
    assert "새 후보 1건" in response.content.decode()
    candidate = DuplicateCandidate.objects.get()
    url = reverse("cycle:duplicate_decide", args=[2025, candidate.pk])

    response = client.post(url, {f"d{candidate.pk}-status": "confirmed"}, follow=True)
    assert "사유" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.PENDING

    client.post(url, {f"d{candidate.pk}-status": "confirmed", f"d{candidate.pk}-note": "동일 사업"})
    candidate.refresh_from_db()
    assert (candidate.status, candidate.note) == ("confirmed", "동일 사업")
    assert (
        client.post(reverse("cycle:duplicate_decide", args=[2025, candidate.pk + 99])).status_code
        == 404
    )


def test_the_cycle_board_links_the_compilation_page_for_the_committee(
    client, cycle_2025, staff, personas
):
    client.force_login(staff)
    assert _page() in client.get(reverse("cycle:cycle_detail", args=[2025])).content.decode()
    client.force_login(personas("busan_editor"))
    assert _page() not in client.get(reverse("cycle:cycle_detail", args=[2025])).content.decode()
