"""DREAM settings: one file, configured from the environment.

Environment (all optional in development; production needs the two marked *):
    DREAM_ENV             "development" (default) or "production"
    DATABASE_URL          database; default: the embedded SQLite file var/dream.sqlite3
    DATABASE_REPLICA_URL  a read replica of DATABASE_URL's database: anonymous reads go to it
                          (dream/core/db_routers.py, docs/scaling.md); default none
    DJANGO_SECRET_KEY     * secret key; default in development only: a published development key
    DJANGO_DEBUG          "1" for debug pages; default "0" (refused in production)
    DJANGO_ALLOWED_HOSTS  * comma-separated host names; default "127.0.0.1,localhost"
    DJANGO_CSRF_TRUSTED_ORIGINS  comma-separated origins (https://dream.example.org) for forms
    DJANGO_SECURE_SSL_REDIRECT   production: "0" when plain http must be served; default "1"
    DJANGO_SECURE_PROXY_SSL_HEADER  production behind a TLS proxy: the header it sets to "https"
                          on secure requests, e.g. "X-Forwarded-Proto"; default none
    DJANGO_SECURE_HSTS_SECONDS   production: HSTS max-age; default 31536000 (one year)
    DJANGO_SECURE_HSTS_PRELOAD   production: "0" leaves out the HSTS preload flag; default "1"
    DREAM_LOG_LEVEL       level of the log lines on stderr; default INFO
    DREAM_DATA_DIR        where the SQLite file lives; default <project>/var
    DREAM_SITE_URL        the address links in e-mails start with; default http://127.0.0.1:8000
    DEFAULT_FROM_EMAIL    sender of DREAM's e-mails; default DREAM <dream@localhost>
    DREAM_DUPLICATE_SIMILARITY  name similarity (0–1, Dice of character bigrams) from which a
                          province's and a ministry's task are shown as a 중복계상 candidate;
                          default 0.8
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS ("1")
                          production: the SMTP server; development prints e-mails on the console
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DREAM_DATA_DIR", BASE_DIR / "var"))

DREAM_ENV = os.environ.get("DREAM_ENV", "development")
if DREAM_ENV not in ("development", "production"):
    raise ImproperlyConfigured(
        f"DREAM_ENV must be 'development' or 'production', not {DREAM_ENV!r}."
    )
PRODUCTION = DREAM_ENV == "production"


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _env_flag(name: str, default: str) -> bool:
    return os.environ.get(name, default) == "1"


# Published in this repository, so anyone could forge its session cookies: development only.
DEVELOPMENT_SECRET_KEY = "dream-development-key-not-for-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = _env_flag("DJANGO_DEBUG", "0")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
if PRODUCTION:
    # Refuse to start rather than run with forgeable cookies or a debug page for everyone.
    if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "DREAM_ENV=production needs DJANGO_SECRET_KEY: a secret of 50+ random characters, "
            "e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is too weak: use 50+ random characters.")
    if not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
        raise ImproperlyConfigured(
            "DREAM_ENV=production needs DJANGO_ALLOWED_HOSTS: the host names DREAM answers to."
        )
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG=1 is refused with DREAM_ENV=production.")
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

# An empty DATABASE_URL (`DATABASE_URL= make test`) means the default, as an absent one does.
if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database needs its folder
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dream.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web use with several writers: WAL lets readers go on while one writes, every write
    # transaction takes the write lock at BEGIN (no deadlock-on-upgrade "database is locked"),
    # and a writer waits up to 20 s for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests run against a file, not Django's shared in-memory database, so that a live
    # server's threads write through their own connections as real requests do (the
    # concurrency tests need that); one file per test process, so parallel runs do not meet.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"dream-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    "django_tables2",
    "django_filters",
    "ninja",  # the API docs page from ninja's bundled Swagger UI files, not a CDN
    "dream.accounts",
    "dream.plans",
    "dream.indicators",
    "dream.ingest",
    "dream.opendata",
    "dream.search",
    "dream.digital",
    "dream.links",
    "dream.tracking",
    "dream.districts",
    "dream.cycle",
    "dream.results",
    "dream.evaluation",
    "dream.reports",
    "dream.agencies",
    "dream.pipeline",
    "dream.calls",
    "dream.allocation",
    "dream.priorities",
    "dream.zones",
    "dream.regional_tasks",
    "dream.api",
    "dream.web",
    "dream.backups",
    "dream.benchdata",  # `dream bench-data`: synthetic years for benchmarks/scale.py only
]

MIDDLEWARE = [
    # First: load balancers probe /health by IP, before host checks and the https redirect.
    "dream.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Control characters and absurd query strings get the Korean 400 page here.
    "dream.web.middleware.RequestValidationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# A read replica (docs/scaling.md): anonymous reads go to it, writes and the reads of anyone who
# may just have written go to the primary. Tests read the primary's test database through it.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60),
        "TEST": {"MIRROR": "default"},
    }
    if DATABASES["replica"]["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must name a replica of DATABASE_URL's database, "
            "of the same kind (postgres://…)."
        )
    DATABASE_ROUTERS = ["dream.core.db_routers.PrimaryReplicaRouter"]
    # Before the session is read: a signed-in person's session comes from the primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("dream.core.health.HealthCheckMiddleware") + 1,
        "dream.core.db_routers.ReplicaReadsMiddleware",
    )

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dream.web.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:overview"
LOGOUT_REDIRECT_URL = "web:overview"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
# Korean for django-simple-history's admin screens (it ships none); first in the search order.
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]

# Uploaded documents (a cycle's guidelines); served only through views that check them.
MEDIA_ROOT = DATA_DIR / "media"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files even before collectstatic (tests, a fresh checkout).
WHITENOISE_USE_FINDERS = True

DJANGO_TABLES2_TEMPLATE = "web/table.html"

# Headers for every environment, so that the tests and the browser tests run under them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script is a static file (data travels in json_script blocks, which never run).
# A page's own <style> block carries the request's nonce: <style nonce="{{ request.csp_nonce }}">.
# Style attributes carry the tile maps' computed colours and positions; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# E-mail notices of the annual cycle (dream/cycle/notifications.py): printed on the
# console in development, sent through SMTP in production.
DREAM_SITE_URL = os.environ.get("DREAM_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DREAM <dream@localhost>")
# 동일사업 중복계상 at compilation (dream/cycle/compilation.py): how alike two task names
# must be for staff to be shown the pair; shown on the compilation page.
try:
    DREAM_DUPLICATE_SIMILARITY = float(os.environ.get("DREAM_DUPLICATE_SIMILARITY", "0.8"))
except ValueError:
    DREAM_DUPLICATE_SIMILARITY = -1.0
if not 0 < DREAM_DUPLICATE_SIMILARITY <= 1:
    raise ImproperlyConfigured("DREAM_DUPLICATE_SIMILARITY must be a number above 0, at most 1.")
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("EMAIL_USE_TLS", "0")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

SILENCED_SYSTEM_CHECKS = []
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_flag("DJANGO_SECURE_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_flag("DJANGO_SECURE_HSTS_PRELOAD", "1")
    if "DJANGO_SECURE_PROXY_SSL_HEADER" in os.environ:
        header = os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_")
        SECURE_PROXY_SSL_HEADER = (f"HTTP_{header}", "https")
        # Behind the proxy every request comes from its address; its X-Forwarded-For names
        # the client, so that lockouts hit one person and not everyone.
        AXES_IPWARE_PROXY_COUNT = 1
        AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # Switching these off is an explicit choice (plain http on a laptop, a proxy that
    # redirects itself, no preload list), so `check --deploy` need not repeat it.
    if not SECURE_SSL_REDIRECT:
        SILENCED_SYSTEM_CHECKS.append("security.W008")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# One JSON object a line on stderr; server errors carry the request and the traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dream.core.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DREAM_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},  # failures and lockouts; not every successful login
    },
}
