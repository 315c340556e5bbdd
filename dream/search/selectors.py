"""Reading the search index: matching, ranking, highlighting and facet counts.

Query rule: the query is normalised like the titles (NFKC, lower case, single spaces) and
split at spaces; every word must occur in the title (AND, any order). A word of two or more
Hangul syllables is the phrase of its syllable pairs, which matches exactly where it is a
substring of the title once the spaces between Hangul runs are dropped (terms.join_hangul:
탄소중립 finds 탄소 중립; 탄소 중립, two words, finds 탄소중립); letters and digits of
other scripts match whole words; a word with a one-syllable Hangul run ("섬") is matched
as a plain substring of the title. A word that is one of a ministry's names, whole
(과기부, 과기정통부, 과학기술정보통신부), also matches the ministry's page and every task it
carries in either plan: the documents print one ministry under several names.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from dream.accounts.selectors import ministries_by_name, name_key
from dream.digital.models import DigitalGoal, DigitalTask
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Plan, Strategy, Task

from .choices import DIGITAL_KINDS, DIGITAL_LEVEL, EntryKind
from .models import SearchEntry
from .terms import (
    WORD_CHAR,
    chunks,
    has_single_syllable,
    normalise,
    organization_token,
    scope,
    syllables,
)

# The model of what each kind of entry was read from (districts and ministries' pages
# were read from no document).
SOURCE_MODELS = {
    EntryKind.GOAL: Plan,
    EntryKind.STRATEGY: Strategy,
    EntryKind.TASK: Task,
    EntryKind.INDICATOR: Indicator,
    EntryKind.DIGITAL_GOAL: DigitalGoal,
    EntryKind.DIGITAL_TASK: DigitalTask,
}
# What a ministry's page shows, in place of the document a hit is read from.
ORGANIZATION_SOURCE = "부처 안내 · 두 계획에서 맡은 과제"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Quotes or brackets around a word ("블록체인", (섬)) are not part of what is looked for.
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# A Hangul syllable followed by another: where the title may have a space.
_HANGUL_PAIR = re.compile(r"([가-힣])(?=[가-힣])")


@dataclass(frozen=True)
class Hit:
    """One found thing, ready to show."""

    kind: str
    kind_label: str
    level: str
    level_label: str
    owner: str
    source: str  # the document it is read from, as the page names it
    strategy_code: str
    strategy_name: str
    title: str
    title_html: SafeString
    context: str
    url: str
    # What the hit was read from, for `{% source_link %}`; None when read from no document.
    source_record: Model | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    levels: list[FacetValue] = field(default_factory=list)
    owners: list[FacetValue] = field(default_factory=list)
    strategies: list[FacetValue] = field(default_factory=list)


def search(
    *,
    query: str,
    level: str | None = None,
    owner: str | None = None,
    strategy: str | None = None,
    year: int | None = None,
    limit: int = 100,
    facets: bool = True,
) -> SearchResults:
    """Entries matching every word of `query`, best first, with the true total and (with
    `facets`) the counts per level, owner and strategy, each counted under the other two
    filters. With `year`, plan entries of that year only; entries of no plan (ministries,
    the digital plan) belong to every year.

    The index is read twice whatever the filters: once for the counts of every
    (kind, level, owner, strategy) cell, from which the total and the three facets are
    summed here, and once for the page of hits."""
    words = query_words(query)
    results = SearchResults(query=" ".join(words))
    if not words:
        return results
    matched = _matching(words, _years(year))
    cells = _cells(matched)
    keep = {
        "level": _level_test(level),
        "owner": (lambda cell: cell.owner == owner) if owner else _any,
        "strategy": (lambda cell: cell.strategy_code == strategy) if strategy else _any,
    }
    results.total = sum(cell.count for cell in _kept(cells, keep))
    if results.total:
        found = matched.filter(
            _level_filter(level),
            Q(plan__owner__short_name=owner) if owner else Q(),
            Q(strategy_code=strategy) if strategy else Q(),
        )
        rows = _ranked(found, results.query).select_related("plan__owner")[:limit]
        results.hits = [_hit(row, words) for row in rows]
    if facets:
        results.levels = _level_facet(_kept(cells, keep, but="level"), level)
        results.owners = _owner_facet(_kept(cells, keep, but="owner"), owner)
        results.strategies = _strategy_facet(_kept(cells, keep, but="strategy"), strategy, year)
    return results


@dataclass(frozen=True)
class _Cell:
    """How many matching entries share a kind, level, owner and strategy."""

    kind: str
    level: str | None
    owner: str | None
    owner_order: tuple
    strategy_code: str
    count: int


def _cells(entries: QuerySet[SearchEntry]) -> list[_Cell]:
    rows = entries.values_list(
        "kind",
        "plan__level",
        "plan__owner__short_name",
        "plan__owner__kind",
        "plan__owner__position",
        "strategy_code",
    ).annotate(n=Count("id"))
    return [
        _Cell(kind, level, owner, (owner_kind, position, owner or ""), code, n)
        for kind, level, owner, owner_kind, position, code, n in rows.order_by()
    ]


def _any(cell: _Cell) -> bool:
    return True


def _kept(cells: list[_Cell], keep: dict, *, but: str = "") -> list[_Cell]:
    """The cells every filter keeps, except the one named `but` (a facet counts under the
    other two filters)."""
    tests = [test for name, test in keep.items() if name != but]
    return [cell for cell in cells if all(test(cell) for test in tests)]


def _level_test(level: str | None):
    """The level filter on counted cells, as `_level_filter` is on entries."""
    if not level:
        return _any
    if level == DIGITAL_LEVEL[0]:
        return lambda cell: cell.kind in DIGITAL_KINDS
    return lambda cell: cell.level == level


def _level_filter(level: str | None) -> Q:
    """Ministries' pages belong to no level: any level leaves them out."""
    if not level:
        return Q()
    if level == DIGITAL_LEVEL[0]:
        return Q(kind__in=DIGITAL_KINDS)
    return Q(plan__level=level)


