from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "wennuan.registry"
    label = "registry"
    verbose_name = "登记台账"
