from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "wennuan.repairs"
    label = "repairs"
    verbose_name = "冬病夏治督办台账"

    def ready(self):
        from . import demo, sweep  # noqa: F401 - register the demo items and the deadline sweep
        from .menus import register_all

        register_all()