def query_words(query: str) -> list[str]:
    """The normalised words of a query that can match something, at most MAX_WORDS."""
    words = (_EDGE_PUNCTUATION.sub("", w) for w in normalise(query[:MAX_QUERY_LENGTH]).split())
    return [w for w in words if chunks(w)][:MAX_WORDS]


# Matching ------------------------------------------------------------------------------


def _years(year: int | None) -> list[int | None]:
    """The scopes a search reads: the year's and that of entries of no plan (None); every
    stored year when no year is given."""
    if year is not None:
        return [year, None]
    return [*Plan.objects.order_by().values_list("year", flat=True).distinct(), None]


def _matching(words: list[str], years: list[int | None]) -> QuerySet[SearchEntry]:
    """Entries of the given years containing every word, found through the full-text index
    (see `_index_expression`). A word with a one-syllable run is looked up by its syllables
    and then checked as a substring of the normalised title; a name of a ministry also
    finds what that ministry carries."""
    ministries = ministries_by_name()
    needs: list[_Need] = []
    entries = SearchEntry.objects.all()
    for word in words:
        ministry = ministries.get(name_key(word))
        carried = ministry.pk if ministry is not None else None
        if has_single_syllable(word):
            needs.append(_Need(syllables(word), phrase=False, carried=carried))
            exact = Q(text__contains=word)
            if carried is not None:
                exact |= Q(organizations__contains=f"|{carried}|")
            entries = entries.filter(exact)
        else:
            needs.append(_Need(chunks(word), phrase=True, carried=carried))
    return entries.filter(_index_match(needs, years))


@dataclass(frozen=True)
class _Need:
    """What the index must hold for one word: its tokens as a phrase (or, for a word with
    a one-syllable run, each syllable anywhere), or the token of the body it names."""

    tokens: list[str]
    phrase: bool
    carried: int | None


