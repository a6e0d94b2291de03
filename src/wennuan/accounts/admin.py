"""Users and API tokens in the admin. Supervisors manage accounts; only a superuser grants superuser."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from wennuan.core.admin_audit import AuditedAdminMixin, SupervisorAdminMixin

from .models import ApiToken, User
from .services import revoke_token

SCOPE_FIELDS = ("district", "street", "community", "grid", "company", "station")


@admin.register(User)
class UserAdmin(AuditedAdminMixin, SupervisorAdminMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "role", "phone", "is_staff", "is_active", "last_login"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "phone"]
    raw_id_fields = SCOPE_FIELDS
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "email", "phone")}),
        (
            "角色与范围",
            {
                "fields": ("role", *SCOPE_FIELDS),
                "description": "按角色填写对应的范围：网格员填网格，换热站班组填换热站，依此类推。",
            },
        ),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        ("角色与范围", {"fields": ("first_name", "phone", "role", *SCOPE_FIELDS, "is_staff")}),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # A supervisor runs the accounts but cannot make anyone (herself included) all-powerful, nor
            # let anyone into the admin.
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return fields + ["last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        sets = super().get_fieldsets(request, obj)
        if obj is None and not request.user.is_superuser:
            sets = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "is_staff"]})
                for name, opts in sets
            ]
        return sets

    def has_change_permission(self, request, obj=None):
        # Only a superuser edits a superuser: the password form included (it asks this same question), so a
        # supervisor cannot set the password of an account that can do everything and then sign in as it.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ApiToken)
class ApiTokenAdmin(SupervisorAdminMixin, admin.ModelAdmin):
    """Tokens are issued by ``wennuan token create``; here they are only listed and revoked."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the row tells who used which token

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked=False).select_related("user"):
            revoke_token(token=token, by=request.user)
