"""Writes of the notices app: tell people (idempotently) and mark what they have read.

Neither writes the audit log: a notice is written in the same transaction as the audited change it tells
about (and is itself the record of who was told when); reading is not a change of the domain."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from .models import Notice

ALL = "all"  # mark_read(ids=ALL): every unread notice of the user


def _recipient_ids(users) -> list[int]:
    """Distinct ids of the active users among ``users`` (a queryset of users, users, or ids)."""
    if isinstance(users, QuerySet):
        return list(dict.fromkeys(users.filter(is_active=True).values_list("pk", flat=True)))
    ids = []
    for user in users:
        if isinstance(user, int):
            ids.append(user)
        elif user is not None and user.is_active:
            ids.append(user.pk)
    return list(dict.fromkeys(ids))


def notify(
    users, *, kind: str, title: str, body: str = "", subject: str = "", key="", link: str = ""
) -> list[int]:
    """Give each of ``users`` one notice about ``subject`` (e.g. "case:42"), opening ``link``; returns the
    ids addressed.

    One query for the recipients (when ``users`` is a queryset) and one INSERT for all of them. The
    notice is idempotent on (recipient, kind, subject, key): a notice already there is kept as it is, so a
    second sweep or a retried call tells nobody twice. Call it inside the transaction of the change it
    tells about, so both land or neither does."""
    ids = _recipient_ids(users)
    if not ids:
        return []
    now = timezone.now()
    Notice.objects.bulk_create(
        [
            Notice(
                recipient_id=pk,
                created_at=now,
                kind=kind,
                title=title[:100],
                body=body[:300],
                link=link,
                subject=subject[:64],
                key=str(key)[:64],
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )
    return ids


def mark_read(*, user, ids: Iterable[int] | str) -> int:
    """Mark the user's own unread notices read: those in ``ids``, or all of them with ``ids=ALL``.

    Ids of someone else's notices are ignored. Returns how many were marked."""
    rows = Notice.objects.visible_to(user).unread()
    if ids != ALL:
        ids = [int(i) for i in ids]
        if not ids:
            return 0
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