def _index_match(needs: list[_Need], years: list[int | None]) -> Q:
    """Every need met within one scope, for any of the scopes: FTS5 on SQLite, the stored
    tsvector (migration 0005) on PostgreSQL. Tokens are letters and digits only and are
    passed as parameters, so no query can inject SQL or full-text syntax."""
    if connection.vendor == "postgresql":
        return _postgresql_match(needs, years)
    expression = " OR ".join(
        "(" + " AND ".join(_fts5_need(need, scope(year)) for need in needs) + ")" for year in years
    )
    return Q(
        id__in=RawSQL(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s", [expression]
        )
    )


def _fts5_need(need: _Need, prefix: str) -> str:
    tokens = [prefix + token for token in need.tokens]
    met = '"' + " ".join(tokens) + '"' if need.phrase else " AND ".join(tokens)
    if need.carried is not None:
        met = f"({met}) OR {organization_token(prefix, need.carried)}"
    return f"({met})"


def _postgresql_match(needs: list[_Need], years: list[int | None]) -> Q:
    parts, params = [], []
    for year in years:
        prefix = scope(year)
        met = []
        for need in needs:
            tokens = [prefix + token for token in need.tokens]
            if need.phrase:
                query, values = "phraseto_tsquery('simple', %s)", [" ".join(tokens)]
            else:
                query, values = "plainto_tsquery('simple', %s)", [" ".join(tokens)]
            if need.carried is not None:
                query = f"({query} || plainto_tsquery('simple', %s))"
                values.append(organization_token(prefix, need.carried))
            met.append(query)
            params.extend(values)
        parts.append("(" + " && ".join(met) + ")")
    condition = RawSQL(
        f'"search_searchentry"."index_vector" @@ ({" || ".join(parts)})',
        params,
        output_field=BooleanField(),
    )
    return Q(condition)


