"""Cross-body checks when the Committee compiles the national plan (issue 9, Submission and
review): the same project counted by a province (or super-region) and by a ministry
(동일사업 중복계상, 2024 plan l.12214–12218), and the national totals by source and by
strategy, which DREAM computes from the bodies' plans (they are not printed figures).

The rule for a duplicate candidate, shown on the compilation page:
- compared: the practical, detailed, project and 중점 추진 tasks of the provinces' and
  super-regions' plans of the year, with the practical, detailed and project tasks of the
  ministries' (sectoral) plans of the same year — resolved plans, and drafts submitted, in review or
  accepted; core tasks are left out, since every body repeats the national plan's ones;
- names are normalised (spaces, punctuation, brackets and what they enclose removed) and
  compared by the Dice coefficient of their character bigrams (0 to 1);
- a pair is a candidate when the similarity reaches `settings.DREAM_DUPLICATE_SIMILARITY`
  (default 0.8), or reaches it less `AMOUNT_RELAXATION` when both tasks carry a 국비 amount
  and the amounts differ by at most `AMOUNT_TOLERANCE`;
- staff judge each candidate; finding again adds new pairs, refreshes the pending ones and
  keeps the judged ones untouched.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dream.accounts.models import User
from dream.plans.choices import NATIONAL_SPLIT, BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Task

from .choices import DuplicateStatus, SubmissionState
from .errors import InvalidInput, NotAllowed, text_checked
from .models import Cycle, DuplicateCandidate
from .permissions import can_manage_cycle
from .sectoral import COMPILED_SECTORAL

DEFAULT_SIMILARITY = Decimal("0.8")
AMOUNT_RELAXATION = Decimal("0.15")
AMOUNT_TOLERANCE = Decimal("0.01")  # 1 % of the larger amount
REGIONAL_KINDS = (TaskKind.PRACTICAL, TaskKind.DETAILED, TaskKind.PROJECT, TaskKind.ITEM)
SECTORAL_KINDS = (TaskKind.PRACTICAL, TaskKind.DETAILED, TaskKind.PROJECT)
REGIONAL_LEVELS = (PlanLevel.PROVINCE, PlanLevel.SUPER_REGION)
# Drafts whose owner has handed them to the Committee.
COMPILED_STATES = (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW, SubmissionState.ACCEPTED)
BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|（[^）]*）|〔[^〕]*〕|<[^>]*>|〈[^〉]*〉|「[^」]*」")
NOT_A_LETTER = re.compile(r"[\W_]+")
MAX_NOTE = 5000


def similarity_threshold() -> Decimal:
    """The name similarity a candidate needs (setting DREAM_DUPLICATE_SIMILARITY)."""
    return Decimal(str(getattr(settings, "DREAM_DUPLICATE_SIMILARITY", DEFAULT_SIMILARITY)))


def name_key(name: str) -> str:
    """The name as compared: without bracketed asides, spaces and punctuation."""
    return NOT_A_LETTER.sub("", BRACKETED.sub("", name or ""))


def _bigrams(key: str) -> Counter:
    if not key:
        return Counter()
    return Counter(key[i : i + 2] for i in range(len(key) - 1)) if len(key) > 1 else Counter([key])


def name_similarity(a: str, b: str) -> Decimal:
    """Dice coefficient of the normalised names' character bigrams, 3 decimals."""
    return _dice(_bigrams(name_key(a)), _bigrams(name_key(b)))


def _dice(left: Counter, right: Counter) -> Decimal:
    total = left.total() + right.total()
    if not left or not right:
        return Decimal("0.000")
    shared = sum(min(left[gram], right[gram]) for gram in left.keys() & right.keys())
    return (Decimal(2 * shared) / Decimal(total)).quantize(Decimal("0.001"))


def compiled_plans(cycle: Cycle):
    """The plans of the cycle's year that take part in the compilation: resolved plans and
    drafts the bodies have submitted (submitted, in review, accepted). The Committee's
    sectoral plan DREAM compiled from the ministries' parts is left out: the parts count."""
    return (
        Plan.objects.filter(year=cycle.year)
        .filter(
            Q(is_draft=False) | Q(submission__cycle=cycle, submission__state__in=COMPILED_STATES)
        )
        .exclude(COMPILED_SECTORAL)
    )


