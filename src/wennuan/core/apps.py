from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wennuan.core"
    label = "core"
    verbose_name = "基础"
