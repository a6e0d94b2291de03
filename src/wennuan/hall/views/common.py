"""What the hall's pages share: the role check and the household looked up in scope."""

from django.core.exceptions import PermissionDenied

from wennuan.registry.selectors import household_by_account

from ..roles import may


def require(user, roles, what: str = "此操作") -> None:
    if not may(user, roles):
        raise PermissionDenied(f"您的角色不能进行{what}")


def household(request, account: str):
    """The household with this 户号 in the viewer's scope (404 outside it)."""
    return household_by_account(user=request.user, account=account)
