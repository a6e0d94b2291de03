from django.apps import AppConfig


class OutagesConfig(AppConfig):
    name = "wennuan.outages"
    label = "outages"
    verbose_name = "停热事件"

    def ready(self):
        from . import demo  # noqa: F401 - registers the demo outages with core.demo
        from .menus import register_all

        register_all()
