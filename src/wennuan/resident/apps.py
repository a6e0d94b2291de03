from django.apps import AppConfig


class ResidentConfig(AppConfig):
    name = "wennuan.resident"
    label = "resident"
    verbose_name = "居民自助"

    def ready(self):
        from . import demo  # noqa: F401 - registers the demo resident line with core.demo
