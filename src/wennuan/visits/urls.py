from django.urls import path

from . import views_campaigns, views_cards, views_coverage, views_field, views_satisfaction

app_name = "visits"
urlpatterns = [
    path("field/", views_field.field_page, name="field"),
    path("sw.js", views_field.service_worker, name="service_worker"),
    path("manifest.webmanifest", views_field.manifest, name="manifest"),
    path("coverage/", views_coverage.coverage_page, name="coverage"),
    path("unvisited/", views_coverage.unvisited_page, name="unvisited"),
    path("unvisited.xlsx", views_coverage.unvisited_export, name="unvisited_xlsx"),
    path("cards/building/<int:building_id>.pdf", views_cards.building_cards, name="building_cards"),
    path("cards/grid/<int:grid_id>.pdf", views_cards.grid_cards, name="grid_cards"),
    path("report/<slug:token>/", views_cards.resident_report, name="report"),
    path("satisfaction/", views_satisfaction.satisfaction_page, name="satisfaction"),
    path("campaigns/", views_campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", views_campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views_campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", views_campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/phases/new/", views_campaigns.phase_new, name="phase_new"),
    path("campaigns/<int:pk>/phases/<int:phase_id>/edit/", views_campaigns.phase_edit, name="phase_edit"),
    path(
        "campaigns/<int:pk>/phases/<int:phase_id>/generate/",
        views_campaigns.phase_generate,
        name="phase_generate",
    ),
]
