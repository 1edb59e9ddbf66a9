"""Settings of the app processes the fault tests start (``tests/reliability/agent.py``).

The test settings, pointed at the parent test run's database (``SAMBAT_RELIABILITY_DATABASE``,
a JSON copy of its connection settings: pytest-django renamed the database) and at the
``REDIS_URL`` the parent passes; messages go to a transport that records them across
processes instead of the in-memory outbox.
"""

import json
import os

from sambat_site.settings.test import *  # noqa: F403
from sambat_site.settings.test import DATABASES

DATABASES["default"].update(json.loads(os.environ["SAMBAT_RELIABILITY_DATABASE"]))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # No fsync per commit: the tests kill processes, not the machine, and a killed process
    # leaves its writes with the kernel either way. With fsync a commit costs tens of
    # milliseconds on a busy disk, and the workers would crawl.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA synchronous=OFF",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # So that the test can tell when the server has finished what a killed agent had sent.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "application_name": os.environ["SAMBAT_RELIABILITY_AGENT"],
    }
WHATSAPP_BACKEND = "tests.reliability.transport.RecordingBackend"
