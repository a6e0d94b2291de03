"""``wennuan report daily --date D [--city X] [--out DIR]``: write the day's dispatch report (xlsx + PDF),
made inline (no worker)."""

import time
from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wennuan.core.errors import DomainError
from wennuan.reports.daily import build_daily_report, resolve_city
from wennuan.reports.services import checked_report_day


class Command(BaseCommand):
    help = "每日调度报告：wennuan report daily --date 2026-12-01 [--city 城市] [--out 目录]"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        daily = sub.add_parser("daily", help="每日调度报告（xlsx + PDF）")
        daily.add_argument("--date", help="报告日期 YYYY-MM-DD（默认昨天）")
        daily.add_argument("--city", help="城市名称或编号（只有一个城市时可省略）")
        daily.add_argument("--out", default=".", help="输出目录（默认当前目录）")

    def handle(self, *args, what, **opts):
        try:
            day = (
                date.fromisoformat(opts["date"]) if opts["date"] else timezone.localdate() - timedelta(days=1)
            )
            checked_report_day(day)
            city = resolve_city(opts["city"])
        except (ValueError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        out = Path(opts["out"])
        out.mkdir(parents=True, exist_ok=True)
        began = time.monotonic()
        xlsx, pdf = build_daily_report(city, day)
        stem = out / f"每日调度报告-{city.name}-{day:%Y%m%d}"
        stem.with_suffix(".xlsx").write_bytes(xlsx)
        stem.with_suffix(".pdf").write_bytes(pdf)
        self.stdout.write(f"{stem}.xlsx\n{stem}.pdf\n用时 {time.monotonic() - began:.1f} 秒")
