from django.urls import path

from . import views_coverage

app_name = "visits"
urlpatterns = [
    path("coverage/", views_coverage.coverage_page, name="coverage"),
    path("unvisited/", views_coverage.unvisited_page, name="unvisited"),
    path("unvisited.xlsx", views_coverage.unvisited_export, name="unvisited_xlsx"),
]
