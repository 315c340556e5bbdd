"""Reads of the pipeline for its pages, API and open data: the board by province, the Track 2
rolling board and a proposal's thread. What a person sees is `proposals_visible_to`."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.calls.selectors import Track1Status, track1_status_by_proposal

from .choices import LargeProjectStage, ProposalState
from .models import LargeProject, LargeProjectStep, Proposal
from .permissions import proposals_visible_to
from .services import FIRST_YEAR, STAGE_ORDER

BOARD_STAGES = [*STAGE_ORDER, LargeProjectStage.CLOSED]


def year_choices() -> list[int]:
    """The years a board may show: the plan's first year of demand to next year."""
    return list(range(FIRST_YEAR, timezone.localdate().year + 2))


def year_from(raw, default: int | None = None) -> int:
    """`?year=` when it is one of `year_choices()`, else `default` (this year)."""
    choices = year_choices()
    text = str(raw or "").strip()
    if text.isascii() and text.isdigit() and len(text) == 4 and int(text) in choices:
        return int(text)
    return default if default is not None else timezone.localdate().year


def line_url(line: int) -> str:
    """The address of a line of the digital plan, for the rules these pages cite."""
    from dream.web.source_text import DIGITAL_TEXT
    from dream.web.source_text import line_url as text_line_url

    return text_line_url(DIGITAL_TEXT, line)


def provinces() -> list[Organization]:
    return list(Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position"))


@dataclass
class BoardRow:
    province: Organization
    drafting: int = 0
    submitted: int = 0
    track1: int = 0
    track2: dict[str, int] = field(default_factory=dict)

    @property
    def track2_total(self) -> int:
        return sum(self.track2.values())


@dataclass
class ProposalLine:
    proposal: Proposal
    track1: Track1Status | None
    stage: str  # Track 2 stage label, "" when not in Track 2


def board(user: User, year: int, province: str = "") -> tuple[list[BoardRow], list[ProposalLine]]:
    """Rows = provinces (counts of the proposals of `year` `user` may see, by where they
    stand), and the proposals themselves (of `province` when given) with their tracks."""
    proposals = list(
        proposals_visible_to(user)
        .filter(year=year)
        .exclude(state=ProposalState.WITHDRAWN)
        .select_related("province", "large_project", "area")
        .order_by("province__position", "priority", "pk")
    )
    statuses = track1_status_by_proposal([p.pk for p in proposals])
    rows = {o.pk: BoardRow(o) for o in provinces()}
    lines = []
    for proposal in proposals:
        row = rows.get(proposal.province_id)
        if row is None:
            continue
        project = getattr(proposal, "large_project", None)
        if proposal.state == ProposalState.DRAFTING:
            row.drafting += 1
        else:
            row.submitted += 1
        if proposal.pk in statuses:
            row.track1 += 1
        if project is not None:
            row.track2[project.stage] = row.track2.get(project.stage, 0) + 1
        if not province or proposal.province.short_name == province:
            lines.append(
                ProposalLine(
                    proposal,
                    statuses.get(proposal.pk),
                    project.get_stage_display() if project else "",
                )
            )
    return list(rows.values()), lines


@dataclass
class Track2Row:
    project: LargeProject
    stage: str  # as of the end of the board's year
    reached: dict[str, date]  # stage → the date it was reached, up to the board's year

    @property
    def cells(self) -> list[tuple[str, date | None, bool]]:
        return [(s, self.reached.get(s), s == self.stage) for s in BOARD_STAGES]


def track2_board(year: int) -> list[Track2Row]:
    """The yearly rolling board (l.1809): every project started by the end of `year`, at the
    stage it had reached then, with the date of each stage reached."""
    projects = (
        LargeProject.objects.filter(started_on__year__lte=year)
        .select_related("proposal__province", "owner")
        .prefetch_related("steps")
        .order_by("proposal__province__position", "started_on", "pk")
    )
    rows = []
    for project in projects:
        steps = [s for s in project.steps.all() if s.decided_on.year <= year]
        steps.sort(key=lambda s: (s.decided_on, s.pk))
        if not steps:
            continue
        reached = {}
        for step in steps:
            reached.setdefault(step.to_stage, step.decided_on)
        rows.append(Track2Row(project, steps[-1].to_stage, reached))
    return rows


def project_steps(project: LargeProject) -> list[LargeProjectStep]:
    return list(project.steps.select_related("recorded_by").order_by("decided_on", "pk"))


def track1_status(proposal: Proposal) -> Track1Status | None:
    return track1_status_by_proposal([proposal.pk]).get(proposal.pk)
