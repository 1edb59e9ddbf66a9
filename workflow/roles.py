"""The staff roles as Django groups and the model permissions each one holds.

Row-level limits (an OPD sees only its own complaints) come from ``workflow.policy``; these
are the coarse permissions Wagtail checks before showing a menu item or a view at all. Data
migrations apply them (``workflow.0002_roles``, ``0004``, ``0005``): a change to this table
needs a new migration that calls ``sync_roles``.
"""

from . import policy

ADMIN_ACCESS = "wagtailadmin.access_admin"
COMPLAINT_READ = ["pengaduan.view_complaint"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    policy.ADMIN_PENGADUAN: [
        ADMIN_ACCESS,
        *COMPLAINT_READ,
        "pengaduan.add_complaint",
        "pengaduan.change_complaint",
        "pengaduan.view_agency",
        "pengaduan.add_agency",
        "pengaduan.change_agency",
        "pengaduan.view_reporter",
        "pengaduan.change_reporter",
        "pengaduan.view_personal_data",
        "pengaduan.view_staffprofile",
        "pengaduan.add_staffprofile",
        "pengaduan.change_staffprofile",
        "pengaduan.delete_staffprofile",
        "workflow.view_activitylog",
        "workflow.view_notification",
        "workflow.change_notification",
        "workflow.view_messagetemplate",
        "workflow.change_messagetemplate",
        "workflow.view_holiday",
        "workflow.add_holiday",
        "workflow.change_holiday",
        "workflow.delete_holiday",
        "workflow.change_slapolicy",
        "pengaduan.change_intakesettings",
        "faq.view_ailog",
        "pengaduan.view_category",
        "pengaduan.add_category",
        "pengaduan.change_category",
        "open311.view_apiclient",
        "open311.add_apiclient",
        "open311.change_apiclient",
    ],
    policy.VALIDATOR: [ADMIN_ACCESS, *COMPLAINT_READ, "pengaduan.view_personal_data"],
    policy.ADMIN_OPD: [ADMIN_ACCESS, *COMPLAINT_READ],
    policy.PEJABAT_PENGHUBUNG: [ADMIN_ACCESS, *COMPLAINT_READ],
    policy.KEPALA_OPD: [ADMIN_ACCESS, *COMPLAINT_READ],
    policy.EDITOR_FAQ: [ADMIN_ACCESS],
}


def sync_roles(apps) -> dict[str, int]:
    """Create the groups and grant the permissions that exist so far.

    Never removes what an admin added. tests/test_roles.py checks that after all migrations
    every role holds its whole list.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    granted = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            # An early migration runs before later models exist; a later one grants those.
            if permission is not None:
                wanted.append(permission)
        group.permissions.add(*wanted)
        granted[role] = len(wanted)
    return granted
