"""``wennuan webhooks work``: deliver the webhook outbox until stopped (production runs this beside the
web processes); ``--once`` for one round (cron or tests)."""

import threading

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Webhook 投递：work 持续投递待发事件（--once 只跑一轮）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["work"])
        parser.add_argument("--once", action="store_true", help="只投递一轮后退出")
        parser.add_argument("--idle", type=float, default=1.0, help="无事可做时的等待秒数")

    def handle(self, *args, **opts):
        from wennuan.open311 import delivery

        if opts["once"]:
            self.stdout.write(f"attempted={delivery.work_once()}")
            return
        stop = threading.Event()
        self.stdout.write("Webhook 投递已启动（Ctrl+C 停止）")
        try:
            delivery.loop(stop, idle_seconds=opts["idle"])
        except KeyboardInterrupt:
            stop.set()
