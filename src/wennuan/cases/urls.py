from django.urls import path

from .views import assist, detail, files, kpis, lists

app_name = "cases"
urlpatterns = [
    path("", lists.case_list, name="list"),
    path("new/", lists.intake, name="new"),
    path("new/assist/", assist.assist_panel, name="assist"),
    path("supervision/", lists.supervision, name="supervision"),
    path("spot-checks/", lists.spot_checks, name="spot_checks"),
    path("kpis/", kpis.kpi_page, name="kpis"),
    path("<int:pk>/", detail.case_detail, name="detail"),
    path("<int:pk>/files/<path:name>", files.case_file, name="file"),
    path("<int:pk>/act/<str:action>/", detail.case_action, name="act"),
    path("supervision/<int:pk>/done/", detail.supervision_done, name="supervision_done"),
]
