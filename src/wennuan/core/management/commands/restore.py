from django.core.management.base import BaseCommand, CommandError

from wennuan.core.backup import BackupFailed, restore


class Command(BaseCommand):
    help = "从 wennuan backup 写出的文件恢复数据库（先停止服务）。目标库须为空，或加 --replace 整体覆盖。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--replace", action="store_true", help="覆盖已有数据的数据库")

    def handle(self, *args, **opts):
        try:
            engine = restore(opts["file"], replace=opts["replace"])
        except BackupFailed as err:
            raise CommandError(str(err)) from None
        self.stdout.write(f"已从 {opts['file']} 恢复（{engine}）")
