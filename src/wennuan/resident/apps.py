from django.apps import AppConfig


class ResidentConfig(AppConfig):
    name = "wennuan.resident"
    label = "resident"
    verbose_name = "居民自助"
