from django.apps import AppConfig


class OutagesConfig(AppConfig):
    name = "wennuan.outages"
    label = "outages"
    verbose_name = "停热事件"

    def ready(self):
        from .menus import register_all

        register_all()
