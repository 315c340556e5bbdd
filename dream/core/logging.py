"""Log lines as JSON objects, one a line, for journald, docker logs or any log shipper.

No extra dependency: the standard library's logging with this formatter (config/settings.py
LOGGING, deploy/gunicorn.conf.py). A request's line carries its method, path and status;
an error's also the traceback.
"""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if (
            getattr(request, "path", None) is not None
        ):  # django.request; django.server's is a socket
            line["method"] = request.method
            line["path"] = request.path
        if getattr(record, "status_code", None) is not None:
            line["status"] = record.status_code
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            line["path"] = record.args.get("U")
            line["status"] = _int_or_text(record.args.get("s"))
        # A visitor's bad request (400, a warning) needs no traceback; a server error does.
        if record.exc_info and record.levelno >= logging.ERROR:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _int_or_text(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value
