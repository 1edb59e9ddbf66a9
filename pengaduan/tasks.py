"""Dramatiq actors of the intake channels (they return None: there is no results backend)."""

import logging

import dramatiq
from dramatiq_crontab import cron

from workflow.tasks import log_if_busy

from .channels import whatsapp

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="inbound", max_retries=3, time_limit=300_000)
def process_webhook_event(event_id: int) -> None:
    logger.debug("Webhook event %s: %s", event_id, whatsapp.process_event(event_id))


@cron("* * * * *")
@dramatiq.actor(max_retries=0, time_limit=300_000)
def sweep_inbound() -> None:
    log_if_busy("Inbound sweep", whatsapp.sweep_inbound())


@cron("30 1 * * *")
@dramatiq.actor(max_retries=0, time_limit=1_800_000)
def retrain_routing() -> None:
    from .routing import retrain

    logger.info("Agency suggestion retrained on %s examples.", retrain().examples)


@dramatiq.actor(queue_name="ai", max_retries=2, time_limit=120_000)
def enrich_complaint(complaint_id: int) -> None:
    from .enrichment import enrich

    logger.debug("Enrichment of complaint %s: %s", complaint_id, enrich(complaint_id))
