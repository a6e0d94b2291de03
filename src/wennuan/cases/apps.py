from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wennuan.cases"
    label = "cases"
    verbose_name = "诉求工单"
