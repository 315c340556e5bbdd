"""Seeded mutations of the two bundled documents, each imported as `dream import-plan` does.

A case takes one of the bundled documents, damages it around a random place (lines
deleted, duplicated, swapped or cut off; numbers made huge, textual or mis-punctuated;
years made implausible; control characters and flipped bytes), writes the bytes to a
file and gives that file to `document_import`, the service behind the command. The
database must already hold both real documents, so a mutation is a change against real
data. Each case runs in a transaction rolled back afterwards and is classified:

- accepted: the import went through (a damaged but well-formed document may);
- refused: PlanFormatError, the importer's documented refusal, with a Korean message;
- crash: any other exception (the first tracebacks are kept);
- partial_write: refused, but the database fingerprint changed.
"""

from __future__ import annotations

import random
import re
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from dream.core.fingerprint import database_fingerprint
from dream.ingest.document import PlanFormatError
from dream.ingest.services import document_import

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
DOCUMENTS = {
    "implementation_plan": SEEDS / "2024-implementation-plan.txt",
    "digital_plan": SEEDS / "2023-digital-plan.txt",
}
KEPT_TRACEBACKS = 5
NUMBER = re.compile(r"\d[\d,.]*")
YEAR = re.compile(r"\d{2,4}년")
HANGUL = re.compile(r"[가-힣]")
CONTROL_CHARACTERS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85"

Mutation = Callable[[list[str], random.Random], list[str]]


def document_fuzz(n: int, seed: int, *, documents: tuple[str, ...] = tuple(DOCUMENTS)) -> dict:
    """Run `n` mutated documents (alternating between `documents`); return the counts."""
    rng = random.Random(seed)
    originals = {name: DOCUMENTS[name].read_text(encoding="utf-8") for name in documents}
    lines = {name: text.splitlines(keepends=True) for name, text in originals.items()}
    fingerprint = database_fingerprint()
    counts: Counter[str] = Counter()
    by_mutation: Counter[tuple[str, str]] = Counter()
    tracebacks: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dream-fuzz-") as directory:
        for case in range(n):
            name = documents[case % len(documents)]
            data, label = mutate(lines[name], rng)
            path = Path(directory) / f"{name}-{case}.txt"
            path.write_bytes(data)
            outcome, detail = import_case(path, fingerprint)
            path.unlink()
            counts[outcome] += 1
            by_mutation[(label, outcome)] += 1
            if detail and len(tracebacks) < KEPT_TRACEBACKS:
                tracebacks.append(f"case {case} ({name}, {label}):\n{detail}")
    return {
        "documents": n,
        "accepted": counts["accepted"],
        "refused": counts["refused"],
        "crashes": counts["crash"],
        "partial_writes": counts["partial_write"],
        "by_mutation": dict(sorted(by_mutation.items())),
        "tracebacks": tracebacks,
    }


def import_case(path: Path, fingerprint: str) -> tuple[str, str]:
    """Import one file and roll it back; the outcome and, for a failure, what happened."""
    try:
        with transaction.atomic():
            try:
                document_import(path=path)
            except PlanFormatError as exc:
                changed = database_fingerprint() != fingerprint
                if changed:
                    outcome, detail = "partial_write", f"refused but wrote: {exc}"
                elif not HANGUL.search(str(exc)):
                    outcome, detail = "crash", f"refusal without a Korean message: {exc}"
                else:
                    outcome, detail = "refused", ""
            else:
                outcome, detail = "accepted", ""
            transaction.set_rollback(True)
    except Exception:
        return "crash", traceback.format_exc()
    return outcome, detail


