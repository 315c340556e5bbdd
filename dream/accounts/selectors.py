"""Reads of organizations: which record a printed name stands for, and what a body
carries in both plans.

Documents print one ministry under several names (과기정통부, 과기부, 과학기술정보통신부);
every reader of a document and every page parameter resolves them to the one record.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet

from dream.digital.models import DigitalTaskMinistry
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import TaskMinistry
from dream.plans.selectors import ministry_part

from .choices import OrganizationKind
from .models import Organization, OrganizationAlias


def name_key(name: str) -> str:
    """A name as names are compared: NFKC, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def _by_name(organizations: QuerySet[Organization]) -> dict[str, Organization]:
    """Every name the organizations go by (short name, the other names they are printed
    under, official name; compared by `name_key`) → the organization. Short names win."""
    by_pk = {o.pk: o for o in organizations}
    names = {name_key(o.full_name): o for o in by_pk.values() if o.full_name}
    for alias in OrganizationAlias.objects.filter(organization__in=by_pk):
        names[name_key(alias.name)] = by_pk[alias.organization_id]
    names.update({name_key(o.short_name): o for o in by_pk.values()})
    return names


def ministries_by_name() -> dict[str, Organization]:
    """Every name a ministry goes by (과기정통부, 과기부, 과학기술정보통신부) → the ministry."""
    return _by_name(Organization.objects.filter(kind=OrganizationKind.MINISTRY))


def ministry_named(name: str) -> Organization | None:
    """The ministry a document or a visitor calls `name`, or None when none is called so."""
    return ministries_by_name().get(name_key(name))


def organization_named(name: str) -> Organization | None:
    """The organization of any kind called `name` by any of its names, or None."""
    return _by_name(Organization.objects.order_by("kind", "position")).get(name_key(name))


def printed_names(organization: Organization) -> list[str]:
    """The names an organization is printed under: its short name first, then the others."""
    return [organization.short_name, *(a.name for a in organization.aliases.all())]


@dataclass(frozen=True)
class OrganizationPage:
    """What one body carries in both plans, so it can be followed across them."""

    organization: Organization
    names: list[str]  # short name first, then the other printed names
    year: int | None
    sectoral_links: list  # TaskMinistry of the year's sectoral plan, with task and parent
    digital_links: list  # DigitalTaskMinistry, with task and area

    @property
    def other_names(self) -> list[str]:
        return self.names[1:]

    @property
    def practical_count(self) -> int:
        return sum(link.task.kind == TaskKind.PRACTICAL for link in self.sectoral_links)

    @property
    def core_count(self) -> int:
        return sum(link.task.kind == TaskKind.CORE for link in self.sectoral_links)


def organization_page(organization: Organization, year: int | None) -> OrganizationPage:
    """The sectoral tasks of `year`'s plan and the digital-plan tasks `organization`
    carries, each in printed order, with the name printed for it there."""
    sectoral = (
        TaskMinistry.objects.filter(
            ministry=organization,
            task__plan__year=year,
            task__plan__is_draft=False,
            task__plan__level=PlanLevel.SECTORAL,
        )
        .exclude(ministry_part("task__plan__"))  # the compiled plan holds the parts
        .select_related("task__parent", "task__strategy")
        .order_by(
            "task__source_line",
            "task__strategy__position",
            "task__parent__position",
            "task__position",
        )
    )
    digital = (
        DigitalTaskMinistry.objects.filter(ministry=organization)
        .select_related("task__area", "task__plan")
        .order_by("task__plan", "task__position")
    )
    return OrganizationPage(
        organization=organization,
        names=printed_names(organization),
        year=year,
        sectoral_links=list(sectoral) if year else [],
        digital_links=list(digital),
    )
