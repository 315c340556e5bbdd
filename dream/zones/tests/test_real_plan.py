"""On the bundled 2024 plan: Ⅱ's four zone tasks are the registry's sections, only
기회발전특구 carries the printed caps, and the lines the pages quote are the items the plan
import stored for it."""

import pytest

from dream.priorities.models import PriorityItem
from dream.zones import selectors
from dream.zones.caps import APPLIED_FACT, CAP_BASIS, PROCEDURE_BASIS

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_the_four_zones_of_2024_and_only_the_first_has_caps(db):
    zones = selectors.registry(2024)

    assert [(zone.task.position, zone.capped) for zone in zones] == [
        (1, True),
        (2, False),
        (3, False),
        (4, False),
    ]
    names = [zone.task.name for zone in zones]
    for word, name in zip(
        ["기회발전특구", "교육발전특구", "도심융합특구", "문화특구"], names, strict=True
    ):
        assert word in name
    assert len(zones[0].provinces) == 17 and zones[0].designations == []


def test_the_quoted_lines_are_the_stored_items_of_the_task(db):
    task = selectors.registry(2024)[0].task
    for basis in (CAP_BASIS, APPLIED_FACT, PROCEDURE_BASIS):
        item = PriorityItem.objects.get(task=task, source_line=basis.first_line)
        assert basis.text in " ".join(item.text.split()), basis.lines_label


def test_the_registry_page_of_the_real_plan_reads(client, db):
    response = client.get("/priorities/zones/", {"year": 2024})

    assert response.status_code == 200
    assert response.content.decode().count("계획이 면적 상한을 정하지 않음") == 3
