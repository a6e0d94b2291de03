from django.urls import path

from . import views

app_name = "sensors"
urlpatterns = [
    path("", views.device_list, name="devices"),
    path("register/", views.register, name="register"),
    path("import/", views.import_page, name="import"),
    path("households/<str:account>/", views.household_page, name="household"),
    path("stations/<int:pk>/", views.station_page, name="station"),
]
