"""Scheduled reports."""

import dramatiq
from dramatiq_crontab import cron


@cron("0 1 1 * *")
@dramatiq.actor(max_retries=3, time_limit=1_800_000)
def monthly_recap() -> str:
    """On the 1st at 01:00: the recap of the month that just ended, announced to Admin
    Pengaduan [000 step 14]. Skipped where the installation's SOP has no monthly recap."""
    from workflow.models import InstallationSettings

    from .recap import generate, previous_month

    if not InstallationSettings.load().report_monthly:
        return "skipped: report_monthly is off"

    return str(generate(previous_month()).month)
