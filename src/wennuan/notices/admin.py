"""Notices in the admin: read-only (they are written only by notices.services.notify)."""

from django.contrib import admin

from wennuan.core.admin_audit import ReadOnlyModelAdmin
from wennuan.core.selectors import CappedPaginator

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "created_at", "recipient", "kind", "title", "subject", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["=id", "=subject", "recipient__username", "title"]
    paginator = CappedPaginator
    show_full_result_count = False
