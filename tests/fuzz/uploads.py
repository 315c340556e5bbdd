"""Seeded mutations of a valid goal-actuals upload (CSV and .xlsx), each given to
`goal_values_import` as the import page does.

A case takes the CSV or the Excel template filled in with a few good rows and damages it:
cells made huge, textual, formulas, superscripts, NaN or NUL; lines blanked, repeated or
cut; bytes flipped; for Excel also the sheet XML (a lying dimension, a far row, text in a
numeric cell, broken XML, an entity bomb) and the zip archive (members dropped, doubled,
added by the hundred, lying about their size, overlapping, encrypted, packed as a bomb).
The database must hold the digital plan (it is imported if missing). Each case runs in a
transaction rolled back afterwards and is classified:

- accepted: every row went in (a damaged but well-formed file may);
- refused: an ImportResult with errors, each a Korean message (by row or for the file);
- crash: any exception, or a refusal without a Korean message (the first tracebacks kept);
- partial_write: refused, but the database fingerprint changed.

    DREAM_FUZZ_UPLOADS=10000 .venv/bin/pytest tests/fuzz/test_uploads.py -s
    python -m tests.fuzz.run --uploads 10000        (with the documents, for `make fuzz`)
"""

from __future__ import annotations

import functools
import io
import random
import re
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from dream.core.fingerprint import database_fingerprint
from dream.tracking.tests.hostile import (
    GOOD_ROWS,
    HEADER,
    HOSTILE_CELLS,
    HOSTILE_TEXTS,
    SHEET,
    central_patched,
    sheet_edited,
    text_cell,
    with_dimension,
    with_rows,
    xlsx_bytes,
    zip_bytes,
    zip_members,
)

DIGITAL_PLAN = Path(__file__).resolve().parents[2] / "data" / "seeds" / "2023-digital-plan.txt"
KEPT_TRACEBACKS = 5
HANGUL = re.compile(r"[가-힣]")
Mutation = Callable[[random.Random], tuple[bytes, str]]


def upload_fuzz(n: int, seed: int) -> dict:
    """Run `n` mutated uploads (alternating CSV and .xlsx); return the counts."""
    from dream.accounts.models import User

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    by_mutation: Counter[tuple[str, str]] = Counter()
    tracebacks: list[str] = []
    with transaction.atomic():
        _digital_plan_ensure()
        actor = User.objects.create_superuser("upload-fuzz", password=None)
        fingerprint = database_fingerprint()
        for case in range(n):
            kind = ("csv", "xlsx")[case % 2]
            data, label = mutate(kind, rng)
            outcome, detail = upload_case(actor, data, f"fuzz-{case}.{kind}", fingerprint)
            counts[outcome] += 1
            by_mutation[(f"{kind}:{label}", outcome)] += 1
            if detail and len(tracebacks) < KEPT_TRACEBACKS:
                tracebacks.append(f"case {case} ({kind}, {label}):\n{detail}")
        transaction.set_rollback(True)
    return {
        "uploads": n,
        "accepted": counts["accepted"],
        "refused": counts["refused"],
        "crashes": counts["crash"],
        "partial_writes": counts["partial_write"],
        "by_mutation": dict(sorted(by_mutation.items())),
        "tracebacks": tracebacks,
    }


def upload_case(actor, data: bytes, filename: str, fingerprint: str) -> tuple[str, str]:
    """Import one upload and roll it back; the outcome and, for a failure, what happened."""
    from dream.tracking.services import goal_values_import

    try:
        with transaction.atomic():
            result = goal_values_import(actor=actor, file=io.BytesIO(data), filename=filename)
            if result.ok:
                outcome, detail = "accepted", ""
            elif database_fingerprint() != fingerprint:
                outcome, detail = "partial_write", f"refused but wrote: {result.errors[:3]}"
            elif not all(HANGUL.search(error.message) for error in result.errors):
                outcome, detail = "crash", f"refusal without a Korean message: {result.errors}"
            else:
                outcome, detail = "refused", ""
            transaction.set_rollback(True)
    except Exception:
        return "crash", traceback.format_exc()
    return outcome, detail


def _digital_plan_ensure() -> None:
    from dream.accounts.services import system_user
    from dream.digital.selectors import current_digital_plan
    from dream.digital.services import digital_plan_import

    if current_digital_plan() is None:
        digital_plan_import(actor=system_user(), path=DIGITAL_PLAN)


