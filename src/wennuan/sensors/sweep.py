"""The sensors' part of the periodic sweep (`wennuan tick`, the scheduler of `wennuan run`): the coming
months' reading partitions, a retry for any room found cold whose case did not open (a crash between
the batch's commit and the intake), and the household-days marked by the batches recounted once they are
over (days.py). Only devices in a cold run and the marked days' readings are read, never the whole table."""

from django.db.models import F

from wennuan.core import periodic

from . import config, days, detect, partitions
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
    return {"partitions": len(made), "cases": len(detect.open_cases(due)), "days": days.refresh()}
