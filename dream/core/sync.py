"""Bringing stored rows in line with what a document says, with history.

Imports compare the records a reader produced with what is stored, keyed by each record's
natural position, and write only differences: a second import of the same file changes
nothing, a corrected file changes just the corrected rows, and every change is attributed
to the importing user in django-simple-history.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.deletion import Collector, ProtectedError
from simple_history.utils import bulk_create_with_history

from dream.core.korean import particle

SHOWN_HELD = 5


def held_described(held: list[tuple[models.Model, models.Model]]) -> str:
    """"성과지표 'X' ← 성과지표 실적 'Y', …" for a refusal message, the first few and a count."""
    shown = ", ".join(
        f"{row._meta.verbose_name} '{row}' ← {holder._meta.verbose_name} '{holder}'"
        for row, holder in held[:SHOWN_HELD]
    )
    more = f" 외 {len(held) - SHOWN_HELD:,}건" if len(held) > SHOWN_HELD else ""
    return shown + more

# The ranges PostgreSQL enforces; checked on SQLite too (which stores any size), so that a
# document imports on both databases or on neither.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


class ChangeCounts(Protocol):
    created: int
    updated: int
    deleted: int


class UnfitValue(ValueError):
    """A wanted value its column cannot hold (too long, too large, a NUL character)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


class RecordSync:
    """Brings one model's rows at a time in line with the wanted ones, recording history.

    Every value about to be written is first checked against its column, and one that does
    not fit is refused with `refusal(message, source line)` (the importer's own refusal),
    before the database can fail on it halfway through a document.
    """

    def __init__(
        self,
        actor,
        reason: str,
        counts: ChangeCounts,
        *,
        refusal: Callable[[str, int | None], Exception] = UnfitValue,
    ):
        self.actor, self.reason, self.counts = actor, reason, counts
        self.refusal = refusal
        self.stale: list[models.Model] = []

    def apply(
        self,
        model: type[models.Model],
        existing: dict[Any, models.Model],
        wanted: dict[Any, dict[str, Any]],
    ) -> dict[Any, models.Model]:
        """Create, update and (later, with delete_stale) delete so that `existing` becomes
        `wanted`; both keyed alike. Returns the rows by key."""
        rows: dict[Any, models.Model] = {}
        new_keys, new_rows = [], []
        for key, values in wanted.items():
            row = existing.get(key)
            if row is None:
                self._check_fit(model, values, values)
                new_keys.append(key)
                new_rows.append(model(**values))
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed:
                self._check_fit(model, {name: values[name] for name in changed}, values)
                for name in changed:
                    setattr(row, name, values[name])
                self._attribute(row)
                row.save()
                self.counts.updated += 1
            rows[key] = row
        created = bulk_create_with_history(
            new_rows, model, default_user=self.actor, default_change_reason=self.reason
        )
        rows.update(zip(new_keys, created, strict=True))
        self.counts.created += len(created)
        self.stale.extend(row for key, row in existing.items() if key not in wanted)
        return rows

    def stale_held(self) -> list[tuple[models.Model, models.Model]]:
        """(stale row, record that keeps it) for each record people entered against a row the
        source no longer has (PROTECT, e.g. an indicator's actual): callers refuse the whole
        change, naming them, before the database refuses halfway."""
        held = []
        for row in self.stale:
            try:
                Collector(using=row._state.db or "default").collect([row])
            except ProtectedError as error:
                held.extend((row, holder) for holder in error.protected_objects)
        return held

    def delete_stale(self) -> None:
        """Delete rows the document no longer has, children first so each has its history."""
        for row in reversed(self.stale):
            self._attribute(row)
            row.delete()
            self.counts.deleted += 1

    def _check_fit(self, model: type[models.Model], values: dict, row: dict) -> None:
        for name, value in values.items():
            field = model._meta.get_field(name)
            problem = _unfit(field, value)
            if problem:
                shown = str(value) if len(str(value)) <= 30 else f"{str(value)[:30]}…"
                raise self.refusal(
                    f"{model._meta.verbose_name}의 '{field.verbose_name}' 값 '{shown}'{particle(shown, '은')} "
                    f"저장할 수 없습니다: {problem}",
                    row.get("source_line"),
                )

    def _attribute(self, row: models.Model) -> None:
        row._history_user = self.actor
        row._change_reason = self.reason


def _unfit(field: models.Field, value: Any) -> str:
    """Why the column of `field` cannot hold `value`, in Korean; "" when it can."""
    if value is None or field.is_relation:
        return ""
    if isinstance(value, str):
        if "\x00" in value:
            return "NUL 문자가 들어 있습니다"
        if field.max_length is not None and len(value) > field.max_length:
            return f"{len(value)}자로, {field.max_length}자를 넘습니다"
        return ""
    limits = INTEGER_RANGES.get(field.get_internal_type())
    if limits is not None and not limits[0] <= value <= limits[1]:
        return f"{limits[0]}~{limits[1]} 범위를 벗어납니다"
    if isinstance(field, models.DecimalField):
        value = Decimal(value)
        if not value.is_finite():
            return "숫자가 아닙니다"
        whole = field.max_digits - field.decimal_places
        if value.adjusted() >= whole:
            return f"정수 부분이 {whole}자리를 넘습니다"
        if value != round(value, field.decimal_places):
            return f"소수점 아래가 {field.decimal_places}자리를 넘습니다"
    return ""
