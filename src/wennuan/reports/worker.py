"""``wennuan run`` works the database task queue in a thread (core.workers), so the daily report's button
finishes on a one-process demo too; production runs ``wennuan db_worker`` instead."""

import socket
import threading

from django_tasks_db.management.commands.db_worker import Worker

from wennuan.core import workers

IDLE_SECONDS = 2


@workers.register("tasks")
def loop(stop: threading.Event) -> None:
    worker_id = f"run-{socket.gethostname()}"[:64]
    while not stop.is_set():
        # batch: run what is queued, then return; the loop sleeps and looks again.
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        ).run()
        stop.wait(IDLE_SECONDS)
