from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "wennuan.notices"
    label = "notices"
    verbose_name = "消息提醒"

    def ready(self):
        from wennuan.core.navigation import register

        from .selectors import unread_count

        register("消息", "notices:list", order=95, badge=unread_count)
