import json

from django.core.management.base import BaseCommand

from wennuan.core.periodic import run_all


class Command(BaseCommand):
    help = "运行一次周期任务（超时标记、升级督办等），供 cron 调用；可重复运行。"

    def handle(self, *args, **opts):
        self.stdout.write(json.dumps(run_all(), ensure_ascii=False, default=str))
