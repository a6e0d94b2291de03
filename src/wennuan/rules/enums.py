from django.db import models


class RoomType(models.TextChoices):
    """The rooms a standard names (GB/T 33833-2017 §5.1 names bedrooms and living rooms; cities add others)."""

    MAIN = "main", "卧室、起居室"
    OTHER = "other", "其他房间"
    KITCHEN = "kitchen", "厨房"
    BATHROOM = "bathroom", "卫生间"

    @classmethod
    def of_room(cls, name: str) -> "RoomType":
        """The type of a room as a visitor names it (客厅, 主卧, 厨房, 卫生间, 书房 …)."""
        name = name or ""
        if "厨" in name:
            return cls.KITCHEN
        if "卫" in name or "浴" in name or "厕" in name:
            return cls.BATHROOM
        if not name or any(word in name for word in ("卧", "客厅", "起居", "厅")):
            return cls.MAIN
        return cls.OTHER
