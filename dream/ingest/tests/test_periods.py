"""Printed dates of the 2024 plan read into spans (dream/ingest/periods.py).

Every printed form below is copied from data/seeds/2024-implementation-plan.txt; the test id
names its line. A month without a year is in the plan's year, 2024.
"""

from __future__ import annotations

from datetime import date

import pytest

from dream.ingest.periods import periods_read, periods_span
from dream.ingest.records import ParsedPeriod

YEAR = 2024
D = date


@pytest.mark.parametrize(
    ("text", "printed", "start", "end", "precision"),
    [
        pytest.param("시행(‘23.7.10)", "‘23.7.10", D(2023, 7, 10), D(2023, 7, 10), "day", id="227"),
        pytest.param("제정(‘24.3월),", "‘24.3월", D(2024, 3, 1), D(2024, 3, 31), "month", id="252"),
        pytest.param("개정(`24.2월)", "`24.2월", D(2024, 2, 1), D(2024, 2, 29), "month", id="264"),
        pytest.param(
            "지정(’24 연중)", "’24 연중", D(2024, 1, 1), D(2024, 12, 31), "ongoing", id="259"
        ),
        pytest.param("컨설팅(‘24.上)", "‘24.上", D(2024, 1, 1), D(2024, 6, 30), "half", id="288"),
        pytest.param(
            "2차 지정(’24.下)", "’24.下", D(2024, 7, 1), D(2024, 12, 31), "half", id="294"
        ),
        pytest.param(
            "추진(‘24. 상반기 내)",
            "‘24. 상반기 내",
            D(2024, 1, 1),
            D(2024, 6, 30),
            "half",
            id="377",
        ),
        pytest.param(
            "사업 추진(‘24.1~12월)", "‘24.1~12월", D(2024, 1, 1), D(2024, 12, 31), "month", id="391"
        ),
        pytest.param(
            "(’24.1.11~2.20 국토부 입법예고",
            "’24.1.11~2.20",
            D(2024, 1, 11),
            D(2024, 2, 20),
            "day",
            id="359-range",
        ),
        pytest.param(
            "’24.2월~ 법제처 심사 중)", "’24.2월~", D(2024, 2, 1), None, "month", id="359-open"
        ),
        pytest.param(
            "(‘23～’26년, 국비 280억원)",
            "‘23～’26년",
            D(2023, 1, 1),
            D(2026, 12, 31),
            "year",
            id="349",
        ),
        pytest.param("개정 추진(5월~)", "5월~", D(2024, 5, 1), None, "month", id="478"),
        pytest.param(
            "(하반기 적용)", "하반기", D(2024, 7, 1), D(2024, 12, 31), "half", id="480-half"
        ),
        pytest.param("결성(연내)", "연내", D(2024, 1, 1), D(2024, 12, 31), "year", id="480-year"),
        pytest.param("정착 지원(1월～)", "1월～", D(2024, 1, 1), None, "month", id="490"),
        pytest.param("심사(3월 말~)", "3월 말~", D(2024, 3, 1), None, "month", id="519"),
        pytest.param("입법화(3월 중순~)", "3월 중순~", D(2024, 3, 1), None, "month", id="521"),
        pytest.param("협의(1분기)", "1분기", D(2024, 1, 1), D(2024, 3, 31), "quarter", id="527"),
        pytest.param("시범 운영(24년)", "24년", D(2024, 1, 1), D(2024, 12, 31), "year", id="537"),
        pytest.param(
            "정식 운영(24년 상반기~)", "24년 상반기~", D(2024, 1, 1), None, "half", id="537-open"
        ),
        pytest.param(
            "｢강원특별법｣(’24.6.8.)", "’24.6.8.", D(2024, 6, 8), D(2024, 6, 8), "day", id="547"
        ),
        pytest.param("마련(～‘24.6월)", "～‘24.6월", None, D(2024, 6, 30), "month", id="562"),
        pytest.param(
            "점검 추진(’24.4월～11월)",
            "’24.4월～11월",
            D(2024, 4, 1),
            D(2024, 11, 30),
            "month",
            id="564",
        ),
        pytest.param("의견수렴(수시)", "수시", None, None, "undated", id="568"),
        pytest.param("확산(‘24.7월～)", "‘24.7월～", D(2024, 7, 1), None, "month", id="572"),
        pytest.param("발표한(22.4)", "22.4", D(2022, 4, 1), D(2022, 4, 30), "month", id="610"),
        pytest.param(
            "선정·발표(‘23.11)후", "‘23.11", D(2023, 11, 1), D(2023, 11, 30), "month", id="614"
        ),
        pytest.param("(’24.下, 3곳)", "’24.下", D(2024, 7, 1), D(2024, 12, 31), "half", id="667"),
        pytest.param("본격 추진(’24~)", "’24~", D(2024, 1, 1), None, "year", id="739"),
        pytest.param("지원(~’24.4월)하고", "~’24.4월", None, D(2024, 4, 30), "month", id="747"),
        pytest.param("예산 연계 추진(매년)", "매년", None, None, "undated", id="748"),
        pytest.param(
            "(’24.3~4분기)",
            "’24.3~4분기",
            D(2024, 7, 1),
            D(2024, 12, 31),
            "quarter",
            id="945-range",
        ),
        pytest.param("구축(~’25)", "~’25", None, D(2025, 12, 31), "year", id="945-open"),
        pytest.param("확대(‘24년～ )", "‘24년～", D(2024, 1, 1), None, "year", id="949"),
        pytest.param(
            "마련하였으며(2024.3)", "2024.3", D(2024, 3, 1), D(2024, 3, 31), "month", id="12387"
        ),
        pytest.param(
            "최종 지정(24.12월)하", "24.12월", D(2024, 12, 1), D(2024, 12, 31), "month", id="12333"
        ),
        pytest.param(
            "본회의 의결(23.10.23)", "23.10.23", D(2023, 10, 23), D(2023, 10, 23), "day", id="851"
        ),
    ],
)
def test_a_printed_date_is_read_into_its_span(text, printed, start, end, precision):
    assert periods_read(text, 1, YEAR) == [ParsedPeriod(printed, start, end, precision, 1)]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        pytest.param(
            "｢지방세법 시행령｣(상반기), ｢조세특례제한법｣(하반기)", ["상반기", "하반기"], id="469"
        ),
        pytest.param("초광역 간담회 실시(6월, 11월)", ["6월", "11월"], id="568"),
        pytest.param(
            "계획 수립 및 과제 발굴(1～2분기), 부처 협의 및 법령 정비과제 확정(3～4분기)",
            ["1～2분기", "3～4분기"],
            id="927",
        ),
        pytest.param(
            "「지방자치법」 개정 추진(1분기～ ), 「지방자치법 시행령」 개정 추진(3분기～ )",
            ["1분기～", "3분기～"],
            id="935",
        ),
        pytest.param(
            "신청(~‘24.2월) → 국가첨단전략산업위원회 심의·의결(’24.上) → 지정(’24.上)",
            ["~‘24.2월", "’24.上", "’24.上"],
            id="718",
        ),
    ],
)
def test_a_line_with_several_dates_gives_each_in_order(text, printed):
    assert [p.printed for p in periods_read(text, 1, YEAR)] == printed


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("글로컬대학 10개 내외 추가 지정", id="323-count"),
        pytest.param("(’23년 958 → ’24년 1,868억원)", id="679-figure-years"),
        pytest.param("협력을 통한 핵심기술개발 등 지원(‘24년 1,257억원)", id="721-figure-year"),
        pytest.param("10년 이상 투자시 이자∙배당소득 세제혜택(분리과세 9%)", id="271-duration"),
        pytest.param("46.8%인 중소기업 매출", id="737-percent"),
        pytest.param("(국가전략기술육성특별법 제21조)", id="753-article"),
        pytest.param("특구 당 30 ⁓ 100억원 내외 사업비 지원", id="292-amount-range"),
        pytest.param("최대 △1.25%p 우대금리, 300억원까지 융자", id="476-amount"),
    ],
)
def test_amounts_counts_and_figure_years_are_not_dates(text):
    assert periods_read(text, 1, YEAR) == []


