"""Korean particles (조사) after a name inserted into a sentence: 국비로, 혁신지구를, 서울은.

A particle's form depends on how the word before it ends when read aloud: with a final
consonant (받침) 을/이/은/과/으로, without one 를/가/는/와/로; 로 also follows ㄹ (서울로).
Names end in Hangul, digits ("3으로", "10으로", "1,200을": read 삼, 십, 천이백) or Latin
letters (DX로: 디엑스). A parenthesis at the end is not read: 부울경(부산·울산·경남)을.

Written here rather than taken from a library: tossi (PyPI, last released 2017) writes
"DX(으)로" for Latin names and pulls in six and bidict.
"""

import re

# Each particle as (form after a final consonant, form after a vowel), found by either form.
_PAIRS = [
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
    ("이나", "나"),
    ("이라", "라"),
    ("이랑", "랑"),
    ("이며", "며"),
    ("이다", "다"),
    ("이에요", "예요"),
    ("아", "야"),
]
PARTICLES: dict[str, tuple[str, str]] = {form: pair for pair in _PAIRS for form in pair}

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
# The 27 final consonants of a Hangul syllable, in Unicode order.
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

# Sino-Korean digits 영 일 이 삼 사 오 육 칠 팔 구; places 십 백 천; groups 만 억 조 경.
_DIGIT_FINALS = ["ㅇ", "ㄹ", "", "ㅁ", "", "", "ㄱ", "ㄹ", "ㄹ", ""]
_PLACE_FINALS = ["", "ㅂ", "ㄱ", "ㄴ"]
_GROUP_FINALS = ["", "ㅁ", "ㄱ", "", "ㅇ"]
# Latin letters whose Korean names end in a consonant: 엘, 엠, 엔, 알.
_LETTER_FINALS = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}

_TRAILING_PARENTHESIS = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）)$")
_SILENT_AT_END = re.compile(r"[\s'\"‘’“”」』》〉.,:;!?…·~\-]+$")
_NUMBER_AT_END = re.compile(r"([0-9][0-9,]*)(\.[0-9]+)?$")
_LATIN_AT_END = re.compile(r"[A-Za-z]+$")
# Only the end of a word is read: bounded work for any length of input.
_TAIL = 200


def final_consonant(word: str) -> str | None:
    """How `word` ends when read: "" for a vowel, the final consonant ("ㄹ", "ㄴ", …), or
    None when it cannot be told (a Chinese character, an emoji, nothing)."""
    word = _readable_end(str(word)[-_TAIL:])
    if not word:
        return None
    last = word[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        final = (ord(last) - _HANGUL_FIRST) % 28
        return _FINALS[final - 1] if final else ""
    number = _NUMBER_AT_END.search(word)
    if number:
        return _number_final(number[1], number[2])
    if last == "%":
        return ""  # 퍼센트
    latin = _LATIN_AT_END.search(word)
    if latin:
        return _latin_final(latin[0])
    return None


def particle(word: str, josa: str) -> str:
    """The form of the particle `josa` (either form: "을" or "를") that follows `word`:
    particle("국비", "으로") == "로". When the ending cannot be told, both: "을(를)"."""
    try:
        consonant_form, vowel_form = PARTICLES[josa]
    except KeyError:
        raise ValueError(f"알 수 없는 조사 {josa!r}") from None
    final = final_consonant(word)
    if final is None:
        return f"{consonant_form}({vowel_form})"
    if consonant_form == "으로" and final == "ㄹ":
        return vowel_form
    return consonant_form if final else vowel_form


def with_particle(word: str, josa: str) -> str:
    """`word` followed by the right form of `josa`: with_particle("혁신지구", "을") == "혁신지구를"."""
    return f"{word}{particle(word, josa)}"


def _readable_end(word: str) -> str:
    """`word` without what is not read before a particle: closing quotes and punctuation,
    and a parenthesis at the end ("부울경(부산·울산·경남)" is read "부울경")."""
    while True:
        word = _SILENT_AT_END.sub("", word)
        shorter = _TRAILING_PARENTHESIS.sub("", word)
        if not shorter.strip() and word[1:-1]:
            shorter = word[1:-1]  # all in the parenthesis: "(없음)" is read "없음"
        if shorter == word:
            return word
        word = shorter


def _number_final(digits: str, decimals: str | None) -> str:
    """As a number is read in Sino-Korean: the last decimal digit (3.5 → 삼점오), else the
    group word of a round number (30000 → 삼만), the place of the lowest digit that is not
    zero (10 → 십, 1,200 → 천이백) or that digit (21 → 이십일)."""
    if decimals:
        return _DIGIT_FINALS[int(decimals[-1])]
    digits = digits.replace(",", "").lstrip("0")
    if not digits:
        return _DIGIT_FINALS[0]
    zeros = len(digits) - len(digits.rstrip("0"))
    group, place = divmod(zeros, 4)
    if group:
        return _GROUP_FINALS[min(group, len(_GROUP_FINALS) - 1)]
    return _PLACE_FINALS[place] if place else _DIGIT_FINALS[int(digits[-1])]


def _latin_final(letters: str) -> str:
    """An abbreviation (DX, AI, DREAM) is read letter by letter: only 엘, 엠, 엔, 알 end in
    a consonant. Another word by its common reading: -ng 앙, -m 엄, -n 언, -l and -le 얼;
    every other ending (-s 스, -t 트, -k 크, -e …) with a vowel."""
    if letters.isupper() or len(letters) == 1:
        return _LETTER_FINALS.get(letters[-1].lower(), "")
    word = letters.lower()
    if word.endswith("le"):
        return "ㄹ"
    if word.endswith("ng"):
        return "ㅇ"
    return _LETTER_FINALS[word[-1]] if word[-1] in "mnl" else ""
