"""Refuse requests that no page can answer before any view or database sees them.

No address or form of DREAM needs a control character, and PostgreSQL cannot even compare
text holding NUL, so a path, parameter name or value with one gets the Korean 400 page;
so does a query string far longer than any link the pages make. Each page then checks
its own parameters (`dream.web.tables.requested_download`, the filters' form fields).
"""

import re

from django.core.exceptions import BadRequest

from dream.core.text import CONTROL_CHARACTERS

# Bytes as sent (percent-encoded). The longest links the pages make (a comparison of all
# 17 provinces, a search with its filters) stay under 1,000.
MAX_QUERY_STRING = 4096
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTER = "주소나 입력값에 보이지 않는 제어 문자(NUL 등)가 들어 있습니다."


class InvalidRequest(BadRequest):
    """A request the pages refuse; its Korean message is shown on the 400 page."""


def check_request(request) -> None:
    """Raise InvalidRequest if the path, the query string or a posted form holds something
    no page accepts. Uploads (multipart) are left to their views, which bound them before
    reading; their text fields are Django form fields, which refuse NUL themselves."""
    if _CONTROL_IN_PATH.search(request.path):
        raise InvalidRequest(CONTROL_CHARACTER)
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        raise InvalidRequest(
            f"주소의 조건(? 뒤)이 너무 깁니다. {MAX_QUERY_STRING:,}바이트까지 받습니다."
        )
    _check_values(request.GET)
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        _check_values(request.POST)


def _check_values(data) -> None:
    for key, values in data.lists():
        if any(CONTROL_CHARACTERS.search(text) for text in (key, *values)):
            raise InvalidRequest(CONTROL_CHARACTER)


class RequestValidationMiddleware:
    """`check_request` on every request; Django turns InvalidRequest into `handler400`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check_request(request)
        return self.get_response(request)
