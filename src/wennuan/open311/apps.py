from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "wennuan.open311"
    label = "open311"
    verbose_name = "Open311与Webhook"

    def ready(self):
        from wennuan.cases import hooks
        from wennuan.core import workers
        from wennuan.core.audit_labels import register_actions
        from wennuan.core.navigation import register
        from wennuan.core.roles import Role

        from . import delivery, demo, outbox  # noqa: F401 - demo registers its seeder

        hooks.on_change(outbox.record_change)
        register_actions(
            {
                "open311.client_issue": "新建311客户端",
                "open311.request": "311提交诉求",
                "open311.webhook_replay": "重发Webhook",
            }
        )
        workers.register("webhooks")(delivery.loop)
        register("Webhook", "open311:webhooks", roles={Role.SUPERVISOR}, order=96)
