"""Words the PDF cut at a line end are joined again, as the document itself spells them.

The six broken words below were shown on DREAM's pages (issue 8, item 8); the
counter-examples are wraps of the same document between two words, where the space stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dream.ingest.document import Line, read_lines
from dream.ingest.reader import plan_document_read
from dream.ingest.records import ParsedDocument
from dream.ingest.words import Vocabulary, wrap_joined, wraps_rejoined

SOURCE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


def vocabulary(*texts: str) -> Vocabulary:
    return Vocabulary(Line(number, text) for number, text in enumerate(texts, start=1))


@pytest.fixture(scope="module")
def document() -> ParsedDocument:
    return plan_document_read(SOURCE)


@pytest.fixture(scope="module")
def words() -> Vocabulary:
    return Vocabulary(read_lines(SOURCE))


def _texts(document: ParsedDocument) -> list[str]:
    texts = []

    def tasks(nodes):
        for task in nodes:
            texts.extend([task.name, task.description])
            tasks(task.children)

    for plan in document.plans:
        texts.append(plan.goal)
        texts.extend(strategy.name for strategy in plan.strategies)
        texts.extend(text for i in plan.indicators for text in (i.name, i.scope))
        tasks(plan.tasks)
    return texts


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("산업 화 플랫폼", "산업화 플랫폼"),  # lines 11467/11469, 전북권 세부과제
        ("가속 화 지원", "가속화 지원"),  # lines 10228/10230, 충청권 세부과제
        ("실증프로 세스", "실증프로세스"),  # line 10258: no "프로세스" to vouch, two fragments
        ("자치분권도 시", "자치분권도시"),  # line 2837, 대전 전략
        ("강원특별 자치도", "강원특별자치도"),  # lines 4037/4039, 강원 전략
        ("탄소복합소 재", "탄소복합소재"),  # line 11556, 초광역 ◈ 전략
    ],
)
def test_a_word_cut_by_the_wrap_is_stored_whole(document, broken, whole):
    texts = _texts(document)
    assert not [text for text in texts if broken in text]
    assert [text for text in texts if whole in text]


def _joins_reported(document: ParsedDocument) -> list:
    return [
        (plan.owner, finding)
        for plan in document.plans
        for finding in plan.findings
        if finding.code == "text.wrap_joined"
    ]


def test_each_word_made_whole_is_reported_with_what_was_printed_and_its_line(document):
    reported = _joins_reported(document)
    (owner, finding), *_ = [
        (owner, f) for owner, f in reported if "원문 '산업 화' → '산업화'" in f.message
    ]
    assert owner == "전북권"
    assert finding.severity == "info"
    assert finding.source_line == 11467


def test_every_join_in_the_stored_texts_has_its_finding(document):
    """A changed printed text never goes unreported: one finding per word made whole."""
    reported = _joins_reported(document)
    assert len(reported) >= 56
    assert all(
        f.message.startswith("줄바꿈으로 갈라진 낱말을 붙여 읽었습니다: 원문 '")
        for _, f in reported
    )


def test_joins_are_listed_as_printed_and_joined():
    joins: list = []
    words = vocabulary("산업화 와", "와 가속화", "가속화 그리고", "그리고 지역 의료")
    assert wraps_rejoined("산업 화 와 가속 화 그리고 지역 의료", words, joins) == (
        "산업화 와 가속화 그리고 지역 의료"
    )
    assert joins == [("산업 화", "산업화"), ("가속 화", "가속화")]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("지역", "의료"),  # printed "지역 의료" on one line, and "지역의료" too: keep as printed
        ("수준", "높은"),
        ("과감한", "지방분권"),  # two words; "과감한지방분권" never printed
        ("교육희망", "도시"),  # one word a line in a narrow cell
        ("융합형", "인재양성의"),  # each printed once, at this wrap: too long to be a word's end
    ],
)
def test_a_wrap_between_two_words_keeps_its_space(words, left, right):
    assert wrap_joined(left, right, words) == f"{left} {right}"


def test_the_document_vouches_for_the_joined_word():
    words = vocabulary("산업화 촉진", "기반 산업", "화 플랫폼")
    assert wrap_joined("기반 산업", "화 플랫폼", words) == "기반 산업화 플랫폼"


def test_a_word_printed_with_a_particle_vouches_for_itself():
    words = vocabulary("산업화를 위한", "기반 산업", "화 플랫폼")
    assert wrap_joined("기반 산업", "화 플랫폼", words) == "기반 산업화 플랫폼"


def test_a_pair_printed_apart_on_one_line_keeps_the_space_even_if_also_printed_joined():
    words = vocabulary("지역 균형 발전", "지역균형 정책", "지역", "균형")
    assert wrap_joined("지역", "균형", words) == "지역 균형"


def test_pieces_seen_nowhere_else_are_fragments_of_one_word():
    words = vocabulary("실증 지원 및 실증프로", "세스 운영")
    assert (
        wrap_joined("실증 지원 및 실증프로", "세스 운영", words) == "실증 지원 및 실증프로세스 운영"
    )


def test_a_piece_seen_as_a_word_elsewhere_is_not_a_fragment():
    words = vocabulary("장비 구축 및", "세스 운영", "세스 지원과 세스 관리")
    assert wrap_joined("장비 구축 및", "세스 운영", words) == "장비 구축 및 세스 운영"


def test_punctuation_at_the_wrap_keeps_the_space():
    words = vocabulary("지원,", "확대", "지원,확대")
    assert wrap_joined("지원,", "확대", words) == "지원, 확대"
    assert wrap_joined("(대전)", "지원", words) == "(대전) 지원"


def test_a_text_read_from_one_line_keeps_every_space():
    line = "해양바이오매스 기반 산업 화 플랫폼 구축"
    words = vocabulary(line, "산업화")
    assert wraps_rejoined(line, words) == line


def test_every_space_of_a_joined_text_is_decided_once():
    words = vocabulary("해양바이오매스 기반 산업", "화 플랫폼 구축", "산업화")
    joined = "해양바이오매스 기반 산업 화 플랫폼 구축"
    assert wraps_rejoined(joined, words) == "해양바이오매스 기반 산업화 플랫폼 구축"


def test_a_short_line_start_with_a_particle_is_a_word_not_a_fragment():
    words = vocabulary("1-1-1. 길어서", "줄이 바뀐 세부분야")
    assert wrap_joined("길어서", "줄이 바뀐 세부분야", words) == "길어서 줄이 바뀐 세부분야"


def test_a_word_cut_twice_is_judged_by_its_pieces_joined_so_far():
    # 광주전남권: "글로벌 의료헬스케 / 어뷰티 / 산업육성 클러스터 조성"
    words = vocabulary("의료헬스케어뷰티 클러스터 조성", "의료헬스케어뷰티산업육성 지원")
    joined = "글로벌 의료헬스케 어뷰티 산업육성 클러스터 조성"
    assert wraps_rejoined(joined, words) == "글로벌 의료헬스케어뷰티산업육성 클러스터 조성"


def test_a_line_start_longer_than_a_word_end_is_not_a_fragment():
    words = vocabulary("실증 지원 및 실증프로", "세스운 영")
    assert (
        wrap_joined("실증 지원 및 실증프로", "세스운 영", words)
        == "실증 지원 및 실증프로 세스운 영"
    )


def test_a_line_end_also_printed_inside_a_line_is_not_a_fragment():
    words = vocabulary("실증 지원 및 실증프로", "세스 운영", "실증프로 과제 지원")
    assert (
        wrap_joined("실증 지원 및 실증프로", "세스 운영", words)
        == "실증 지원 및 실증프로 세스 운영"
    )


def test_the_document_joins_as_fragments_only_the_reviewed_pairs(monkeypatch):
    """The fragment branch joins without any whole word to vouch for it, so each pair it
    joins in the 2024 plan was read by a person; a change of the rule that joins another
    pair shows up here before it reaches a page."""
    joined_as_fragments = set()
    fragments = Vocabulary.fragments

    def recording(self, piece, rest):
        if fragments(self, piece, rest) and not self.attests(piece + rest):
            joined_as_fragments.add((piece, rest))
            return True
        return False

    monkeypatch.setattr(Vocabulary, "fragments", recording)
    plan_document_read(SOURCE)
    assert joined_as_fragments == {
        ("실증프로", "세스"),  # 실증프로세스, line 10258
        ("실증테", "스트"),  # 실증테스트
        ("연구기", "반"),  # 연구기반
        ("세계지질", "공원"),  # 세계지질공원
        ("판로", "개척"),  # 판로개척: two words, commonly written as one compound
    }
