"""Words the PDF broke at a line end, rejoined by the document's own vocabulary.

The bundled texts are PDF extractions: a table cell or a paragraph wraps wherever the
column ends, often inside a word ("산업 / 화 플랫폼", "탄소복합소 / 재"). The readers
join wrapped lines with one space, so such a word would be stored broken. Whether a
wrap fell inside a word or between two words cannot be told from the two lines alone,
but the document can tell: government text uses the same words again and again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .document import Line

_W = r"[가-힣A-Za-z0-9]+"  # a word: Hangul, Latin letters, digits; not hanja or "Ÿ" bullets
WORD = re.compile(_W)
# Over the whole text at once ("[^\S\n]": a blank that is not a line break): two words
# side by side on one line, the word a line starts with, the word it ends with.
PAIR = re.compile(rf"({_W})[^\S\n]+(?=({_W}))")
LINE_START = re.compile(rf"^[^\S\n]*({_W})", re.MULTILINE)
LINE_END = re.compile(rf"({_W})[^\S\n]*$", re.MULTILINE)
# Particles and endings a word is printed with ("산업화를", "가속화됨에"): a word followed
# by one of them still attests the word itself.
ENDINGS = (
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "에",
    "로",
    "으로",
    "와",
    "과",
    "도",
    "에서",
    "까지",
    "부터",
    "하여",
    "하고",
    "하는",
    "된",
    "되는",
    "됨에",
    "형",
)
# The longest word end a wrap leaves that DREAM joins without the whole word attested: a
# longer line start is as likely a word of its own ("융합형 / 인재양성의", printed once).
MAX_TAIL = 2


class Vocabulary:
    """The words of one document, where on a line they stand, and the word pairs it
    prints side by side on one line; built once per document, in one pass over its lines."""

    def __init__(self, lines: Iterable[Line]):
        text = "\n".join(line.text for line in lines)
        self.seen = Counter(WORD.findall(text))  # every word, wherever it stands
        self.pairs = set(PAIR.findall(text))  # ("지역", "균형") printed "지역 균형"
        self.starts = Counter(LINE_START.findall(text))  # words a line starts with
        self.ends = Counter(LINE_END.findall(text))  # words a line ends with

    def attests(self, word: str) -> bool:
        """The document prints the word unbroken somewhere, bare or with a particle."""
        return (
            word in self.seen
            or any(word + ending in self.seen for ending in ENDINGS)
            or any(word.endswith(e) and word[: -len(e)] in self.seen for e in ENDINGS)
        )

    def fragments(self, piece: str, rest: str) -> bool:
        """`piece` is only ever seen ending a line, and `rest`, a syllable or two, only
        ever starting one: neither stands anywhere as a word of its own. A short start that
        ends in a particle ("줄이", "법을") is a short word, not a fragment."""
        return (
            len(rest) <= MAX_TAIL
            and not any(rest.endswith(e) and len(rest) > len(e) for e in ENDINGS)
            and self.seen[piece] == self.ends[piece]
            and self.seen[rest] == self.starts[rest]
        )


def wrap_joined(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Two wrapped lines as one text: without a space where the wrap cut a word.

    The rule, as the document itself attests it:
    - the two pieces are printed apart on one line somewhere ("지역 균형") → keep the space;
    - the document prints the joined word unbroken somewhere, bare or with a particle
      ("산업화", "자치분권도시", "공정관리를") → join;
    - neither piece occurs anywhere but at this wrap ("실증프로" / "세스": the document has
      no "프로세스" to attest the whole) → join: both are fragments;
    - otherwise keep the space: two words, or a word the document cannot vouch for. Narrow
      table cells print one word a line ("조화를 / 이루는 / 자치분권도"), so a word seen
      only at line ends is not thereby a fragment.
    Only letters and digits meeting at the wrap are candidates; punctuation keeps the space.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    tail = WORD.search(left[-1]) and WORD.findall(left.split()[-1])
    head = WORD.match(right) and WORD.findall(right.split()[0])
    if not tail or not head:
        return f"{left} {right}"
    piece, rest = tail[-1], head[0]
    if (piece, rest) in vocabulary.pairs:
        return f"{left} {right}"
    if vocabulary.attests(piece + rest) or vocabulary.fragments(piece, rest):
        return left + right
    return f"{left} {right}"


def wraps_rejoined(
    text: str, vocabulary: Vocabulary, joins: list[tuple[str, str]] | None = None
) -> str:
    """`text` joined from wrapped lines by single spaces, with every cut word rejoined.

    A space between two words the document never prints side by side on one line can
    only come from a wrap, so each such space is decided by wrap_joined; a text read from
    one printed line keeps all its spaces (its pairs are in the vocabulary). Each word
    made whole is added to `joins` as (printed, joined), so that it can be reported:
    DREAM does not change a printed text without saying so.
    """
    first, *rest = text.split(" ")
    result = word = printed = first  # word: since the last space kept, cut words made whole
    for token in rest:
        if word and token and wrap_joined(word, token, vocabulary) == word + token:
            result, word, printed = result + token, word + token, f"{printed} {token}"
            continue
        _joined(joins, printed, word)
        result, word, printed = f"{result} {token}", token, token
    _joined(joins, printed, word)
    return result


def _joined(joins: list[tuple[str, str]] | None, printed: str, word: str) -> None:
    if joins is not None and printed != word:
        joins.append((printed, word))
