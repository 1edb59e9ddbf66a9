"""Two schedulers at once send no reminder twice.

Normally only one sweep runs: dramatiq-crontab's scheduler holds a Redis lock
("dramatiq-scheduler", 10 s, refreshed every 5 s), so a second ``manage.py crontab`` waits and
gives up. But a lock can expire under a paused scheduler, and a worker that was down finds
two queued ``sweep_reminders`` messages and runs them side by side — so the sweep itself
must be safe to run twice at once. It is made so by the database: a reminder is a
``Reminder`` row, unique per (complaint, kind, round, period); only the sweep whose INSERT
succeeds writes that reminder's notifications, and they are keyed by the reminder's id.

Here two processes — the test and an agent, each with its own database connection — run the
reminder sweeps for the same scheduler tick at the same moment, twice (first reminders, then
the escalated second ones). Every reminder must exist once, each of its messages once, and
each message must have been handed to the broker once, by the sweep that won.

Two concurrent sweeps whose clocks fall on either side of a complaint's period boundary
compute different periods; the second unique key, (complaint, kind, round, number), stops the
same "Pengingat ke-n" twice (tests/test_reminders.py::
test_two_sweeps_straddling_a_period_boundary_send_one_reminder).
"""

import datetime as dt
import time
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workflow import sweeps
from workflow.models import Notification, Reminder
from workflow.states import Status

from .conftest import messages_in_broker

AGENTS = ("scheduler",)
pytestmark = [
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIB = ZoneInfo("Asia/Jakarta")
A = Notification.Audience
UNANSWERED = 16
OVERDUE = 6
REMINDER_TEMPLATES = ["agency.reminder", "agency.escalation", "agency.follow_up_overdue"]


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def both_schedulers(agent, now: dt.datetime) -> dict[str, int]:
    """The agent and this process run the reminder sweeps for ``now``, starting together."""
    start = time.time() + 0.5
    agent.send("remind", now=now.isoformat(), at=start)
    time.sleep(max(0.0, start - time.time()))
    mine = {
        "unanswered": sweeps.remind_unanswered(now=now),
        "follow_up": sweeps.remind_overdue_follow_ups(now=now),
    }
    theirs = agent.receive()
    return {kind: mine[kind] + theirs[kind] for kind in mine}


def test_two_schedulers_running_the_reminder_sweep_at_once_remind_once(
    agents, make_complaint, numbered_agency, broker
):
    (agent,) = agents("scheduler")
    # Monday 2 and Monday 9 November 2026 are ordinary working days.
    with time_machine.travel(at(2026, 11, 2, 9, 0), tick=False):
        overdue = [make_complaint(Status.RESPONDED) for _ in range(OVERDUE)]
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        unanswered = [make_complaint(Status.DISPATCHED) for _ in range(UNANSWERED)]
    broker.flush_all()  # only the reminders' messages count below
    agent.ready()

    first = both_schedulers(agent, at(2026, 11, 9, 10, 30))
    second = both_schedulers(agent, at(2026, 11, 9, 11, 30))

    assert first == {"unanswered": UNANSWERED, "follow_up": OVERDUE}
    assert second == {"unanswered": UNANSWERED, "follow_up": 0}  # one follow-up a day
    reminders = Counter(Reminder.objects.values_list("complaint_id", "kind", "number"))
    assert reminders == {
        **{(c.pk, Reminder.Kind.RESPONSE, n): 1 for c in unanswered for n in (1, 2)},
        **{(c.pk, Reminder.Kind.FOLLOW_UP, 1): 1 for c in overdue},
    }
    messages = Notification.objects.filter(template_key__in=REMINDER_TEMPLATES)
    sent = Counter(messages.values_list("complaint_id", "template_key", "audience"))
    assert sent == {
        **{(c.pk, "agency.reminder", A.AGENCY_ADMIN): 2 for c in unanswered},
        **{(c.pk, "agency.escalation", A.AGENCY_SECRETARY): 1 for c in unanswered},
        **{(c.pk, "agency.escalation", A.AGENCY_HEAD): 1 for c in unanswered},
        **{(c.pk, "agency.follow_up_overdue", A.AGENCY_ADMIN): 1 for c in overdue},
    }
    assert messages_in_broker(broker) == messages.count() == UNANSWERED * 4 + OVERDUE
