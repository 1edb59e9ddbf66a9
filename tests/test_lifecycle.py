"""Every workflow action from every state: allowed ones reach their target, the others are
refused with a clear error and change nothing (SPEC §3 table, written out here on purpose
rather than read from workflow.policy, so the test can disagree with the code)."""

import pytest

from pengaduan.models import Complaint, ComplaintUpdate
from workflow import policy, services
from workflow.models import ActivityLog
from workflow.states import Status

from .conftest import evidence
from .factories import AgencyFactory, UserFactory

S = Status
ALL = set(Status)

# action: (states it may start from, state it ends in; None = unchanged)
EXPECTED = {
    "verify_and_dispatch": ({S.SUBMITTED}, S.DISPATCHED),
    "return_to_reporter": ({S.SUBMITTED}, S.RETURNED_TO_REPORTER),
    "resubmit": ({S.RETURNED_TO_REPORTER}, S.SUBMITTED),
    "archive": ({S.SUBMITTED, S.RETURNED_TO_REPORTER}, S.ARCHIVED),
    "restore": ({S.ARCHIVED}, S.SUBMITTED),
    "forward_out_of_authority": ({S.SUBMITTED, S.RETURNED_BY_AGENCY}, S.OUT_OF_AUTHORITY),
    "return_by_agency": ({S.DISPATCHED}, S.RETURNED_BY_AGENCY),
    "redispatch": ({S.DISPATCHED, S.RETURNED_BY_AGENCY}, S.DISPATCHED),
    "respond": ({S.DISPATCHED}, S.RESPONDED),
    "approve_response": ({S.DISPATCHED}, S.RESPONDED),
    "reject_response": ({S.DISPATCHED}, None),
    "add_follow_up": ({S.RESPONDED}, None),
    "resolve": ({S.RESPONDED}, S.RESOLVED),
    "close": ({S.RESOLVED}, S.CLOSED),
    "reopen": ({S.RESOLVED, S.CLOSED}, S.RESPONDED),
    "merge_duplicate": ({S.SUBMITTED, S.RETURNED_TO_REPORTER}, S.ARCHIVED),
    "check_identity": ({S.SUBMITTED, S.RETURNED_TO_REPORTER}, None),
    "add_note": (ALL, None),
    "add_reporter_message": (
        {S.SUBMITTED, S.DISPATCHED, S.RETURNED_BY_AGENCY, S.RESPONDED, S.RESOLVED},
        None,
    ),
}


def test_the_table_covers_every_action_of_the_policy():
    assert set(EXPECTED) == set(policy.ACTIONS)


@pytest.fixture
def actors(admin_user, opd_admin, sekdin, other_agency):
    return {"admin": admin_user, "opd": opd_admin, "sekdin": sekdin, "other_agency": other_agency}


def perform(action, complaint, actors, survivor=None):
    """Call the service for ``action`` with a person entitled to it by role."""
    admin, opd, sekdin = actors["admin"], actors["opd"], actors["sekdin"]
    calls = {
        "verify_and_dispatch": lambda: services.verify_and_dispatch(
            complaint, actors["other_agency"], by=admin
        ),
        "return_to_reporter": lambda: services.return_to_reporter(
            complaint, by=admin, reason="Mohon lengkapi lokasi."
        ),
        "resubmit": lambda: services.resubmit(
            complaint, by=policy.REPORTER_ACTOR, text="Dusun Krajan RT 02."
        ),
        "archive": lambda: services.archive(complaint, by=admin, reason_code="spam"),
        "restore": lambda: services.restore(complaint, by=admin, reason="Ternyata valid."),
        "forward_out_of_authority": lambda: services.forward_out_of_authority(
            complaint, by=admin, institution="Polres Lumajang", note="Silakan lapor ke Polres."
        ),
        "return_by_agency": lambda: services.return_by_agency(
            complaint, by=opd, reason="Bukan tugas kami."
        ),
        "redispatch": lambda: services.redispatch(complaint, actors["other_agency"], by=admin),
        "respond": lambda: services.respond(complaint, by=opd, text="Akan kami cek."),
        "approve_response": lambda: services.approve_response(complaint, by=sekdin),
        "reject_response": lambda: services.reject_response(
            complaint, by=sekdin, reason="Perbaiki bahasanya."
        ),
        "add_follow_up": lambda: services.add_follow_up(complaint, by=opd, text="Sudah disurvei."),
        "resolve": lambda: services.resolve(
            complaint, by=opd, text="Sudah diperbaiki.", files=[evidence()]
        ),
        "close": lambda: services.close(complaint, by=admin),
        "reopen": lambda: services.reopen(complaint, by=admin, reason="Rusak lagi."),
        "merge_duplicate": lambda: services.merge_duplicate(complaint, survivor, by=admin),
        "check_identity": lambda: services.check_identity(complaint, by=admin, valid=True),
        "add_note": lambda: services.add_note(complaint, by=admin, text="Catatan."),
        "add_reporter_message": lambda: services.add_reporter_message(
            complaint, text="Ada foto tambahan."
        ),
    }
    return calls[action]()


