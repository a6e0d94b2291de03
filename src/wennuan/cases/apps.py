from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wennuan.cases"
    label = "cases"
    verbose_name = "诉求工单"

    def ready(self):
        from . import (
            menus,
            sweep,  # noqa: F401 - registers the "cases" sweep with core.periodic
        )

        menus.register_all()
