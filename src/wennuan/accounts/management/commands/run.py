import logging
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger("wennuan")


class Command(BaseCommand):
    help = "迁移数据库，空库时生成演示城市，打印演示账号，并启动网站（含周期任务调度）。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="0.0.0.0")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="空库时生成演示城市和演示账号（公开的演示密码，仅用于演示）",
        )
        parser.add_argument("--demo-households", type=int, default=3000)
        parser.add_argument("--no-scheduler", action="store_true")
        parser.add_argument("--no-workers", action="store_true", help="不启动后台投递（Webhook）线程")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **opts):
        from wennuan.accounts.demo import demo_logins, seed_demo_if_empty
        from wennuan.core.demo import seed_extras

        call_command("migrate", interactive=False, verbosity=0)
        if not opts["demo"]:
            # Demo users share a published password: never created unless asked for.
            self.stdout.write(
                "未加 --demo：不生成演示城市和演示账号（make run 会加上）；管理员账号用 wennuan createsuperuser 创建。"
            )
        elif seed_demo_if_empty(households=opts["demo_households"], out=self.stdout):
            seed_extras(out=self.stdout)
            self.stdout.write(self.style.SUCCESS("已生成演示城市（--demo）"))
        if opts["demo"]:
            # A demo is shown from other machines on the LAN: any Host, unless the hosts were named.
            if not os.environ.get("WENNUAN_ALLOWED_HOSTS"):
                settings.ALLOWED_HOSTS = ["*"]
            if not os.environ.get("WENNUAN_PUBLIC_URL"):
                settings.PUBLIC_URL = f"http://127.0.0.1:{opts['port']}"
        logins = demo_logins() if opts["demo"] else []
        if logins:
            self.stdout.write("演示账号（密码相同）：")
            for username, password, role_label, scope_label in logins:
                self.stdout.write(f"  {username:<16} {password:<14} {role_label} · {scope_label}")
        if not opts["no_scheduler"]:
            self._start_scheduler()
        if not opts["no_workers"]:
            from wennuan.core import workers

            workers.start_all()
        self._serve(opts["host"], opts["port"], opts["threads"])

    def _start_scheduler(self):
        from apscheduler.schedulers.background import BackgroundScheduler

        from wennuan.core.periodic import run_all

        def sweep():
            # The scheduler's thread keeps its own connection and no request ever recycles it: drop a broken
            # one (the database restarted) before and after each sweep, or every later sweep would fail too.
            close_old_connections()
            try:
                run_all()
            finally:
                close_old_connections()

        scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE)
        # max_instances=1 + coalesce: a slow sweep is never run twice at once, missed runs collapse to one.
        # The first sweep at once: summaries a seeder or a downtime left behind are current within seconds.
        scheduler.add_job(
            sweep, "interval", minutes=1, id="tick", max_instances=1, coalesce=True,
            next_run_time=timezone.now(),
        )  # fmt: skip
        scheduler.start()

    def _serve(self, host, port, threads):
        # The project's WSGI_APPLICATION, as runserver finds it (the shell's wsgi module is above the apps).
        from django.core.servers.basehttp import get_internal_wsgi_application
        from waitress import serve

        application = get_internal_wsgi_application()
        self.stdout.write(self.style.SUCCESS(f"问暖 已启动：http://127.0.0.1:{port}/  （Ctrl+C 停止）"))
        self.stdout.flush()  # the logins must show before waitress takes over, even when piped
        serve(application, host=host, port=port, threads=threads, ident="wennuan")
