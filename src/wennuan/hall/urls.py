from django.urls import path

from .views import accounts

app_name = "hall"

urlpatterns = [
    path("households/<str:account>/", accounts.household_account, name="account"),
    path("payments/import/", accounts.payment_import, name="payment_import"),
    path("statements/", accounts.statement_list, name="statements"),
    path("statements/compute/", accounts.statement_compute, name="statement_compute"),
]
