"""What changed between two snapshots of a plan (`versions.plan_snapshot`): last year's
resolved plan and this year's, or two versions of one plan. Pure functions over the JSON,
so a frozen version compares the same way forever.

Matching: an item is the same item when it has the same code under the same path of
parent codes (the strategy's code first); one with the same code and another name is
renamed. What is left on either side is matched by name (renumbered, not changed), then,
for items the document prints without a code (the provinces' tasks), by place under the
same parent (renamed); the rest is added or removed. Budgets compare by strategy × source for the plan's own year;
indicators by name, on their printed baseline and target.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dream.plans.choices import BudgetSource, StrategyKind, TaskKind


@dataclass(frozen=True)
class Item:
    """A strategy or task as the change lists show it."""

    kind_label: str
    code: str
    name: str
    parent: str = ""  # the codes above it, "Ⅰ › Ⅰ-1"


@dataclass(frozen=True)
class Renamed:
    kind_label: str
    code: str
    old_name: str
    new_name: str
    parent: str = ""


@dataclass(frozen=True)
class BudgetChange:
    """One strategy × source cell; None on a side that had no amount."""

    strategy: str  # "Ⅰ 지방분권", or "계획 전체" for the plan's totals
    source: str
    source_label: str
    old_eok: Decimal | None
    new_eok: Decimal | None

    @property
    def difference_eok(self) -> Decimal:
        return (self.new_eok or Decimal(0)) - (self.old_eok or Decimal(0))


@dataclass(frozen=True)
class IndicatorChange:
    """The printed baseline or target of one indicator, each with its year."""

    name: str
    unit: str
    what: str  # "기준값" or "목표값"
    old: str
    new: str


@dataclass
class PlanChanges:
    old_year: int
    new_year: int
    goal_changed: bool = False
    strategies_added: list[Item] = field(default_factory=list)
    strategies_removed: list[Item] = field(default_factory=list)
    strategies_renamed: list[Renamed] = field(default_factory=list)
    tasks_added: list[Item] = field(default_factory=list)
    tasks_removed: list[Item] = field(default_factory=list)
    tasks_renamed: list[Renamed] = field(default_factory=list)
    budgets: list[BudgetChange] = field(default_factory=list)
    indicators_added: list[Item] = field(default_factory=list)
    indicators_removed: list[Item] = field(default_factory=list)
    indicators_changed: list[IndicatorChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.goal_changed
            or self.strategies_added
            or self.strategies_removed
            or self.strategies_renamed
            or self.tasks_added
            or self.tasks_removed
            or self.tasks_renamed
            or self.budgets
            or self.indicators_added
            or self.indicators_removed
            or self.indicators_changed
        )


def plan_changes(old: dict, new: dict) -> PlanChanges:
    """Everything that differs between two plan snapshots, `old` first."""
    changes = PlanChanges(old_year=old["plan"]["year"], new_year=new["plan"]["year"])
    changes.goal_changed = (old.get("goal") or "").strip() != (new.get("goal") or "").strip()
    (
        changes.strategies_added,
        changes.strategies_removed,
        changes.strategies_renamed,
    ) = _matched(_strategies(old), _strategies(new))
    changes.tasks_added, changes.tasks_removed, changes.tasks_renamed = _matched(
        _tasks(old), _tasks(new)
    )
    changes.budgets = _budget_changes(old, new)
    (
        changes.indicators_added,
        changes.indicators_removed,
        changes.indicators_changed,
    ) = _indicator_changes(old, new)
    return changes


# Strategies and tasks ---------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    key: tuple  # (path of parent codes, kind, code)
    position: int
    item: Item


def _strategy_code(snapshot: dict) -> Callable[[int | None], str]:
    codes = {s["id"]: s["code"] or s["name"] for s in snapshot["strategies"]}
    return lambda strategy_id: codes.get(strategy_id, "")


def _strategies(snapshot: dict) -> list[_Node]:
    return [
        _Node(
            key=((), s["kind"], s["code"]),
            position=s["position"],
            item=Item(StrategyKind(s["kind"]).label, s["code"], s["name"]),
        )
        for s in snapshot["strategies"]
    ]


def _tasks(snapshot: dict) -> list[_Node]:
    """Every task of the tree, keyed by its strategy's code and its ancestors' codes (or
    names, where the document prints no code)."""
    strategy_code = _strategy_code(snapshot)
    nodes: list[_Node] = []

    def walk(tasks: Iterable[dict], path: tuple[str, ...]) -> None:
        for task in tasks:
            item = Item(TaskKind(task["kind"]).label, task["code"], task["name"], " › ".join(path))
            key = (path, task["kind"], task["code"])
            nodes.append(_Node(key=key, position=task["position"], item=item))
            walk(task["children"], (*path, task["code"] or task["name"]))

    for task in snapshot["tasks"]:
        walk([task], (strategy_code(task["strategy_id"]),) if task["strategy_id"] else ())
    return nodes


def _matched(old: list[_Node], new: list[_Node]) -> tuple[list[Item], list[Item], list[Renamed]]:
    """(added, removed, renamed). In turn: the same code under the same path (renamed if
    the name differs); the same name (renumbered or moved, not a change); items without
    a code at the same place under the same path (renamed: documents that print no codes
    keep their order); what is left is added or removed."""
    renamed: list[Renamed] = []
    old_left, new_left = _pair(
        old, new, lambda n: n.key if n.key[2] else None, lambda a, b: _rename(a, b, renamed)
    )
    old_left, new_left = _pair(old_left, new_left, lambda n: (n.key[1], n.item.name))
    old_left, new_left = _pair(
        old_left,
        new_left,
        lambda n: None if n.key[2] else (n.key[0], n.key[1], n.position),
        lambda a, b: _rename(a, b, renamed),
    )
    return [n.item for n in new_left], [n.item for n in old_left], renamed


def _rename(before: _Node, after: _Node, renamed: list[Renamed]) -> None:
    if before.item.name != after.item.name:
        item = after.item
        renamed.append(
            Renamed(item.kind_label, item.code, before.item.name, item.name, item.parent)
        )


def _pair(
    old: list[_Node],
    new: list[_Node],
    key: Callable[[_Node], tuple | None],
    matched: Callable[[_Node, _Node], None] = lambda before, after: None,
) -> tuple[list[_Node], list[_Node]]:
    """Pair nodes whose `key` (not None) is the same and unique on both sides; call
    `matched` on each pair and return what is left on each side, in order."""
    old_groups, new_groups = _grouped(old, key), _grouped(new, key)
    paired: set[int] = set()
    for k, olds in old_groups.items():
        news = new_groups.get(k, [])
        if len(olds) == 1 and len(news) == 1:
            matched(olds[0], news[0])
            paired.update((id(olds[0]), id(news[0])))
    return [n for n in old if id(n) not in paired], [n for n in new if id(n) not in paired]


def _grouped(nodes: list[_Node], key: Callable[[_Node], tuple | None]) -> dict:
    grouped: dict[tuple, list[_Node]] = defaultdict(list)
    for node in nodes:
        if (k := key(node)) is not None:
            grouped[k].append(node)
    return grouped


# Budgets ----------------------------------------------------------------------------

WHOLE_PLAN = "계획 전체"


def _budget_cells(snapshot: dict) -> dict[tuple[str, str], tuple[str, Decimal]]:
    """(strategy code, source) → (strategy label, amount) for the plan's own year."""
    year = snapshot["plan"]["year"]
    strategies = {s["id"]: s for s in snapshot["strategies"]}
    cells = {}
    for budget in snapshot["budgets"]:
        if budget["year"] != year or budget["amount_eok"] is None:
            continue
        strategy = strategies.get(budget["strategy_id"])
        if strategy is None:
            key, label = "", WHOLE_PLAN
        else:
            key = strategy["code"] or strategy["name"]
            label = f"{strategy['code']} {strategy['name']}".strip()
        cells[(key, budget["source"])] = (label, Decimal(budget["amount_eok"]))
    return cells


