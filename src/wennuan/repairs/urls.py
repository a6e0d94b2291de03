from django.urls import path

from . import views

app_name = "repairs"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("hotspots/", views.hotspot_page, name="hotspots"),
    path("hotspots/create/", views.create_items, name="create"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/progress/", views.item_progress, name="progress"),
    path("<int:pk>/complete/", views.item_complete, name="complete"),
    path("<int:pk>/verify/", views.item_verify, name="verify"),
]
