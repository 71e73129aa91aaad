"""Django settings for Dân Vận, read from environment variables (see .env.example)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from danvan.env import env_bool, env_choice, env_int, env_list, env_optional, env_path, env_str

django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parents[1]

# "dev" (make run, tests) or "production" (every secret must come from the environment).
MODE = env_choice("DANVAN_MODE", "dev", ("dev", "production"))
PRODUCTION = MODE == "production"
DEBUG = env_bool("DANVAN_DEBUG", False)
TESTING = env_bool("DANVAN_TESTING", "pytest" in sys.modules)

# Everything this process creates (the SQLite database, its WAL and shared-memory files, attachments,
# backups, keys) is readable by its own user only: files 0600, folders 0700 (issue #16 item 10).
os.umask(0o077)

# Where the SQLite database, uploaded files, generated keys and caches live.
DATA_DIR = env_path("DANVAN_DATA_DIR", PROJECT_DIR / "var")
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
MEDIA_ROOT = env_path("DANVAN_MEDIA_DIR", DATA_DIR / "files")  # outside the web root, never served directly


def _secret_from_data_dir(filename: str, make: str) -> str:
    """In dev mode a missing secret is generated once and kept in the data folder (mode 600)."""
    path = DATA_DIR / filename
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(make, encoding="utf-8")
    return make


def _required_secret(name: str, filename: str, make: str) -> str:
    value = env_optional(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(
            f"Thiếu {name}: bắt buộc ở chế độ production (missing {name} in production)."
        )
    return _secret_from_data_dir(filename, make)


SECRET_KEY = _required_secret("DANVAN_SECRET_KEY", "secret_key", secrets.token_urlsafe(50))


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


# Keys for confidential fields (denunciator identity...): comma-separated Fernet keys, newest first.
# Kept outside the database; rotate by prepending a new key and running `danvan rotate-keys`.
FIELD_ENCRYPTION_KEYS = env_list("DANVAN_FIELD_KEYS", []) or [
    _required_secret("DANVAN_FIELD_KEYS", "field_keys", _fernet_key())
]
FIELD_ENCRYPTION_KEYS = [k for key in FIELD_ENCRYPTION_KEYS for k in key.split(",") if k.strip()]


def _audit_keys(value: str) -> list[tuple[str, str]]:
    """`id:secret,id:secret` (newest first) → [(id, secret)]; ids are short labels stored on each row."""
    keys = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        if not sep or not key_id.strip() or len(key_id.strip()) > 16 or len(secret.strip()) < 32:
            raise ImproperlyConfigured(
                "DANVAN_AUDIT_KEYS: mỗi khóa có dạng mã:bí-mật (mã tối đa 16 ký tự, bí mật ít nhất 32 ký tự), "
                "khóa mới nhất đứng đầu (expected id:secret,id:secret, newest first)."
            )
        keys.append((key_id.strip(), secret.strip()))
    if not keys or len({k for k, _ in keys}) != len(keys):
        raise ImproperlyConfigured(
            "DANVAN_AUDIT_KEYS: cần ít nhất một khóa, các mã khóa không được trùng nhau."
        )
    return keys


# Keys of the audit log's chain (HMAC-SHA256), kept outside the database like the field keys: a copy of
# the database alone cannot recompute the chain. Newest first; rotate by prepending a new id:secret and
# keeping the old ones (they still verify the rows they signed). Dev mode generates one in var/audit_keys.
AUDIT_KEYS = _audit_keys(
    _required_secret("DANVAN_AUDIT_KEYS", "audit_keys", f"k{secrets.token_hex(3)}:{secrets.token_hex(32)}")
)
# Signed checkpoints of the chain's head, written outside the database by `danvan audit checkpoint` and
# `danvan audit verify` (run it from cron); verify compares the database with the newest one.
_checkpoints = env_optional("DANVAN_AUDIT_CHECKPOINT_FILE")
DANVAN_AUDIT_CHECKPOINT_FILE: Path | None = (
    Path(_checkpoints).expanduser()
    if _checkpoints
    else (None if TESTING else DATA_DIR / "audit_checkpoints.jsonl")
)

ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules",
    "danvan.core",
    "danvan.territory",
    "danvan.accounts",
    "danvan.petitions",
    "danvan.engagement",
    "danvan.exemplars",
    "danvan.reporting",
    "danvan.press",
    "danvan.democracy",
    "danvan.notifications",
    "danvan.situation",
    "danvan.portal",
    "danvan.api",
    "danvan.operations",
    # issue 8 (API, security): django-ninja's local Swagger UI, TOTP two-factor, lockout
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # issue 16: login lockout (django-axes) and rate limits (django-ratelimit) in the shared cache
    "axes",
    "django_ratelimit",
    # Django's task framework with the database backend: background work (large petition imports)
    "django_tasks_db",
    "danvan.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.security.middleware.RequireOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "danvan.core.middleware.SecurityHeadersMiddleware",
    # Last: turns a lockout flagged during authentication into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.portal.context_processors.navigation",
            ],
        },
    }
]

# --- Database: SQLite (WAL) by default, PostgreSQL by URL -------------------------------------------
DATABASE_URL = env_optional("DANVAN_DATABASE_URL")
if DATABASE_URL:
    try:
        _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DANVAN_DB_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DANVAN_DATABASE_URL không hợp lệ (invalid database URL): {exc}") from exc
    if _db.get("ENGINE") not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured("DANVAN_DATABASE_URL: chỉ hỗ trợ postgresql:// hoặc sqlite:// .")
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "danvan.sqlite3")}
    # Persistent connections: opening one parses the whole schema (about 300 tables, indexes and
    # triggers), some 4 ms that every request would otherwise pay.
    _db["CONN_MAX_AGE"] = env_int("DANVAN_DB_CONN_MAX_AGE", 60)

if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # Writers take the lock when the transaction begins: no "database is locked" half-way through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=30000; PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
        ),
    }
else:
    # The ORM's queries bind their parameters on the client (Django's default), and psycopg never
    # prepares those. The few hot statements that run through `core.prepared.binding_cursor` (a move's
    # outbox rows) bind on the server and are prepared by the connection after this many runs, saving
    # their planning (0.2 ms of the outbox INSERT). Set 0 to turn it off (behind a pooler in transaction
    # mode, such as PgBouncer before 1.21, prepared statements are not kept).
    _prepare = env_int("DANVAN_DB_PREPARE_THRESHOLD", 2)
    _db.setdefault("OPTIONS", {})["prepare_threshold"] = _prepare if _prepare > 0 else None
_db["TEST"] = {"NAME": env_optional("DANVAN_TEST_DB_NAME")}
_db["ATOMIC_REQUESTS"] = False
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Lockout after repeated failures, counted in the shared cache (see CACHES) so that every gunicorn
# worker sees the same count: django-axes per username (DANVAN_LOCKOUT_USER_FAILURES), django-ratelimit
# per client address (DANVAN_LOCKOUT_IP_FAILURES in the window); an audit row for every attempt.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "danvan.security.backends.AuditedModelBackend",
]
DANVAN_LOCKOUT_USER_FAILURES = env_int("DANVAN_LOCKOUT_USER_FAILURES", 5)
DANVAN_LOCKOUT_IP_FAILURES = env_int("DANVAN_LOCKOUT_IP_FAILURES", 20)
DANVAN_LOCKOUT_WINDOW_SECONDS = env_int("DANVAN_LOCKOUT_WINDOW_SECONDS", 15 * 60)
DANVAN_LOCKOUT_SECONDS = env_int("DANVAN_LOCKOUT_SECONDS", 15 * 60)
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = "danvan.security.backends.failure_limit"
AXES_COOLOFF_TIME = "danvan.security.backends.cool_off"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "danvan.security.backends.axes_username"
AXES_CLIENT_IP_CALLABLE = "danvan.security.backends.client_ip"
AXES_LOCKOUT_CALLABLE = "danvan.security.backends.lockout_response"
AXES_VERBOSE = False
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "REMOTE_ADDR"  # behind a proxy, gunicorn's forwarded-allow-ips sets it
# TOTP two-factor authentication required for officers (default on in production only).
DANVAN_REQUIRE_OTP = env_bool("DANVAN_REQUIRE_OTP", PRODUCTION)
OTP_TOTP_ISSUER = "Dân Vận"
# REST API and Open311: the largest accepted request body (bytes) before a 413 answer.
DANVAN_API_MAX_BODY_BYTES = env_int("DANVAN_API_MAX_BODY_BYTES", 256 * 1024)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time, formats: Vietnamese first ------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env_path("DANVAN_STATIC_ROOT", DATA_DIR / "staticfiles")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", PROJECT_DIR / "node_modules" / "chart.js" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DANVAN_MANIFEST_STATIC", not (DEBUG or TESTING))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("DANVAN_WHITENOISE_FINDERS", False)

# --- Uploads and request limits ---------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DANVAN_MAX_BODY_BYTES", 12 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Cache (rate limits, lockouts): shared by every process --------------------------------------------
# The database by default (no extra server; table created by migrate, atomic increments), Redis when
# DANVAN_REDIS_URL (or DANVAN_CACHE_URL) is set. Never per-process memory: counts must add up across workers.
_redis = env_optional("DANVAN_REDIS_URL") or env_optional("DANVAN_CACHE_URL")
if _redis and not _redis.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("DANVAN_REDIS_URL/DANVAN_CACHE_URL: cần redis://, rediss:// hoặc unix:// .")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis}
        if _redis
        else {
            "BACKEND": "danvan.core.cache.SharedDatabaseCache",
            "LOCATION": "danvan_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}
# django-ratelimit lists only memcached and django-redis as "officially supported"; Django's own Redis
# cache and our database cache (atomic increment, danvan.core.cache) both meet its requirements.
# django-axes warns when it does not count per address: the per-address failures are counted by
# django-ratelimit (security.backends), so that one office behind NAT is not locked after 5 mistakes.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "axes.W006"]

# Public petition form: submissions per client per hour (petitions app).
PETITIONS_RATE_LIMIT_PER_HOUR = env_int("DANVAN_PETITIONS_RATE_LIMIT", 20)
# Background tasks (django.tasks): the database backend by default, its worker `danvan db_worker` runs
# beside gunicorn (make run); tests run tasks at once.
# DANVAN_TASKS_BACKEND=rq (deployments on several machines): the Redis queue of django-tasks-rq at
# DANVAN_TASKS_REDIS_URL, its workers started by `danvan rqworker --with-scheduler --job-class
# django_tasks_rq.backend.Job default` (the 07:00 job
# and retries are deferred tasks: the scheduler moves them to the queue in time).
TASKS_BACKEND = env_choice(
    "DANVAN_TASKS_BACKEND", "immediate" if TESTING else "db", ("db", "rq", "immediate")
)
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "db": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[TASKS_BACKEND]
    }
}
if TASKS_BACKEND == "rq":
    _tasks_redis = env_str("DANVAN_TASKS_REDIS_URL", _redis or "redis://127.0.0.1:6379/0")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": _tasks_redis, "DEFAULT_TIMEOUT": 3600}}
# Background jobs (danvan.core.jobs): while a job runs, its worker writes `heartbeat_at` every
# JOB_HEARTBEAT_SECONDS; a "running" job whose heartbeat is older than JOB_STALE_SECONDS lost its worker
# (killed, machine restarted) and is shown as failed ("interrupted, run it again"). The threshold must stay
# well above the heartbeat, and above the longest write transaction of a job on SQLite (one writer at a
# time: the heartbeat waits for it).
JOB_HEARTBEAT_SECONDS = env_int("DANVAN_JOB_HEARTBEAT_SECONDS", 30)
JOB_STALE_SECONDS = env_int("DANVAN_JOB_STALE_SECONDS", 600)
if JOB_HEARTBEAT_SECONDS < 1 or JOB_STALE_SECONDS < 2 * JOB_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "DANVAN_JOB_STALE_SECONDS phải ít nhất gấp đôi DANVAN_JOB_HEARTBEAT_SECONDS (>= 1) "
        "(the stale threshold must be at least twice the heartbeat)."
    )
# --- Notifications (danvan.notifications): e-mail, SMS, the outbox ---------------------------------------
# One URL says how e-mail leaves: smtp://user:password@host:587 (STARTTLS; ?tls=0 for none), smtps://…:465
# (TLS from the start), file:///path (one file per message, the development default: var/mail),
# console: (printed) or locmem: (kept in memory, the tests' default).
_email_url = env_str("DANVAN_EMAIL_URL", "locmem:" if TESTING else f"file://{DATA_DIR / 'mail'}")


def _mailer(url: str) -> dict[str, object]:
    """The `MAILERS["default"]` entry (Django's mailers) that `DANVAN_EMAIL_URL` describes."""
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": parts.path},
        }
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured(
            "DANVAN_EMAIL_URL: cần smtp://, smtps://, file://, console: hoặc locmem: (invalid e-mail URL)."
        )
    query = parse_qs(parts.query)
    ssl = parts.scheme == "smtps"
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": parts.port or (465 if ssl else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": ssl,
            "use_tls": not ssl and query.get("tls", ["1"])[0] not in ("0", "false", "no"),
            "timeout": int(query.get("timeout", ["20"])[0]),
        },
    }


