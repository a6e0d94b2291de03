from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "wennuan.reports"
    label = "reports"
    verbose_name = "调度报告与通报"

    def ready(self):
        from . import demo, worker  # noqa: F401 - register the demo 通报 and the task-queue thread of `wennuan run`
        from .menus import register_all

        register_all()
