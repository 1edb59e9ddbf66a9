"""Scheduled reports."""

import dramatiq
from dramatiq_crontab import cron


@cron("0 1 1 * *")
@dramatiq.actor(max_retries=3, time_limit=1_800_000)
def monthly_recap() -> str:
    """On the 1st at 01:00: the recap of the month that just ended, announced to Admin
    Pengaduan [000 step 14]."""
    from .recap import generate, previous_month

    return str(generate(previous_month()).month)
