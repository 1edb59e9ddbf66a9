"""Scheduled work of the public site."""

import dramatiq
from dramatiq_crontab import cron


@cron("*/5 * * * *")
@dramatiq.actor(max_retries=0, time_limit=600_000)
def refresh_public_statistics() -> None:
    """Recompute the statistics page's default views (this year, this month) ahead of
    visitors: at a million complaints a cold computation takes seconds."""
    from . import stats

    stats.refresh_defaults()
