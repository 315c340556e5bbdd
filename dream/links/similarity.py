"""How alike two task names are, in Korean, without a morphological analyser.

A name becomes a set of features: every two-syllable chunk of each Hangul run (the
chunking search already uses, `dream.search.terms.chunks`: 블록체인 → 블록 록체 체인) and
every whole word (블록체인, ai, sw). Chunks let compounds meet their parts (디지털트윈시티 ↔
디지털 트윈); whole words make an exact word count more than scattered chunks. Generic
words of plan titles (지역, 추진, 조성, 강화, 지원, 구축 …) and the generic heads of
project names (클러스터, 허브, 플랫폼, 아카데미, 센터: "수소 클러스터" is no more about
blockchains than "블록체인 허브" is) are cut out of the runs before chunking, so they
neither match nor leave chunks behind. 디지털 is *not* cut: in the
implementation plan few tasks carry it, so sharing it is evidence; it just weighs less than
a rare word such as 블록체인, because every feature is weighted by its inverse document
frequency over the implementation-plan tasks.

Score = 0.75 × containment + 0.25 × Jaccard, both weighted: containment (how much of the
digital task the plan task covers) ranks a plan task that says everything the digital task
says first; the Jaccard part prefers, among those, the shorter, more focused plan task.

A morphological analyser (kiwipiepy) would split words better but costs ~520 MB and seconds
per process (/work/shared/NOTES-ecosystem.md); for ~50 short titles against a few thousand
the chunks are enough, and a person decides on every proposal anyway.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dream.search.terms import WORD_CHAR, chunks, normalise

CONTAINMENT_SHARE = 0.75

# Words that occur in a large part of all plan titles and say nothing about the subject.
STOP_WORDS = frozenset(
    """
    지역 지방 지역별 권역별 추진 조성 강화 지원 구축 육성 확산 기반 사업 운영 마련 확대
    고도화 활성화 위한 통한 활용 개발 제고 도입 신설 발굴 실현 프로젝트 및 등
    클러스터 허브 플랫폼 아카데미 센터
    """.split()
)
# Words that name a kind of programme or body, not its subject: a digital task and a plan
# task sharing only these are about different things (디지털 혁신지구 ↔ 도시재생 혁신지구,
# 직업교육 혁신지구; XaaS 선도프로젝트 ↔ 모빌리티 선도; K-헬스 보급 ↔ 전기버스 보급). They
# still count towards the score when a telling word is shared too.
GENERIC_SUBJECTS = frozenset(
    """
    혁신지구 지구 선도 보급 중장기 신규 지정 구성 협의체 위원회 시대위원회
    """.split()
)
_STOP_PATTERN = re.compile("|".join(sorted(STOP_WORDS, key=len, reverse=True)))
_TOKEN = re.compile(rf"(?P<hangul>[가-힣]+)|(?P<word>{WORD_CHAR}+)")
WORD = "="  # prefix of a whole-word feature, so 혁신 the word and 혁신 the chunk stay apart


def features(text: str) -> frozenset[str]:
    """The chunks and whole words of a title, generic words and bare numbers left out."""
    found: set[str] = set()
    for match in _TOKEN.finditer(normalise(text)):
        word = match.group("word")
        if word is not None:
            if not word.isdigit():
                found.add(WORD + word)
            continue
        for piece in _STOP_PATTERN.split(match.group("hangul")):
            if len(piece) >= 2:
                found.add(WORD + piece)
                found.update(chunks(piece))
    return frozenset(found)


def common_features(queries: Iterable[frozenset[str]], share: float = 0.25) -> frozenset[str]:
    """Features in at least `share` of the queries (and in three or more): words the digital
    plan says almost everywhere (디지털), which show a plan task is digital but not which
    digital task it carries out. A match resting on them alone is not proposed."""
    documents = list(queries)
    counts = Counter(feature for document in documents for feature in document)
    floor = max(3, share * len(documents))
    return frozenset(feature for feature, count in counts.items() if count >= floor)


class Weights:
    """Inverse document frequency of each feature over a corpus of titles:
    ln((N + 1) / (df + 1)) + 1, so an unseen feature weighs most and none weighs zero."""

    def __init__(self, corpus: Iterable[frozenset[str]]):
        documents = list(corpus)
        self.size = len(documents)
        self.frequency = Counter(feature for document in documents for feature in document)

    def __call__(self, feature: str) -> float:
        return math.log((self.size + 1) / (self.frequency.get(feature, 0) + 1)) + 1

    def total(self, found: Iterable[str]) -> float:
        return sum(self(feature) for feature in found)


@dataclass(frozen=True)
class Match:
    score: float
    shared: frozenset[str]


def similarity(query: frozenset[str], candidate: frozenset[str], weights: Weights) -> Match:
    """How well `candidate` (a plan task) covers `query` (a digital task), from 0 to 1."""
    shared = query & candidate
    if not shared:
        return Match(0.0, shared)
    common = weights.total(shared)
    containment = common / weights.total(query)
    jaccard = common / weights.total(query | candidate)
    return Match(CONTAINMENT_SHARE * containment + (1 - CONTAINMENT_SHARE) * jaccard, shared)


def shared_words(text: str, shared: frozenset[str]) -> list[str]:
    """The stretches of `text` that the shared features cover, as a reader would name them:
    runs of shared chunks joined (디지 + 지털 + 털트 + 트윈 → 디지털트윈) and shared whole
    words, in the order they appear, each once."""
    words: list[str] = []
    for match in _TOKEN.finditer(normalise(text)):
        word = match.group("word")
        if word is not None:
            if WORD + word in shared:
                words.append(word)
            continue
        for piece in _STOP_PATTERN.split(match.group("hangul")):
            words.extend(_shared_runs(piece, shared))
    return list(dict.fromkeys(words))


def rests_on_generic_word(text: str, shared: frozenset[str]) -> bool:
    """Whether a match of `text` rests on generic words alone: every word it shares (as
    `shared_words` names them) is a generic subject. The shared chunks of one word count as
    that word: 혁신 + 신지 + 지구 of "디지털 혁신지구" matched to "도시재생 혁신지구" are the one
    word 혁신지구. A plan task saying "디지털 혁신지구" shares 디지털 too and stays proposed."""
    return all(word in GENERIC_SUBJECTS for word in shared_words(text, shared))


def _shared_runs(piece: str, shared: frozenset[str]) -> list[str]:
    """Maximal substrings of a Hangul piece whose every chunk is shared."""
    runs: list[str] = []
    start = None
    for i in range(len(piece) - 1):
        if piece[i : i + 2] in shared:
            start = i if start is None else start
            continue
        if start is not None:
            runs.append(piece[start : i + 1])
            start = None
    if start is not None:
        runs.append(piece[start:])
    return runs
