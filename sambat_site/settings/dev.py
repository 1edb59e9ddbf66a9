"""Local development and the README quickstart: embedded defaults, nothing to install."""

from sambat_site.broker import embedded_url
from sambat_site.serving import served_base_url

from .base import *
from .base import DEFAULT_BASE_URL, REDIS_URL, VAR_DIR, env, redis_settings

DEBUG = env.as_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.as_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The SMS webhook works out of the box for the README's curl example; replies are printed.
SMS_WEBHOOK_TOKEN = env.get("SMS_WEBHOOK_TOKEN", "sambat-dev-sms-token")

VAR_DIR.mkdir(parents=True, exist_ok=True)

# The address the running quickstart serves (it writes var/serving.json), so that a command
# in a second terminal links to the same port; SAMBAT_PUBLIC_BASE_URL in the environment wins.
if not (env.get("SAMBAT_PUBLIC_BASE_URL") or env.get("WAGTAILADMIN_BASE_URL")):
    SAMBAT_PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = served_base_url(VAR_DIR, DEFAULT_BASE_URL)

# No REDIS_URL: start (or join) the embedded Redis (sambat_site/broker.py); the quickstart
# passes its socket on to the web, the worker and the scheduler so all processes share it.
REDIS_EMBEDDED = not REDIS_URL
REDIS_EMBEDDED_DB = VAR_DIR / "redis" / "sambat.db"
if REDIS_EMBEDDED:
    REDIS_URL = embedded_url(REDIS_EMBEDDED_DB)
globals().update(redis_settings(REDIS_URL, namespace=env.get("DRAMATIQ_NAMESPACE", "dramatiq")))
