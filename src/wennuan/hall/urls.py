from django.urls import path

from .views import accounts, applications, assist, subsidies

app_name = "hall"

urlpatterns = [
    path("assist/", assist.assist_panel, name="assist"),
    path("households/<str:account>/", accounts.household_account, name="account"),
    path("payments/import/", accounts.payment_import, name="payment_import"),
    path("statements/", accounts.statement_list, name="statements"),
    path("statements/compute/", accounts.statement_compute, name="statement_compute"),
    path("households/<str:account>/subsidy/", subsidies.subsidy_grant, name="subsidy_grant"),
    path("households/<str:account>/apply/<str:kind>/", applications.apply, name="apply"),
    path("subsidies/", subsidies.subsidy_list, name="subsidies"),
    path("subsidies/assess/", subsidies.subsidy_assess, name="subsidy_assess"),
    path("subsidies/<int:pk>/<str:action>/", subsidies.subsidy_decide, name="subsidy_decide"),
    path("applications/", applications.queue, name="applications"),
    path("applications/<int:pk>/", applications.detail, name="application"),
]
