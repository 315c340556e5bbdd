"""`/health`: whether this process can serve, for load balancers and systemd watchdogs.

Answered by a middleware placed first, so that a probe by IP address (not one of
ALLOWED_HOSTS) over plain http gets the answer instead of a 400 or an https redirect.
It reveals nothing but "ok" or "unavailable".
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse

HEALTH_PATHS = frozenset({"/health", "/health/"})

logger = logging.getLogger(__name__)


def health_response() -> JsonResponse:
    """200 when the database answers a trivial query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in HEALTH_PATHS and request.method in ("GET", "HEAD"):
            response = health_response()
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
