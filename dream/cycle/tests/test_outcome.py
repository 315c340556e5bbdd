"""The published 2024 plan is the resolved outcome of cycle 2024: Ⅰ-2 수립 경과 read as
printed, one resolved submission per body, and importing it again changes nothing."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.services import system_user
from dream.core.fingerprint import database_fingerprint
from dream.cycle.choices import CyclePhase, SubmissionState
from dream.cycle.models import Cycle, PlanVersion, Submission, SubmissionEvent
from dream.cycle.versions import version_create
from dream.ingest.document import Line, PlanFormatError, Section, read_lines, split_sections
from dream.ingest.sections.cycle import parse_cycle
from dream.ingest.services import plan_document_import
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, TaskMinistry

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def overview() -> Section:
    return split_sections(read_lines(SAMPLE))["overview"]


def edited(section: Section, old: str, new: str) -> Section:
    lines = [Line(line.number, line.text.replace(old, new)) for line in section.lines]
    assert lines != section.lines, old
    return Section(section.key, section.title, lines)


# ---------------------------------------------------------------- reading Ⅰ-2


def test_the_cycle_facts_are_read_as_printed_with_their_lines(overview):
    facts = parse_cycle(overview, 2024)
    assert (facts.guidelines_meeting, facts.guidelines_date, facts.guidelines_line) == (
        "제3차 지방시대위원회",
        date(2023, 11, 23),
        65,
    )
    assert (facts.recipients_printed, facts.guidelines_sent_on, facts.sent_line) == (
        "14개 중앙행정기관, 17개 시‧도, 7개 초광역권 설정 지자체",
        date(2023, 11, 23),
        67,
    )
    assert (facts.deadline, facts.deadline_line) == (date(2024, 2, 15), 99)
    assert (facts.resolution_meeting, facts.resolution_date, facts.resolution_line) == (
        "제6차 지방시대위원회",
        date(2024, 4, 4),
        101,
    )
    assert facts.findings == []


def test_a_fact_not_printed_is_reported_and_left_empty(overview):
    facts = parse_cycle(edited(overview, "제6차 지방시대위원회", "지방시대위원회 본회의"), 2024)
    assert (facts.resolution_meeting, facts.resolution_date) == ("", None)
    assert facts.guidelines_meeting == "제3차 지방시대위원회"
    [finding] = facts.findings
    assert (finding.severity, finding.code) == ("warning", "cycle.resolution_missing")
    assert "시행계획을 의결한 회의와 날짜를 찾을 수 없습니다" in finding.message


def test_an_impossible_date_is_reported(overview):
    facts = parse_cycle(edited(overview, "(’24.4.4.)", "(’24.4.31.)"), 2024)
    assert (facts.resolution_meeting, facts.resolution_date) == ("제6차 지방시대위원회", None)
    assert [(f.code, f.source_line) for f in facts.findings] == [("cycle.date_invalid", 101)]


# ---------------------------------------------------------------- the 2024 outcome


@pytest.mark.usefixtures("plan_2024", "db")
class TestCycle2024:
    def test_the_2024_import_is_the_resolved_cycle_2024(self):
        cycle = Cycle.objects.get(year=2024)
        assert cycle.phase == CyclePhase.RESOLVED
        assert (cycle.resolution_meeting, cycle.resolution_date, cycle.source_line) == (
            "제6차 지방시대위원회",
            date(2024, 4, 4),
            101,
        )
        assert (cycle.guidelines_meeting, cycle.guidelines_date, cycle.guidelines_sent_on) == (
            "제3차 지방시대위원회",
            date(2023, 11, 23),
            date(2023, 11, 23),
        )
        assert cycle.deadline == date(2024, 2, 15)
        assert cycle.recipients_printed.startswith("14개 중앙행정기관")
        assert cycle.history.get().history_user == system_user()

    def test_every_body_has_a_resolved_submission(self):
        cycle = Cycle.objects.get(year=2024)
        submissions = Submission.objects.filter(cycle=cycle).select_related("organization")
        assert {s.state for s in submissions} == {SubmissionState.RESOLVED}
        by_kind = {}
        for s in submissions:
            by_kind.setdefault(s.organization.kind, []).append(s)
        carrying = set(
            TaskMinistry.objects.filter(
                task__plan__year=2024, task__plan__level=PlanLevel.SECTORAL
            ).values_list("ministry_id", flat=True)
        )
        assert len(by_kind[OrganizationKind.PROVINCE]) == 17
        assert len(by_kind[OrganizationKind.SUPER_REGION]) == 7
        assert {s.organization_id for s in by_kind[OrganizationKind.MINISTRY]} == carrying
        assert len(carrying) >= 14
        assert set(by_kind) == {
            OrganizationKind.PROVINCE,
            OrganizationKind.SUPER_REGION,
            OrganizationKind.MINISTRY,
        }
        for s in by_kind[OrganizationKind.PROVINCE] + by_kind[OrganizationKind.SUPER_REGION]:
            assert (s.plan.year, s.plan.owner_id, s.plan.is_draft) == (
                2024,
                s.organization_id,
                False,
            )
        assert all(s.plan is None for s in by_kind[OrganizationKind.MINISTRY])
        assert set(cycle.recipients.all()) == {s.organization for s in submissions}
        assert not SubmissionEvent.objects.exists()

    def test_each_regional_plan_is_resolved_as_version_1(self):
        versions = PlanVersion.objects.filter(plan__year=2024)
        regional = Plan.objects.filter(
            year=2024, level__in=[PlanLevel.PROVINCE, PlanLevel.SUPER_REGION]
        )
        assert set(versions.values_list("plan_id", flat=True)) == set(
            regional.values_list("pk", flat=True)
        )
        assert {(v.number, v.meeting, v.resolved_on) for v in versions} == {
            (1, "제6차 지방시대위원회", date(2024, 4, 4))
        }

    def test_importing_the_same_document_again_changes_nothing(self):
        before = database_fingerprint()
        plan_document_import(actor=system_user(), path=SAMPLE)
        assert database_fingerprint() == before

    def test_importing_again_restores_a_submission_changed_by_hand(self):
        busan = Organization.objects.get(short_name="부산")
        Submission.objects.filter(cycle__year=2024, organization=busan).update(
            plan=None, state=SubmissionState.DRAFTING
        )
        plan_document_import(actor=system_user(), path=SAMPLE)
        submission = Submission.objects.get(cycle__year=2024, organization=busan)
        assert submission.state == SubmissionState.RESOLVED
        assert submission.plan == Plan.objects.get(year=2024, owner=busan)

    def test_a_corrected_document_adds_a_version_with_its_reason(self, tmp_path):
        text = SAMPLE.read_text(encoding="utf-8")
        busan = Plan.objects.get(year=2024, owner__short_name="부산")
        first = busan.versions.get()
        printed_goal = busan.goal
        assert printed_goal and text.count(printed_goal.split()[0]) >= 1
        corrected = tmp_path / "2024-corrected.txt"
        task = busan.tasks.filter(kind="core").first()
        assert text.count(task.name) >= 1
        corrected.write_text(text.replace(task.name, task.name + " 고도화", 1), encoding="utf-8")
        plan_document_import(actor=system_user(), path=corrected)
        versions = list(busan.versions.order_by("number"))
        assert [v.number for v in versions] == [1, 2]
        assert versions[0].content_hash == first.content_hash  # never edited
        assert versions[1].content_hash != first.content_hash
        assert versions[1].reason.startswith("원문을 다시 가져와 내용이 바뀜: 2024-corrected.txt")
        unchanged = Plan.objects.get(year=2024, owner__short_name="서울")
        assert unchanged.versions.count() == 1

    def test_a_year_with_steps_taken_in_dream_is_not_overwritten(self):
        submission = Submission.objects.filter(cycle__year=2024, plan__isnull=False).first()
        SubmissionEvent.objects.create(
            submission=submission,
            action="submit",
            from_state=SubmissionState.DRAFTING,
            to_state=SubmissionState.SUBMITTED,
            actor=system_user(),
            at=timezone.now(),
        )
        before = database_fingerprint()
        with pytest.raises(PlanFormatError, match="DREAM의 수립 주기에서 작성되고"):
            plan_document_import(actor=system_user(), path=SAMPLE)
        assert database_fingerprint() == before

    def test_a_document_without_a_resolved_plan_is_refused_whole(self):
        ministry = Organization.objects.filter(kind=OrganizationKind.MINISTRY).first()
        extra = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=ministry)
        version_create(
            plan=extra, actor=system_user(), meeting="제6차 지방시대위원회", resolved_on=None
        )
        before = database_fingerprint()
        with pytest.raises(PlanFormatError, match="문서에 없는 시행계획"):
            plan_document_import(actor=system_user(), path=SAMPLE)
        assert database_fingerprint() == before
