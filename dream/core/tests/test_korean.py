"""Particles after an inserted name, as a Korean reader expects them (dream/core/korean.py)."""

import pytest

from dream.core.korean import final_consonant, particle, with_particle


@pytest.mark.parametrize(
    ("word", "josa", "expected"),
    [
        # The examples: a vowel-final word takes 를 and 로.
        ("국비", "으로", "국비로"),
        ("혁신지구", "을", "혁신지구를"),
        ("성장 가속화", "으로", "성장 가속화로"),
        # A consonant-final word takes 을, 이, 은, 과, 으로.
        ("지방비", "과", "지방비와"),
        ("사업", "로", "사업으로"),
        ("부산", "를", "부산을"),
        ("재정투입", "가", "재정투입이"),
        ("2024년", "는", "2024년은"),
        # ㄹ takes 로, not 으로, but still 을, 이, 은.
        ("서울", "으로", "서울로"),
        ("서울", "를", "서울을"),
        ("과기정통부 실", "이", "과기정통부 실이"),
        # Either form of the particle can be asked for.
        ("전북", "와", "전북과"),
        ("세종", "이나", "세종이나"),
    ],
)
def test_hangul_words(word, josa, expected):
    assert with_particle(word, josa) == expected


@pytest.mark.parametrize(
    ("word", "josa", "expected"),
    [
        ("3", "로", "3으로"),  # 삼
        ("10", "로", "10으로"),  # 십
        ("7", "으로", "7로"),  # 칠: ㄹ
        ("2", "을", "2를"),  # 이
        ("100", "이", "100이"),  # 백
        ("1,200", "을", "1,200을"),  # 천이백
        ("1000", "는", "1000은"),  # 천
        ("30000", "가", "30000이"),  # 삼만
        ("100000000", "로", "100000000으로"),  # 일억
        ("1000000000000", "을", "1000000000000를"),  # 일조: 조 ends in a vowel
        ("0", "이", "0이"),  # 영
        ("21", "은", "21은"),  # 이십일
        ("1.5", "로", "1.5로"),  # 일점오
        ("3.0", "을", "3.0을"),  # 삼점영
        ("80.1%", "로", "80.1%로"),  # 퍼센트
        ("제3", "와", "제3과"),
    ],
)
def test_numbers_are_read_in_sino_korean(word, josa, expected):
    assert with_particle(word, josa) == expected


@pytest.mark.parametrize(
    ("word", "josa", "expected"),
    [
        ("DX", "로", "DX로"),  # 디엑스
        ("AI", "이", "AI가"),  # 에이아이
        ("DREAM", "을", "DREAM을"),  # ...엠
        ("XLSX", "으로", "XLSX로"),
        ("ESG", "은", "ESG는"),
        ("HTML", "로", "HTML로"),  # ...엘: ㄹ
        ("K-ICT", "과", "K-ICT와"),
        ("Excel", "으로", "Excel로"),  # 엑셀
        ("Python", "을", "Python을"),  # 파이썬
        ("SaaS", "가", "SaaS가"),  # 사스
        ("Google", "은", "Google은"),  # 구글
    ],
)
def test_latin_letters_are_read_as_koreans_read_them(word, josa, expected):
    assert with_particle(word, josa) == expected


@pytest.mark.parametrize(
    ("word", "josa", "expected"),
    [
        # A parenthesis at the end is not read: the word before it decides.
        ("부울경(부산·울산·경남)", "을", "부울경(부산·울산·경남)을"),
        ("디지털 혁신지구(1단계)", "으로", "디지털 혁신지구(1단계)로"),
        ("지방비(시·도비)", "가", "지방비(시·도비)가"),
        ("광주전남권(광주·전남)", "는", "광주전남권(광주·전남)은"),
        ("사업 [신규]", "를", "사업 [신규]을"),
        # Closing quotes and punctuation are not read either.
        ("‘탄소중립’", "을", "‘탄소중립’을"),
        ("'강원'", "이", "'강원'이"),
        ("「2024년 지방시대 시행계획」", "을", "「2024년 지방시대 시행계획」을"),
        ("등…", "이", "등…이"),
        # A word that is all parenthesis is read inside it.
        ("(없음)", "과", "(없음)과"),
        ("(2023년)", "이", "(2023년)이"),
    ],
)
def test_what_is_not_read_is_skipped(word, josa, expected):
    assert with_particle(word, josa) == expected


def test_an_ending_that_cannot_be_told_keeps_both_forms():
    assert particle("亞", "을") == "을(를)"
    assert particle("", "으로") == "으로(로)"
    assert final_consonant("🙂") is None


def test_particle_gives_only_the_particle_for_text_between_quotes():
    name = "지역혁신 플랫폼"
    assert f"‘{name}’{particle(name, '이')} 없습니다" == "‘지역혁신 플랫폼’이 없습니다"


def test_any_length_of_input_is_read_in_bounded_time():
    assert particle("1" + "0" * 100_000, "이") == "이"  # longer than int() reads
    assert particle("(" * 50_000 + "서울", "으로") == "로"
    assert particle("." * 100_000 + "가", "을") == "를"


def test_an_unknown_particle_is_refused():
    with pytest.raises(ValueError):
        particle("서울", "에서")
