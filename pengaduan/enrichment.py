"""After a complaint arrives, and only when Claude is configured: a better redacted public
copy (names and home addresses the rules cannot see) and an urgency class. Runs in the worker,
outside any transaction; an admin's own edits are never overwritten."""

from __future__ import annotations

import logging

from django.db import transaction

from faq import ai
from workflow.models import ActivityLog
from workflow.states import Status

from .models import Complaint
from .redaction import redact

logger = logging.getLogger(__name__)


def wanted() -> bool:
    return ai.enabled()


def enqueue(complaint_id: int) -> None:
    from .tasks import enrich_complaint

    try:
        enrich_complaint.send(complaint_id)
    except Exception:
        logger.warning("Could not enqueue enrichment of complaint %s", complaint_id)


def enrich(complaint_id: int) -> str:
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None or complaint.status != Status.SUBMITTED:
        return "skipped"
    public_text = ai.redact_public(complaint.text)
    urgency = ai.urgency(complaint.text)
    with transaction.atomic():
        fresh = Complaint.objects.select_for_update().get(pk=complaint_id)
        changed = {}
        # Only replace what nobody has touched since intake.
        if fresh.public_text == redact(fresh.text) and public_text != fresh.public_text:
            changed["public_text"] = public_text
        if fresh.status == Status.SUBMITTED and urgency != fresh.urgency:
            changed["urgency"] = urgency
        if not changed:
            return "unchanged"
        for field, value in changed.items():
            setattr(fresh, field, value)
        fresh.save(update_fields=sorted(changed))  # keeps the search words in step
        ActivityLog.objects.create(
            complaint=fresh,
            reporter=fresh.reporter,
            action=ActivityLog.EDIT,
            actor_kind=ActivityLog.ActorKind.SYSTEM,
            reason="Penyamaran data pribadi dan klasifikasi oleh AI.",
            data={"fields": sorted(changed)},
        )
    return "enriched"
