"""The 话务预测 menu item and the home panel with the next three days, for the roles that staff the hotline
and the crews (city-wide)."""

from wennuan.core.audit_labels import register_actions, register_values
from wennuan.core.dashboard_panels import register_panel
from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

from .enums import WeatherKind
from .views import dashboard_panel, home_panel

register_actions({"surge.refit": "重算话务预测", "surge.weather_import": "导入室外气温"})
register_values("registry.city", "kind", dict(WeatherKind.choices))  # a weather import's kind

VIEWERS = frozenset({Role.SUPERVISOR, Role.HOTLINE_AGENT})

register("话务预测", "surge:forecast", roles=VIEWERS, order=60)
register_home_panel("surge/_panel.html", home_panel, roles=VIEWERS, order=40)
# The supervision dashboard's cold-wave panel: the next three days of each city, at city scope.
register_panel("surge", "寒潮话务预测（未来三天）", "surge/_dashboard_panel.html", dashboard_panel, order=20)
