"""Sensors in the admin, read-only: devices are registered through the services (audited), readings and
alerts are written by ingestion, dead letters kept for the operator to read."""

from django.contrib import admin

from wennuan.core.admin_audit import ReadOnlyModelAdmin
from wennuan.core.selectors import CappedPaginator

from .models import ColdAlert, DeadLetter, Device


@admin.register(Device)
class DeviceAdmin(ReadOnlyModelAdmin):
    list_display = [
        "serial",
        "household",
        "room_type",
        "last_reading_at",
        "last_celsius",
        "battery",
        "cold_since",
    ]
    list_filter = ["room_type"]
    search_fields = ["=serial", "=household__account"]
    raw_id_fields = ["household"]
    paginator = CappedPaginator
    show_full_result_count = False


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyModelAdmin):
    list_display = ["received_at", "topic", "reason"]
    search_fields = ["topic", "reason"]
    paginator = CappedPaginator
    show_full_result_count = False


@admin.register(ColdAlert)
class ColdAlertAdmin(ReadOnlyModelAdmin):
    list_display = ["detected_at", "device", "household", "cold_since", "lowest", "case", "opened"]
    raw_id_fields = ["device", "household", "case"]
    paginator = CappedPaginator
    show_full_result_count = False