MAILERS = {"default": _mailer(_email_url)}
DEFAULT_FROM_EMAIL = env_str("DANVAN_EMAIL_FROM", "Dân Vận <khong-tra-loi@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# SMS: file:///path (one file per message, the development default: var/sms) or the gateway's http(s) URL
# (credentials in the URL: https://user:password@sms.example.vn/send), with the request body template
# ({to}, {text} and {sender} are filled in, JSON-escaped) and its content type.
NOTIFICATIONS_SMS_URL = env_str("DANVAN_SMS_URL", f"file://{DATA_DIR / 'sms'}")
NOTIFICATIONS_SMS_TEMPLATE = env_str(
    "DANVAN_SMS_TEMPLATE", '{"to": "{to}", "text": "{text}", "from": "{sender}"}'
)
NOTIFICATIONS_SMS_CONTENT_TYPE = env_str("DANVAN_SMS_CONTENT_TYPE", "application/json")
NOTIFICATIONS_SMS_SENDER = env_str("DANVAN_SMS_SENDER", "DANVAN")
# The address messages link to (unsubscribe, tracking page): the public site's origin, no trailing slash.
SITE_URL = env_str("DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A worker claims outbox rows for this long; a row of a killed worker is sent by the next after it.
NOTIFICATIONS_LEASE_SECONDS = env_int("DANVAN_NOTIFY_LEASE_SECONDS", 120)
# A message is tried this many times (waits 30 s, 1 min, 2 min, … up to 6 h), then shown as failed.
NOTIFICATIONS_MAX_ATTEMPTS = env_int("DANVAN_NOTIFY_MAX_ATTEMPTS", 8)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("DANVAN_NOTIFY_RETRY_BASE_SECONDS", 30)

# Petition import files (CSV/XLSX): the largest accepted file; XLSX members are checked too (importing.py).
PETITIONS_IMPORT_MAX_BYTES = env_int("DANVAN_PETITIONS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# The public form answers once the submission is in the intake journal; the analysis process enters it in
# the register right after (petitions.services.ingest_journal). Off under tests: entered at once.
PETITIONS_INTAKE_JOURNAL = env_bool("DANVAN_PETITIONS_INTAKE_JOURNAL", not TESTING)
# During a burst of public submissions the register entry waits at most this long (receipts go first).
PETITIONS_INGEST_MAX_DEFER_SECONDS = env_int("DANVAN_PETITIONS_INGEST_MAX_DEFER_SECONDS", 30)
# The analysis of a petition (field suggestion, duplicates) runs right after the write in the same process
# instead of in the analysis process (`danvan petitions enrich --watch`). On under tests.
PETITIONS_ENRICH_SYNC = env_bool("DANVAN_PETITIONS_ENRICH_SYNC", TESTING)
# While public submissions arrive, the analysis process yields to them at most this long (seconds).
PETITIONS_ENRICH_MAX_DEFER_SECONDS = env_int("DANVAN_PETITIONS_ENRICH_MAX_DEFER_SECONDS", 60)

# --- Security -----------------------------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("DANVAN_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# A strict Content-Security-Policy: no inline script, no third-party origin (no CDN).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "danvan.core.logs.LocalTimeFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DANVAN_LOG_LEVEL", "WARNING")},
}
