from django.db import models


class RoomType(models.TextChoices):
    """The rooms a standard names (GB/T 33833-2017 §5.1 names bedrooms and living rooms; cities add others)."""

    MAIN = "main", "卧室、起居室"
    OTHER = "other", "其他房间"
    KITCHEN = "kitchen", "厨房"
    BATHROOM = "bathroom", "卫生间"
