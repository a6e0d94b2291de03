"""Knowledge-base entries (知识库): a question residents ask, the answer agents give, where and when it
applies, and its review state; and the revisions that count as 知识库更新数.

Written only by ``kb.services``; read through ``kb.selectors`` (search: ``kb.search``).

The full-text index lives beside the table and is kept by the database itself, so every write path
(save, bulk import, delete, a flush) keeps it right: on SQLite an FTS5 table over ``question_terms`` and
``body_terms`` maintained by triggers, on PostgreSQL a generated ``tsvector`` column with a GIN index
(migration 0002). Both index the same jieba segmentation, stored in the two ``*_terms`` columns.
Caution for later migrations on SQLite: a change that makes Django rebuild ``kb_entry`` drops the
triggers; recreate them (``kb.search.sqlite_schema``) in the same migration.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from wennuan.core.categories import Category
from wennuan.core.scope import ScopedQuerySet, ScopeKind, scope_of
from wennuan.registry.models import Community, Company, District, Grid, Street

from .enums import ReviewState, RevisionKind


class EntryQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Entries that apply where ``user`` works: city-wide roles read every entry; a company's
        dispatchers and crews read their city's entries for everyone plus their own company's; the
        region roles read their city's entries for the whole city or for their district / street."""
        scope = scope_of(user)
        if scope.is_all:
            return self
        if scope.id is None:
            return self.none()
        if scope.kind in (ScopeKind.COMPANY, ScopeKind.STATION):
            company = (
                (
                    Company.objects.filter(pk=scope.id)
                    if scope.kind == ScopeKind.COMPANY
                    else Company.objects.filter(stations=scope.id)
                )
                .values("pk", "city_id")
                .first()
            )
            if company is None:
                return self.none()
            return self.filter(city_id=company["city_id"]).filter(
                Q(company__isnull=True) | Q(company_id=company["pk"])
            )
        place = _region_of(scope)
        if place is None:
            return self.none()
        rows = self.filter(city_id=place["city"]).filter(
            Q(district__isnull=True) | Q(district_id=place["district"])
        )
        if place["street"] is None:  # a district's staff: every street's entries of their district
            return rows
        return rows.filter(Q(street__isnull=True) | Q(street_id=place["street"]))

    def published(self):
        return self.filter(state=ReviewState.PUBLISHED)

    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def applicable_to(self, household):
        """Entries that apply to ``household``: its city, and its company, district and street or none."""
        grid = household.grid
        street = grid.community.street
        return self.filter(city_id=street.district.city_id).filter(
            Q(company__isnull=True) | Q(company_id=household.station.company_id),
            Q(district__isnull=True) | Q(district_id=street.district_id),
            Q(street__isnull=True) | Q(street_id=street.pk),
        )


def _region_of(scope) -> dict | None:
    """{city, district, street} ids over a region scope (street None for a district)."""
    if scope.kind == ScopeKind.DISTRICT:
        row = District.objects.filter(pk=scope.id).values("city_id").first()
        return row and {"city": row["city_id"], "district": scope.id, "street": None}
    if scope.kind == ScopeKind.STREET:
        row = Street.objects.filter(pk=scope.id).values("district_id", "district__city_id").first()
        return row and {"city": row["district__city_id"], "district": row["district_id"], "street": scope.id}
    if scope.kind == ScopeKind.COMMUNITY:
        row = (
            Community.objects.filter(pk=scope.id)
            .values("street_id", "street__district_id", "street__district__city_id")
            .first()
        )
        return row and {
            "city": row["street__district__city_id"],
            "district": row["street__district_id"],
            "street": row["street_id"],
        }
    if scope.kind == ScopeKind.GRID:
        row = (
            Grid.objects.filter(pk=scope.id)
            .values(
                "community__street_id",
                "community__street__district_id",
                "community__street__district__city_id",
            )
            .first()
        )
        return row and {
            "city": row["community__street__district__city_id"],
            "district": row["community__street__district_id"],
            "street": row["community__street_id"],
        }
    return None


class Entry(models.Model):
    question = models.CharField("问题", max_length=200)
    answer = models.TextField("答复口径", max_length=4000)
    keywords = models.CharField(
        "关键词", max_length=200, blank=True, help_text="群众的其他说法，空格分隔（如：暖气片 冰凉 不烫手）"
    )
    category = models.CharField("类别", max_length=32, choices=Category.choices, default=Category.OTHER)
    city = models.ForeignKey("registry.City", on_delete=models.PROTECT, related_name="+", verbose_name="城市")
    company = models.ForeignKey(
        "registry.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="供热企业",
        help_text="空：适用于全市各企业",
    )
    district = models.ForeignKey(
        "registry.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="区县",
    )
    street = models.ForeignKey(
        "registry.Street",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="街道",
    )
    valid_from = models.DateField("生效日期", null=True, blank=True)
    valid_to = models.DateField("失效日期", null=True, blank=True)
    state = models.CharField(
        "审核状态", max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="编写人"
    )
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")
    # The jieba segmentation the full-text index reads (space-separated terms), set by the services.
    question_terms = models.TextField("问题分词", blank=True, editable=False)
    body_terms = models.TextField("答复分词", blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "知识库条目"
        ordering = ["-updated_at", "-id"]
        # Covers every filter of a search (kb.selectors.searchable), so narrowing 10,000 entries to what a
        # caller may read touches the index only, never the long rows (answers and their terms).
        indexes = [
            models.Index(
                fields=["state", "valid_from", "valid_to", "city", "company", "district", "street"],
                name="kb_entry_searchable",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="kb_entry_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def applies_to(self) -> str:
        """「全市」, 「热力一公司」, 「城关区东岗街道」 … as one label."""
        parts = [p.name for p in (self.company, self.district, self.street) if p is not None]
        return " · ".join(parts) or "全市"

    @property
    def ref(self) -> str:
        """How a case records the entry it was answered from (cases stores strings, not kb rows)."""
        return f"kb:{self.pk}"


class EntryRevision(models.Model):
    """One write to an entry (created, edited, imported, review state): what 知识库更新数 counts."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions", verbose_name="条目")
    at = models.DateTimeField("时间", db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    # The entry's company when it was written: the KPI counts a company's updates even if the entry moves.
    company = models.ForeignKey(
        "registry.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="供热企业",
    )
    kind = models.CharField("类型", max_length=16, choices=RevisionKind.choices)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "知识库修订"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["company", "at"], name="kb_revision_company_at")]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.get_kind_display()} {self.at:%Y-%m-%d}"
