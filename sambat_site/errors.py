"""Error pages in Indonesian: the public site's look for citizens, Wagtail's for staff [SPEC §7].

Django's default handlers render ``404.html``/``403.html``/``400.html`` with the public base;
under the admin prefix the staff see the admin's own frame instead (its 404 is Wagtail's
catch-all, translated by ``locale/``).
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.defaults import bad_request, permission_denied


def _in_admin(request) -> bool:
    return request.path.startswith(reverse("wagtailadmin_home"))


def forbidden(request, exception=None):
    if _in_admin(request):
        return render(request, "wagtailadmin/403.html", status=403)
    return permission_denied(request, exception)


def invalid(request, exception=None):
    if _in_admin(request):
        return render(request, "wagtailadmin/400.html", status=400)
    return bad_request(request, exception)
