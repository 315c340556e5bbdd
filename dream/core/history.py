"""What changed, read from django-simple-history records, for the "변경 이력" of a page.

One reader for every page that shows its history to staff (a goal's actuals, a district,
a link): each record is compared with the record before it of the same row, and the
fields that differ are named by their Korean verbose_name, old → new. A deleted row's
last values stay readable, so a deletion can be undone by entering them again.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

ACTIONS = {"+": "추가", "~": "변경", "-": "삭제"}
EMPTY = "(없음)"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One step of a row's history as a person reads it."""

    when: datetime
    who: str
    action: str  # 추가 · 변경 · 삭제
    subject: str  # what the row is: "2024년 실적", "지구 정보"
    changes: list[FieldChange]
    reason: str


def history_entries(
    records: Iterable,
    *,
    fields: Sequence[str],
    subject: Callable[[object], str] = lambda record: "",
    reasons: dict[str, str] | None = None,
    formats: dict[str, Callable[[object], str]] | None = None,
) -> list[HistoryEntry]:
    """The history records of one model (any order, `history_user` best fetched with them)
    as entries, newest first. Only `fields` are compared and shown; a step that changed
    none of them (a stage move on a district's details) is still listed with its reason.
    `reasons` turns stored audit verbs ("district.registered") into Korean; `formats`
    shows a field's value its own way (a figure with its unit)."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    if not records:
        return []
    model = records[0].instance_type
    shown = [model._meta.get_field(name) for name in fields]
    labels = _foreign_labels(records, shown)
    formats = formats or {}

    def text(field, record) -> str:
        value = getattr(record, field.attname)
        if field.name in formats and value not in (None, ""):
            return formats[field.name](value)
        return _shown(field, value, labels)

    previous: dict[object, object] = {}
    entries = []
    for record in records:
        key = getattr(record, model._meta.pk.attname)
        before = previous.get(key)
        previous[key] = record
        changes = []
        for field in shown:
            new = text(field, record)
            old = "" if record.history_type == "+" or before is None else text(field, before)
            if record.history_type == "-":
                old, new = new, ""
            if old != new:
                changes.append(FieldChange(str(field.verbose_name), old or EMPTY, new or EMPTY))
        reason = record.history_change_reason or ""
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record.history_user),
                action=ACTIONS.get(record.history_type, record.history_type),
                subject=subject(record),
                changes=changes,
                reason=(reasons or {}).get(reason, reason),
            )
        )
    entries.reverse()
    return entries


def merged(*histories: list[HistoryEntry]) -> list[HistoryEntry]:
    """Several rows' histories (a district and its figures) as one list, newest first."""
    return sorted((e for h in histories for e in h), key=lambda e: e.when, reverse=True)


def _who(user) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def _foreign_labels(records: list, fields) -> dict[tuple, str]:
    """The names of the rows foreign keys point at, one query per related model."""
    labels = {}
    for field in fields:
        if not field.is_relation:
            continue
        ids = {getattr(r, field.attname) for r in records} - {None}
        for related in field.related_model._default_manager.filter(pk__in=ids):
            labels[(field.name, related.pk)] = str(related)
    return labels


def _shown(field, value, labels: dict[tuple, str]) -> str:
    if value is None or value == "":
        return ""
    if field.is_relation:
        return labels.get((field.name, value), f"#{value} (삭제됨)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)