def test_a_month_without_a_year_is_in_the_plans_year():
    (period,) = periods_read("개정 추진(5월~)", 1, 2025)

    assert (period.start, period.end) == (D(2025, 5, 1), None)


def test_a_range_end_without_a_year_takes_the_year_of_its_start():
    (period,) = periods_read("현장 점검 추진(’23.4월～11월)", 1, YEAR)

    assert (period.start, period.end) == (D(2023, 4, 1), D(2023, 11, 30))


def test_the_span_of_several_dates_runs_from_the_earliest_start_to_the_latest_end():
    periods = periods_read("2차 지정(’24.下) 및 법안 마련(’24.上)", 1, YEAR)

    assert periods_span(periods) == (D(2024, 1, 1), D(2024, 12, 31), "half", "’24.下 · ’24.上")


def test_an_open_date_leaves_its_side_of_the_span_open():
    periods = periods_read("입법예고(’24.1.11~2.20), 심사(’24.2월~)", 1, YEAR)

    assert periods_span(periods) == (D(2024, 1, 11), None, "month", "’24.1.11~2.20 · ’24.2월~")


def test_undated_words_add_their_text_but_no_span():
    assert periods_span(periods_read("의견수렴(수시)", 1, YEAR)) == (None, None, "undated", "수시")
    assert periods_span(periods_read("의견수렴(수시), 간담회(6월)", 1, YEAR)) == (
        D(2024, 6, 1),
        D(2024, 6, 30),
        "month",
        "수시 · 6월",
    )


def test_no_dates_give_an_empty_undated_span():
    assert periods_span([]) == (None, None, "undated", "")
