from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ..enums import RoomType
from .dated import DatedRule

# A standard outside these bounds is a typo, not a rule (the strictest local standard is 20 °C; kitchens 10).
MIN_CELSIUS = Decimal("5.0")
MAX_CELSIUS = Decimal("30.0")


class IndoorStandard(DatedRule):
    """The lowest indoor temperature a room must reach (室温标准), per city, room type and dates.

    Visits, revisits, honesty checks, KPIs and refunds all read it through
    ``rules.selectors.indoor_standard``; a room type without a row of its own takes the bedrooms' and
    living rooms' standard."""

    room_type = models.CharField("房间类型", max_length=16, choices=RoomType.choices, default=RoomType.MAIN)
    celsius = models.DecimalField(
        "室温标准(℃)",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(MIN_CELSIUS), MaxValueValidator(MAX_CELSIUS)],
    )
    basis = models.CharField("依据", max_length=100, blank=True, help_text="如 GB/T 33833-2017 或地方条例")

    class Meta:
        verbose_name = verbose_name_plural = "室温标准"
        ordering = ["city_id", "room_type", "-effective_from"]
        constraints = [
            DatedRule.dated_constraint("indoorstandard_dates_in_order"),
            models.CheckConstraint(
                condition=Q(celsius__gte=MIN_CELSIUS, celsius__lte=MAX_CELSIUS),
                name="indoorstandard_celsius_in_range",
            ),
        ]
        indexes = [models.Index(fields=["city", "room_type", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.city} {self.get_room_type_display()} {self.celsius}℃（{self.effective_from} 起）"
