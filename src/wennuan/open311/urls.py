from django.urls import path, re_path

from . import views_georeport as geo
from . import views_webhooks

app_name = "open311"
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    path("", views_webhooks.api_docs, name="docs"),
    path("webhooks/", views_webhooks.webhook_log, name="webhooks"),
    path("webhooks/<int:pk>/replay/", views_webhooks.webhook_replay, name="replay"),
    re_path(r"^v2/discovery" + FMT, geo.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, geo.service_list, name="services"),
    re_path(r"^v2/services/(?P<code>[a-z_]{1,32})" + FMT, geo.service_definition, name="service"),
    re_path(r"^v2/requests" + FMT, geo.requests_, name="requests"),
    re_path(r"^v2/requests/(?P<request_id>[0-9]{1,12})" + FMT, geo.request_detail, name="request"),
    re_path(r"^v2/tokens/(?P<token>[0-9a-f]{1,32})" + FMT, geo.token, name="token"),
]