CASES = [(action, state) for action in EXPECTED for state in Status]


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_action_from_state(action, state, make_complaint, actors, opd_admin, agency):
    sources, target = EXPECTED[action]
    complaint = make_complaint(state)
    if action in ("approve_response", "reject_response"):
        agency.requires_response_approval = True
        agency.save()
        if state == S.DISPATCHED:
            services.respond(complaint, by=opd_admin, text="Draf tanggapan.")
    survivor = make_complaint(S.DISPATCHED) if action == "merge_duplicate" else None
    logs_before = ActivityLog.objects.filter(complaint=complaint).count()

    if state in sources:
        perform(action, complaint, actors, survivor)
        complaint.refresh_from_db()
        assert complaint.status == (target or state)
        entry = ActivityLog.objects.filter(complaint=complaint).latest("id")
        assert entry.action == action
        assert entry.from_state == state
        assert entry.to_state == (target or state)
    else:
        with pytest.raises(services.TransitionNotAllowed) as excinfo:
            perform(action, complaint, actors, survivor)
        assert complaint.tracking_number in str(excinfo.value) or "tanggapan" in str(excinfo.value)
        complaint.refresh_from_db()
        assert complaint.status == state
        assert ActivityLog.objects.filter(complaint=complaint).count() == logs_before


def test_dispatch_sets_agency_deadline_and_log(make_complaint, admin_user, agency):
    complaint = make_complaint()
    complaint = services.verify_and_dispatch(
        complaint, agency, by=admin_user, note="Jalan kabupaten.", urgency="urgent"
    )
    assert complaint.agency == agency
    assert complaint.urgency == "urgent"
    assert complaint.dispatched_at is not None
    assert complaint.due_at > complaint.dispatched_at
    entry = complaint.activity.latest("id")
    assert (entry.actor, entry.agency, entry.reason) == (admin_user, agency, "Jalan kabupaten.")


def test_returned_reporter_completion_is_appended_and_redacted(make_complaint):
    complaint = make_complaint(S.RETURNED_TO_REPORTER)
    complaint = services.resubmit(
        complaint, text="Lokasi di Dusun Krajan, hubungi saya 0812-3456-7890."
    )
    assert complaint.status == S.SUBMITTED
    assert "Dusun Krajan" in complaint.text
    assert "0812-3456-7890" in complaint.text
    assert "0812-3456-7890" not in complaint.public_text
    assert "[nomor disamarkan]" in complaint.public_text


def test_response_needs_approval_where_the_agency_requires_it(
    make_complaint, agency, opd_admin, kadis
):
    agency.requires_response_approval = True
    agency.save()
    complaint = make_complaint(S.DISPATCHED)
    draft = services.respond(complaint, by=opd_admin, text="Draf: akan kami tinjau.")
    complaint.refresh_from_db()
    assert complaint.status == S.DISPATCHED
    assert draft.status == ComplaintUpdate.State.DRAFT
    assert draft.sent_at is None

    # A second draft while one waits is refused.
    with pytest.raises(services.TransitionNotAllowed):
        services.respond(complaint, by=opd_admin, text="Draf kedua.")

    approved = services.approve_response(complaint, by=kadis, text="Akan kami tinjau besok pagi.")
    complaint.refresh_from_db()
    assert complaint.status == S.RESPONDED
    assert approved.pk == draft.pk
    assert approved.status == ComplaintUpdate.State.SENT
    assert approved.text == "Akan kami tinjau besok pagi."
    assert approved.decided_by == kadis
    assert complaint.responded_at == approved.sent_at


def test_rejected_draft_can_be_rewritten(make_complaint, agency, opd_admin, sekdin):
    agency.requires_response_approval = True
    agency.save()
    complaint = make_complaint(S.DISPATCHED)
    services.respond(complaint, by=opd_admin, text="Draf kurang sopan.")
    rejected = services.reject_response(complaint, by=sekdin, reason="Gunakan bahasa yang santun.")
    assert rejected.status == ComplaintUpdate.State.REJECTED
    assert rejected.decision_note == "Gunakan bahasa yang santun."
    second = services.respond(
        complaint, by=opd_admin, text="Terima kasih, akan kami tindak lanjuti."
    )
    assert second.status == ComplaintUpdate.State.DRAFT


