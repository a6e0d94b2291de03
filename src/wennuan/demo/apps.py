from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wennuan.demo"
    label = "demo"
    verbose_name = "演示供暖季"

    def ready(self):
        from . import seeder  # noqa: F401 - registers the demo season with core.demo
