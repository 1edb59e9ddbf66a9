"""A database error in the middle of a state change: nothing of it remains, nothing is sent.

The database itself is broken, not our code: a trigger refuses one INSERT the transition
makes — the history log row, or the last of the disposition messages after the earlier ones
were written and their hand-over to the broker registered. The service's transaction must
roll back as a whole: the complaint keeps its state and fields, no log row and no
notification row remain, and the broker receives nothing, because rows go to the broker only
when the transaction commits (``transaction.on_commit``) and this one never does.
"""

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, connection

from pengaduan.models import Complaint
from workflow import services
from workflow.models import ActivityLog, Notification
from workflow.states import Status

from .conftest import messages_in_broker

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRIGGER = "reliability_refuse_insert"

# Where the transition breaks: the table whose INSERT fails, and which rows of it.
BREAKS = {
    "history log": (ActivityLog._meta.db_table, "action", "verify_and_dispatch"),
    "last message": (Notification._meta.db_table, "audience", "agency_head"),
}


def refuse_inserts(table: str, column: str, value: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'reliability test: insert refused'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE INSERT ON {table} FOR EACH ROW "
                f"WHEN (NEW.{column} = '{value}') EXECUTE FUNCTION {TRIGGER}()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE INSERT ON {table} FOR EACH ROW "
                f"WHEN NEW.{column} = '{value}' "
                "BEGIN SELECT RAISE(ABORT, 'reliability test: insert refused'); END"
            )


def allow_inserts(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP TRIGGER IF EXISTS {TRIGGER}"
            + (f" ON {table}" if connection.vendor == "postgresql" else "")
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")


def snapshot(complaint) -> dict:
    fields = ("status", "agency_id", "due_at", "status_changed_at", "dispatched_at", "urgency")
    return {
        "complaint": Complaint.objects.filter(pk=complaint.pk).values(*fields).get(),
        "log": list(ActivityLog.objects.filter(complaint=complaint).values_list("pk", flat=True)),
        "notifications": list(
            Notification.objects.filter(complaint=complaint).values_list("pk", flat=True)
        ),
    }


@pytest.fixture
def disposable_agency(agency):
    agency.sekdin_whatsapp = "+6281100000002"
    agency.kadis_whatsapp = "+6281100000003"
    agency.save()
    return agency


@pytest.mark.parametrize("where", BREAKS)
def test_a_transition_that_fails_in_the_database_leaves_no_trace_and_sends_nothing(
    where, make_complaint, disposable_agency, admin_user, broker
):
    complaint = make_complaint(Status.SUBMITTED)
    broker.flush_all()  # the ticket message of the submission is not this test's business
    before = snapshot(complaint)
    table, column, value = BREAKS[where]

    refuse_inserts(table, column, value)
    try:
        # PostgreSQL reports the trigger's exception as a DatabaseError. SQLite reports a
        # trigger's RAISE as a constraint failure, which the outbox takes for "this message
        # exists already" and looks up — finding nothing: ObjectDoesNotExist. Both abort.
        with pytest.raises((DatabaseError, ObjectDoesNotExist)):
            services.verify_and_dispatch(complaint, disposable_agency, by=admin_user)
    finally:
        allow_inserts(table)

    assert snapshot(complaint) == before
    assert before["complaint"]["status"] == Status.SUBMITTED
    assert messages_in_broker(broker) == 0

    # The same change on a healthy database goes through, and its messages reach the broker:
    # the checks above could see them.
    services.verify_and_dispatch(complaint, disposable_agency, by=admin_user)
    after = snapshot(complaint)
    assert after["complaint"]["status"] == Status.DISPATCHED
    written = len(after["notifications"]) - len(before["notifications"])
    assert written == 4  # the reporter, Admin OPD, Sekretaris and Kepala OPD
    assert messages_in_broker(broker) == written
