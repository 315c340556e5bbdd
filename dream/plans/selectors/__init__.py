"""Reads for the public pages: one module per page family, shared helpers here."""

from decimal import Decimal

from django.db.models import Max, Q

from dream.accounts.choices import OrganizationKind
from dream.plans.choices import PlanLevel
from dream.plans.models import AMOUNT_PLACES, Plan


def ministry_part(prefix: str = "") -> Q:
    """A ministry's own part of a sectoral plan, made in DREAM's cycle (`prefix` "plan__"
    for rows of a plan). The Committee's sectoral plan of the year is compiled from the
    resolved parts and holds them whole, so pages and totals that show the whole plan
    leave the parts out rather than count them twice."""
    return Q(
        **{f"{prefix}level": PlanLevel.SECTORAL, f"{prefix}owner__kind": OrganizationKind.MINISTRY}
    )


def summed_eok(total: Decimal | int | None) -> Decimal:
    """A SQL SUM of 억원 amounts, exact: SQLite adds DecimalFields as floats (0.1 + 0.2 →
    0.30000000000000004), but amounts have two places at most, so rounding to two places
    gives back the exact sum; PostgreSQL's exact sum is unchanged."""
    return Decimal(total or 0).quantize(Decimal(1).scaleb(-AMOUNT_PLACES))


def latest_year() -> int | None:
    """The newest year with a published plan; pages show it unless asked for another.
    Drafts of a cycle under way do not count: they are not public until resolved."""
    return Plan.objects.filter(is_draft=False).aggregate(year=Max("year"))["year"]


def published_years() -> list[int]:
    """The years with a published (resolved, not draft) plan, newest first: the years a
    reader may choose between on the public pages."""
    return list(
        Plan.objects.filter(is_draft=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
