"""The daily report made in the background (django-tasks, database backend: ``wennuan db_worker``)."""

from django_tasks import task

from .enums import ReportStatus
from .models import DailyReport
from .services import run_daily_report


@task()
def make_daily_report(report_id: int) -> dict:
    """Make the queued report ``report_id``; returns {"status", "seconds"}."""
    report = DailyReport.objects.select_related("city").get(pk=report_id)
    if report.status != ReportStatus.QUEUED:  # a task run twice makes it once
        return {"status": report.status, "seconds": report.seconds}
    report = run_daily_report(report)
    return {"status": report.status, "seconds": report.seconds}
