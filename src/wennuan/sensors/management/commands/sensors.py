import signal
import threading

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "室温采集器：listen 订阅MQTT读数并入库；import 批量登记采集器（xlsx）；days 汇总住户日达标（传感器室温达标率）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listen = sub.add_parser(
            "listen", help="订阅 <前缀>/<城市>/<设备编号>/reading，分批入库并发现低温住户"
        )
        listen.add_argument("--batch", type=int, default=1000)
        imp = sub.add_parser("import", help="从xlsx批量登记采集器（整表校验，全部成功才写入）")
        imp.add_argument("file")
        summary = sub.add_parser(
            "days", help="汇总已结束日子的住户日达标（定时任务每分钟也做）；--rebuild 从读数全部重算"
        )
        summary.add_argument("--rebuild", action="store_true", help="修改供暖季、室温标准或校准后全部重算")

    def handle(self, *args, **opts):
        if opts["action"] == "listen":
            return self._listen(opts["batch"])
        if opts["action"] == "days":
            return self._days(rebuild=opts["rebuild"])
        return self._import(opts["file"])

    def _days(self, *, rebuild: bool):
        from wennuan.sensors import days

        if rebuild:
            self.stdout.write(f"已重算 {days.rebuild()} 个住户日")
            return
        total = 0
        while n := days.refresh():
            total += n
        self.stdout.write(f"已汇总 {total} 个住户日")

    def _listen(self, batch: int):
        from wennuan.sensors.listener import Listener

        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        listener = Listener(batch_size=batch)
        b = listener.broker
        self.stdout.write(f"订阅 {b.host}:{b.port} {b.topic_prefix}/+/+/reading（Ctrl+C 停止）")
        self.stdout.flush()
        listener.run(stop)
        self.stdout.write(
            f"已入库 {listener.stored} 条，重复 {listener.duplicates} 条，拒收 {listener.dead} 条"
        )

    def _import(self, path: str):
        from pathlib import Path

        from wennuan.sensors.devices import ImportRefused, import_devices

        try:
            with Path(path).open("rb") as f:
                n = import_devices(f, by=None)
        except ImportRefused as err:
            raise CommandError("\n".join(err.errors)) from None
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        self.stdout.write(f"已登记 {n} 台采集器")
