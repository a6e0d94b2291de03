from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "wennuan.kb"
    label = "kb"
    verbose_name = "知识库"

    def ready(self):
        from . import (
            assist,
            demo,  # noqa: F401 - registers the demo entries with core.demo
            kpi,
            menus,
        )

        menus.register_all()
        assist.register_all()
        kpi.register_kpi()
