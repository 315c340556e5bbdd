"""The benchmark data generator: the 2024 plan grown into earlier years and finer rows."""

import pytest
from django.db import transaction

from dream.benchdata.services import (
    SOURCE_YEAR,
    BenchDataRefused,
    bench_data_generate,
    default_years,
)
from dream.plans.models import Plan, Task

SOURCE_TASKS = 1723
TASKS = SOURCE_TASKS * 3 + 500  # two copies and 250 projects a year


def test_too_few_tasks_for_the_years_is_refused(plan_2024, db):
    with pytest.raises(BenchDataRefused, match="Too few tasks"):
        bench_data_generate(tasks=SOURCE_TASKS * 2, years=2)
    assert not Plan.objects.exclude(year=SOURCE_YEAR).exists()


def test_the_same_seed_gives_the_same_rows(plan_2024, db):
    def generated(seed: int) -> list[tuple]:
        with transaction.atomic():
            bench_data_generate(tasks=TASKS, years=2, seed=seed)
            rows = list(
                Task.objects.exclude(plan__year=SOURCE_YEAR)
                .order_by("pk")
                .values_list("pk", "plan_id", "parent_id", "kind", "name", "national_budget_eok")
            )
            transaction.set_rollback(True)
        return rows

    assert generated(7) == generated(7)
    assert generated(7) != generated(8)


def test_default_years_grow_with_the_tasks_up_to_twenty_in_all():
    assert default_years(20_000) == 1
    assert default_years(100_000) == 9
    assert default_years(1_000_000) == 19
