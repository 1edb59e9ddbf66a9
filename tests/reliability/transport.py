"""A stand-in for the WhatsApp provider that every process can share: a file of accepted ids.

The outbox's guarantees are about what the provider receives, and the provider must outlive
the worker we kill, so "sent" here means one line (the notification id) appended to
``SAMBAT_RELIABILITY_SENT_LOG``. The file is opened with ``O_APPEND`` and each line is one
short ``write()``, which the kernel appends atomically: lines from many threads and processes
never interleave, and a line is there the moment ``write()`` returns, whatever happens to the
process next.

``SAMBAT_RELIABILITY_LATENCY_MS`` imitates the provider's round trip: half of it passes before
the message is accepted (the request travelling), half after (the answer travelling back).
The second half is part of the window in which a killed worker leaves a message that the
provider accepted but our database does not know was sent.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from pathlib import Path


def _setting(name: str, default: str = "") -> str:
    return os.environ.get(f"SAMBAT_RELIABILITY_{name}", default)


class RecordingBackend:
    def send(self, notification) -> str:
        half_trip = float(_setting("LATENCY_MS", "0")) / 2000
        time.sleep(half_trip)
        fd = os.open(_setting("SENT_LOG"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{notification.pk}\n".encode())
        finally:
            os.close(fd)
        time.sleep(half_trip)
        return f"wamid.recorded-{notification.pk}-{uuid.uuid4().hex[:12]}"

    def download_media(self, media_id: str) -> tuple[bytes, str]:
        raise NotImplementedError("The fault tests download no media.")


def accepted(log: Path) -> Counter:
    """How many times the provider accepted each notification id."""
    if not log.exists():
        return Counter()
    return Counter(int(line) for line in log.read_text().split())
