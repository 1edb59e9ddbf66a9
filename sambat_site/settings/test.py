"""Settings for the test suite: fast hashing, files in a temporary folder."""

import tempfile
from pathlib import Path

from sambat_site.broker import embedded_url

from .base import *
from .base import DATABASES, LOGGING, REDIS_URL, STORAGES, redis_settings

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_TMP = Path(tempfile.mkdtemp(prefix="sambat-test-"))
MEDIA_ROOT = _TMP / "media"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()
PRIVATE_MEDIA_ROOT = _TMP / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Notifications stay in memory (workflow.transports.outbox); Redis is the real one when
# REDIS_URL is set (CI), else an embedded one in the temporary folder; own broker namespace.
WHATSAPP_BACKEND = "workflow.transports.LocMemBackend"
WHATSAPP_APP_SECRET = "test-app-secret"
WHATSAPP_VERIFY_TOKEN = "test-verify-token"
SMS_BACKEND = "workflow.transports.LocMemSMSBackend"
SMS_WEBHOOK_TOKEN = "test-sms-token"
SMS_KEYWORD = "SAMBAT"
REDIS_EMBEDDED = not REDIS_URL
REDIS_EMBEDDED_DB = _TMP / "redis" / "sambat.db"
if REDIS_EMBEDDED:
    REDIS_URL = embedded_url(REDIS_EMBEDDED_DB)
globals().update(redis_settings(REDIS_URL, namespace="sambat-test"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not ":memory:", so that tests with several threads share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test.sqlite3")}

AXES_ENABLED = True
SAMBAT_PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "https://sambatbunda.test"

# Wagtail logs every page created and published at INFO; tests create many.
LOGGING = {**LOGGING, "loggers": {**LOGGING["loggers"], "wagtail": {"level": "WARNING"}}}
