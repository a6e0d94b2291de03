"""Django settings. Everything a deployment changes comes from the environment:

- ``WENNUAN_DB``: a database URL (``sqlite:///path`` or ``postgres://user@host:port/name``);
  default: the embedded SQLite file ``var/wennuan.db`` under ``WENNUAN_HOME`` (default: the current directory).
- ``WENNUAN_SECRET_KEY``, ``WENNUAN_DEBUG``, ``WENNUAN_ALLOWED_HOSTS`` (comma-separated).
- ``WENNUAN_RULEBOOK_SECONDS``: how soon other server processes see an edit of the case rules (default 30).
- ``WENNUAN_HTTPS=1``: served over HTTPS behind a proxy that sets ``X-Forwarded-Proto``: secure cookies,
  HSTS, redirect to HTTPS (``wennuan check --deploy --fail-level WARNING`` passes).
- ``WENNUAN_PUBLIC_URL``: the address residents reach from outside (the contact cards' QR codes).
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from wennuan.core.dburl import BadDatabaseURL, database_settings

PACKAGE_DIR = Path(__file__).resolve().parent
# The checkout (for node_modules) when installed editable; harmless otherwise.
SOURCE_ROOT = PACKAGE_DIR.parents[1]
HOME = Path(os.environ.get("WENNUAN_HOME", Path.cwd())).resolve()
VAR_DIR = HOME / "var"

DEBUG = os.environ.get("WENNUAN_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("WENNUAN_SECRET_KEY", "")
if not SECRET_KEY:
    # A per-installation key kept under var/, so sessions survive restarts without a committed secret.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        from django.core.management.utils import get_random_secret_key

        # Written whole to a private file (0600 from the start), then linked into place: two processes
        # starting at once (server workers, a test run beside a server) never read a half-written key,
        # and the one that loses the race takes the winner's.
        _tmp = VAR_DIR / f".secret_key.{os.getpid()}"
        _fd = os.open(_tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(_fd, "w") as _f:
            _f.write(get_random_secret_key())
        try:
            os.link(_tmp, _key_file)
        except FileExistsError:
            pass
        finally:
            _tmp.unlink()
    if _key_file.stat().st_mode & 0o077:
        _key_file.chmod(0o600)  # a key written by an older version
    SECRET_KEY = _key_file.read_text().strip()

# Never "*" by default: a forged Host header must not reach the app. Local addresses serve the demo; a
# deployment names its hosts; `wennuan run --demo` (a demo on a LAN) and debug accept any.
_hosts = os.environ.get("WENNUAN_ALLOWED_HOSTS", "")
ALLOWED_HOSTS = [h.strip() for h in _hosts.split(",") if h.strip()] or (
    ["*"] if DEBUG else ["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("WENNUAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "wennuan.core",
    "wennuan.registry",
    "wennuan.rules",
    "wennuan.accounts",
    "wennuan.triage",
    "wennuan.cases",
    "wennuan.visits",
    "wennuan.notices",
    "wennuan.outages",
    "wennuan.open311",
    "wennuan.billing",
    "wennuan.resident",
    "wennuan.supervision",
    "wennuan.reports",
    "wennuan.repairs",
    "wennuan.surge",
    "wennuan.sensors",
    "wennuan.hall",
    "wennuan.kb",
    "wennuan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into the locked page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wennuan.urls"
WSGI_APPLICATION = "wennuan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wennuan.core.context.navigation",
            ],
        },
    }
]


def _database(url: str | None) -> dict:
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'wennuan.db'}"
    try:
        return database_settings(url)
    except BadDatabaseURL as err:
        raise ImproperlyConfigured(f"WENNUAN_DB: {err}") from None


DATABASES = {"default": _database(os.environ.get("WENNUAN_DB"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "wennuan.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get("WENNUAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start when it is missing
STATICFILES_DIRS = []
# Front-end libraries pinned in package.json, installed by `make install` (never committed).
_echarts = SOURCE_ROOT / "node_modules" / "echarts" / "dist"
if _echarts.is_dir():
    STATICFILES_DIRS.append(("vendor/echarts", _echarts))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves straight from the app folders and node_modules: no collectstatic step at start-up.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# One photo (case evidence, visit photos) at most this large; core.images.checked_image refuses more.
MAX_PHOTO_BYTES = int(float(os.environ.get("WENNUAN_MAX_PHOTO_MB", "10")) * 2**20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken
X_FRAME_OPTIONS = "DENY"

# Behind an HTTPS proxy (WENNUAN_HTTPS=1): nothing travels in clear, browsers remember it (HSTS).
HTTPS = os.environ.get("WENNUAN_HTTPS", "0") == "1"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("WENNUAN_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # /api/health answers the proxy's and the monitor's plain-HTTP probes.
    SECURE_REDIRECT_EXEMPT = [r"^api/health$"]
# The contact cards' QR codes point here, never at whatever Host header a request came with.
PUBLIC_URL = os.environ.get("WENNUAN_PUBLIC_URL", "").rstrip("/") or (
    f"https://{ALLOWED_HOSTS[0]}" if HTTPS and ALLOWED_HOSTS[0] != "*" else "http://127.0.0.1:8000"
)

# Content Security Policy (django-csp): every script, style, font and image is served by the app itself.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", "blob:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "worker-src": [_SELF],
        "manifest-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}

# Sign-in throttle (django-axes): 10 failures for one account from one client lock that pair out for the
# cool-off, the right password included; each lockout is audited (accounts.signals).
AXES_FAILURE_LIMIT = int(os.environ.get("WENNUAN_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("WENNUAN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
if HTTPS:
    AXES_IPWARE_PROXY_COUNT = 1  # the client is the address the proxy saw
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Throttles of the public endpoints and API tokens (django-ratelimit), counted in the database so every
# server process shares them (core.ratecache). Rates: "N/s|m|h|d".
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "wennuan.core.ratecache.CounterCache"},
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_VIEW = "wennuan.core.throttle.too_many_requests"
RATELIMIT_IP_META_KEY = "wennuan.core.throttle.client_ip"
RATES = {
    "public_report_client": os.environ.get("WENNUAN_RATE_PUBLIC_REPORT", "5/m"),
    "public_report_card": os.environ.get("WENNUAN_RATE_PUBLIC_CARD", "30/h"),
    "anonymous": os.environ.get("WENNUAN_RATE_ANONYMOUS", "120/m"),
    "api_token": os.environ.get("WENNUAN_RATE_API_TOKEN", "12000/m"),
}
# Our counter cache is atomic and shared, but not one of the backends django-ratelimit knows by name.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]


# rules.rulebook: each process keeps every city's time limits, case rules, calendar and standards in memory this long.
RULEBOOK_SECONDS = int(os.environ.get("WENNUAN_RULEBOOK_SECONDS", "30"))
# open311.delivery: the longest wait between two tries of a refusing webhook receiver.
WEBHOOK_RETRY_CAP_SECONDS = int(os.environ.get("WENNUAN_WEBHOOK_RETRY_CAP_SECONDS", "300"))

# The resident self-service page (resident/): the SMS gateway for its one-time codes (a dotted path to a class
# with send(phone=, text=); the default writes the message to the server log), how long a code lives and how
# many wrong tries it takes, how long an identified resident's session lasts, and its throttles
# (django-ratelimit: code requests per client address and per 户号, code checks per client, reports).
SMS_BACKEND = os.environ.get("WENNUAN_SMS_BACKEND", "wennuan.resident.sms.LogSmsBackend")
RESIDENT_CODE_MINUTES = int(os.environ.get("WENNUAN_RESIDENT_CODE_MINUTES", "5"))
RESIDENT_CODE_ATTEMPTS = 5
RESIDENT_SESSION_MINUTES = int(os.environ.get("WENNUAN_RESIDENT_SESSION_MINUTES", "30"))
RESIDENT_RATES = {
    "code_client": "10/h",
    "code_account": "5/h",
    "verify_client": "30/h",
    "report_client": "30/h",
    "report_household": "10/d",
}
# surge: the weather forecast source (dotted path to fn(city_name, start, days) -> [(date, ℃)]; blank: files
# only), and what an agent-hour and a crew-day handle until the city has observed its own.
SURGE_WEATHER_SOURCE = os.environ.get("WENNUAN_WEATHER_SOURCE", "")
SURGE_DEFAULT_CASES_PER_AGENT_HOUR = float(os.environ.get("WENNUAN_CASES_PER_AGENT_HOUR", "8"))
SURGE_DEFAULT_CASES_PER_CREW_DAY = float(os.environ.get("WENNUAN_CASES_PER_CREW_DAY", "6"))

# sensors: the MQTT broker the room-temperature collectors publish to (topic <prefix>/<city>/<serial>/reading),
# whether `wennuan run` starts the listener beside the site, and the cold-room rule.
MQTT = {
    "HOST": os.environ.get("WENNUAN_MQTT_HOST", "127.0.0.1"),
    "PORT": int(os.environ.get("WENNUAN_MQTT_PORT", "1883")),
    "USER": os.environ.get("WENNUAN_MQTT_USER", ""),
    "PASSWORD": os.environ.get("WENNUAN_MQTT_PASSWORD", ""),
    "TLS": os.environ.get("WENNUAN_MQTT_TLS", "0") == "1",
    "TOPIC_PREFIX": os.environ.get("WENNUAN_MQTT_TOPIC_PREFIX", "wennuan"),
    # One persistent session per client id: the broker keeps what arrives while the listener is down.
    "CLIENT_ID": os.environ.get("WENNUAN_MQTT_CLIENT_ID", "wennuan-sensors"),
    "LISTEN": os.environ.get("WENNUAN_MQTT_LISTEN", "1") == "1",
}
SENSORS = {
    "COLD_HOURS": float(os.environ.get("WENNUAN_SENSOR_COLD_HOURS", "6")),
    "MAX_JUMP_C": float(os.environ.get("WENNUAN_SENSOR_MAX_JUMP_C", "8")),
    "OFFLINE_HOURS": float(os.environ.get("WENNUAN_SENSOR_OFFLINE_HOURS", "3")),
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WENNUAN_LOG_LEVEL", "WARNING")},
    "loggers": {"wennuan": {"level": os.environ.get("WENNUAN_LOG_LEVEL", "INFO")}},
}
