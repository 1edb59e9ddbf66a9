from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="open311_discovery"),
    re_path(r"^services" + FMT, views.services, name="open311_services"),
    re_path(
        r"^services/(?P<code>[^/]{1,50})" + FMT, views.service_definition, name="open311_service"
    ),
    re_path(r"^requests" + FMT, views.requests, name="open311_requests"),
    re_path(
        r"^requests/(?P<number>[^/]{1,40})" + FMT, views.request_detail, name="open311_request"
    ),
    re_path(r"^tokens/(?P<token>[^/]{1,64})" + FMT, views.token, name="open311_token"),
]
