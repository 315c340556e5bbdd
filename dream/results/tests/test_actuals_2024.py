"""Indicator actuals on the real 2024 plan (imported once for the module): 부산 reports on its
own indicators, each ministry on the sectoral plan's indicators of the tasks it leads, and a
re-import of the document keeps the actuals or is refused whole."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import system_user
from dream.cycle.errors import NotAllowed
from dream.indicators.models import Indicator
from dream.ingest.document import PlanFormatError
from dream.ingest.services import document_import
from dream.plans.choices import PlanLevel
from dream.results.models import IndicatorActual
from dream.results.permissions import responsible_body
from dream.results.selectors import body_results, body_results_named, reported_indicators
from dream.results.services import indicator_actual_record

pytestmark = pytest.mark.usefixtures("plan_2024")
SAMPLE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


def _editor(name: str, organization: Organization) -> User:
    user = User.objects.create_user(name)
    Membership.objects.create(user=user, organization=organization, role="editor")
    return user


def _enter(actor, indicator, value="12.5"):
    return indicator_actual_record(
        actor=actor, indicator=indicator, year=2024, value_text=value,
        source="2024 지역통계", observed_on=date(2025, 1, 31),
    )  # fmt: skip


def _busan_indicator() -> Indicator:
    return (
        Indicator.objects.filter(
            plan__year=2024, plan__level=PlanLevel.PROVINCE, plan__owner__short_name="부산"
        )
        .exclude(target_value=None)
        .select_related("plan", "task")
        .order_by("position")
        .first()
    )


def _led_sectoral_indicator() -> tuple[Indicator, Organization]:
    """The first sectoral indicator whose task a ministry leads, and that ministry."""
    for indicator in Indicator.objects.filter(
        plan__year=2024, plan__level=PlanLevel.SECTORAL, task__isnull=False
    ).select_related("plan", "task"):
        body = responsible_body(indicator.plan, indicator.task)
        if body != indicator.plan.owner:
            return indicator, body
    raise AssertionError("the 2024 sectoral plan has indicators on ministry-led tasks")


def test_busans_editor_enters_busans_indicator_and_sees_it_computed(db):
    busan = Organization.objects.get(short_name="부산")
    indicator = _busan_indicator()
    value = indicator.target_value  # the target reached exactly: 100 %

    _enter(_editor("busan-editor", busan), indicator, f"{value:f}")

    plan, organization = body_results_named(2024, "부산")
    viewer = _editor("busan-viewer", busan)
    results = body_results(plan, organization, 2024, viewer)
    row = next(r for r in results.rows if r.indicator == indicator)
    assert row.actual.value == value
    assert len(results.rows) == Indicator.objects.filter(plan=plan).count()
    assert row.achievement.status == "no_direction"  # the printed plan states none

    Indicator.objects.filter(pk=indicator.pk).update(direction="higher")
    results = body_results(plan, organization, 2024, viewer)
    row = next(r for r in results.rows if r.indicator == indicator)
    assert (row.achievement.percent, row.achievement.level) == (Decimal("100.0"), "달성")


def test_a_sectoral_indicator_is_entered_by_its_lead_ministry_not_another(db):
    indicator, lead = _led_sectoral_indicator()
    other = Organization.objects.filter(kind=lead.kind).exclude(pk=lead.pk).first()

    with pytest.raises(NotAllowed):
        _enter(_editor("other-ministry", other), indicator)
    actual = _enter(_editor("lead-ministry", lead), indicator)

    assert actual.value == Decimal("12.5")
    plan, organization = body_results_named(2024, lead.short_name)
    assert indicator in reported_indicators(plan, organization)


def test_every_sectoral_indicator_is_reported_by_exactly_one_body(db):
    plan, _ = body_results_named(2024, "행안부")
    bodies = Organization.objects.all()

    counted = [i.pk for body in bodies for i in reported_indicators(plan, body)]

    assert sorted(counted) == sorted(plan.indicators.values_list("pk", flat=True))


def test_reimporting_the_document_keeps_the_actuals(db):
    indicator = _busan_indicator()
    actual = _enter(_editor("busan-editor", indicator.plan.owner), indicator)

    document_import(path=SAMPLE, actor=system_user())

    assert IndicatorActual.objects.get(pk=actual.pk).indicator_id == indicator.pk


def test_a_document_dropping_an_indicator_with_an_actual_is_refused_whole(db):
    busan_plan = _busan_indicator().plan
    extra = Indicator.objects.create(
        plan=busan_plan, position=999, group="autonomous", name="문서에 없는 지표"
    )
    _enter(_editor("busan-editor", busan_plan.owner), extra, "완료")
    renamed = _busan_indicator()
    Indicator.objects.filter(pk=renamed.pk).update(
        name="고쳐 둔 이름"
    )  # the import would restore it
    indicators = Indicator.objects.count()

    with pytest.raises(PlanFormatError, match="문서에 없는 지표"):
        document_import(path=SAMPLE, actor=system_user())

    assert Indicator.objects.count() == indicators
    assert Indicator.objects.get(pk=renamed.pk).name == "고쳐 둔 이름"
    assert IndicatorActual.objects.filter(indicator=extra).exists()
