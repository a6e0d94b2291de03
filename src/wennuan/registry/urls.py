from django.urls import path

from . import views, views_ledger

app_name = "registry"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("estates/", views.estate_list, name="estates"),
    path("estates/<int:pk>/", views.estate_detail, name="estate"),
    path("buildings/<int:pk>/", views.building_detail, name="building"),
    path("households/", views.household_list, name="households"),
    path("households/<str:account>/", views.household_detail, name="household"),
    path("import/", views_ledger.import_page, name="import"),
    path("export/", views_ledger.export_xlsx, name="export"),
]
