from django.db import models


class WeatherKind(models.TextChoices):
    OBSERVED = "observed", "实况"
    FORECAST = "forecast", "预报"
