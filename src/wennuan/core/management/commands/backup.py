from django.core.management.base import BaseCommand, CommandError

from wennuan.core.backup import BackupFailed, backup


class Command(BaseCommand):
    help = "备份整个数据库到一个文件（PostgreSQL: pg_dump 自定义格式；SQLite: 在线备份）。"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **opts):
        try:
            result = backup(opts["file"])
        except BackupFailed as err:
            raise CommandError(str(err)) from None
        self.stdout.write(f"已备份（{result.engine}）到 {result.path}，{result.size_bytes / 1e6:.1f} MB")
