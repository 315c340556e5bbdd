"""Korean-aware search text: what is stored for each searchable thing and what a query becomes.

Most Korean words are two syllables long, so no tokenizer both databases share can find
them inside longer words. Instead each Hangul run is written as overlapping two-syllable
chunks (블록체인 → 블록 록체 체인) and a query word becomes the phrase of its chunks:
a phrase match is then a substring match on Hangul, identical on SQLite FTS5 and
PostgreSQL full text (see /work/shared/NOTES-ecosystem.md, "Korean search — pitfalls").
Other letters and digits (AI, 5G, 2030) stay whole words.

Government text spaces compound nouns inconsistently (탄소중립 / 탄소 중립), so the chunks
are taken after the spaces between Hangul runs are dropped: 탄소 중립 is indexed like
탄소중립, and either spelling of a query word finds both.
"""

import re
import unicodedata

# Hangul syllables form runs; letters and digits of other scripts form words. Jamo such as
# "ㆍ" (used as a middle dot) separate, like punctuation.
_JAMO = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"
# A character of a non-Hangul word (letters and digits of other scripts).
WORD_CHAR = rf"[^\W_가-힣{_JAMO}]"
_TOKEN = re.compile(rf"(?P<hangul>[가-힣]+)|(?P<word>{WORD_CHAR}+)")
_SPACES = re.compile(r"\s+")
_SPACE_BETWEEN_HANGUL = re.compile(r"(?<=[가-힣]) (?=[가-힣])")


def normalise(text: str) -> str:
    """NFKC, lower case and single spaces: the form both titles and queries are compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def join_hangul(text: str) -> str:
    """Normalised text without the spaces between Hangul runs: the form a Hangul word is
    looked for in, so that spacing never decides a match."""
    return _SPACE_BETWEEN_HANGUL.sub("", text)


def chunks(text: str) -> list[str]:
    """The tokens of normalised text: Hangul runs as overlapping syllable pairs, other words
    whole. A one-syllable run stays one token."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        run = match.group("hangul")
        if run is None:
            tokens.append(match.group("word"))
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def search_terms(text: str) -> str:
    """The `terms` column of an entry: the chunks of its spacing-free form, separated by
    spaces."""
    return " ".join(chunks(join_hangul(normalise(text))))


def has_single_syllable(word: str) -> bool:
    """A word with a one-syllable Hangul run ("섬", "5G망") cannot be a phrase of pairs;
    such words are matched as substrings of the title instead."""
    return any(
        match.group("hangul") and len(match.group("hangul")) == 1 for match in _TOKEN.finditer(word)
    )


def syllables(text: str) -> list[str]:
    """Every Hangul syllable of the text, once each, in order of first appearance: the
    index's answer to a one-syllable word ("섬"), which no pair can find."""
    return list(dict.fromkeys(re.findall("[가-힣]", text)))


def scope(year: int | None) -> str:
    """The prefix that keeps a token inside one plan year; entries of no plan (the digital
    plan, districts, ministries' pages) belong to every year under `y0000`. The prefix is
    always five characters, so a prefixed token reads back unambiguously."""
    return f"y{year or 0:04d}"


def organization_token(prefix: str, pk: int) -> str:
    """The token that finds what body `pk` carries. Digits followed by Hangul never come
    out of `chunks` (it splits the two), so no title can produce it."""
    return f"{prefix}{pk}기관"


def index_terms(title: str, year: int | None, organizations=()) -> str:
    """The `index_terms` column: the title's chunks, then its syllables, then the bodies
    that carry it, each prefixed by the year's scope, so that a search of one year reads
    only that year's part of the full-text index however many years are stored."""
    prefix = scope(year)
    text = join_hangul(normalise(title))
    tokens = [*chunks(text), *syllables(text)]
    return " ".join(
        [
            *(prefix + token for token in tokens),
            *(organization_token(prefix, pk) for pk in organizations),
        ]
    )
