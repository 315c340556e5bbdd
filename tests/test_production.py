"""Production: settings by environment, `check --deploy`, the gunicorn server, /health, logs.

The servers and checks run as subprocesses with the environment an operator would set,
against a throw-away SQLite file, so they prove what `make serve` and deploy/ rely on.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.test import Client

from dream.core.logging import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
DREAM = [sys.executable, "-m", "dream.cli"]
GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET = "x7Qp-3vL9_wZ2mN8rT4yK6bH1cF5dG0jS-aE7uI2oP9qR3sV6tW8xY1zA4bC5dE6fG"


def environment(tmp_path: Path, **overrides) -> dict:
    """What an operator sets for production, on a SQLite file of the test's own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DREAM_", "DATABASE_"))
    }
    env.update(
        DREAM_ENV="production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="dream.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'dream.sqlite3'}",
        DREAM_DATA_DIR=str(tmp_path),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def dream(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DREAM, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "needs DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "dream-development-key-not-for-production"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "too weak"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "needs DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG=1 is refused"),
        ({"DREAM_ENV": "prod"}, "DREAM_ENV must be"),
    ],
)
def test_production_refuses_to_start_without_a_secret_key_and_host_names(
    tmp_path, overrides, message
):
    result = dream("check", env=environment(tmp_path, **overrides))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_an_empty_database_url_means_the_embedded_database(tmp_path):
    """`DATABASE_URL= make test` (a variable set but empty) is the default, not a crash."""
    env = environment(tmp_path, DREAM_ENV=None, DJANGO_SECRET_KEY=None, DATABASE_URL="")
    result = dream(
        "shell", "-c", "from django.db import connection; print(connection.vendor)", env=env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "sqlite"


def test_check_deploy_prints_no_warning_in_production(tmp_path):
    result = dream("check", "--deploy", "--fail-level", "WARNING", env=environment(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_keeps_working_with_the_development_key(tmp_path):
    env = environment(tmp_path, DREAM_ENV=None, DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)

    result = dream("check", env=env)

    assert result.returncode == 0, result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def gunicorn(tmp_path):
    """DREAM through deploy/gunicorn.conf.py in production mode behind a (pretended) TLS proxy,
    on a migrated SQLite file; yields its address."""
    port = free_port()
    env = environment(
        tmp_path,
        DREAM_BIND=f"127.0.0.1:{port}",
        DREAM_WORKERS="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
        done = dream(*step, env=env)
        assert done.returncode == 0, done.stderr
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env, stderr=log
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(address + "/health")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_gunicorn_serves_health_and_pages_with_the_security_headers(gunicorn, tmp_path):
    # A load balancer probes by IP over plain http: no host check, no https redirect.
    status, _, body = fetch(gunicorn + "/health", {"Host": "10.0.0.7"})
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})

    page = "/accounts/login/"  # a page that an empty database serves too
    status, headers, _ = fetch(gunicorn + page, {"Host": "dream.example.org"})
    assert status == 301 and headers["Location"] == f"https://dream.example.org{page}"

    proxied = {"Host": "dream.example.org", "X-Forwarded-Proto": "https"}
    status, headers, body = fetch(gunicorn + page, proxied)
    assert status == 200 and "로그인" in body.decode()
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Secure" in headers["Set-Cookie"]  # the CSRF cookie
    status, _, _ = fetch(gunicorn + "/static/dream/charts.js", proxied)
    assert status == 200  # whitenoise

    status, _, _ = fetch(gunicorn + "/", {"Host": "evil.example.com"})
    assert status == 400
    log = (tmp_path / "gunicorn.log").read_text().splitlines()
    access = [json.loads(line) for line in log if line.startswith("{")]
    assert {"logger": "gunicorn.access", "path": "/health", "status": 200}.items() <= next(
        line for line in access if line.get("path") == "/health"
    ).items()


def test_health_answers_503_when_the_database_does_not(db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("dream.core.health.connection", Unreachable())

    response = Client().get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_health_answers_ok_with_a_trailing_slash_too(db):
    assert Client().get("/health/").json() == {"status": "ok", "database": "ok"}


def test_a_server_error_is_logged_as_one_json_line_with_request_and_traceback(
    db, monkeypatch, caplog
):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("dream.web.views.overview.OverviewView.get", broken)
    handler = logging.getLogger().handlers[0]

    response = Client(raise_request_exception=False).get("/?page=1")

    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    assert isinstance(handler.formatter, JsonFormatter)
    line = json.loads(handler.format(record))
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 500)
    assert "RuntimeError: boom" in line["traceback"]


def test_a_bad_request_is_logged_as_a_warning_without_a_traceback(db, caplog):
    handler = logging.getLogger().handlers[0]

    response = Client().get("/search/?q=a%00b")

    assert response.status_code == 400
    record = next(r for r in caplog.records if r.name == "django.request")
    line = json.loads(handler.format(record))
    assert (line["level"], line["path"], line["status"]) == ("WARNING", "/search/", 400)
    assert "traceback" not in line


def test_each_gunicorn_worker_takes_what_it_loaded_out_of_the_garbage_collectors_reach():
    """deploy/gunicorn.conf.py's post_worker_init freezes the start-up objects (issue 13)."""
    code = (
        "import gc, runpy; hooks = runpy.run_path('deploy/gunicorn.conf.py'); "
        "before = gc.get_freeze_count(); hooks['post_worker_init'](None); "
        "print(before, gc.get_freeze_count() > before)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "True"]
