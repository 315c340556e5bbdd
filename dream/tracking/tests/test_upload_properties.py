"""Properties of the upload import over generated files: whatever the bytes or the cells,
the result is rows stored or Korean errors, never another exception, and a refused file
leaves the database exactly as it was (a content hash of every table)."""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dream.core.fingerprint import database_fingerprint
from dream.tracking.services import goal_values_import

from .hostile import GOOD_ROWS, HEADER, HOSTILE_CELLS, HOSTILE_TEXTS, xlsx_bytes

HANGUL = re.compile(r"[가-힣]")
BUDGET = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.sampled_from([cell for row in GOOD_ROWS for cell in row]),
    st.text(max_size=30),
    st.from_regex(r"-?[0-9²³¹٠-٩０-９]{1,30}(\.[0-9]{1,8})?", fullmatch=True),
)
cells = st.one_of(texts, st.sampled_from(HOSTILE_CELLS), st.integers(), st.floats())


def rows_of(cell):
    return st.lists(st.lists(cell, max_size=7), max_size=8)


def csv_of(rows: list[list[str]]) -> str:
    return "\r\n".join(",".join(_quoted(cell) for cell in row) for row in [HEADER, *rows])


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def assert_clean(actor, data: bytes, filename: str) -> None:
    before = database_fingerprint()

    result = goal_values_import(actor=actor, file=io.BytesIO(data), filename=filename)

    if not result.ok:
        assert all(HANGUL.search(error.message) for error in result.errors), result.errors
        assert database_fingerprint() == before


@pytest.fixture
def actor(editor, digital_plan_2023):
    return editor


@BUDGET
@given(rows=rows_of(texts), encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp949"]))
def test_any_csv_of_cells_is_stored_or_refused_in_korean(actor, rows, encoding):
    data = csv_of(rows).encode(encoding, errors="replace")

    assert_clean(actor, data, "values.csv")


@BUDGET
@given(
    rows=rows_of(texts),
    damage=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=4)), max_size=4),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_mutated_csv_bytes_are_stored_or_refused_in_korean(actor, rows, damage, cut):
    data = bytearray(csv_of(rows).encode())
    for position, piece in damage:
        at = position % (len(data) + 1)
        data[at : at + len(piece)] = piece
    data = bytes(data[: cut % (len(data) + 1)] if cut is not None else data)

    assert_clean(actor, data, "values.csv")


def xlsx_safe(cell):
    """openpyxl refuses to write control characters; the reader never sees them either."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("?", cell) if isinstance(cell, str) else cell


@BUDGET
@given(rows=rows_of(cells))
def test_any_xlsx_of_typed_cells_is_stored_or_refused_in_korean(actor, rows):
    data = xlsx_bytes(*([xlsx_safe(cell) for cell in row] for row in rows))

    assert_clean(actor, data, "values.xlsx")


XLSX_TEMPLATE = xlsx_bytes(*GOOD_ROWS)


@BUDGET
@given(
    damage=st.lists(
        st.tuples(st.integers(0, 10**5), st.binary(min_size=1, max_size=4)), max_size=6
    ),
    cut=st.one_of(st.none(), st.integers(0, 10**5)),
)
def test_mutated_xlsx_bytes_are_stored_or_refused_in_korean(actor, damage, cut):
    data = bytearray(XLSX_TEMPLATE)
    for position, piece in damage:
        at = position % len(data)
        data[at : at + len(piece)] = piece
    data = bytes(data[: cut % (len(data) + 1)] if cut is not None else data)

    assert_clean(actor, data, "values.xlsx")
