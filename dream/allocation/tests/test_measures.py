"""The measures a score is drawn from: grades of closed rounds only, Track 1 results and
district firm counts from their apps, staff-entered values replacing them."""

from decimal import Decimal

from django.utils import timezone

from dream.allocation import selectors, services
from dream.allocation.models import Measure
from dream.cycle.tests.conftest import draft_plan
from dream.evaluation.choices import RoundPhase, UnitKind
from dream.evaluation.models import EvaluationRound, Grade, Unit
from dream.evaluation.services import example_sets_ensure, schedule_for
from dream.plans.choices import PlanLevel, TaskKind


def _graded_round(orgs, staff, closed: bool):
    criterion_set, band_set = example_sets_ensure()
    dates, basis = schedule_for(2024)
    round = EvaluationRound.objects.create(
        year=2024, phase=RoundPhase.FEEDBACK if closed else RoundPhase.CHECKING,
        schedule_basis=basis, criterion_set=criterion_set, band_set=band_set, opened_by=staff,
        opened_at=timezone.now(), closed_at=timezone.now() if closed else None, **dates,
    )  # fmt: skip
    bands = list(band_set.bands.order_by("position"))
    for name, band in (("부산", bands[0]), ("대구", bands[-1])):
        plan = draft_plan(orgs[name], PlanLevel.PROVINCE, year=2024)
        unit = Unit.objects.create(
            round=round, kind=UnitKind.NODE, graded=True, plan=plan,
            task=plan.tasks.get(kind=TaskKind.CORE), organization=orgs[name],
        )  # fmt: skip
        Grade.objects.create(unit=unit, computed_band=bands[1], final_band=band)


def test_grades_of_a_closed_round_rank_top_1_and_lowest_0(orgs, staff):
    _graded_round(orgs, staff, closed=True)
    assert selectors.grade_values(2024).values == {"부산": Decimal(1), "대구": Decimal(0)}


def test_grades_of_a_round_not_closed_are_not_read(orgs, staff):
    _graded_round(orgs, staff, closed=False)
    source = selectors.grade_values(2024)
    assert source.values == {} and source.note.endswith("자료 없음")


def test_track1_results_come_from_the_calls_app_and_none_is_no_data(orgs, monkeypatch):
    monkeypatch.setattr(
        selectors.calls_selectors,
        "province_track1_scores",
        lambda year: {orgs["부산"].pk: Decimal("81.5"), orgs["대구"].pk: None},
    )
    assert selectors.track1_values(2025).values == {"부산": Decimal("81.5")}


def test_a_staff_value_replaces_the_read_one_with_its_reason(orgs, staff, monkeypatch):
    monkeypatch.setattr(
        selectors.calls_selectors,
        "province_track1_scores",
        lambda year: {orgs["부산"].pk: Decimal("81.5")},
    )
    services.score_override_set(
        actor=staff, year=2025, province=orgs["부산"], measure=Measure.TRACK1, value="90",
        reason="재평가 결과",
    )  # fmt: skip
    values, _notes, overridden = selectors.measure_values(2025)
    assert values["track1"] == {"부산": Decimal("90")}
    assert overridden == {"track1": {"부산": "재평가 결과"}}
