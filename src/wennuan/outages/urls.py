from django.urls import path

from . import views

app_name = "outages"
urlpatterns = [
    path("", views.outage_list, name="list"),
    path("new/", views.outage_new, name="new"),
    path("new/area/", views.area_choices, name="area_choices"),
    path("<int:pk>/", views.outage_detail, name="detail"),
    path("<int:pk>/restore/", views.outage_restore, name="restore"),
    path("<int:pk>/notice.pdf", views.notice_pdf, name="notice_pdf"),
]
