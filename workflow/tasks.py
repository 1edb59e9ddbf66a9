"""Dramatiq actors: sending notifications, and the scheduled sweeps (dramatiq-crontab).

Actors take ids and reload; every one of them is safe to run twice. The scheduler
(``manage.py crontab``) only enqueues; the worker (``manage.py rundramatiq``) does the work.
Actors return None (there is no results backend): what a sweep did is logged when it did
something, so a quiet minute prints nothing.
"""

import logging

import dramatiq
from dramatiq_crontab import cron

from . import outbox, sweeps

logger = logging.getLogger(__name__)


def log_if_busy(what: str, counts: dict) -> None:
    """One INFO line when a sweep did something; nothing for an idle tick."""
    if any(counts.values()):
        logger.info("%s: %s", what, counts)


@dramatiq.actor(queue_name="notifications", max_retries=0, time_limit=120_000)
def send_notification(notification_id: int) -> None:
    outcome = outbox.deliver(notification_id)
    logger.debug("Notification %s: %s", notification_id, outcome)


@cron("* * * * *")
@dramatiq.actor(max_retries=0, time_limit=300_000)
def sweep_outbox() -> None:
    log_if_busy("Outbox sweep", outbox.sweep_outbox())


@cron("*/5 * * * *")
@dramatiq.actor(max_retries=0, time_limit=600_000)
def sweep_reminders() -> None:
    result = {
        "unanswered": sweeps.remind_unanswered(),
        "follow_up_overdue": sweeps.remind_overdue_follow_ups(),
    }
    log_if_busy("Reminder sweep", result)


@cron("*/15 * * * *")
@dramatiq.actor(max_retries=0, time_limit=600_000)
def sweep_lifecycle() -> None:
    result = {
        "closed": sweeps.close_silent_resolutions(),
        "archived": sweeps.archive_abandoned_returns(),
        "late_in_digest": sweeps.send_breach_digest(),
    }
    log_if_busy("Lifecycle sweep", result)
