"""Dramatiq actors: sending notifications, and the scheduled sweeps (dramatiq-crontab).

Actors take ids and reload; every one of them is safe to run twice. The scheduler
(``manage.py crontab``) only enqueues; the worker (``manage.py rundramatiq``) does the work.
"""

import logging

import dramatiq
from dramatiq_crontab import cron

from . import outbox, sweeps

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="notifications", max_retries=0, time_limit=120_000)
def send_notification(notification_id: int) -> str:
    return outbox.deliver(notification_id)


@cron("* * * * *")
@dramatiq.actor(max_retries=0, time_limit=300_000)
def sweep_outbox() -> dict:
    return outbox.sweep_outbox()


@cron("*/5 * * * *")
@dramatiq.actor(max_retries=0, time_limit=600_000)
def sweep_reminders() -> dict:
    result = {
        "unanswered": sweeps.remind_unanswered(),
        "follow_up_overdue": sweeps.remind_overdue_follow_ups(),
    }
    logger.info("Reminder sweep: %s", result)
    return result


@cron("*/15 * * * *")
@dramatiq.actor(max_retries=0, time_limit=600_000)
def sweep_lifecycle() -> dict:
    result = {
        "closed": sweeps.close_silent_resolutions(),
        "archived": sweeps.archive_abandoned_returns(),
        "late_in_digest": sweeps.send_breach_digest(),
    }
    logger.info("Lifecycle sweep: %s", result)
    return result
