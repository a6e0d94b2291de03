"""The 话务预测 menu item and the home panel with the next three days, for the roles that staff the hotline
and the crews (city-wide)."""

from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

from .views import home_panel

VIEWERS = frozenset({Role.SUPERVISOR, Role.HOTLINE_AGENT})

register("话务预测", "surge:forecast", roles=VIEWERS, order=60)
register_home_panel("surge/_panel.html", home_panel, roles=VIEWERS, order=40)
