"""Dramatiq actors of the intake channels."""

import dramatiq
from dramatiq_crontab import cron

from .channels import whatsapp


@dramatiq.actor(queue_name="inbound", max_retries=3, time_limit=300_000)
def process_webhook_event(event_id: int) -> dict:
    return whatsapp.process_event(event_id)


@cron("* * * * *")
@dramatiq.actor(max_retries=0, time_limit=300_000)
def sweep_inbound() -> dict:
    return whatsapp.sweep_inbound()


@cron("30 1 * * *")
@dramatiq.actor(max_retries=0, time_limit=1_800_000)
def retrain_routing() -> int:
    from .routing import retrain

    return retrain().examples


@dramatiq.actor(queue_name="ai", max_retries=2, time_limit=120_000)
def enrich_complaint(complaint_id: int) -> str:
    from .enrichment import enrich

    return enrich(complaint_id)
