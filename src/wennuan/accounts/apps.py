from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wennuan.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self):
        from . import signals  # noqa: F401  (sign-ins into the audit log)
