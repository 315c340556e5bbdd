"""A database grown by the generator: two earlier years and projects, read by every test
of this module (grown once, rolled back after the module)."""

import pytest
from django.db import transaction
from django.db.models import F

from dream.benchdata.services import (
    SOURCE_YEAR,
    BenchDataRefused,
    bench_data_generate,
)
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.plans.choices import TaskKind
from dream.plans.models import Budget, Plan, Task, TaskMinistry
from dream.search.models import SearchEntry

SOURCE_TASKS = 1723
TASKS = SOURCE_TASKS * 3 + 500  # two copies and 250 projects a year
# Each test in a savepoint inside the module's transaction, as with `plan_2024`.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def grown(plan_2024, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield bench_data_generate(tasks=TASKS, years=2, seed=7)
        transaction.set_rollback(True)


def test_the_database_holds_the_tasks_asked_for_in_the_years_before_the_source(grown):
    assert grown.years == [SOURCE_YEAR - 1, SOURCE_YEAR - 2]
    assert Task.objects.count() == TASKS
    years = Plan.objects.values_list("year", flat=True)
    assert sorted(set(years)) == [SOURCE_YEAR - 2, SOURCE_YEAR - 1, SOURCE_YEAR]
    for year in grown.years:
        assert Task.objects.filter(plan__year=year).count() == SOURCE_TASKS + 250
        assert (
            Plan.objects.filter(year=year).count() == Plan.objects.filter(year=SOURCE_YEAR).count()
        )


def test_the_source_year_is_left_as_imported(grown):
    assert Task.objects.filter(plan__year=SOURCE_YEAR).count() == SOURCE_TASKS
    assert not Task.objects.filter(plan__year=SOURCE_YEAR, kind=TaskKind.PROJECT).exists()


def test_extra_rows_are_projects_under_practical_tasks_with_budget_and_ministry(grown):
    projects = Task.objects.filter(kind=TaskKind.PROJECT)
    assert projects.count() == 500
    assert not projects.exclude(parent__kind=TaskKind.PRACTICAL).exists()
    assert not projects.filter(national_budget_eok__isnull=True).exists()
    assert TaskMinistry.objects.filter(task__kind=TaskKind.PROJECT).exists()


def test_every_foreign_key_stays_within_its_year(grown):
    assert not Task.objects.exclude(parent=None).exclude(parent__plan=F("plan")).exists()
    assert not Task.objects.exclude(strategy=None).exclude(strategy__plan=F("plan")).exists()
    assert (
        not Indicator.objects.exclude(target_year=None)
        .exclude(target_year__gte=F("plan__year"))
        .exists()
    )
    assert not Budget.objects.exclude(strategy=None).exclude(strategy__plan=F("plan")).exists()
    assert not Indicator.objects.exclude(task=None).exclude(task__plan=F("plan")).exists()
    assert not Finding.objects.exclude(plan=None).exclude(plan__year=F("year")).exists()
    assert not Finding.objects.exclude(import_run__year=F("year")).exists()
    assert not SearchEntry.objects.exclude(plan=None).exclude(plan__year=F("year")).exists()


def test_each_year_is_found_by_search_with_its_own_rows(grown):
    for year in [SOURCE_YEAR, *grown.years]:
        tasks = Task.objects.filter(plan__year=year).count()
        assert SearchEntry.objects.filter(plan__year=year, kind="task").count() == tasks


def test_a_second_run_over_the_same_years_is_refused_and_writes_nothing(grown):
    before = Task.objects.count()
    with pytest.raises(BenchDataRefused, match="2022, 2023"):
        bench_data_generate(tasks=TASKS * 2, years=2, seed=7)
    assert Task.objects.count() == before