def _ranked(entries: QuerySet[SearchEntry], phrase: str) -> QuerySet[SearchEntry]:
    """Exact phrase in the title first, then goals, strategies, tasks, indicators; shorter
    titles first; then newer plans and document order. Same order on every database."""
    return entries.annotate(
        phrase_rank=Case(
            When(text__contains=phrase, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        title_length=Length("text"),
    ).order_by("phrase_rank", "kind_rank", "title_length", "-year", "position")


# Hits ---------------------------------------------------------------------------------


def _hit(entry: SearchEntry, words: list[str]) -> Hit:
    plan = entry.plan
    if entry.kind == EntryKind.ORGANIZATION:
        level, level_label, owner, source = "", "", "", ORGANIZATION_SOURCE
    elif plan is None:
        level, level_label, owner, source = (*DIGITAL_LEVEL, "", f"「{DIGITAL_LEVEL[1]}」")
    else:
        level, level_label, owner = plan.level, plan.get_level_display(), plan.owner.short_name
        source = f"{owner} {level_label} 시행계획"
    return Hit(
        kind=entry.kind,
        kind_label=_kind_label(entry),
        level=level,
        level_label=level_label,
        owner=owner,
        source=source,
        strategy_code=entry.strategy_code,
        strategy_name=entry.strategy_name,
        title=entry.title,
        title_html=highlight(entry.title, words),
        context=entry.context,
        url=entry.url,
        source_record=_source_record(entry),
    )


def _source_record(entry: SearchEntry) -> Model | None:
    """A stand-in for the thing the entry was read from, carrying what the "원문 N줄" link
    needs (its model, line and plan), so showing the link costs no query."""
    model = SOURCE_MODELS.get(entry.kind)
    if model is None or entry.source_line is None:
        return None
    record = model(pk=entry.object_id, source_line=entry.source_line)
    # The plan's year lets the link check that the bundled text is the one read.
    if model is Plan:
        record.year = entry.plan.year
    elif entry.plan is not None:
        record.plan = entry.plan
    return record


def _kind_label(entry: SearchEntry) -> str:
    if entry.task_kind:
        return TaskKind(entry.task_kind).label
    return EntryKind(entry.kind).label


def highlight(title: str, words: list[str]) -> SafeString:
    """The title, escaped, with every occurrence of a query word wrapped in <mark>.

    Occurrences are found in the normalised title and mapped back to the stored text, so
    full-width letters or doubled spaces in the title are still marked."""
    folded, origin = _fold(title)
    spans = sorted(span for word in words for span in _occurrences(folded, word))
    pieces, done = [], 0
    for start, end in _merge(spans):
        raw_start, raw_end = origin[start], origin[end - 1] + 1
        if raw_start < done:
            continue
        pieces.append(escape(title[done:raw_start]))
        pieces.append(format_html("<mark>{}</mark>", title[raw_start:raw_end]))
        done = raw_end
    pieces.append(escape(title[done:]))
    return mark_safe("".join(pieces))  # every piece is escaped above


def _fold(title: str) -> tuple[str, list[int]]:
    """The title normalised character by character, with each character's index in the
    stored title."""
    folded, origin = [], []
    for index, char in enumerate(title):
        for out in normalise(char) or (" " if char.isspace() else ""):
            if out == " " and folded and folded[-1] == " ":
                continue
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin


def _occurrences(folded: str, word: str) -> list[tuple[int, int]]:
    """Where a word occurs; words without Hangul only as whole words, as they match, and
    Hangul syllables also with a space between them (탄소중립 marks 탄소 중립)."""
    if re.search(r"[가-힣]", word):
        pattern = _HANGUL_PAIR.sub(r"\1 ?", re.escape(word))
    else:
        pattern = rf"(?<!{WORD_CHAR}){re.escape(word)}(?!{WORD_CHAR})"
    return [m.span() for m in re.finditer(pattern, folded)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Facets -------------------------------------------------------------------------------


def _level_facet(cells: list[_Cell], selected: str | None) -> list[FacetValue]:
    counts: dict[str | None, int] = {}
    for cell in cells:
        if cell.kind != EntryKind.ORGANIZATION:
            counts[cell.level] = counts.get(cell.level, 0) + cell.count
    counts[DIGITAL_LEVEL[0]] = counts.pop(None, 0)
    return [
        FacetValue(value, label, counts.get(value, 0))
        for value, label in [*PlanLevel.choices, DIGITAL_LEVEL]
        if counts.get(value) or value == selected
    ]


def _owner_facet(cells: list[_Cell], selected: str | None) -> list[FacetValue]:
    """Owners in the registry's order: the Committee, provinces, super-regions. The digital
    plan's entries have no owner to filter by."""
    counts: dict[str, int] = {}
    for cell in sorted((cell for cell in cells if cell.owner), key=lambda cell: cell.owner_order):
        counts[cell.owner] = counts.get(cell.owner, 0) + cell.count
    if selected and selected not in counts:
        counts[selected] = 0
    return [FacetValue(name, name, count) for name, count in counts.items()]


def _strategy_facet(cells: list[_Cell], selected: str | None, year: int | None) -> list[FacetValue]:
    """The national strategies' names, of the year searched (the newest year's names when
    every year is)."""
    counts: dict[str, int] = {}
    for cell in cells:
        if cell.strategy_code:
            counts[cell.strategy_code] = counts.get(cell.strategy_code, 0) + cell.count
    pillars = Strategy.objects.filter(plan__level=PlanLevel.NATIONAL, kind=StrategyKind.PILLAR)
    if year is not None:
        pillars = pillars.filter(plan__year=year)
    names = dict(pillars.order_by("plan__year").values_list("code", "name"))
    codes = sorted(set(counts) | ({selected} if selected else set()), key=_roman_order)
    return [
        FacetValue(code, f"{code} {names.get(code, '')}".strip(), counts.get(code, 0))
        for code in codes
    ]


def _roman_order(code: str) -> tuple[int, str]:
    order = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
    return (order.index(code) if code in order else len(order), code)
