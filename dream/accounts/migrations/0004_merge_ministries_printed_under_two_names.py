"""One record per ministry: 과기부 merges into 과기정통부, 농림부 into 농식품부.

Before, each printed short name was its own organization. Every row that refers to the
other-name record moves to the one record; a task link keeps the name the document
printed (`printed_name`), and the other name stays as an OrganizationAlias. Each change
is written to the models' history with the reason below. Not reversible: the split back
could not tell which rows belonged to which name beyond `printed_name`.
"""

from django.db import migrations
from django.utils import timezone

# Frozen here: a migration must not follow later edits of dream/accounts/registry.py.
ALIASES = {"과기부": "과기정통부", "농림부": "농식품부"}
FULL_NAMES = {"과기정통부": "과학기술정보통신부", "농식품부": "농림축산식품부"}
REASON = "같은 기관의 다른 약칭을 한 기록으로 합침"
MINISTRY = "ministry"
ROLE_RANK = {"viewer": 0, "editor": 1, "manager": 2}
TASK_LINKS = (("plans", "TaskMinistry"), ("digital", "DigitalTaskMinistry"))


class History:
    """Writes history rows as simple-history would, for the frozen models of a migration."""

    def __init__(self, apps):
        self.apps, self.when = apps, timezone.now()

    def record(self, row, history_type: str) -> None:
        meta = row._meta
        historical = self.apps.get_model(meta.app_label, f"Historical{meta.object_name}")
        values = {
            field.attname: getattr(row, field.attname)
            for field in historical._meta.fields
            if not field.name.startswith("history_")
        }
        historical.objects.create(
            **values,
            history_date=self.when,
            history_type=history_type,
            history_change_reason=REASON,
        )

    def save(self, row) -> None:
        row.save()
        self.record(row, "~")

    def delete(self, row) -> None:
        self.record(row, "-")
        row.delete()


def _keep_printed_names(apps, history: History, **ministry) -> None:
    """Links made before this migration were matched on the exact short name, so the
    ministry's short name (before it is renamed here) is what the document printed."""
    for app_label, model_name in TASK_LINKS:
        model = apps.get_model(app_label, model_name)
        links = model.objects.filter(printed_name="", ministry__kind=MINISTRY, **ministry)
        for link in links.select_related("ministry"):
            link.printed_name = link.ministry.short_name
            history.save(link)


def _move_task_link(link, alias, canonical, field: str, history: History) -> None:
    """The link keeps the name printed (the other name); a task naming both names keeps
    one link with both printed names."""
    model = type(link)
    link.printed_name = link.printed_name or alias.short_name
    twin = model.objects.filter(task_id=link.task_id, **{field: canonical}).first()
    if twin is None:
        setattr(link, field, canonical)
        history.save(link)
        return
    printed = (twin.printed_name or canonical.short_name).split(", ")
    if link.printed_name not in printed:
        twin.printed_name = ", ".join([*printed, link.printed_name])
        history.save(twin)
    history.delete(link)


def _move_membership(membership, alias, canonical, field: str, history: History) -> None:
    """A user in both records keeps one membership with the higher role."""
    model = type(membership)
    twin = model.objects.filter(user_id=membership.user_id, **{field: canonical}).first()
    if twin is None:
        setattr(membership, field, canonical)
        history.save(membership)
        return
    if ROLE_RANK.get(membership.role, 0) > ROLE_RANK.get(twin.role, 0):
        twin.role = membership.role
        history.save(twin)
    history.delete(membership)


def _move(row, alias, canonical, field: str, history: History) -> None:
    model = type(row)
    if (model._meta.app_label, model.__name__) in TASK_LINKS:
        _move_task_link(row, alias, canonical, field, history)
    elif model.__name__ == "Membership":
        _move_membership(row, alias, canonical, field, history)
    elif model.__name__ == "Plan" and model.objects.filter(
        year=row.year, level=row.level, **{field: canonical}
    ).exists():
        raise RuntimeError(
            f"{row.year}년 {row.level} 시행계획이 '{canonical.short_name}'에도 있어 합칠 수 "
            "없습니다. 한쪽을 정리한 뒤 다시 실행하세요."
        )
    else:
        setattr(row, field, canonical)
        history.save(row)


def _merge(apps, alias, canonical, history: History) -> None:
    """Move every row that refers to `alias` to `canonical`, then drop `alias`."""
    Organization = apps.get_model("accounts", "Organization")
    for relation in Organization._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        field = relation.field.name
        for row in relation.related_model.objects.filter(**{field: alias}).order_by("pk"):
            _move(row, alias, canonical, field, history)
    history.delete(alias)


def merge_other_names(apps, schema_editor):
    Organization = apps.get_model("accounts", "Organization")
    OrganizationAlias = apps.get_model("accounts", "OrganizationAlias")
    history = History(apps)
    for name, short in ALIASES.items():
        ministries = Organization.objects.filter(kind=MINISTRY)
        alias = ministries.filter(short_name=name).first()
        canonical = ministries.filter(short_name=short).first()
        if alias is not None and canonical is None:
            _keep_printed_names(apps, history, ministry=alias)
            alias.short_name, alias.full_name = short, alias.full_name or FULL_NAMES[short]
            history.save(alias)
            canonical = alias
        elif alias is not None:
            _merge(apps, alias, canonical, history)
        if canonical is not None and not OrganizationAlias.objects.filter(name=name).exists():
            history.record(
                OrganizationAlias.objects.create(organization=canonical, name=name), "+"
            )
    _keep_printed_names(apps, history)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organization_alias"),
        ("plans", "0003_taskministry_printed_name"),
        ("digital", "0003_digitaltaskministry_printed_name"),
        ("districts", "0001_innovation_districts"),
    ]

    operations = [migrations.RunPython(merge_other_names, migrations.RunPython.noop)]