def test_approver_response_is_sent_directly(make_complaint, agency, sekdin):
    agency.requires_response_approval = True
    agency.save()
    complaint = make_complaint(S.DISPATCHED)
    update = services.respond(complaint, by=sekdin, text="Kami tangani.")
    complaint.refresh_from_db()
    assert update.status == ComplaintUpdate.State.SENT
    assert complaint.status == S.RESPONDED


def test_merge_points_to_the_surviving_complaint(make_complaint, admin_user):
    survivor = make_complaint(S.DISPATCHED)
    first = make_complaint()
    services.merge_duplicate(first, survivor, by=admin_user)
    second = make_complaint()
    # Merging into a merged complaint follows the chain to the survivor.
    services.merge_duplicate(second, first, by=admin_user)
    second.refresh_from_db()
    assert second.status == S.ARCHIVED
    assert second.archive_reason == Complaint.ArchiveReason.DUPLICATE
    assert second.duplicate_of == survivor
    assert second.activity.latest("id").data == {"survivor": survivor.tracking_number}


def test_merge_refuses_itself_and_archived_targets(make_complaint, admin_user):
    complaint = make_complaint()
    with pytest.raises(services.InvalidInput):
        services.merge_duplicate(complaint, complaint, by=admin_user)
    archived = make_complaint(S.ARCHIVED)
    with pytest.raises(services.InvalidInput):
        services.merge_duplicate(complaint, archived, by=admin_user)
    complaint.refresh_from_db()
    assert complaint.status == S.SUBMITTED


def test_redispatch_to_the_same_agency_is_refused(make_complaint, admin_user, agency):
    complaint = make_complaint(S.DISPATCHED)
    with pytest.raises(services.InvalidInput):
        services.redispatch(complaint, agency, by=admin_user)


def test_dispatch_to_an_inactive_agency_is_refused(make_complaint, admin_user):
    inactive = AgencyFactory(short_name="LAMA", active=False)
    complaint = make_complaint()
    with pytest.raises(services.InvalidInput):
        services.verify_and_dispatch(complaint, inactive, by=admin_user)
    complaint.refresh_from_db()
    assert complaint.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c, u: services.return_to_reporter(c, by=u, reason="  "), "lengkapi"),
        (lambda c, u: services.archive(c, by=u, reason_code="duplicate"), "duplikat"),
        (
            lambda c, u: services.forward_out_of_authority(c, by=u, institution="", note="x"),
            "instansi",
        ),
    ],
)
def test_missing_reason_is_a_clear_error(make_complaint, admin_user, call, message):
    complaint = make_complaint()
    with pytest.raises(services.InvalidInput) as excinfo:
        call(complaint, admin_user)
    assert message in str(excinfo.value).lower()
    complaint.refresh_from_db()
    assert complaint.status == S.SUBMITTED


def test_edit_after_dispatch_only_touches_the_public_copy(make_complaint, admin_user):
    complaint = make_complaint(S.DISPATCHED)
    with pytest.raises(services.ActionForbidden):
        services.edit_details(complaint, by=admin_user, changes={"text": "Diubah."})
    complaint = services.edit_details(
        complaint, by=admin_user, changes={"public_text": "Jalan berlubang di Kalibendo."}
    )
    assert complaint.public_text == "Jalan berlubang di Kalibendo."
    entry = complaint.activity.latest("id")
    assert entry.action == ActivityLog.EDIT
    assert entry.data == {"fields": ["public_text"]}


def test_urgency_change_while_responded_moves_the_deadline(make_complaint, admin_user):
    complaint = make_complaint(S.RESPONDED, urgency="normal")
    before = complaint.due_at
    complaint = services.edit_details(
        complaint, by=admin_user, changes={"urgency": "field_inspection"}
    )
    assert complaint.due_at > before


def test_reopen_brings_the_agency_back(make_complaint, admin_user, agency):
    complaint = make_complaint(S.CLOSED)
    complaint = services.reopen(complaint, by=admin_user, reason="Jalan rusak lagi.")
    assert complaint.status == S.RESPONDED
    assert complaint.closed_at is None
    assert complaint.agency == agency
    operator = UserFactory(username="operator.dputr")
    assert policy.can(operator, "resolve", complaint)


def test_concurrent_stale_instance_cannot_transition_twice(make_complaint, admin_user, agency):
    complaint = make_complaint()
    stale = Complaint.objects.get(pk=complaint.pk)
    services.verify_and_dispatch(complaint, agency, by=admin_user)
    # The service re-reads the row under lock: the stale copy's state does not matter.
    with pytest.raises(services.TransitionNotAllowed):
        services.verify_and_dispatch(stale, agency, by=admin_user)
    assert (
        ActivityLog.objects.filter(complaint=complaint, action="verify_and_dispatch").count() == 1
    )
