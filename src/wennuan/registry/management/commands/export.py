from django.core.management.base import BaseCommand

from wennuan.registry.ledger.exporter import export_ledger


class Command(BaseCommand):
    help = "导出住户台账：wennuan export registry 文件.xlsx。表头与导入相同，导出的文件可直接再导入。"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["registry"], help="要导出的数据：registry（住户台账）")
        parser.add_argument("file", help="目标 .xlsx 文件")

    def handle(self, *args, **opts):
        count = export_ledger(path=opts["file"])
        self.stdout.write(f"已导出 {count} 户到 {opts['file']}")
