from django.contrib import admin

from .models import Client, Jurisdiction, WebhookEvent


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("code", "city", "reader", "nearest_within_m")


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    """Keys are issued with ``wennuan open311 client-create`` (shown once); here only settings change."""

    list_display = ("name", "jurisdiction", "user", "channel", "key_prefix", "is_active", "webhook_url")
    readonly_fields = ("key_prefix", "webhook_failures", "webhook_retry_at", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("id", "client", "case", "kind", "status", "attempts", "created_at", "delivered_at")
    list_filter = ("status", "kind", "client")
    readonly_fields = [f.name for f in WebhookEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
