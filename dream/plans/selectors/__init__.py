"""Reads for the public pages: one module per page family, shared helpers here."""

from decimal import Decimal

from django.db.models import Max

from dream.plans.models import AMOUNT_PLACES, Plan


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
