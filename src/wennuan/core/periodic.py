"""Periodic work: each app registers its idempotent sweep here; ``wennuan tick`` and the in-process
scheduler of ``wennuan run`` both call ``run_all``. A sweep reads stored deadlines, so running it twice,
or late, does the same as running it once on time."""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)
_SWEEPS: dict[str, Callable[[], dict]] = {}


def register(name: str):
    def deco(fn: Callable[[], dict]):
        _SWEEPS[name] = fn
        return fn

    return deco


def run_all() -> dict[str, dict]:
    """Run every registered sweep; returns {name: what it did}. One failing sweep does not stop the others."""
    results = {}
    for name, fn in _SWEEPS.items():
        try:
            results[name] = fn()
        except Exception as exc:  # noqa: BLE001 - a sweep failure is logged and reported, the rest still run
            log.exception("sweep %s failed", name)
            results[name] = {"error": str(exc)}
    return results
