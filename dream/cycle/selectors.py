"""Reads of the annual cycle for its pages: the compliance board of a cycle (each body's
state, timeliness, local deliberation and findings) and the steps a person may take on a
submission now."""

import re
from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import User
from dream.accounts.selectors import organization_named
from dream.core.korean import with_particle
from dream.plans.models import Plan

from .changes import PlanChanges, plan_changes
from .checks import draft_finding_counts
from .choices import SubmissionAction, SubmissionState
from .models import Cycle, ItemComment, PlanVersion, Submission
from .permissions import can_edit_submission, can_review
from .services import LOCALLY_RESOLVED_KINDS, TRANSITIONS
from .versions import plan_snapshot

# Who may take each step a submission's page offers (the cycle's resolution is on the board).
ACTION_PERMISSIONS = {
    SubmissionAction.ROLL_FORWARD: can_edit_submission,
    SubmissionAction.LOCAL_RESOLUTION: can_edit_submission,
    SubmissionAction.SUBMIT: can_edit_submission,
    SubmissionAction.REVIEW: can_review,
    SubmissionAction.RETURN: can_review,
    SubmissionAction.ACCEPT: can_review,
}
# "14개 중앙행정기관, 17개 시‧도, 7개 초광역권 설정 지자체": the counts the document prints.
PRINTED_COUNT = re.compile(r"(\d+)\s*개")


def cycle_of_year(year: int) -> Cycle:
    """The cycle of `year`; Http404 with a Korean message (pages and the API show it)."""
    cycle = Cycle.objects.filter(year=year).first()
    if cycle is None:
        raise Http404(f"{year}년 수립 주기가 없습니다.")
    return cycle


def submission_named(year: int, name: str) -> Submission:
    """The submission of the body called `name` (short, official or another printed name)
    in the cycle of `year`; Http404 with a Korean message when there is none."""
    cycle = cycle_of_year(year)
    organization = organization_named(name)
    if organization is None:
        raise Http404(f"{with_particle(name, '이라')}는 이름의 기관이 없습니다.")
    submission = (
        Submission.objects.select_related("cycle", "organization", "plan__owner")
        .filter(cycle=cycle, organization=organization)
        .first()
    )
    if submission is None:
        raise Http404(
            f"{with_particle(str(organization), '은')} {year}년 수립 주기의 제출 기관이 아닙니다."
        )
    return submission


@dataclass(frozen=True)
class BoardRow:
    """One body on a cycle's compliance board."""

    submission: Submission
    findings: int  # a draft: DREAM's live checks; a resolved plan: the document's findings
    open_remarks: int = 0  # the Committee's remarks on items that nobody has answered yet

    @property
    def timeliness(self) -> str:
        """기한 내 / 기한 후 for a submitted plan; 미제출 (with 기한 지남 after the deadline)."""
        submission = self.submission
        if submission.submitted_at is not None:
            return "기한 후 제출" if submission.is_late else "기한 내 제출"
        if submission.state == SubmissionState.RESOLVED:
            return "문서로 의결"  # recorded from the published plan: submitted on paper
        return "미제출"

    @property
    def local_resolution(self) -> str:
        submission = self.submission
        if submission.organization.kind not in LOCALLY_RESOLVED_KINDS:
            return "해당 없음"
        if submission.local_resolution_date is None:
            return "기록 없음"
        return f"{submission.local_resolution_date:%Y-%m-%d}"


def cycle_board(cycle: Cycle) -> list[BoardRow]:
    """Every body of the cycle, provinces, super-regions then ministries, with the open
    findings on its plan (a draft's from the live checks, a published plan's from the
    reader; 0 for a body without a plan of its own) and its unanswered remarks."""
    submissions = (
        cycle.submissions.select_related("organization", "plan", "cycle")
        .annotate(finding_count=Count("plan__findings"))
        .order_by("organization__kind", "organization__position", "organization__short_name")
    )
    remarks = dict(
        ItemComment.objects.filter(
            submission__cycle=cycle, reply_to__isnull=True, replies__isnull=True
        )
        .values_list("submission")
        .annotate(n=Count("pk"))
    )
    order = {OrganizationKind.PROVINCE: 0, OrganizationKind.SUPER_REGION: 1}
    submissions = list(submissions)
    checks = draft_finding_counts([s.plan for s in submissions if s.plan and s.plan.is_draft])
    rows = [
        BoardRow(s, checks.get(s.plan_id, s.finding_count), remarks.get(s.pk, 0))
        for s in submissions
    ]
    return sorted(rows, key=lambda r: order.get(r.submission.organization.kind, 2))


