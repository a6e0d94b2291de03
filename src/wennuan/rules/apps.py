from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "wennuan.rules"
    label = "rules"
    verbose_name = "城市规则"

    def ready(self):
        from django.db.models.signals import post_save

        from wennuan.registry.models import City

        from .seed import seed_new_city

        # A city created later (admin, ledger import, demo, tests) starts with domain.md's defaults.
        post_save.connect(seed_new_city, sender=City, dispatch_uid="rules.seed_new_city")
