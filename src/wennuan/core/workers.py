"""Background workers that ``wennuan run`` starts beside its scheduler, each in a daemon thread.

Apps register a loop here (open311's webhook delivery); production runs each one as its own command
instead. Lives in core so that the ``run`` command needs to import no app above it."""

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
_WORKERS: dict[str, Callable[[threading.Event], None]] = {}


def register(name: str):
    """``@register("webhooks")`` on ``loop(stop: threading.Event)``, which runs until ``stop`` is set."""

    def deco(fn: Callable[[threading.Event], None]):
        _WORKERS[name] = fn
        return fn

    return deco


def names() -> list[str]:
    return list(_WORKERS)


def start_all() -> threading.Event:
    """Start every registered loop in a daemon thread; returns the event that stops them."""
    stop = threading.Event()
    for name, loop in _WORKERS.items():
        threading.Thread(target=_guarded, args=(name, loop, stop), name=f"worker-{name}", daemon=True).start()
    return stop


def _guarded(name: str, loop, stop: threading.Event) -> None:
    from django.db import connection

    try:
        loop(stop)
    except Exception:  # noqa: BLE001 - a crashed worker is logged; the site keeps serving
        log.exception("worker %s stopped", name)
    finally:
        connection.close()
