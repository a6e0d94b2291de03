from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "wennuan.hall"
    label = "hall"
    verbose_name = "网上营业厅"

    def ready(self):
        # Menu items, the household and case panels, the answer-deadline sweep, the demo seeder, the
        # arrears check on case changes, and the rules every new city gets.
        from django.db.models.signals import post_save

        from wennuan.registry.models import City

        from . import demo, menus, sweeps  # noqa: F401
        from .hooks import connect
        from .seed import seed_new_city

        post_save.connect(seed_new_city, sender=City, dispatch_uid="hall.seed_new_city")
        connect()
