"""Bringing stored rows in line with what a document says, with history.

Imports compare the records a reader produced with what is stored, keyed by each record's
natural position, and write only differences: a second import of the same file changes
nothing, a corrected file changes just the corrected rows, and every change is attributed
to the importing user in django-simple-history.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db import models
from simple_history.utils import bulk_create_with_history


class ChangeCounts(Protocol):
    created: int
    updated: int
    deleted: int


class RecordSync:
    """Brings one model's rows at a time in line with the wanted ones, recording history."""

    def __init__(self, actor, reason: str, counts: ChangeCounts):
        self.actor, self.reason, self.counts = actor, reason, counts
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
                new_keys.append(key)
                new_rows.append(model(**values))
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed:
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

    def delete_stale(self) -> None:
        """Delete rows the document no longer has, children first so each has its history."""
        for row in reversed(self.stale):
            self._attribute(row)
            row.delete()
            self.counts.deleted += 1

    def _attribute(self, row: models.Model) -> None:
        row._history_user = self.actor
        row._change_reason = self.reason
