"""Who may do what: every action × every role, on a complaint in a state that allows it.

The expectations are written out from SPEC §1 (roles) rather than read from the policy.
"""

import pytest
from django.contrib.auth.models import Group

from pengaduan.models import Complaint
from workflow import policy, services
from workflow.models import ActivityLog
from workflow.roles import ROLE_PERMISSIONS
from workflow.states import Status

from .conftest import evidence
from .factories import UserFactory

S = Status
pytestmark = pytest.mark.django_db
ROLES = ["admin", "validator", "opd", "sekdin", "kadis", "editor", "other_opd", "nobody"]
AGENCY_STAFF = {"opd", "sekdin", "kadis"}

# action: (state to try it in, roles that may)
MAY = {
    "verify_and_dispatch": (S.SUBMITTED, {"admin"}),
    "return_to_reporter": (S.SUBMITTED, {"admin"}),
    "resubmit": (S.RETURNED_TO_REPORTER, {"admin", "reporter"}),
    "archive": (S.SUBMITTED, {"admin", "system"}),
    "restore": (S.ARCHIVED, {"admin"}),
    "forward_out_of_authority": (S.SUBMITTED, {"admin"}),
    "return_by_agency": (S.DISPATCHED, AGENCY_STAFF),
    "redispatch": (S.RETURNED_BY_AGENCY, {"admin"}),
    "respond": (S.DISPATCHED, AGENCY_STAFF),
    "approve_response": (S.DISPATCHED, {"sekdin", "kadis"}),
    "reject_response": (S.DISPATCHED, {"sekdin", "kadis"}),
    "add_follow_up": (S.RESPONDED, AGENCY_STAFF),
    "resolve": (S.RESPONDED, AGENCY_STAFF),
    "close": (S.RESOLVED, {"admin", "reporter", "system"}),
    "reopen": (S.CLOSED, {"admin", "reporter"}),
    "merge_duplicate": (S.SUBMITTED, {"admin"}),
    "check_identity": (S.SUBMITTED, {"admin", "validator"}),
    "add_note": (S.DISPATCHED, {"admin", *AGENCY_STAFF}),
    "add_reporter_message": (S.DISPATCHED, {"reporter"}),
}


@pytest.fixture
def people(admin_user, validator, opd_admin, sekdin, kadis, editor, other_opd_admin):
    return {
        "admin": admin_user,
        "validator": validator,
        "opd": opd_admin,
        "sekdin": sekdin,
        "kadis": kadis,
        "editor": editor,
        "other_opd": other_opd_admin,
        "nobody": UserFactory(username="tanpa.peran"),
        "reporter": policy.REPORTER_ACTOR,
        "system": policy.SYSTEM_ACTOR,
    }


def call(action, complaint, by, other_agency, survivor):
    kwargs = {
        "verify_and_dispatch": lambda: services.verify_and_dispatch(complaint, other_agency, by=by),
        "return_to_reporter": lambda: services.return_to_reporter(complaint, by=by, reason="x"),
        "resubmit": lambda: services.resubmit(complaint, by=by, text="Lengkap."),
        "archive": lambda: services.archive(complaint, by=by, reason_code="incomplete"),
        "restore": lambda: services.restore(complaint, by=by, reason="Valid."),
        "forward_out_of_authority": lambda: services.forward_out_of_authority(
            complaint, by=by, institution="PLN", note="Hubungi PLN 123."
        ),
        "return_by_agency": lambda: services.return_by_agency(complaint, by=by, reason="Bukan."),
        "redispatch": lambda: services.redispatch(complaint, other_agency, by=by),
        "respond": lambda: services.respond(complaint, by=by, text="Ditanggapi."),
        "approve_response": lambda: services.approve_response(complaint, by=by),
        "reject_response": lambda: services.reject_response(complaint, by=by, reason="Ulang."),
        "add_follow_up": lambda: services.add_follow_up(complaint, by=by, text="Progres."),
        "resolve": lambda: services.resolve(complaint, by=by, text="Beres.", files=[evidence()]),
        "close": lambda: services.close(complaint, by=by),
        "reopen": lambda: services.reopen(complaint, by=by, reason="Belum beres."),
        "merge_duplicate": lambda: services.merge_duplicate(complaint, survivor, by=by),
        "check_identity": lambda: services.check_identity(complaint, by=by, valid=False),
        "add_note": lambda: services.add_note(complaint, by=by, text="Catatan internal."),
        "add_reporter_message": lambda: services.add_reporter_message(
            complaint, by=by, text="Tambahan."
        ),
    }
    return kwargs[action]()


ACTORS = [*ROLES, "reporter", "system"]
CASES = [(action, actor) for action in MAY for actor in ACTORS]


@pytest.mark.parametrize(("action", "actor"), CASES, ids=[f"{a}-{r}" for a, r in CASES])
def test_role_may_or_may_not(action, actor, people, make_complaint, agency, other_agency):
    state, allowed = MAY[action]
    complaint = make_complaint(state)
    if action in ("approve_response", "reject_response"):
        agency.requires_response_approval = True
        agency.save()
        services.respond(complaint, by=people["opd"], text="Draf.")
    survivor = make_complaint(S.SUBMITTED) if action == "merge_duplicate" else None
    by = people[actor]

    if actor in allowed:
        call(action, complaint, by, other_agency, survivor)
        entry = ActivityLog.objects.filter(complaint=complaint).latest("id")
        assert entry.action == action
        assert entry.actor_kind == {"reporter": "reporter", "system": "system"}.get(actor, "staff")
        assert entry.actor == (None if actor in ("reporter", "system") else by)
    else:
        with pytest.raises(services.ActionForbidden):
            call(action, complaint, by, other_agency, survivor)
        assert Complaint.objects.get(pk=complaint.pk).status == state


def test_groups_exist_with_admin_access():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(policy.STAFF_ROLES) <= names
    for role in policy.STAFF_ROLES:
        group = Group.objects.get(name=role)
        codenames = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert "wagtailadmin.access_admin" in codenames
        assert codenames >= set(ROLE_PERMISSIONS[role])


def test_only_central_roles_see_personal_data(
    admin_user, validator, opd_admin, sekdin, kadis, editor
):
    assert admin_user.has_perm("pengaduan.view_personal_data")
    assert validator.has_perm("pengaduan.view_personal_data")
    for user in (opd_admin, sekdin, kadis, editor):
        assert not user.has_perm("pengaduan.view_personal_data")
        assert not user.has_perm("pengaduan.view_reporter")


def test_nobody_may_delete_a_complaint(admin_user):
    from wagtail.permissions import policy_registry

    complaint_policy = policy_registry.get_by_type(Complaint)
    admin_user.is_superuser = True
    assert complaint_policy.user_has_permission(admin_user, "delete") is False
