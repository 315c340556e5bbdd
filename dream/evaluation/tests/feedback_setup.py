"""A graded unit for the feedback tests: 부산's published 2024 plan (conftest `busan_2024`),
a 2024 round in 점검 with a graded unit on its core task and that unit's grade."""

from django.utils import timezone

from dream.evaluation.choices import RoundPhase, UnitKind
from dream.evaluation.models import EvaluationRound, Grade, Unit
from dream.evaluation.services import example_sets_ensure, schedule_for
from dream.plans.choices import TaskKind


def graded_busan(plan, staff, *, phase=RoundPhase.CHECKING) -> Grade:
    criterion_set, band_set = example_sets_ensure()
    dates, basis = schedule_for(plan.year)
    round = EvaluationRound.objects.create(
        year=plan.year, phase=phase, schedule_basis=basis, criterion_set=criterion_set,
        band_set=band_set, opened_by=staff, opened_at=timezone.now(), **dates,
    )  # fmt: skip
    core = plan.tasks.get(kind=TaskKind.CORE)
    unit = Unit.objects.create(
        round=round, kind=UnitKind.NODE, graded=True, plan=plan, task=core,
        organization=plan.owner,
    )  # fmt: skip
    band = band_set.bands.order_by("position").last()
    return Grade.objects.create(unit=unit, computed_band=band, final_band=band)