def mutate(kind: str, rng: random.Random) -> tuple[bytes, str]:
    """One or two mutations of the filled-in template of `kind`."""
    mutations = CSV_MUTATIONS if kind == "csv" else XLSX_MUTATIONS
    weights = [0.15 if name in LONG else 1 for name in mutations]  # long files cost a second
    names = sorted(set(rng.choices(list(mutations), weights, k=rng.choice((1, 1, 2)))))
    rows = [list(row) for row in rng.sample(GOOD_ROWS, rng.randint(1, len(GOOD_ROWS)))]
    text_steps = [name for name in names if name in ROW_MUTATIONS]
    for name in text_steps:
        rows = ROW_MUTATIONS[name](rows, rng)
    data = _csv(rows, rng) if kind == "csv" else _xlsx(tuple(map(tuple, rows)))
    # Rebuilding edits first, then a lie in the zip directory, blind byte damage last, so
    # each edit finds a file it can edit.
    for name in sorted(set(names) - set(ROW_MUTATIONS), key=_edit_order):
        data = mutations[name](data, rng)
    return data, "+".join(names)


# --- row mutations: on the cells, before the file is written -------------------------


def _hostile_text(rows: list[list], rng: random.Random) -> list[list]:
    row = rng.choice(rows)
    row[rng.randrange(len(row))] = rng.choice(HOSTILE_TEXTS)
    return rows


def _hostile_cell(rows: list[list], rng: random.Random) -> list[list]:
    """Typed values for .xlsx cells (in CSV they become their text)."""
    row = rng.choice(rows)
    row[rng.randrange(len(row))] = rng.choice(HOSTILE_CELLS)
    return rows


def _many_rows(rows: list[list], rng: random.Random) -> list[list]:
    count = rng.choice((4_999, 5_000, 5_001, 6_000))
    return [
        [rows[i % len(rows)][0], str(2000 + i % 40), *rows[i % len(rows)][2:]] for i in range(count)
    ]


def _blank_lines(rows: list[list], rng: random.Random) -> list[list]:
    blanks = [["digital-soc", "", "", "", ""]] * rng.choice((10, 9_990, 10_000, 12_000))
    return [*rows, *blanks, *rows] if rng.random() < 0.5 else [*blanks, *rows]


def _wide_row(rows: list[list], rng: random.Random) -> list[list]:
    rows[0] = rows[0] + ["메모"] * rng.choice((10, 45, 60, 300))
    return rows


ROW_MUTATIONS = {
    "hostile_text": _hostile_text,
    "hostile_cell": _hostile_cell,
    "many_rows": _many_rows,
    "blank_lines": _blank_lines,
    "wide_row": _wide_row,
}


def _csv(rows: list[list], rng: random.Random) -> bytes:
    lines = [",".join(HEADER)] + [",".join(_csv_cell(cell) for cell in row) for row in rows]
    text = "\r\n".join(lines)
    encoding = rng.choice(("utf-8-sig", "utf-8", "utf-8", "cp949"))
    return text.encode(encoding, errors="replace")


def _csv_cell(cell: object) -> str:
    text = str(cell)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if re.search(r'[",\r\n]', text) else text


