"""The supervision sweep (core.periodic "supervision"): fold case changes into the tallies, recount the
registry's footprint when it changed, fold new temperature readings."""

from wennuan.core.periodic import register

from . import fieldwork, fold, footprint


@register("supervision")
def sweep() -> dict:
    done = fold.fold()
    done["footprint"] = footprint.refresh()
    done["field"] = fieldwork.fold()
    return done
