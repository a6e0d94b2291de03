"""Reads of the notices app; every one starts from ``Notice.objects.visible_to(user)`` (own notices only)."""

from .models import Notice


def unread_count(user) -> int:
    """How many of the user's notices are unread (one COUNT on the (recipient, read_at) index)."""
    return Notice.objects.visible_to(user).unread().count()


def notices_for(user, *, unread_only: bool = False):
    """The user's notices, newest first."""
    rows = Notice.objects.visible_to(user)
    if unread_only:
        rows = rows.unread()
    return rows.order_by("-created_at", "-id")


def notice_for(user, pk: int) -> Notice | None:
    """One of the user's own notices, or None (someone else's is as if it did not exist)."""
    return Notice.objects.visible_to(user).filter(pk=pk).first()
