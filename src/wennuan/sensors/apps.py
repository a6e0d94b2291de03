from django.apps import AppConfig


class SensorsConfig(AppConfig):
    name = "wennuan.sensors"
    label = "sensors"
    verbose_name = "室温采集器"

    def ready(self):
        # Menu items, the household page's chart section, the sweep (offline list, partitions ahead, daily
        # summary), the MQTT listener that `wennuan run` starts beside the site, and 传感器室温达标率 in the
        # KPI registry that supervision reads (all through hooks owned by lower apps).
        from . import demo, kpi, menus, sweep, worker  # noqa: F401
