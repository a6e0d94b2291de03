from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "wennuan.visits"
    label = "visits"
    verbose_name = "访民问暖"

    def ready(self):
        # Registers the periodic sweep, the menu items, the home panels and the demo seeder.
        from . import demo, intake, menus  # noqa: F401
