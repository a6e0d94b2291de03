from django.apps import AppConfig


class SurgeConfig(AppConfig):
    name = "wennuan.surge"
    label = "surge"
    verbose_name = "寒潮话务预测"

    def ready(self):
        from . import demo, navigation, sweep  # noqa: F401  (demo seeder, menu, home panel, nightly refit)
