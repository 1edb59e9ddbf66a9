"""The notification outbox: queue rows, hand them to the worker, send each exactly once.

A Notification row is written in the same transaction as the change that causes it; its id
goes to the ``send_notification`` actor when that transaction commits. The actor claims the row
with a conditional UPDATE (pending → sending), so two workers never send the same row; the
outbox sweep re-enqueues rows whose broker message was lost and releases rows a killed worker
left in ``sending``. The remaining window — the provider accepted the message but the worker
died before recording it — is the one case that can repeat a message; the Cloud API offers no
idempotency key to close it.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .messages import render, sms_text
from .models import Notification
from .transports import PermanentError, TransientError, transport_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# A row in "sending" longer than this belonged to a worker that died.
SENDING_TIMEOUT = dt.timedelta(minutes=5)
# A pending row the worker has not picked up after this long lost its broker message.
PENDING_GRACE = dt.timedelta(minutes=2)
SWEEP_BATCH = 2000

_state = threading.local()


@contextmanager
def suppressed():
    """No notifications inside this block (demo data replays history without messaging)."""
    previous = getattr(_state, "suppressed", False)
    _state.suppressed = True
    try:
        yield
    finally:
        _state.suppressed = previous


def enqueue(notification_id: int, delay_seconds: float = 0) -> None:
    """Hand a row to the worker. A broker outage is not an error: the sweep retries."""
    from .tasks import send_notification

    try:
        if delay_seconds > 0:
            send_notification.send_with_options(
                args=(notification_id,), delay=int(delay_seconds * 1000)
            )
        else:
            send_notification.send(notification_id)
    except Exception:
        logger.warning("Could not enqueue notification %s; the outbox sweep will.", notification_id)


def queue(
    *,
    key: str,
    template_key: str,
    params: dict,
    audience: str,
    complaint=None,
    phone: str = "",
    email: str = "",
    user=None,
    channel: str = "",
    now: dt.datetime | None = None,
) -> Notification | None:
    """Write one notification (once per ``key``) and enqueue it when the transaction commits.

    A phone number is reached over WhatsApp unless ``channel`` says SMS; without a number the
    e-mail address is used.
    """
    if getattr(_state, "suppressed", False):
        return None
    if phone:
        channel = channel or Notification.Channel.WHATSAPP
    elif email:
        channel = Notification.Channel.EMAIL
    else:
        return None  # nobody to reach on any channel
    # Template parameters are text; "_"-prefixed ones (reply buttons) keep their structure.
    params = {name: value if name.startswith("_") else str(value) for name, value in params.items()}
    text, _template = render(template_key, params)
    if channel == Notification.Channel.SMS:
        text = sms_text(text, settings.SMS_MAX_LENGTH, link=params.get("tautan", ""))
    # Insert first and fall back on the unique key: one query in the common case, and a
    # concurrent writer of the same event makes this a no-op instead of a second message.
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                idempotency_key=key[:200],
                complaint=complaint,
                audience=audience,
                channel=channel,
                recipient_phone=phone,
                recipient_email="" if phone else email,
                recipient_user=user,
                template_key=template_key,
                params=params,
                text=text,
                created_at=now or timezone.now(),
                next_attempt_at=now or timezone.now(),
            )
    except IntegrityError:
        return Notification.objects.get(idempotency_key=key[:200])
    transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def _backoff(attempts: int, retry_after: float | None) -> float:
    if retry_after:
        return retry_after
    base = min(30 * 2 ** (attempts - 1), 3600)
    return base * random.uniform(0.8, 1.2)


def deliver(notification_id: int, now: dt.datetime | None = None) -> str:
    """Send one notification if it is due and nobody else holds it; returns what happened."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id,
        status=Notification.State.PENDING,
        next_attempt_at__lte=now,
    ).update(status=Notification.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    notification = Notification.objects.get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, status=Notification.State.SENDING)
    try:
        provider_id = transport_for(notification).send(notification)
    except PermanentError as exc:
        mine.update(status=Notification.State.FAILED, last_error=str(exc)[:2000])
        logger.warning("Notification %s failed permanently: %s", notification_id, exc)
        return "failed"
    except Exception as exc:
        retry_after = exc.retry_after if isinstance(exc, TransientError) else None
        if not isinstance(exc, TransientError):
            logger.exception("Unexpected error sending notification %s", notification_id)
        if notification.attempts >= MAX_ATTEMPTS:
            mine.update(status=Notification.State.DEAD, last_error=str(exc)[:2000])
            return "dead"
        delay = _backoff(notification.attempts, retry_after)
        mine.update(
            status=Notification.State.PENDING,
            next_attempt_at=now + dt.timedelta(seconds=delay),
            last_error=str(exc)[:2000],
        )
        enqueue(notification_id, delay_seconds=delay)
        return "retry"
    mine.update(
        status=Notification.State.SENT,
        sent_at=timezone.now(),
        provider_message_id=provider_id or "",
        last_error="",
    )
    return "sent"


def sweep_outbox(now: dt.datetime | None = None) -> dict[str, int]:
    """Release rows stuck in ``sending`` and re-enqueue pending rows nobody picked up."""
    now = now or timezone.now()
    stuck = list(
        Notification.objects.filter(
            status=Notification.State.SENDING, claimed_at__lt=now - SENDING_TIMEOUT
        ).values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    released = Notification.objects.filter(pk__in=stuck, status=Notification.State.SENDING).update(
        status=Notification.State.PENDING, next_attempt_at=now
    )
    stale = list(
        Notification.objects.filter(
            status=Notification.State.PENDING, next_attempt_at__lte=now - PENDING_GRACE
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    due = list(dict.fromkeys(stuck + stale))
    for pk in due:
        enqueue(pk)
    return {"released": released, "enqueued": len(due)}


# WhatsApp delivery statuses only move forward; Meta may deliver them out of order.
_STATUS_RANK = {
    Notification.State.SENT: 1,
    Notification.State.DELIVERED: 2,
    Notification.State.READ: 3,
}


def apply_status_update(
    provider_message_id: str,
    status: str,
    at: dt.datetime | None = None,
    error: str = "",
) -> Notification | None:
    """Record a WhatsApp ``statuses`` webhook entry (sent/delivered/read/failed)."""
    if not provider_message_id:
        return None
    at = at or timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(provider_message_id=provider_message_id)
            .first()
        )
        if notification is None:
            return None
        if status == "failed":
            notification.status = Notification.State.FAILED
            notification.last_error = (error or "failed")[:2000]
            notification.save(update_fields=["status", "last_error"])
            return notification
        if status not in _STATUS_RANK:
            return notification
        if status == Notification.State.DELIVERED and notification.delivered_at is None:
            notification.delivered_at = at
        if status == Notification.State.READ:
            notification.read_at = notification.read_at or at
            notification.delivered_at = notification.delivered_at or at
        current = _STATUS_RANK.get(notification.status, 0)
        if notification.status != Notification.State.FAILED and _STATUS_RANK[status] > current:
            notification.status = status
        notification.save(update_fields=["status", "delivered_at", "read_at"])
        return notification


def requeue(notification: Notification) -> bool:
    """An admin retries a failed or dead notification."""
    updated = Notification.objects.filter(
        pk=notification.pk,
        status__in=[Notification.State.FAILED, Notification.State.DEAD],
    ).update(status=Notification.State.PENDING, next_attempt_at=timezone.now(), attempts=0)
    if updated:
        transaction.on_commit(lambda: enqueue(notification.pk))
    return bool(updated)
