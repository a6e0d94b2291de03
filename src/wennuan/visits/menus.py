"""Menu items and home panels of the visits app (core.navigation)."""

from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

register("今日走访", "visits:field", roles={Role.GRID_WORKER, Role.COMMUNITY_STAFF}, order=40)
register("走访覆盖", "visits:coverage", order=45)
register("满意度调查", "visits:satisfaction", order=46)


def _panel(request) -> dict:
    from .selectors import current_phase
    from .summary import phase_summary

    phase = current_phase()
    return {"phase": phase, "summary": phase_summary(user=request.user, phase=phase) if phase else None}


register_home_panel("visits/_home_panel.html", _panel, order=40)
