"""Local development and the README quickstart: embedded defaults, nothing to install."""

from .base import *
from .base import VAR_DIR, env

DEBUG = env.as_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.as_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

VAR_DIR.mkdir(parents=True, exist_ok=True)
