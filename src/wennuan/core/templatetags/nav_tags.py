"""The menu's badges (core.navigation NavItem.badge): each counted once per request, only on pages that
render the menu, so htmx fragments and API calls never pay for them."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _counts(context) -> dict[str, int]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = getattr(request, "_nav_badges", None)
    if counts is None:
        counts = {i.url_name: i.badge(user) for i in context.get("nav_items", ()) if i.badge is not None}
        request._nav_badges = counts
    return counts


def _shown(n: int) -> str:
    return "99+" if n > 99 else str(n)


@register.simple_tag(takes_context=True)
def nav_badge(context, item) -> str:
    """``<span class="badge">3</span>`` after a menu item whose badge counts something, else nothing."""
    n = _counts(context).get(item.url_name, 0)
    return format_html('<span class="badge">{}</span>', _shown(n)) if n else ""


@register.simple_tag(takes_context=True)
def nav_badge_dot(context) -> str:
    """A dot on the phone's menu button when any item has a badge (the menu itself is folded away)."""
    return mark_safe('<span class="badge dot"></span>') if any(_counts(context).values()) else ""
