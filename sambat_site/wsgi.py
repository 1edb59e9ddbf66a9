import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.dev")


def warm_up_and_freeze() -> None:
    """Import every view and admin hook now, then move all those long-lived objects out of
    the garbage collector's sight: without it a full collection over Wagtail's admin objects
    adds ~100 ms to one request in twenty (measured in bench/admin_and_services.py)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading the URLconf imports the app modules
    gc.collect()
    gc.freeze()


application = get_wsgi_application()
warm_up_and_freeze()
