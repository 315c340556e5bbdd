"""The shape of a data-package table (docs/opendata.md): its columns with their types and
Korean titles, its keys and the query it is read from. Apps declare their public tables with
these in their own module and `services.RESOURCES` gathers them in package order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

# Rows read from the database at a time: a table is streamed, so memory does not grow with it.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date, datetime
    title: str  # Korean label
    required: bool = False
    source: str = ""  # ORM lookup; default: the column's name

    @property
    def lookup(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[tuple[str, str, str]]  # (column, resource, column)
    queryset: Callable[[], QuerySet]
    rows: Callable[[Resource], Iterable[tuple]] | None = field(default=None)

    def read(self) -> Iterable[tuple]:
        if self.rows:
            return self.rows(self)
        lookups = (c.lookup for c in self.columns)
        return self.queryset().values_list(*lookups).iterator(chunk_size=CHUNK_SIZE)


def column(name: str, type_: str, title: str, required: bool = False, source: str = "") -> Column:
    return Column(name, type_, title, required, source)
