from django.contrib import admin
from django.urls import include, path

from wennuan.api import api

admin.site.site_header = "问暖 · 管理后台"
admin.site.site_title = "问暖"

# A database that cannot answer is a 503 with Retry-After, not a 500 (core/unavailable.py).
handler500 = "wennuan.core.unavailable.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("wennuan.accounts.urls")),
    path("core/", include("wennuan.core.urls")),
    path("registry/", include("wennuan.registry.urls")),
    path("triage/", include("wennuan.triage.urls")),
    path("cases/", include("wennuan.cases.urls")),
    path("visits/", include("wennuan.visits.urls")),
    path("notices/", include("wennuan.notices.urls")),
    path("outages/", include("wennuan.outages.urls")),
    path("open311/", include("wennuan.open311.urls")),
    path("billing/", include("wennuan.billing.urls")),
    path("resident/", include("wennuan.resident.urls")),
    path("supervision/", include("wennuan.supervision.urls")),
    path("reports/", include("wennuan.reports.urls")),
    path("repairs/", include("wennuan.repairs.urls")),
    path("surge/", include("wennuan.surge.urls")),
    path("sensors/", include("wennuan.sensors.urls")),
    path("hall/", include("wennuan.hall.urls")),
    path("kb/", include("wennuan.kb.urls")),
]
