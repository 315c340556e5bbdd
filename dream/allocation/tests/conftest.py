"""Fixtures for the allocation tests: the cycle's personas and organizations, the API's
client and tokens, and `year_2025`: base amounts of eight provinces in the three printed
programmes with staff-entered measure values (grades for all eight, district firm counts for
four; no Track 1 results)."""

from decimal import Decimal

import pytest

from dream.allocation import services
from dream.allocation.models import Measure, TurnkeyProgramme
from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import orgs, personas, staff  # noqa: F401

YEAR = 2025
# province → (base per programme in 억원, grade rank 0–1, district firms or None)
SAMPLE = {
    "부산": (("40", "30", "20"), "0.9", "1200"),
    "대구": (("35", "25", "15.5"), "0.7", "800"),
    "광주": (("30", "20", "10"), "0.5", "300"),
    "대전": (("25", "20", "10"), "0.3", None),
    "울산": (("20", "15", "10"), "0.6", None),
    "강원": (("30", "10", "10"), "0.2", "50"),
    "전남": (("30", "25", "5"), "0.8", None),
    "경북": (("45", "30", "10.25"), "0.4", None),
}


@pytest.fixture(autouse=True)
def programmes(printed_programmes):
    """Every allocation test has the printed programmes (root conftest)."""


@pytest.fixture
def year_2025(orgs, staff):  # noqa: F811
    programmes = list(TurnkeyProgramme.objects.order_by("position"))
    for name, (amounts, grade, firms) in SAMPLE.items():
        province = orgs[name]
        for programme, amount in zip(programmes, amounts, strict=True):
            services.base_amount_set(
                actor=staff, year=YEAR, province=province, programme=programme, amount_text=amount
            )
        services.score_override_set(
            actor=staff,
            year=YEAR,
            province=province,
            measure=Measure.EVALUATION_GRADE,
            value=grade,
            reason="시험 자료",
        )
        if firms:
            services.score_override_set(
                actor=staff,
                year=YEAR,
                province=province,
                measure=Measure.DISTRICT,
                value=firms,
                reason="시·도 보고",
            )
    return YEAR


def base_total() -> Decimal:
    return sum((Decimal(a) for amounts, _g, _f in SAMPLE.values() for a in amounts), Decimal(0))
