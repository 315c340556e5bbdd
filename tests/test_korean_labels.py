"""No English label on a public page.

The crawler starts at the home page and the pages of the navigation, follows every
internal link (a few query-string variants per path), and reads what a visitor sees or
hears: text, the <title>, table headers, and the title, aria-label, placeholder and alt
attributes. A label with Latin letters and no Hangul fails unless every word of it is on
ALLOWED (abbreviations Korean officials write in Latin letters, units, file formats).

Data values are not labels and are left out: codes in <code> (finding codes, column names
of the open data), and what an element marks as quoted (`data-verbatim`, `translate="no"`).
Table cells are checked: a Latin-only data value there needs such a mark or ALLOWED.
"""

import re
from collections import deque
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from dream.accounts.models import User
from dream.digital.models import DigitalGoal
from dream.links.services import link_proposals_refresh
from dream.tracking.services import goal_value_record

# Latin words a Korean reader expects in Latin letters.
ALLOWED = {
    *"DREAM CSV XLSX Excel JSON API UTF BOM ZIP PDF URL".split(),  # the system, file formats
    *"DX AI ICT SW R D IT ESG K RE".split(),  # abbreviations the plans print (R&D, K-, RE100)
    *"km kg kW MW GW kWh MWh GWh TWh p m ha t CO".split(),  # units (%p, CO₂)
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
CHECKED_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
DATA_ELEMENTS = {"code", "kbd", "samp", "pre", "script", "style", "template", "textarea"}
VOID_ELEMENTS = set("area base br col embed hr img input link meta source track wbr".split())

SEEDS = [
    "/",
    "/map/",
    "/compare/",
    "/sectoral/",
    "/findings/",
    "/downloads/",
    "/search/?q=디지털",
    "/search/?q=탄소중립",
    "/digital/",
    "/digital/links/",
    "/digital/goals/",
    "/digital/districts/",
    "/cycles/",
    "/cycles/2024/",
    "/cycles/2024/부산/",
    "/accounts/login/",
    "/no-such-page/",  # the 404 page
]
SKIPPED_PREFIXES = ("/admin/", "/static/", "/accounts/logout/")
MAX_PAGES = 400
# Pages of one shape look alike: a few of each (query strings of a path, /lines/6707/…).
PAGES_PER_SHAPE = 4


def is_english_label(text: str) -> bool:
    """Latin letters, no Hangul, and a word that is not on the allow-list."""
    if HANGUL.search(text):
        return False
    return any(word not in ALLOWED for word in LATIN_WORD.findall(text))


class LabelReader(HTMLParser):
    """Collects the labels of one page: (where, text) pairs, and its internal links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, holds a data value)
        self.labels: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in CHECKED_ATTRIBUTES:
            if attributes.get(name):
                self.labels.append((f"<{tag} {name}>", attributes[name]))
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.labels.append(("<input value>", attributes.get("value") or ""))
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag not in VOID_ELEMENTS:
            quoted = "data-verbatim" in attributes or attributes.get("translate") == "no"
            self.stack.append((tag, quoted or tag in DATA_ELEMENTS))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag):
        """Close `tag` and whatever was left open inside it."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text or any(data for _tag, data in self.stack):
            return
        tags = [tag for tag, _data in self.stack]
        where = next((tag for tag in reversed(tags) if tag in ("th", "title", "option")), "text")
        self.labels.append((where, text))


def internal(href: str) -> str | None:
    """The crawlable form of a link on the site, or None for anything else."""
    url, _fragment = urldefrag(href)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or "_export=" in parts.query:
        return None
    if parts.path.endswith((".zip", ".csv", ".xlsx", ".json")):
        return None
    return url


def shape_of(url: str) -> str:
    """/sources/2024-plan/lines/6707/ → /sources/#-plan/lines/#/; a path with a query → path?"""
    parts = urlsplit(url)
    return re.sub(r"\d+", "#", parts.path) + ("?" if parts.query else "")


def crawl(client) -> tuple[dict[str, list[tuple[str, str]]], int]:
    """English labels by page, and the number of pages read."""
    queue = deque(SEEDS)
    seen = set(SEEDS)
    shapes: dict[str, int] = {}
    found: dict[str, list[tuple[str, str]]] = {}
    pages = 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code not in (200, 404) or "text/html" not in response["Content-Type"]:
            continue
        pages += 1
        reader = LabelReader()
        reader.feed(response.content.decode())
        english = [(where, text) for where, text in reader.labels if is_english_label(text)]
        if english:
            found[url] = english
        for href in reader.links:
            link = internal(href)
            if link is None or link in seen:
                continue
            shape = shape_of(link)
            if shapes.get(shape, 0) >= PAGES_PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(link)
            queue.append(link)
    return found, pages


@pytest.fixture
def sample_site(plan_2024, digital_plan_2023, db, register_district):
    """Both plans, link proposals, an actual of a goal and a district: every kind of public
    page has data."""
    actor = User.objects.create_superuser("위원회담당", password="-")
    link_proposals_refresh(year=2024, actor=actor)
    goal = DigitalGoal.objects.get(key="digital-economy-output")
    goal_value_record(
        actor=actor,
        goal=goal,
        year=2023,
        value="15.2",
        source="통계청",
        observed_on=date(2024, 5, 1),
    )
    register_district("부산", actor=actor, name="부산 센텀 디지털 혁신지구")


def test_the_labels_reader_keeps_labels_and_leaves_data_out():
    reader = LabelReader()
    reader.feed(
        '<title>Findings</title><h1>검토 사항</h1><button aria-label="Close">×</button>'
        "<table><tr><th>Code</th><td>None</td><td><span data-verbatim>K-ICT</span></td></tr>"
        '</table><p><code>budget.sum</code> <span translate="no">Frictionless</span> 표준</p>'
        '<input type="submit" value="Search"><select><option>All</option></select>'
    )

    assert [text for _where, text in reader.labels if is_english_label(text)] == [
        "Findings",
        "Close",
        "Code",
        "None",
        "Search",
        "All",
    ]


def test_allowed_abbreviations_and_units_are_not_english_labels():
    assert not is_english_label("DREAM")
    assert not is_english_label("CSV · XLSX")
    assert not is_english_label("3.2 km")
    assert not is_english_label("(DREAM 계산)")
    assert is_english_label("Next")
    assert is_english_label("None")


def test_no_public_page_shows_an_english_label(client, sample_site):
    found, pages = crawl(client)

    assert pages > 60
    report = "\n".join(
        f"{url}: " + "; ".join(f"{where} {text!r}" for where, text in labels[:8])
        for url, labels in found.items()
    )
    assert not found, f"English labels on {len(found)} of {pages} pages:\n{report}"