@functools.lru_cache(maxsize=256)
def _xlsx(rows: tuple[tuple, ...]) -> bytes:
    """The rows as openpyxl writes them: numbers as numbers where they read as such.
    Cached: writing 12,000 rows takes a second, and the same long files recur."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def typed(cell):
        if isinstance(cell, str):
            if ILLEGAL_CHARACTERS_RE.search(cell):
                return ILLEGAL_CHARACTERS_RE.sub("?", cell)
            if re.fullmatch(r"\d{1,15}(\.\d+)?", cell):
                return float(cell) if "." in cell else int(cell)
        return cell

    return xlsx_bytes(*([typed(cell) for cell in row] for row in rows))


# --- byte mutations: on the written file -----------------------------------------------


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    return bytes(mutated)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    piece = rng.choice([b"\x00", b'"', b"\r", b"\n" * 3, b"\xff\xfe", b",,,,,", b"\xe2\x80"])
    return data[:at] + piece * rng.randint(1, 3) + data[at:]


def _long_field(data: bytes, rng: random.Random) -> bytes:
    field = '"' + "가" * rng.choice((1_000, 131_073, 300_000)) + '"'
    return data + ("\r\ndigital-soc,2024,1," + field + ",2025-01-01").encode()


def _oversize(data: bytes, rng: random.Random) -> bytes:
    return data + b"\r\n" + b"#" * (2 * 1024 * 1024 - len(data) + rng.choice((-10, 0, 10)))


def _utf16(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8-sig", errors="replace").encode("utf-16")


BLIND = {"flip_bytes", "truncate", "insert_bytes"}
LONG = {"many_rows", "blank_lines"}


def _edit_order(name: str) -> tuple[bool, bool]:
    return name in BLIND, name == "central_lie"


CSV_MUTATIONS: dict[str, Callable] = {
    **ROW_MUTATIONS,
    "flip_bytes": _flip_bytes,
    "truncate": _truncate,
    "insert_bytes": _insert_bytes,
    "long_field": _long_field,
    "oversize": _oversize,
    "utf16": _utf16,
}


# --- sheet XML and zip archive mutations ------------------------------------------------


def _declared_dimension(data: bytes, rng: random.Random) -> bytes:
    ref = rng.choice(("A1:XFD20000", "A1:XFD1048576", "A1:E3", "A1", "ZZZ", "A1:A0", "B2:A1"))
    return with_dimension(data, ref)


def _far_row(data: bytes, rng: random.Random) -> bytes:
    row = rng.choice((6_000, 10_001, 20_000, 1_048_576, 10**9, 0, -3))
    column = rng.choice(("A", "C", "XFD"))
    return with_rows(data, f'<row r="{row}">{text_cell(f"{column}{abs(row)}", "x")}</row>')


def _raw_cell(data: bytes, rng: random.Random) -> bytes:
    """A cell written by hand: text where a number goes, impossible numbers, bad types."""
    column = rng.choice("ABCDE")
    value = rng.choice(("abc", "1E999", "-1E999", "NaN", "9" * 5000, "1E10", "", "0x10"))
    cell_type = rng.choice(("n", "n", "s", "b", "d", "e", "str", "bogus"))
    style = rng.choice(("", ' s="1"', ' s="99"'))
    cell = f'<c r="{column}2" t="{cell_type}"{style}><v>{value}</v></c>'
    pattern = re.compile(rf'<c r="{column}2"[^>]*?(/>|>.*?</c>)')
    return sheet_edited(data, lambda xml: pattern.sub(cell, xml, count=1))


def _broken_xml(data: bytes, rng: random.Random) -> bytes:
    def damage(xml: str) -> str:
        at = rng.randrange(len(xml))
        return xml[:at] + rng.choice(("", "<", "&", "</row>", "<row>", "]]>", "&#0;")) + xml[at:]

    return sheet_edited(data, damage)


def _entity_bomb(data: bytes, rng: random.Random) -> bytes:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    doctype = f"<!DOCTYPE worksheet [{entities}]>"

    def bomb(xml: str) -> str:
        xml = re.sub(r"^<\?xml[^>]*\?>", "", xml)
        return doctype + xml.replace("<t>목표</t>", "<t>&i;</t>", 1)

    return sheet_edited(data, bomb)


def _member_dropped(data: bytes, rng: random.Random) -> bytes:
    members = zip_members(data)
    del members[rng.randrange(len(members))]
    return zip_bytes(members)


def _member_doubled(data: bytes, rng: random.Random) -> bytes:
    members = zip_members(data)
    return zip_bytes([*members, rng.choice(members)])


def _members_added(data: bytes, rng: random.Random) -> bytes:
    extra = [(f"extra/{i}.xml", b"<x/>") for i in range(rng.choice((5, 190, 250)))]
    return zip_bytes(zip_members(data) + extra)


def _packed_bomb(data: bytes, rng: random.Random) -> bytes:
    size = rng.choice((100_000, 1_000_000, 30_000_000))
    members = [(name, content) for name, content in zip_members(data) if name != SHEET]
    return zip_bytes([*members, (SHEET, b" " * size)])


def _central_lie(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice([name for name, _content in zip_members(data)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
        offsets = [member.header_offset for member in archive.infolist()]
    field = rng.choice(("file_size", "compress_size", "header_offset", "flags"))
    value = {
        "file_size": rng.choice((0, 1, info.file_size // 2, info.file_size + 1, 2**31)),
        "compress_size": rng.choice((0, 1, info.compress_size + 100, 2**31)),
        "header_offset": rng.choice([*offsets, info.header_offset + 7, len(data) + 100]),
        "flags": rng.choice((0x1, 0x8, 0x800, 0xFFFF)),
    }[field]
    return central_patched(data, name, **{field: value})


def _stored(data: bytes, rng: random.Random) -> bytes:
    return zip_bytes(zip_members(data), zipfile.ZIP_STORED)


XLSX_MUTATIONS: dict[str, Callable] = {
    **ROW_MUTATIONS,
    "flip_bytes": _flip_bytes,
    "truncate": _truncate,
    "declared_dimension": _declared_dimension,
    "far_row": _far_row,
    "raw_cell": _raw_cell,
    "broken_xml": _broken_xml,
    "entity_bomb": _entity_bomb,
    "member_dropped": _member_dropped,
    "member_doubled": _member_doubled,
    "members_added": _members_added,
    "packed_bomb": _packed_bomb,
    "central_lie": _central_lie,
    "stored": _stored,
}
