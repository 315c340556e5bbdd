"""Reads for the public pages: one module per page family, shared helpers here."""

from django.db.models import Max

from dream.plans.models import Plan


def latest_year() -> int | None:
    """The newest plan year in the database; pages show it unless asked for another."""
    return Plan.objects.aggregate(year=Max("year"))["year"]
