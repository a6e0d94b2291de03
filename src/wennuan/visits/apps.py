from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "wennuan.visits"
    label = "visits"
    verbose_name = "访民问暖"

    def ready(self):
        # Registers the periodic sweep, the menu items and the home panels.
        from . import intake, menus  # noqa: F401
