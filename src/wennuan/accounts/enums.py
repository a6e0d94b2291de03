"""Roles live in ``wennuan.core.roles`` (scope, masking and the admin below accounts need them); this
re-export keeps branches opened before the move importing. New code imports ``wennuan.core.roles``."""

from wennuan.core.roles import ROLE_SCOPE_KIND, ROLES_SEEING_PERSONAL_DATA, Role

__all__ = ["ROLE_SCOPE_KIND", "ROLES_SEEING_PERSONAL_DATA", "Role"]