def mutate(lines: list[str], rng: random.Random) -> tuple[bytes, str]:
    """One to three mutations near one random place; byte flips act on the encoded file."""
    kinds = [rng.choice(list(MUTATIONS)) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    mutated = list(lines)
    for kind in kinds:
        if kind != "byte_flip":
            mutated = MUTATIONS[kind](mutated, rng)
    data = "".join(mutated).encode("utf-8")
    if "byte_flip" in kinds:
        data = _flip_bytes(data, rng)
    return data, "+".join(sorted(set(kinds)))


def _pick(lines: list[str], rng: random.Random, pattern: re.Pattern[str] | None = None) -> int:
    """A random line index; one that matches `pattern` when the document has such lines."""
    if pattern is not None:
        for _ in range(50):
            index = rng.randrange(len(lines))
            if pattern.search(lines[index]):
                return index
    return rng.randrange(len(lines))


def _delete_lines(lines: list[str], rng: random.Random) -> list[str]:
    start = _pick(lines, rng)
    return lines[:start] + lines[start + rng.randint(1, 5) :]


def _duplicate_lines(lines: list[str], rng: random.Random) -> list[str]:
    start = _pick(lines, rng)
    block = lines[start : start + rng.randint(1, 5)]
    return lines[:start] + block + lines[start:]


def _swap_lines(lines: list[str], rng: random.Random) -> list[str]:
    first = _pick(lines, rng)
    second = min(len(lines) - 1, first + rng.randint(1, 10))
    swapped = list(lines)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    return swapped


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    index = _pick(lines, rng)
    return lines[:index] + [lines[index][: rng.randrange(len(lines[index]) + 1)]]


def _replace_number(lines: list[str], rng: random.Random, replace: Callable[[str], str]):
    index = _pick(lines, rng, NUMBER)
    line = lines[index]
    matches = list(NUMBER.finditer(line))
    if not matches:
        return lines
    match = rng.choice(matches)
    changed = list(lines)
    changed[index] = line[: match.start()] + replace(match.group()) + line[match.end() :]
    return changed


def _huge_number(lines: list[str], rng: random.Random) -> list[str]:
    digits = rng.choice((6, 12, 20, 25, 40, 400, 5_000))
    extra = "".join(rng.choice("0123456789") for _ in range(digits))
    return _replace_number(lines, rng, lambda number: rng.choice("123456789") + extra + number)


def _number_to_text(lines: list[str], rng: random.Random) -> list[str]:
    text = rng.choice(("일백", "N/A", "약 3", "x", "1e999", "NaN", "Infinity", "²", "٣", "-0"))
    return _replace_number(lines, rng, lambda number: text)


def _swap_separators(lines: list[str], rng: random.Random) -> list[str]:
    return _replace_number(lines, rng, lambda number: number.translate(str.maketrans(",.", ".,")))


def _change_year(lines: list[str], rng: random.Random) -> list[str]:
    index = _pick(lines, rng, YEAR)
    year = rng.choice(("0000년", "20245년", "9999년", "1899년", "00년", "99년", "2024년"))
    changed = list(lines)
    changed[index] = YEAR.sub(year, lines[index], count=1)
    return changed


def _control_characters(lines: list[str], rng: random.Random) -> list[str]:
    index = _pick(lines, rng)
    line = lines[index]
    at = rng.randrange(len(line) + 1)
    changed = list(lines)
    changed[index] = line[:at] + rng.choice(CONTROL_CHARACTERS) + line[at:]
    return changed


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    flipped = bytearray(data)
    start = rng.randrange(len(flipped))
    for _ in range(rng.randint(1, 4)):
        position = min(len(flipped) - 1, start + rng.randrange(200))
        flipped[position] ^= 1 << rng.randrange(8)
    return bytes(flipped)


MUTATIONS: dict[str, Mutation | None] = {
    "delete_lines": _delete_lines,
    "duplicate_lines": _duplicate_lines,
    "swap_lines": _swap_lines,
    "truncate": _truncate,
    "huge_number": _huge_number,
    "number_to_text": _number_to_text,
    "swap_separators": _swap_separators,
    "change_year": _change_year,
    "control_characters": _control_characters,
    "byte_flip": None,  # applied to the encoded bytes, see mutate()
}
