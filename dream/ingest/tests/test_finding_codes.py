"""Every finding code a reader can emit has a Korean label (dream/ingest/choices.py).

The readers' source is the list of codes: a code is a dotted lowercase string literal in
a module that makes findings, or an f-string of that shape whose variable part takes a
few values (`f"sectoral.total.{code}_mismatch"`). Adding a code without a label fails here.
"""

import ast
import re
from pathlib import Path

import pytest

from dream.ingest.choices import FINDING_CODE_LABELS, UNKNOWN_CODE_LABEL, finding_code_label
from dream.ingest.models import Finding

PACKAGE = Path(__file__).resolve().parents[2]
CODE_SHAPE = r"[a-z]+(?:\.[a-z_]+)+"
# Dotted literals in those modules that are not finding codes.
NOT_CODES = {"datapackage.json"}


def imports_finding_record(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and (node.module or "").endswith("records")
        and any(alias.name == "Finding" for alias in node.names)
        for node in ast.walk(tree)
    )


def finding_modules() -> list[ast.Module]:
    """The modules that make findings: they import the readers' Finding record."""
    trees = [
        ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    return [tree for tree in trees if imports_finding_record(tree)]


def fstring_pattern(node: ast.JoinedStr) -> str | None:
    """`f"sectoral.total.{code}_mismatch"` → `sectoral\\.total\\.[a-z_]+_mismatch`; None for an
    f-string not shaped like a code (a message)."""
    sample = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
    if not isinstance(node.values[0], ast.Constant) or not re.fullmatch(CODE_SHAPE, sample):
        return None
    return "".join(
        re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_]+" for v in node.values
    )


def emitted_codes() -> tuple[set[str], set[str]]:
    """(literal codes, f-string codes as regular expressions) in the finding modules."""
    literals, patterns = set(), set()
    for tree in finding_modules():
        inside_fstrings = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                inside_fstrings.update(id(v) for v in node.values)
                pattern = fstring_pattern(node)
                if pattern:
                    patterns.add(pattern)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in inside_fstrings
                and re.fullmatch(CODE_SHAPE, node.value)
                and node.value not in NOT_CODES
            ):
                literals.add(node.value)
    return literals, patterns


def test_the_readers_emit_codes_this_test_can_see():
    literals, patterns = emitted_codes()

    assert {"budget.sum_mismatch", "ministry.unknown", "digital.schedule.no_schedule"} <= literals
    assert r"sectoral\.total\.[a-z_]+_mismatch" in patterns


def test_every_literal_finding_code_has_a_korean_label():
    literals, _patterns = emitted_codes()

    assert sorted(literals - FINDING_CODE_LABELS.keys()) == []


@pytest.mark.parametrize(
    ("pattern", "expansions"),
    [
        (
            r"sectoral\.total\.[a-z_]+_mismatch",
            {"strategy_count", "core_count", "practical_count", "project_count"},
        ),
        (r"sectoral\.strategy\.[a-z_]+_mismatch", {"practical_count", "project_count", "budget"}),
        (r"sectoral\.section\.[a-z_]+_name_mismatch", {"strategy", "core", "practical"}),
        (r"sectoral\.section\.missing_[a-z_]+", {"core", "practical"}),
    ],
)
def test_every_expansion_of_a_composed_code_has_a_label(pattern, expansions):
    labelled = {code for code in FINDING_CODE_LABELS if re.fullmatch(pattern, code)}

    assert len(labelled) >= len(expansions)
    assert all(any(e in code for code in labelled) for e in expansions)


def test_no_composed_code_goes_unlisted():
    _literals, patterns = emitted_codes()

    assert patterns == {
        r"sectoral\.total\.[a-z_]+_mismatch",
        r"sectoral\.strategy\.[a-z_]+_mismatch",
        r"sectoral\.section\.[a-z_]+_name_mismatch",
        r"sectoral\.section\.missing_[a-z_]+",
    }, "a new composed code: add its expansions to the test above and their labels"


def test_labels_are_korean_and_distinct():
    labels = list(FINDING_CODE_LABELS.values())

    assert all(re.search(r"[가-힣]", label) for label in labels)
    assert len(set(labels)) == len(labels)


def test_a_finding_shows_its_label_and_an_unknown_code_a_generic_korean_one():
    assert (
        Finding(code="budget.sum_mismatch").get_code_display() == "재정투입 합계가 금액의 합과 다름"
    )
    assert finding_code_label("budget.removed_long_ago") == UNKNOWN_CODE_LABEL


@pytest.mark.usefixtures("plan_2024", "digital_plan_2023")
def test_every_finding_of_the_bundled_documents_has_a_label(db):
    codes = set(Finding.objects.values_list("code", flat=True))

    assert codes
    assert sorted(codes - FINDING_CODE_LABELS.keys()) == []
