from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wennuan.demo"
    label = "demo"
    verbose_name = "演示供暖季"

    def ready(self):
        from wennuan.core.audit_labels import register_actions

        from . import seeder  # noqa: F401 - registers the demo season with core.demo

        register_actions({"demo.season": "生成演示供暖季", "demo.staff": "生成演示人员"})
