"""``wennuan season import-12345 FILE --user NAME``: last season's 12345 export as closed cases (for season on
season); ``wennuan season rebuild``: recount the summary tables from the cases."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wennuan.cases.services.history import import_history
from wennuan.core.errors import ImportRejected

from ... import fold


class Command(BaseCommand):
    help = "供暖季：导入上季12345工单、重算汇总表"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-12345", help="导入上季12345导出（.xlsx/.csv）为已归档工单")
        imp.add_argument("file")
        imp.add_argument("--user", required=True, help="以谁的名义导入（写入审计日志）")
        sub.add_parser("rebuild", help="从工单重算全部汇总表")

    def handle(self, *args, action, **options):
        if action == "rebuild":
            self.stdout.write(str(fold.rebuild()))
            return
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['user']}")
        try:
            done = import_history(source=options["file"], by=user)
        except ImportRejected as exc:
            for err in exc.errors[:200]:
                self.stderr.write(str(err))
            raise CommandError(str(exc)) from exc
        done["fold"] = fold.fold()
        self.stdout.write(
            f"新建 {done['created']} 件，已导入过 {done['existing']} 件，未能确权 {done['unplaced']} 件"
        )