def _budget_changes(old: dict, new: dict) -> list[BudgetChange]:
    before, after = _budget_cells(old), _budget_cells(new)
    order = list(after) + [key for key in before if key not in after]
    changes = []
    for key in order:
        old_label, old_amount = before.get(key, ("", None))
        new_label, new_amount = after.get(key, ("", None))
        if old_amount == new_amount:
            continue
        source = key[1]
        changes.append(
            BudgetChange(
                strategy=new_label or old_label,
                source=source,
                source_label=BudgetSource(source).label if source in BudgetSource else source,
                old_eok=old_amount,
                new_eok=new_amount,
            )
        )
    return changes


# Indicators -------------------------------------------------------------------------


def _indicator_text(indicator: dict, what: str) -> str:
    """The printed value (or the parsed one with its unit) and its year: "75.3% (2024년)"."""
    text = (indicator[f"{what}_text"] or "").strip()
    if not text and indicator[f"{what}_value"] is not None:
        value = Decimal(indicator[f"{what}_value"]).normalize()
        text = f"{value:f}{indicator['unit']}"
    year = indicator[f"{what}_year"]
    if not text:
        return "없음"
    return f"{text} ({year}년)" if year else text


def _indicator_changes(
    old: dict, new: dict
) -> tuple[list[Item], list[Item], list[IndicatorChange]]:
    before: dict[str, list[dict]] = defaultdict(list)
    for indicator in old["indicators"]:
        before[indicator["name"].strip()].append(indicator)
    added, changed = [], []
    for indicator in new["indicators"]:
        name = indicator["name"].strip()
        if not before.get(name):
            added.append(Item("성과지표", "", name))
            continue
        previous = before[name].pop(0)
        for what, label in (("baseline", "기준값"), ("target", "목표값")):
            old_text, new_text = _indicator_text(previous, what), _indicator_text(indicator, what)
            if old_text != new_text:
                changed.append(IndicatorChange(name, indicator["unit"], label, old_text, new_text))
    removed = [Item("성과지표", "", i["name"].strip()) for left in before.values() for i in left]
    return added, removed, changed
