from django.urls import path

from . import views, views_cases, views_heat, views_requests

app_name = "resident"
urlpatterns = [
    path("", views.identify, name="identify"),
    path("verify/", views.verify, name="verify"),
    path("leave/", views.leave, name="leave"),
    path("card/<slug:token>/", views.card, name="card"),
    path("home/", views.home, name="home"),
    path("report/", views_cases.report, name="report"),
    path("report/buildings/", views_cases.buildings, name="buildings"),
    path("cases/<int:pk>/", views_cases.case_page, name="case"),
    path("cases/<int:pk>/rate/", views_cases.rate, name="rate"),
    path("measure/", views_requests.measure, name="measure"),
    path("invoice/", views_requests.invoice, name="invoice"),
    path("heat/", views_heat.heat, name="heat"),
]
