"""Scheduled reports."""

import logging

import dramatiq
from dramatiq_crontab import cron

logger = logging.getLogger(__name__)


@cron("0 1 1 * *")
@dramatiq.actor(max_retries=3, time_limit=1_800_000)
def monthly_recap() -> None:
    """On the 1st at 01:00: the recap of the month that just ended, announced to Admin
    Pengaduan [000 step 14]. Skipped where the installation's SOP has no monthly recap."""
    from workflow.models import InstallationSettings

    from .recap import generate, previous_month

    if not InstallationSettings.load().report_monthly:
        logger.info("Monthly recap skipped: the installation's SOP has no monthly recap.")
        return
    logger.info("Monthly recap of %s made.", generate(previous_month()).month)
