from django.urls import path

from . import views, views_assist

app_name = "kb"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_new, name="new"),
    path("import/", views.import_page, name="import"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("assist/", views_assist.assist_panel, name="assist"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/move/<str:transition>/", views.entry_move, name="move"),
    path("<int:pk>/delete/", views.entry_delete, name="delete"),
]
