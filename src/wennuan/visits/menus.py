"""Menu items of the visits app (core.navigation)."""

from wennuan.core.navigation import register

register("走访覆盖", "visits:coverage", order=45)
