from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "wennuan.visits"
    label = "visits"
    verbose_name = "访民问暖"
