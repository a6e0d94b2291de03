from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "wennuan.supervision"
    label = "supervision"
    verbose_name = "监督考核"

    def ready(self):
        # Registers the sweep, the menu item and the KPIs that need more than the case tallies.
        from . import density, field_kpis, kpi_registry, menus, sweep  # noqa: F401

        kpi_registry.register_case_kpis()
        density.register_density()
        field_kpis.register_field_kpis()
        menus.register_all()
