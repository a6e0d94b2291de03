from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wennuan.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from . import ratecache  # noqa: F401  (registers the sweep that expires throttle counters)
