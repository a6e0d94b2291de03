from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "wennuan.billing"
    label = "billing"
    verbose_name = "测温退费"

    def ready(self):
        # Menu items, the supervisor's overdue panel, the household page's refund section, the demo seeder,
        # and the defaults every new city gets.
        from django.db.models.signals import post_save

        from wennuan.registry.models import City

        from . import demo, menus  # noqa: F401
        from .seed import seed_new_city

        post_save.connect(seed_new_city, sender=City, dispatch_uid="billing.seed_new_city")

        from wennuan.outages.signals import outage_restored

        from .services.refunds import refunds_after_restore

        outage_restored.connect(refunds_after_restore, dispatch_uid="billing.refunds_after_restore")
