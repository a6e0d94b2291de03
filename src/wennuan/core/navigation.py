"""The navigation menu, built from what each app registers; an item shows when the user's role may use it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset | None = None  # None: every signed-in role
    order: int = 100
    badge: object = None  # callable(user) -> int shown next to the label (e.g. unread messages); None: none


_ITEMS: list[NavItem] = []


def register(label: str, url_name: str, *, roles=None, order: int = 100, badge=None) -> None:
    """Add a menu item. ``badge(user) -> int`` is called once per page that shows the menu (keep it one
    cheap query); a number above 0 is shown next to the label."""
    if any(i.url_name == url_name for i in _ITEMS):
        return
    _ITEMS.append(NavItem(label, url_name, frozenset(roles) if roles else None, order, badge))
    _ITEMS.sort(key=lambda i: i.order)


def menu_for(user) -> list[NavItem]:
    role = getattr(user, "role", None)
    return [i for i in _ITEMS if i.roles is None or role in i.roles or user.is_superuser]


@dataclass(frozen=True)
class HomePanel:
    """A block on a role's home page: a template rendered with ``context(request)``."""

    template: str
    context: object  # callable(request) -> dict
    roles: frozenset | None = None
    order: int = 100


_PANELS: list[HomePanel] = []


def register_home_panel(template: str, context, *, roles=None, order: int = 100) -> None:
    if any(p.template == template for p in _PANELS):
        return
    _PANELS.append(HomePanel(template, context, frozenset(roles) if roles else None, order))
    _PANELS.sort(key=lambda p: p.order)


def home_panels_for(user) -> list[HomePanel]:
    role = getattr(user, "role", None)
    return [p for p in _PANELS if p.roles is None or role in p.roles or user.is_superuser]
