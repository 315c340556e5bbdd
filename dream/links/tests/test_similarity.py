"""The word matcher on its own: features, shared words, and which candidate ranks first."""

from dream.links.similarity import (
    Weights,
    common_features,
    features,
    rests_on_generic_word,
    shared_words,
    similarity,
)


def test_hangul_runs_become_two_syllable_chunks_and_whole_words():
    found = features("블록체인 클러스터 조성")

    assert {"블록", "록체", "체인", "=블록체인"} <= found


def test_generic_words_are_cut_out_before_chunking():
    found = features("지역디지털혁신 추진")

    assert "지역" not in found and "=추진" not in found
    assert "역디" not in found  # no chunk straddles the cut
    assert {"=디지털혁신", "디지", "털혁"} <= found


def test_latin_words_stay_whole_and_bare_numbers_are_dropped():
    found = features("AI 복지사 2단계")

    assert "=ai" in found and "=2" not in found


def test_compounds_meet_their_parts_through_chunks():
    shared = features("디지털트윈 기반 도시침수") & features("디지털트윈시티 조성")

    assert shared_words("디지털트윈 기반 도시침수", shared) == ["디지털트윈"]


def test_the_focused_candidate_ranks_first_and_a_generic_head_word_alone_scores_nothing():
    query = features("블록체인 클러스터 조성")
    names = [
        "블록체인 특화단지",
        "블록체인 등 신기술 교육과정으로 전문인력 양성",
        "수소 클러스터 조성",
    ]
    weights = Weights([features(name) for name in names])

    scores = [similarity(query, features(name), weights).score for name in names]

    assert scores[0] > scores[1] > scores[2] == 0
    assert 0 < scores[1] < scores[0] <= 1


def test_a_rare_shared_word_weighs_more_than_a_common_one():
    corpus = [features(n) for n in ["디지털 격차", "디지털 교육", "디지털 혁신", "메타버스 실증"]]
    weights = Weights(corpus)

    assert weights("=메타버스") > weights("=디지털")


def test_words_common_to_most_queries_are_found():
    queries = [features(n) for n in ["디지털 배움터", "디지털 트윈", "디지털 전환", "블록체인"]]

    assert common_features(queries) == {"=디지털", "디지", "지털"}


def test_a_match_resting_on_one_generic_word_is_weeded_out():
    name = "(2단계) 권역별 디지털 혁신지구 조성"

    def generic(other):
        return rests_on_generic_word(name, features(name) & features(other))

    assert generic("도시재생 혁신지구 활용")  # 혁신 + 신지 + 지구: the one word 혁신지구
    assert generic("직업교육 혁신지구")
    assert not generic("디지털 혁신지구 앵커시설 조성")  # 디지털 혁신지구 is the subject itself


def test_a_generic_word_beside_a_telling_one_does_not_weed_a_match_out():
    name = "XaaS 선도프로젝트 추진"

    assert rests_on_generic_word(name, features(name) & features("모빌리티 선도"))
    assert not rests_on_generic_word(name, features(name) & features("XaaS 선도 서비스"))
