"""Reads of the agency registry and its reports, for this app's pages and for other apps."""

from dataclasses import dataclass, field
from decimal import Decimal

from dream.accounts.models import Organization

from .choices import Incorporation
from .models import DigitalAgency, PerformanceReport
from .permissions import reports_visible_to


def agency_for_province(province: Organization) -> DigitalAgency | None:
    """The province's first active regional digital agency (by name), or None."""
    return (
        DigitalAgency.objects.select_related("organization", "province")
        .filter(province=province, is_active=True)
        .order_by("organization__short_name", "pk")
        .first()
    )


# The counts the digital plan prints, shown beside the registry (never stored as data).
PRINTED_PROVINCES, PRINTED_AGENCIES, PRINTED_AGENCIES_LINE = 16, 21, 1681
PRINTED_INDEPENDENT, PRINTED_INDEPENDENT_LINE = 12, 770
# 대구's integrated management, the document's example (l.1737–1739), not a report.
EXAMPLE_AGENCY, EXAMPLE_AMOUNT_EOK, EXAMPLE_LINE, EXAMPLE_AMOUNT_LINE = (
    "대구디지털혁신진흥원(DIP)",
    833,
    1737,
    1739,
)


@dataclass(frozen=True)
class RegistryCounts:
    registered: int
    independent: int
    provinces: int


def agency_registry() -> list[DigitalAgency]:
    return list(
        DigitalAgency.objects.select_related("organization", "province").order_by(
            "province__position", "organization__short_name"
        )
    )


def registry_counts(agencies: list[DigitalAgency]) -> RegistryCounts:
    active = [a for a in agencies if a.is_active]
    return RegistryCounts(
        registered=len(active),
        independent=sum(a.incorporation == Incorporation.INDEPENDENT for a in active),
        provinces=len({a.province_id for a in active}),
    )


@dataclass
class Group:
    """Reports grouped (by province or by programme) with their totals (DREAM 계산); a total
    leaves out the reports that have no spent amount and says how many."""

    label: str
    reports: list[PerformanceReport] = field(default_factory=list)

    @property
    def budget_total(self) -> Decimal:
        return sum((r.budget_eok for r in self.reports), Decimal(0))

    @property
    def spent_total(self) -> Decimal:
        return sum((r.spent_eok for r in self.reports if r.spent_eok is not None), Decimal(0))

    @property
    def spent_missing(self) -> int:
        return sum(r.spent_eok is None for r in self.reports)


def performance_reports(
    user, year: int, *, province: str = "", programme: str = ""
) -> list[PerformanceReport]:
    """The reports of `year` the user may see, for one province or one programme if asked."""
    reports = reports_visible_to(user).filter(year=year)
    if province:
        reports = reports.filter(agency__province__short_name=province)
    if programme:
        reports = reports.filter(programme=programme)
    return list(
        reports.select_related("agency__organization", "agency__province", "ministry")
        .prefetch_related("outcomes")
        .order_by("agency__province__position", "ministry__position", "programme", "pk")
    )


def by_province(reports: list[PerformanceReport]) -> list[Group]:
    groups: dict[int, Group] = {}
    for report in reports:
        province = report.agency.province
        groups.setdefault(province.pk, Group(province.short_name)).reports.append(report)
    return list(groups.values())


def by_programme(reports: list[PerformanceReport]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for report in sorted(reports, key=lambda r: (r.ministry.position, r.programme)):
        key = (report.ministry_id, report.programme)
        label = f"{report.ministry} · {report.programme}"
        groups.setdefault(key, Group(label)).reports.append(report)
    return list(groups.values())


def programme_names(user, year: int) -> list[str]:
    return sorted(
        set(reports_visible_to(user).filter(year=year).values_list("programme", flat=True))
    )
