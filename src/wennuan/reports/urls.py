from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("daily/", views.daily_page, name="daily"),
    path("daily/new/", views.daily_request, name="daily_request"),
    path("daily/<int:pk>.<str:kind>", views.daily_file, name="daily_file"),
    path("bulletins/", views.bulletin_list, name="bulletins"),
    path("bulletins/candidates/", views.candidates_page, name="candidates"),
    path("bulletins/draft/", views.bulletin_draft, name="draft"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/<str:step>/", views.bulletin_step, name="bulletin_step"),
    path("bulletins/<int:pk>.<str:kind>", views.bulletin_file, name="bulletin_file"),
]
