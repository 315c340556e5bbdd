"""simple-history's admin screens in Korean (config/locale/ko, as django-simple-history ships
no Korean): every string its templates and admin use has a translation, the committed .mo
says what the .po says, and a superuser reads the history pages without English words."""

import ast
import gettext
import re
from pathlib import Path

import pytest
import simple_history
from django.urls import reverse

from dream.plans.models import Plan

LOCALE = Path(__file__).resolve().parent.parent / "config" / "locale" / "ko" / "LC_MESSAGES"
SIMPLE_HISTORY = Path(simple_history.__file__).resolve().parent


def po_entries() -> dict[str | tuple[str, str], str]:
    """msgid (or (msgid, msgid_plural)) → msgstr (msgstr[0]) of django.po; header left out."""
    entries, current, key = {}, {}, None
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    for line in [*text.splitlines(), ""]:
        field = re.match(r'(msgid_plural|msgid|msgstr(?:\[0\])?) "(.*)"$', line)
        if field:
            key = field[1]
            current[key] = _unquote(field[2])
        elif line.startswith('"') and key:
            current[key] += _unquote(line[1:-1])
        elif not line.strip() and current:
            if current.get("msgid"):
                msgid = current["msgid"]
                if "msgid_plural" in current:
                    msgid = (msgid, current["msgid_plural"])
                entries[msgid] = current.get("msgstr", current.get("msgstr[0]"))
            current, key = {}, None
    return entries


def _unquote(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n")


def simple_history_messages() -> set[str]:
    """The strings django-simple-history asks to translate, read from its source."""
    found = set()
    for template in (SIMPLE_HISTORY / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        quoted = re.findall(r"""{% (?:trans|translate) (?:'([^']*)'|"([^"]*)")""", source)
        found |= {single or double for single, double in quoted}
        for block in re.findall(r"{% blocktrans(?:late)?[^%]*%}(.*?){% end", source, re.S):
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", block.split("{% plural %}")[0]))
    for module in ("admin.py", "models.py"):
        tree = ast.parse((SIMPLE_HISTORY / module).read_text(encoding="utf-8"))
        found |= {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        }
    return found


def test_every_string_of_simple_history_has_a_korean_translation():
    entries = po_entries()
    translated = {key if isinstance(key, str) else key[0] for key in entries}

    messages = simple_history_messages()
    assert {"Revert", "Change history: %s", "View %(verbose_name)s", "entry"} <= messages
    assert sorted(messages - translated) == []
    assert all(re.search(r"[가-힣]", text) for text in entries.values())


def test_the_committed_mo_says_what_the_po_says():
    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)

    entries = po_entries()
    for msgid, msgstr in entries.items():
        if isinstance(msgid, tuple):
            assert catalog.ngettext(*msgid, 2) == msgstr, msgid
        else:
            assert catalog.gettext(msgid) == msgstr, msgid
    assert len(catalog._catalog) - 1 == len(entries)  # the header is an entry of the .mo


ENGLISH = [
    "Change history",
    "Choose a date",
    "Date/time",
    "Comment",
    "Changed by",
    "Change reason",
    "Changes",
    "entries",
    "Revert",
    "Press the",
    "History",
    "Created",
    "Changed",
    "Close",
]


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("h3admin", password="x-long-password")
    client.force_login(user)
    return client


@pytest.mark.usefixtures("plan_2024")
def test_a_plans_history_in_the_admin_is_in_korean(superuser_client, db):
    plan = Plan.objects.order_by("pk").first()

    response = superuser_client.get(reverse("admin:plans_plan_history", args=[plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "변경 이력:" in html
    for korean in ["일시", "구분", "변경한 사람", "변경 사유", "바뀐 내용", "추가", "건"]:
        assert f">{korean}<" in html or f"{korean}" in html, korean
    visible = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
    assert [word for word in ENGLISH if word in visible] == []


@pytest.mark.usefixtures("plan_2024")
def test_a_version_of_a_plan_in_the_admin_is_in_korean(superuser_client, db):
    plan = Plan.objects.order_by("pk").first()
    version = plan.history.earliest()

    response = superuser_client.get(
        reverse("admin:plans_plan_simple_history", args=[plan.pk, version.history_id])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "이 버전으로 되돌리기" in html
    assert "변경 이력" in html
    visible = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
    assert [word for word in ENGLISH if word in visible] == []
