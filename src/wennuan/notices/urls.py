from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read-all/", views.notice_read_all, name="read_all"),
    path("<int:pk>/open/", views.notice_open, name="open"),
]