def state_counts(rows: list[BoardRow]) -> list[tuple[str, int]]:
    """(state label, number of bodies) for each state that occurs, in the cycle's order."""
    states = [row.submission.state for row in rows]
    return [(state.label, states.count(state)) for state in SubmissionState if state in states]


@dataclass(frozen=True)
class RecipientsNote:
    """What the guidelines print as their recipients against the bodies DREAM derives."""

    printed: str
    printed_total: int | None
    derived: list[tuple[str, int]]  # (kind label, number of bodies)
    derived_total: int

    @property
    def differs(self) -> bool:
        return self.printed_total is not None and self.printed_total != self.derived_total


def recipients_note(cycle: Cycle, rows: list[BoardRow]) -> RecipientsNote:
    kinds = [row.submission.organization.kind for row in rows]
    derived = [(kind.label, kinds.count(kind)) for kind in OrganizationKind if kind in kinds]
    counts = [int(n) for n in PRINTED_COUNT.findall(cycle.recipients_printed)]
    return RecipientsNote(
        printed=cycle.recipients_printed,
        printed_total=sum(counts) if counts else None,
        derived=derived,
        derived_total=len(rows),
    )


def submission_actions(user: User, submission: Submission) -> list[SubmissionAction]:
    """The steps `user` may take on `submission` in its present state, in the cycle's order."""
    actions = []
    for action, may in ACTION_PERMISSIONS.items():
        if action == SubmissionAction.ROLL_FORWARD:
            possible = submission.state == SubmissionState.DRAFTING and submission.plan_id is None
        else:
            possible = submission.state in TRANSITIONS[action][0]
        if action == SubmissionAction.LOCAL_RESOLUTION:
            possible = possible and submission.organization.kind in LOCALLY_RESOLVED_KINDS
        if possible and may(user, submission):
            actions.append(action)
    return actions


def cycle_list() -> list[tuple[Cycle, list[tuple[str, int]]]]:
    """Every cycle, newest first, with its bodies counted by state."""
    counts: dict[int, dict[str, int]] = {}
    for row in Submission.objects.values("cycle_id", "state").annotate(n=Count("pk")).order_by():
        counts.setdefault(row["cycle_id"], {})[row["state"]] = row["n"]
    return [
        (cycle, [(s.label, n) for s in SubmissionState if (n := counts.get(cycle.pk, {}).get(s))])
        for cycle in Cycle.objects.order_by("-year")
    ]


# What changed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionStep:
    """The changes from one version of a plan to the next (an amendment and its reason)."""

    old: PlanVersion
    new: PlanVersion
    changes: PlanChanges


def resolved_content(plan: Plan) -> dict:
    """The plan as resolved: its newest version's frozen content, or the live rows of a
    published plan that has no version (imported before cycles were recorded)."""
    version = plan.versions.order_by("-number").first()
    return version.content if version is not None else plan_snapshot(plan)


def previous_year_plan(plan: Plan) -> Plan | None:
    """The same body's published plan of the same level a year earlier."""
    return Plan.objects.filter(
        owner_id=plan.owner_id, level=plan.level, year=plan.year - 1, is_draft=False
    ).first()


def plan_changes_from_previous_year(plan: Plan) -> PlanChanges | None:
    """What changed since the body's plan of the year before; None when there is none."""
    previous = previous_year_plan(plan)
    if previous is None:
        return None
    return plan_changes(resolved_content(previous), resolved_content(plan))


def version_changes(version_a: PlanVersion, version_b: PlanVersion) -> PlanChanges:
    """What changed from `version_a` to `version_b` (usually the next amendment)."""
    return plan_changes(version_a.content, version_b.content)


def version_steps(plan: Plan) -> list[VersionStep]:
    """Each version after the first beside the one before it, oldest first; empty when
    the plan has one version or none."""
    versions = list(plan.versions.order_by("number"))
    return [
        VersionStep(old, new, version_changes(old, new))
        for old, new in zip(versions, versions[1:], strict=False)
    ]
