"""How a round's scores become unit scores (ADR 0008, "Scoring, normalisation, roll-up"): pure
functions on plain numbers, so the formulas can be tested alone and `scoring.round_compute`
only gathers the rows and stores what these return.

The plan prints none of these formulas: each is a rule of the round, labelled 계획이 정하지 않음.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)
SHOWN = Decimal("0.1")


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as the formula needs it."""

    id: Hashable
    weight: Decimal
    max_score: Decimal


@dataclass(frozen=True)
class Normalised:
    """A leaf's normalised score, or None with the reason it was kept raw."""

    value: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class Child:
    """A child of a node: its weight (None = equal share) and its score (None = missing)."""

    id: Hashable
    weight: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class RolledUp:
    value: Decimal | None
    counted: tuple
    missing: tuple


def shown(score: Decimal) -> Decimal:
    """A score as pages show it: one decimal, rounded half-up."""
    return score.quantize(SHOWN, rounding=ROUND_HALF_UP)


def evaluator_leaf_score(
    scores: Mapping[Hashable, Decimal], criteria: Sequence[CriterionSpec]
) -> Decimal | None:
    """One evaluator's score of a leaf: Σ(weight × score ÷ max) ÷ Σ weight × 100, or None when a
    criterion is not scored (an incomplete leaf is never counted as if the rest were 0)."""
    if not criteria or any(c.id not in scores for c in criteria):
        return None
    total_weight = sum((c.weight for c in criteria), ZERO)
    weighted = sum((c.weight * scores[c.id] / c.max_score for c in criteria), ZERO)
    return weighted / total_weight * HUNDRED


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return sum(values, ZERO) / len(values)


def _population_sd(values: Sequence[Decimal], centre: Decimal) -> Decimal:
    return (sum(((v - centre) ** 2 for v in values), ZERO) / len(values)).sqrt()


def _clipped(value: Decimal) -> Decimal:
    return min(HUNDRED, max(ZERO, value))


def panel_z(
    raw: Mapping[Hashable, tuple[Hashable | None, Decimal]], *, min_units: int
) -> dict[Hashable, Normalised]:
    """Normalise raw leaf scores per panel: normalised = M + S × (raw − m) ÷ s, clipped to 0–100,
    with m, s the panel's mean and population sd and M, S the round's. A panel with s = 0 or
    fewer than `min_units` leaves keeps raw, with the reason ("표준화 안 함 (…)").

    `raw` maps a leaf to (its panel, its raw score); a leaf without a panel keeps raw."""
    if not raw:
        return {}
    everything = [score for _panel, score in raw.values()]
    round_mean = mean(everything)
    round_sd = _population_sd(everything, round_mean)
    panels: dict[Hashable, list[Decimal]] = {}
    for panel, score in raw.values():
        if panel is not None:
            panels.setdefault(panel, []).append(score)
    stats = {}
    for panel, scores in panels.items():
        panel_mean = mean(scores)
        stats[panel] = (len(scores), panel_mean, _population_sd(scores, panel_mean))
    result = {}
    for leaf, (panel, score) in raw.items():
        if panel is None:
            result[leaf] = Normalised(None, "표준화 안 함 (평가반 없음)")
            continue
        count, panel_mean, panel_sd = stats[panel]
        if count < min_units:
            result[leaf] = Normalised(
                None, f"표준화 안 함 (평가반 단위 {count}개 < 최소 {min_units}개)"
            )
        elif panel_sd == 0:
            result[leaf] = Normalised(None, "표준화 안 함 (평가반 점수의 표준편차 0)")
        else:
            value = round_mean + round_sd * (score - panel_mean) / panel_sd
            result[leaf] = Normalised(_clipped(value))
    return result


def rolled_up(children: Sequence[Child]) -> RolledUp:
    """A node's score: Σ wᵢ × scoreᵢ ÷ Σ wᵢ over the children with a score (a child without a
    weight counts 1, the equal share); children without a score are listed, never counted as
    0."""
    counted = [c for c in children if c.score is not None]
    missing = tuple(c.id for c in children if c.score is None)
    if not counted:
        return RolledUp(None, (), missing)
    weights = [c.weight if c.weight is not None else Decimal(1) for c in counted]
    total = sum(weights, ZERO)
    value = sum((w * c.score for w, c in zip(weights, counted, strict=True)), ZERO) / total
    return RolledUp(value, tuple(c.id for c in counted), missing)


def band_for(score: Decimal | None, bands: Sequence[tuple[Hashable, Decimal]]) -> Hashable | None:
    """The band holding `score` shown with one decimal: the one with the highest minimum at or
    below it. `bands` are (band, min_score) pairs in any order."""
    if score is None:
        return None
    value = shown(score)
    fitting = [(minimum, band) for band, minimum in bands if minimum <= value]
    if not fitting:
        return None
    return max(fitting, key=lambda pair: pair[0])[1]
