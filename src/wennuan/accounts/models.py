import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from wennuan.core.roles import ROLE_SCOPE_KIND, ROLES_SEEING_PERSONAL_DATA, Role
from wennuan.core.scope import CITY, NO_SCOPE, Scope, ScopeKind


class User(AbstractUser):
    """A person using wennuan: a role, and the part of the city (or the heating company) it covers."""

    role = models.CharField("角色", max_length=32, choices=Role.choices, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    district = models.ForeignKey(
        "registry.District", null=True, blank=True, on_delete=models.PROTECT, verbose_name="区县"
    )
    street = models.ForeignKey(
        "registry.Street", null=True, blank=True, on_delete=models.PROTECT, verbose_name="街道"
    )
    community = models.ForeignKey(
        "registry.Community", null=True, blank=True, on_delete=models.PROTECT, verbose_name="社区"
    )
    grid = models.ForeignKey(
        "registry.Grid", null=True, blank=True, on_delete=models.PROTECT, verbose_name="网格"
    )
    company = models.ForeignKey(
        "registry.Company", null=True, blank=True, on_delete=models.PROTECT, verbose_name="供热企业"
    )
    station = models.ForeignKey(
        "registry.Station", null=True, blank=True, on_delete=models.PROTECT, verbose_name="换热站"
    )

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    @property
    def display_name(self) -> str:
        return self.first_name or self.username

    @property
    def scope_kind(self) -> ScopeKind:
        if self.is_superuser and not self.role:
            return ScopeKind.CITY
        return ROLE_SCOPE_KIND.get(self.role, ScopeKind.NONE)

    def scope(self) -> Scope:
        kind = self.scope_kind
        if kind == ScopeKind.CITY:
            return CITY
        if kind == ScopeKind.NONE:
            return NO_SCOPE
        target_id = getattr(self, f"{kind}_id")
        return Scope(kind, target_id) if target_id else NO_SCOPE

    @property
    def sees_personal_data(self) -> bool:
        return self.role in ROLES_SEEING_PERSONAL_DATA

    @property
    def is_supervisor(self) -> bool:
        """The city's heating supervisor (or a superuser): imports ledgers, reads the audit log."""
        return self.is_superuser or self.role == Role.SUPERVISOR

    @property
    def can_read_audit(self) -> bool:
        return self.is_supervisor

    def clean(self):
        super().clean()
        kind = self.scope_kind
        if kind not in (ScopeKind.CITY, ScopeKind.NONE) and not getattr(self, f"{kind}_id"):
            field = self._meta.get_field(kind)
            raise ValidationError({kind: f"角色“{self.get_role_display()}”必须指定{field.verbose_name}"})


class ApiToken(models.Model):
    """A bearer token for machine clients. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="用户")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked = models.BooleanField("已吊销", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "API令牌"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        key = "wn_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=cls.hash(key))
        return token, key