def _amounts_close(a: Decimal | None, b: Decimal | None) -> bool | None:
    """None when either amount is missing; else whether they differ by the tolerance."""
    if a is None or b is None:
        return None
    larger = max(a, b)
    return larger == 0 or abs(a - b) <= larger * AMOUNT_TOLERANCE


def _eok(amount: Decimal) -> str:
    return f"{amount.normalize():,f}억원"


def _reason(similarity: Decimal, regional: Task, sectoral: Task, close: bool | None) -> str:
    parts = [f"이름 유사도 {similarity}"]
    if close is None:
        parts.append("국비 금액은 한쪽 이상에 없어 비교하지 않음")
    else:
        verdict = "같거나 거의 같음" if close else "다름"
        parts.append(
            f"국비 {_eok(regional.national_budget_eok)} 대 {_eok(sectoral.national_budget_eok)}"
            f"({verdict})"
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class FindResult:
    added: int
    refreshed: int
    dropped: int
    judged: int


@transaction.atomic
def duplicates_find(*, actor: User, cycle: Cycle) -> FindResult:
    """Compare the regional and the ministries' tasks of the cycle's plans and store the
    candidate pairs (the rule is in this module's docstring)."""
    if not can_manage_cycle(actor):
        raise NotAllowed("중복계상 후보는 지방시대위원회 담당자만 찾습니다.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    plans = compiled_plans(cycle)
    regional = list(
        Task.objects.filter(
            plan__in=plans.filter(level__in=REGIONAL_LEVELS), kind__in=REGIONAL_KINDS
        )
    )
    sectoral = list(
        Task.objects.filter(
            plan__in=plans.filter(level=PlanLevel.SECTORAL), kind__in=SECTORAL_KINDS
        )
    )
    threshold = similarity_threshold()
    found: dict[tuple[int, int], tuple[Decimal, str]] = {}
    grams = {task.pk: _bigrams(name_key(task.name)) for task in regional + sectoral}
    keys = {pk: counter.keys() for pk, counter in grams.items()}
    for r in regional:
        for s in sectoral:
            if not keys[r.pk] & keys[s.pk]:
                continue  # not one bigram in common: similarity 0
            similarity = _dice(grams[r.pk], grams[s.pk])
            close = _amounts_close(r.national_budget_eok, s.national_budget_eok)
            needed = threshold - AMOUNT_RELAXATION if close else threshold
            if similarity >= needed:
                found[(r.pk, s.pk)] = (similarity, _reason(similarity, r, s, close))
    counts = Counter()
    for candidate in DuplicateCandidate.objects.filter(cycle=cycle):
        pair = (candidate.regional_task_id, candidate.sectoral_task_id)
        if candidate.status != DuplicateStatus.PENDING:
            found.pop(pair, None)
            counts["judged"] += 1
        elif pair in found:
            candidate.similarity, candidate.reason = found.pop(pair)
            candidate._history_user = actor
            candidate.save(update_fields=["similarity", "reason"])
            counts["refreshed"] += 1
        else:
            candidate._history_user = actor
            candidate.delete()  # names changed: no longer alike, and nobody had judged it
            counts["dropped"] += 1
    for (regional_id, sectoral_id), (similarity, reason) in found.items():
        candidate = DuplicateCandidate(
            cycle=cycle,
            regional_task_id=regional_id,
            sectoral_task_id=sectoral_id,
            similarity=similarity,
            reason=reason,
        )
        candidate._history_user = actor
        candidate.save()
    return FindResult(len(found), counts["refreshed"], counts["dropped"], counts["judged"])


@transaction.atomic
def duplicate_decide(
    *, actor: User, candidate: DuplicateCandidate, status: str, note: str = ""
) -> DuplicateCandidate:
    """Committee staff judge a candidate: a duplicate (중복 확인) or not (중복 아님), each
    with its reason; back to pending reopens it."""
    if not can_manage_cycle(actor):
        raise NotAllowed("중복계상 판단은 지방시대위원회 담당자만 합니다.")
    if status not in DuplicateStatus.values:
        raise InvalidInput(f"판단은 {', '.join(DuplicateStatus.values)} 중 하나여야 합니다.")
    note = (note or "").strip()
    if status != DuplicateStatus.PENDING and not note:
        raise InvalidInput("중복 확인이나 중복 아님에는 판단 사유를 적어 주세요.")
    text_checked(note, "판단 사유")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"판단 사유는 {MAX_NOTE:,}자까지 적을 수 있습니다.")
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    candidate.status = status
    candidate.note = note
    pending = status == DuplicateStatus.PENDING
    candidate.decided_by = None if pending else actor
    candidate.decided_at = None if pending else timezone.now()
    candidate._history_user = actor
    candidate._change_reason = f"duplicate.{status}"
    candidate.save()
    return candidate


def duplicate_candidates(cycle: Cycle) -> list[DuplicateCandidate]:
    """The cycle's candidates, most alike first, with both tasks, their plans and bodies."""
    return list(
        DuplicateCandidate.objects.filter(cycle=cycle)
        .select_related("regional_task__plan__owner", "sectoral_task__plan__owner", "decided_by")
        .prefetch_related("sectoral_task__ministry_links__ministry")
        .order_by("-similarity", "pk")
    )


def task_bodies(task: Task) -> str:
    """Who carries a task: its ministries in a sectoral plan, else the plan's owner."""
    ministries = [link.ministry.short_name for link in task.ministry_links.all()]
    return ", ".join(ministries) or task.plan.owner.short_name


@dataclass(frozen=True)
class TotalRow:
    """One computed sum: never a printed figure (`computed` says so on pages and the API)."""

    key: str
    label: str
    amount_eok: Decimal
    plans: int
    computed: bool = True


@dataclass(frozen=True)
class NationalTotals:
    year: int
    by_source: list[TotalRow]
    by_strategy: list[TotalRow]


def plan_sums(cells: list[Budget]) -> dict[str, Decimal]:
    """A plan's money by source: its printed total cell where it has one, else the sum of
    its strategies' cells (so that a plan printing both is not counted twice)."""
    totals = {c.source: c.amount_eok for c in cells if c.strategy_id is None}
    by_strategy: dict[str, Decimal] = defaultdict(Decimal)
    for cell in cells:
        if cell.strategy_id is not None:
            by_strategy[cell.source] += cell.amount_eok
    return {**by_strategy, **totals}


def national_totals(cycle: Cycle) -> NationalTotals:
    """Sums over the cycle's plans (provinces, super-regions, ministries; the national
    plan itself is the result, not an input) by source, 국비 split included, and by the
    pillar strategies of the sectoral plans, all in 억원 for the cycle's year."""
    plans = compiled_plans(cycle).exclude(level=PlanLevel.NATIONAL)
    cells = Budget.objects.filter(plan__in=plans, year=cycle.year).select_related("strategy")
    per_plan: dict[int, list[Budget]] = defaultdict(list)
    for cell in cells:
        per_plan[cell.plan_id].append(cell)
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    counted: Counter = Counter()
    for plan_cells in per_plan.values():
        for source, amount in plan_sums(plan_cells).items():
            amounts[source] += amount
            counted[source] += 1
    by_source = [
        TotalRow(
            source.value,
            f"{source.label} (국비의 일부)" if source in NATIONAL_SPLIT else source.label,
            amounts[source],
            counted[source],
        )
        for source in BudgetSource
        if source in amounts
    ]
    sectoral = set(plans.filter(level=PlanLevel.SECTORAL).values_list("pk", flat=True))
    order = {source.value: i for i, source in enumerate(BudgetSource)}
    strategy_sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    strategy_plans: dict[tuple[int, str], set] = defaultdict(set)
    labels: dict[tuple[int, str], str] = {}
    for cell in cells:
        strategy = cell.strategy
        if strategy is None or strategy.kind != StrategyKind.PILLAR or cell.plan_id not in sectoral:
            continue
        key = (strategy.position, cell.source)
        strategy_sums[key] += cell.amount_eok
        strategy_plans[key].add(cell.plan_id)
        label = f"{strategy.code} {strategy.name}".strip()
        labels[key] = f"{label} — {BudgetSource(cell.source).label}"
    by_strategy = [
        TotalRow(
            f"{position}:{source}",
            labels[(position, source)],
            amount,
            len(strategy_plans[(position, source)]),
        )
        for (position, source), amount in sorted(
            strategy_sums.items(), key=lambda item: (item[0][0], order[item[0][1]])
        )
    ]
    return NationalTotals(cycle.year, by_source, by_strategy)
