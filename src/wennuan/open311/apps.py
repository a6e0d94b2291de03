from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "wennuan.open311"
    label = "open311"
    verbose_name = "Open311与Webhook"

    def ready(self):
        from wennuan.cases import hooks
        from wennuan.core import workers
        from wennuan.core.navigation import register
        from wennuan.core.roles import Role

        from . import delivery, demo, outbox  # noqa: F401 - demo registers its seeder

        hooks.on_change(outbox.record_change)
        workers.register("webhooks")(delivery.loop)
        register("Webhook", "open311:webhooks", roles={Role.SUPERVISOR}, order=96)
