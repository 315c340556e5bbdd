"""Findings read as Korean sentences: each name inserted into a message takes the particle
its last sound asks for (dream/core/korean.py), never a hedged "을(를)"."""

import re

import pytest

from dream.ingest.models import Finding
from dream.ingest.numbers import parse_number

pytestmark = pytest.mark.usefixtures("plan_2024")

HEDGED = re.compile(r"을\(를\)|이\(가\)|은\(는\)|과\(와\)|\(으\)로|\(이\)라")


def messages(code: str) -> list[str]:
    return list(Finding.objects.filter(code=code).values_list("message", flat=True))


def test_no_finding_of_the_2024_plan_hedges_a_particle(db):
    hedged = [m for m in Finding.objects.values_list("message", flat=True) if HEDGED.search(m)]

    assert hedged == []


def test_a_share_computed_from_national_budgets_reads_국비로(db):
    assert any("’24 국비로 계산하면" in m for m in messages("appendix.share_differs"))
    assert not any("국비으로" in m for m in messages("appendix.share_differs"))


def test_a_rounded_total_in_조원_takes_은(db):
    [message] = messages("sectoral.total.budget_rounded")

    assert message.startswith("총계 국비 '24.6조원'(246,000억원)은 전략별 합계의 합")


def test_names_after_quotes_take_their_own_particle(db):
    assert any(
        "'지역혁신중심 대학지원(RISE) 구축'이 표의 이름 '지역혁신중심 대학지원체계 구축'과" in m
        for m in messages("sectoral.section.practical_name_mismatch")
    )
    assert any(
        "'지역중소기업 위기대응 역량 강화'가 표의 이름 '지역중소기업의 위기대응 역량 강화'와" in m
        for m in messages("sectoral.section.practical_name_mismatch")
    )


def test_a_number_read_with_a_comma_says_what_it_was_read_as():
    assert parse_number("31,6").problem == (
        "'31,6'은 쉼표가 소수점 자리에 찍힌 것으로 보여 31.6으로 읽었습니다"
    )
    assert parse_number("약 2").problem == "'약 2'를 숫자로 읽을 수 없습니다"
