from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("measure/", views.requests_page, name="requests"),
    path("measure/<int:case_id>/", views.measure_page, name="measure"),
    path("households/<str:account>/", views.household_page, name="household"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger.xlsx", views.ledger_export, name="ledger_xlsx"),
    path("ledger/<int:entry_id>/approve/", views.approve, name="approve"),
    path("ledger/<int:entry_id>/paid/", views.paid, name="paid"),
    path("reductions/new/", views.reduction_new, name="reduction_new"),
    path("reductions/<int:reduction_id>/approve/", views.reduction_approve, name="reduction_approve"),
]
