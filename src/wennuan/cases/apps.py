from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wennuan.cases"
    label = "cases"
    verbose_name = "诉求工单"

    def ready(self):
        from . import sweep  # noqa: F401 - registers the "cases" sweep with core.periodic

        try:
            from . import menus
        except ImportError:  # the web pages are optional while they are being built
            return
        menus.register_all()
