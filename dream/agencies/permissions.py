"""Who may do what with agencies and their performance reports; views, API and services
use these alike (docs/agencies.md has the table).

- Committee staff register agencies, correct their profiles and may correct any report,
  submitted or not.
- An agency's editors and managers report for their agency while the report is a draft.
- A draft is seen by the agency's members and Committee staff; a submitted report by all.
"""

from django.db.models import Q, QuerySet

from dream.accounts.models import User
from dream.accounts.permissions import can_write_for, is_committee_staff

from .choices import ReportState
from .models import DigitalAgency, PerformanceReport


def can_register_agency(user: User) -> bool:
    return is_committee_staff(user)


def can_edit_agency(user: User, agency: DigitalAgency) -> bool:
    return is_committee_staff(user)


def can_report_for(user: User, agency: DigitalAgency) -> bool:
    """Committee staff, or an editor/manager of the agency itself."""
    return can_write_for(user, agency.organization)


def can_edit_report(user: User, report: PerformanceReport) -> bool:
    """The agency's writers edit a draft; only Committee staff correct a submitted report."""
    if report.is_submitted:
        return is_committee_staff(user)
    return can_report_for(user, report.agency)


def reports_visible_to(user: User) -> QuerySet[PerformanceReport]:
    """Submitted reports; with them the drafts of the user's agencies (any role), or every
    draft for Committee staff."""
    reports = PerformanceReport.objects.all()
    if is_committee_staff(user):
        return reports
    submitted = Q(state=ReportState.SUBMITTED)
    if not user.is_authenticated or not user.is_active:
        return reports.filter(submitted)
    agencies = user.memberships.values("organization__digital_agency")
    return reports.filter(submitted | Q(agency__in=agencies))


def can_view_report(user: User, report: PerformanceReport) -> bool:
    return reports_visible_to(user).filter(pk=report.pk).exists()
