from django.urls import path

from . import views

app_name = "surge"

urlpatterns = [
    path("", views.forecast, name="forecast"),
    path("weather/", views.import_weather, name="import_weather"),
    path("refit/", views.refit, name="refit"),
]
