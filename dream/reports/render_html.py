"""The report as HTML: the page on the site (marks linked to their sources) and the standalone
file (absolute links), from the same template the PDF is printed from."""

import copy

from django.conf import settings
from django.template.loader import render_to_string

from .charts import report_charts


def _refs(node):
    """Every Ref in the report data, in reading order."""
    if isinstance(node, dict):
        if "mark" in node and "text" in node and "href" in node:
            yield node
            return
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def report_context(data: dict, *, notes: bool, absolute: bool) -> dict:
    """Template context: with `notes`, each distinct Ref gets a note number (files); with
    `absolute`, links start with the site's address (a file leaves the site)."""
    data = copy.deepcopy(data)
    note_list, numbers = [], {}
    for ref in _refs(data):
        if absolute and ref["href"].startswith("/"):
            ref["href"] = settings.DREAM_SITE_URL.rstrip("/") + ref["href"]
        if notes:
            key = (ref["mark"], ref["text"], ref["href"])
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                note_list.append({**ref, "n": numbers[key]})
            ref["n"] = numbers[key]
    return {
        "data": data,
        "charts": report_charts(data),
        "notes": notes,
        "note_list": note_list,
        "law_figure": {"value": "", "ref": data["law"]},
    }


def render_html(data: dict, *, notes: bool = False) -> str:
    """The standalone document (the HTML file; with `notes`, the PDF's source)."""
    return render_to_string(
        "reports/document.html", report_context(data, notes=notes, absolute=True)
    )
