"""A city's daily outdoor temperatures (observed, and the forecast for the coming days) and the surge
model's latest fit and forecast."""

from django.db import models

from wennuan.registry.models import City

from .enums import WeatherKind


class WeatherDay(models.Model):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="weather_days", verbose_name="城市")
    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=WeatherKind.choices)
    outdoor_c = models.DecimalField("室外日均气温(℃)", max_digits=4, decimal_places=1)
    source = models.CharField("来源", max_length=60, blank=True)
    # The 12345 platform's own count of heating calls that day, where a city imported its statistics
    # (seasons before wennuan, or a platform that counts more than reaches wennuan); wins over counted cases.
    imported_calls = models.PositiveIntegerField("供热来电数（导入）", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "室外气温"
        ordering = ["city", "day"]
        constraints = [models.UniqueConstraint(fields=["city", "day", "kind"], name="uniq_weather_day")]

    def __str__(self):
        return f"{self.city} {self.day} {self.get_kind_display()} {self.outdoor_c}℃"


class SurgeFit(models.Model):
    """The model fitted for a city (its coefficients, readable through ``model.explain``), and the days it
    forecast then; the newest row per city is the one shown."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="surge_fits", verbose_name="城市")
    fitted_at = models.DateTimeField("拟合时间", db_index=True)
    history_days = models.PositiveIntegerField("历史天数")
    model = models.JSONField("模型")
    forecast = models.JSONField(
        "预测", default=list
    )  # [{"day": "2026-12-01", "outdoor_c": -12.0, "calls": 412}]
    staffing = models.JSONField("人员建议", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "话务预测"
        ordering = ["-fitted_at"]

    def __str__(self):
        return f"{self.city} {self.fitted_at:%Y-%m-%d %H:%M}"


class RefitDay(models.Model):
    """The local day a city's nightly refit ran, fitted or not (a fit is its SurgeFit row): later sweeps
    that day leave the city alone (a city whose history is still under 60 days would otherwise ask the
    weather service every minute)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="refit_days", verbose_name="城市")
    day = models.DateField("日期")

    class Meta:
        verbose_name = verbose_name_plural = "每日重算记录"
        constraints = [models.UniqueConstraint(fields=["city", "day"], name="uniq_refit_day")]

    def __str__(self):
        return f"{self.city} {self.day}"
