"""The sensors' part of the periodic sweep (`wennuan tick`, the scheduler of `wennuan run`): the coming
months' reading partitions, and a retry for any room found cold whose case did not open (a crash between
the batch's commit and the intake). Only devices in a cold run are looked at, never the readings."""

from django.db.models import F

from wennuan.core import periodic

from . import config, detect, partitions
from .models import Device


@periodic.register("sensors")
def sweep() -> dict:
    made = partitions.ensure()
    span = config.cold_span()
    cold = (
        Device.objects.filter(cold_since__isnull=False, last_plausible_at__isnull=False)
        .exclude(alerted_since=F("cold_since"))
        .select_related("household__station__company", "household__unit__building")
    )
    due = [d for d in cold if d.last_plausible_at - d.cold_since >= span and detect.is_due(d)]
    return {"partitions": len(made), "cases": len(detect.open_cases(due))}
