"""The caps of l.231 by province class, for 기회발전특구 only; where the plan is silent (서울,
세종, the other zones) there is no number, and the basis says "계획이 정하지 않음"."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from dream.accounts import registry
from dream.ingest.document import read_lines
from dream.zones.caps import (
    APPLIED_FACT,
    CAP_BASIS,
    METROPOLITAN,
    PROCEDURE_BASIS,
    PROVINCE_CLASSES,
    SILENT,
    province_cap,
    task_has_caps,
)

PLAN = Path(settings.BASE_DIR) / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.mark.parametrize(
    ("province", "cap"),
    [
        ("부산", 150), ("대구", 150), ("인천", 150), ("광주", 150), ("대전", 150), ("울산", 150),
        ("경기", 200), ("강원", 200), ("충북", 200), ("충남", 200), ("전북", 200), ("전남", 200),
        ("경북", 200), ("경남", 200), ("제주", 200),
    ],
)  # fmt: skip
def test_a_metropolitan_city_has_150_and_a_do_200_man_pyeong(zone_task, orgs, province, cap):
    found = province_cap(zone_task, orgs[province])

    assert found.pyeong == Decimal(cap)
    assert "l.231" in found.basis


def test_a_self_governing_do_is_read_as_a_do_and_says_so(zone_task, orgs):
    assert "특별자치도는 도로 읽음" in province_cap(zone_task, orgs["제주"]).basis
    assert "특별자치도" not in province_cap(zone_task, orgs["경북"]).basis


@pytest.mark.parametrize("province", ["서울", "세종"])
def test_seoul_and_sejong_have_no_cap_because_the_plan_is_silent(zone_task, orgs, province):
    found = province_cap(zone_task, orgs[province])

    assert found.pyeong is None
    assert found.basis.startswith(SILENT)


def test_the_other_zones_have_no_cap(uncapped_task, orgs):
    assert not task_has_caps(uncapped_task)
    found = province_cap(uncapped_task, orgs["부산"])
    assert (found.pyeong, found.basis) == (None, "계획이 면적 상한을 정하지 않음")


def test_every_province_of_the_registry_is_classed_by_its_full_name():
    """광역시 by name, 도 and 특별자치도 as 도; 특별시 and 특별자치시 left out (silent)."""
    for short, full, _capital in registry.PROVINCES:
        if full.endswith("광역시"):
            assert PROVINCE_CLASSES[short] == METROPOLITAN, short
        elif full.endswith("특별시") or full.endswith("특별자치시"):
            assert short not in PROVINCE_CLASSES, short
        else:
            assert full.endswith("도") and PROVINCE_CLASSES[short] == "도", short
    assert len(PROVINCE_CLASSES) == len(registry.PROVINCES) - 2


def test_the_quoted_basis_is_what_the_bundled_plan_prints_on_those_lines():
    lines = {line.number: line.text for line in read_lines(PLAN)}

    for basis in (CAP_BASIS, PROCEDURE_BASIS, APPLIED_FACT):
        printed = " ".join(
            lines[n].strip(" -*") for n in range(basis.first_line, basis.last_line + 1)
        )
        assert " ".join(printed.split()).endswith(basis.text), basis.lines_label
