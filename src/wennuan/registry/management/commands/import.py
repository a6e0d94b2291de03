from django.core.management.base import BaseCommand, CommandError

from wennuan.core.errors import DomainError, ImportRejected
from wennuan.registry.ledger.importer import DEFAULT_CITY, import_ledger


class Command(BaseCommand):
    help = (
        "导入住户台账：wennuan import registry 文件.csv|文件.xlsx [--skip-invalid] [--city 城市]。"
        "CSV 可为 UTF-8（带或不带 BOM）或 GB18030（自动识别）。按户号新增或更新住户，并按需建立区县、街道、"
        "社区、网格、供热企业、换热站、小区、楼栋、单元；同一文件重复导入不会改变任何数据。"
        "默认任一行有误则整个文件不写入并列出每一处错误；--skip-invalid 写入正确的行并报告跳过的行。"
        "区县规则：城市已有区县时，只接受库中已有的区县；城市还没有区县时，区县名必须是全国县级行政区划"
        "（cpca 自带的国家区划表）中的名称。"
        f"城市：--city 指定；不指定时为库中唯一的城市，库中没有城市时新建“{DEFAULT_CITY}”。"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["registry"], help="要导入的数据：registry（住户台账）")
        parser.add_argument("file", help=".csv 或 .xlsx 文件")
        parser.add_argument("--skip-invalid", action="store_true", help="跳过有误的行，写入其余的行")
        parser.add_argument("--city", default=None, help="城市名称")

    def handle(self, *args, **opts):
        try:
            report = import_ledger(
                source=opts["file"],
                city=opts["city"],
                skip_invalid=opts["skip_invalid"],
                filename=opts["file"],
            )
        except FileNotFoundError as err:
            raise CommandError(f"找不到文件：{opts['file']}") from err
        except ImportRejected as err:
            for line in err.errors:
                self.stderr.write(str(line))
            raise CommandError(str(err)) from err
        except DomainError as err:
            raise CommandError(str(err)) from err
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"用时 {report.seconds:.1f} 秒")
