from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "wennuan.billing"
    label = "billing"
    verbose_name = "测温退费"
