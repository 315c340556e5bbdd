"""A province's usage under a zone task: designated and pending areas summed apart, areas not
entered counted apart (never guessed), refused and withdrawn applications left out, and the
cap compared with the designated area only."""

from decimal import Decimal

from dream.zones import selectors, services
from dream.zones.choices import DesignationStage

from .conftest import DELIBERATED_ON, DESIGNATED_ON


def _designate(designation, staff, stage=DesignationStage.DESIGNATED):
    for step, on in ((DesignationStage.DELIBERATED, DELIBERATED_ON), (stage, DESIGNATED_ON)):
        services.designation_decide(
            actor=staff, designation=designation, stage=step, decided_on=on, decision="의결"
        )


def test_usage_sums_designated_and_pending_apart_and_counts_unknown_areas(
    apply, staff, personas, zone_task, orgs
):
    _designate(apply(name="가", area_text="100만평"), staff)
    _designate(apply(name="나", area_text=""), staff)
    _designate(apply(name="다", area_text="500만평"), staff, DesignationStage.REFUSED)
    apply(name="라", area_text="40만평")
    apply(name="마", area_text="")
    withdrawn = apply(name="바", area_text="900만평")
    services.designation_withdraw(
        actor=personas("busan_editor"), designation=withdrawn, decided_on=DELIBERATED_ON,
        decision="철회",
    )  # fmt: skip

    usage = selectors.province_usage(zone_task, orgs["부산"])

    assert (usage.designated, usage.designated_unknown) == (Decimal(100), 1)
    assert (usage.pending, usage.pending_unknown) == (Decimal(40), 1)
    assert (usage.over_cap, usage.over_cap_with_pending) == (False, False)


def test_over_the_cap_counts_designated_areas_and_warns_early_for_pending_ones(
    apply, staff, zone_task, orgs
):
    _designate(apply(name="가", area_text="140만평"), staff)
    apply(name="나", area_text="20만평")
    usage = selectors.province_usage(zone_task, orgs["부산"])
    assert (usage.over_cap, usage.over_cap_with_pending) == (False, True)

    _designate(apply(name="다", area_text="10.0001만평"), staff)
    assert selectors.province_usage(zone_task, orgs["부산"]).over_cap is True


def test_a_province_without_a_cap_is_never_over_it(apply, staff, zone_task, orgs):
    _designate(apply(persona="seoul_editor", province="서울", area_text="900만평"), staff)
    usage = selectors.province_usage(zone_task, orgs["서울"])
    assert (usage.cap.pyeong, usage.designated, usage.over_cap) == (None, Decimal(900), False)


def test_the_partial_selector_is_none_for_a_task_that_is_not_a_zone(tasks_2024):
    from dream.priorities.models import PriorityTask

    assert selectors.designations_for_task(PriorityTask.objects.get(group="priority")) is None


def test_the_registry_lists_uncapped_zones_by_the_provinces_that_applied(
    apply, uncapped_task, orgs
):
    apply(persona="seoul_editor", province="서울", task=uncapped_task, name="서울 교육특구")
    zone = next(z for z in selectors.registry(2024) if z.task == uncapped_task)
    assert [u.province.short_name for u in zone.provinces] == ["서울"]
    assert zone.provinces[0].cap.basis == "계획이 면적 상한을 정하지 않음"
