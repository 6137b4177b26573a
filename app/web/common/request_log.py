"""A request id for every request, and logs as one JSON object a line that carry it.

The id is the incoming X-Request-ID when it looks like one (a proxy's or a load balancer's), else a
new random one; it goes back in the response's X-Request-ID and on the 500 and 503 pages, so a learner
can read it to their coach and the staff can find the request's log lines.
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import g, has_request_context, request

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,100}")
_HANDLER_MARK = "verstas_json_handler"
request_log = logging.getLogger("verstas.request")


def request_id() -> str:
    """The current request's id ("" outside a request)."""
    if not has_request_context():
        return ""
    if "request_id" not in g:
        incoming = request.headers.get(HEADER, "")
        g.request_id = incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
    return g.request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, event, request id, and any `extra` fields."""

    FIELDS = ("event", "request_id", "method", "endpoint", "path", "status", "duration_ms")

    def format(self, record):
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(app, stream=None) -> None:
    """LOG_FORMAT "json": every log line of the process (app, SQLAlchemy, gunicorn's own) as JSON on stderr."""
    if app.config.get("LOG_FORMAT") != "json":
        return
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    # At INFO SQLAlchemy would log every statement with its parameters: client records.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)


def init_app(app) -> None:
    configure_logging(app)

    @app.before_request
    def _start():
        g.request_started = time.perf_counter()
        request_id()

    @app.after_request
    def _finish(response):
        response.headers[HEADER] = request_id()
        if request_log.isEnabledFor(logging.INFO) and "request_started" in g:
            # The endpoint and path without the query string, which may hold what a user typed.
            request_log.info("request", extra={
                "event": "request", "method": request.method, "path": request.path,
                "endpoint": request.endpoint or "-", "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1)})
        return response

    app.jinja_env.globals["request_id"] = request_id
