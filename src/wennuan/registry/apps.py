from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "wennuan.registry"
    label = "registry"
    verbose_name = "登记台账"

    def ready(self):
        from wennuan.core.audit_display import register_keys
        from wennuan.core.navigation import register, register_home_panel
        from wennuan.core.roles import Role

        from .ledger.report import ENTITY_LABELS
        from .views import summary_panel

        register_keys({**ENTITY_LABELS, "household": "住户"})  # an import's counts, on the audit page

        register("概览", "registry:overview", order=10)
        register("小区", "registry:estates", order=20)
        register("住户", "registry:households", order=30)
        register("台账导入", "registry:import", roles=[Role.SUPERVISOR], order=80)
        register("审计日志", "core:audit", roles=[Role.SUPERVISOR], order=90)
        # Everyone with a part of the city (region side) or of the network (heating side) starts from
        # the figures of that part; the hotline and spot checkers start from their own apps' panels.
        register_home_panel(
            "registry/panel_summary.html",
            summary_panel,
            roles=[
                Role.SUPERVISOR,
                Role.DISTRICT_STAFF,
                Role.STREET_STAFF,
                Role.COMMUNITY_STAFF,
                Role.GRID_WORKER,
                Role.DISPATCHER,
                Role.STATION_CREW,
            ],
            order=10,
        )
