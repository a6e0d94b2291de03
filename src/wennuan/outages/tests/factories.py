"""Outages for tests, recorded through the service (so links, audit and notices are as in life)."""

from datetime import timedelta

from django.utils import timezone

from wennuan.outages import services
from wennuan.outages.enums import OutageCause


def record(*, by, hours_ago: float = 30, expected_in: float = 6, cause=OutageCause.PIPE_BURST, **area):
    """An outage that started ``hours_ago`` and is expected back ``expected_in`` hours from now."""
    now = timezone.now()
    return services.record_outage(
        by=by,
        cause=cause,
        start=now - timedelta(hours=hours_ago),
        expected_restore=now + timedelta(hours=expected_in),
        **area,
    )


def record_restored(*, by, hours: float, ended_hours_ago: float = 1, **kwargs):
    """An outage of ``hours`` continuous hours, restored ``ended_hours_ago`` hours ago."""
    outage = record(by=by, hours_ago=hours + ended_hours_ago, **kwargs)
    return services.restore_outage(outage=outage, by=by, at=timezone.now() - timedelta(hours=ended_hours_ago))
