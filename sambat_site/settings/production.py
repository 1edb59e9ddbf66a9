"""Production: everything from the environment; refuses to start without the essentials."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import SMS_WEBHOOK_TOKEN, env, redis_settings

DEBUG = False
SECRET_KEY = env.require("SECRET_KEY")
ALLOWED_HOSTS = env.as_list("ALLOWED_HOSTS") or [env.require("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env.as_list("CSRF_TRUSTED_ORIGINS")
# base.py already built DATABASES from it; production must not fall back to SQLite.
env.require("DATABASE_URL")

# The public domain every link in messages points to (https://sambatbunda.<kabupaten>.go.id).
SAMBAT_PUBLIC_BASE_URL = (
    env.get("SAMBAT_PUBLIC_BASE_URL") or env.get("WAGTAILADMIN_BASE_URL")
).rstrip("/")
if not SAMBAT_PUBLIC_BASE_URL:
    raise ImproperlyConfigured(
        "The environment variable SAMBAT_PUBLIC_BASE_URL must be set in production."
    )
WAGTAILADMIN_BASE_URL = SAMBAT_PUBLIC_BASE_URL

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind one reverse proxy unless told otherwise (rate limits need the
# client's address, not the proxy's).
SAMBAT_TRUSTED_PROXIES = env.as_int("SAMBAT_TRUSTED_PROXIES", 1)
SECURE_SSL_REDIRECT = env.as_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.as_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Workers and the scheduler need a real Redis; the embedded one is for a laptop only.
REDIS_URL = env.require("REDIS_URL")
globals().update(redis_settings(REDIS_URL, namespace=env.get("DRAMATIQ_NAMESPACE", "dramatiq")))

# Real WhatsApp unless an operator deliberately chooses another backend.
WHATSAPP_BACKEND = env.get("WHATSAPP_BACKEND", "workflow.transports.CloudAPIBackend")
if WHATSAPP_BACKEND.endswith("CloudAPIBackend"):
    WHATSAPP_PHONE_NUMBER_ID = env.require("WHATSAPP_PHONE_NUMBER_ID")
    WHATSAPP_ACCESS_TOKEN = env.require("WHATSAPP_ACCESS_TOKEN")

# The webhook rejects unsigned deliveries; without these it could not check anything.
WHATSAPP_APP_SECRET = env.require("WHATSAPP_APP_SECRET")
WHATSAPP_VERIFY_TOKEN = env.require("WHATSAPP_VERIFY_TOKEN")

# SMS is optional: off unless an operator sets SMS_WEBHOOK_TOKEN (inbound) and a gateway
# (outbound). Setting SMS_GATEWAY_URL alone chooses the generic HTTP backend.
SMS_BACKEND = env.get(
    "SMS_BACKEND", "workflow.transports.HTTPSMSBackend" if env.get("SMS_GATEWAY_URL") else ""
)
if SMS_BACKEND.endswith("HTTPSMSBackend"):
    SMS_GATEWAY_URL = env.require("SMS_GATEWAY_URL")
    SMS_GATEWAY_TOKEN = env.require("SMS_GATEWAY_TOKEN")
if SMS_WEBHOOK_TOKEN and not SMS_BACKEND:
    raise ImproperlyConfigured(
        "SMS_WEBHOOK_TOKEN is set but SMS_BACKEND/SMS_GATEWAY_URL is not: "
        "SMS complaints could not be answered by SMS."
    )
if SMS_WEBHOOK_TOKEN and len(SMS_WEBHOOK_TOKEN) < 24:
    raise ImproperlyConfigured("SMS_WEBHOOK_TOKEN must be at least 24 characters long.")
