"""A city's rules: each a row per city with the dates it is in force, read through ``rules.selectors``."""

from .season import Season
from .standard import IndoorStandard

__all__ = ["IndoorStandard", "Season"]
