"""The photos a season's records carry (测温拍照 on a revisit, the site photo of a measurement): a small
PNG of a thermometer's display showing the reading, drawn once per reading, so the evidence a supervisor
opens agrees with the figure recorded."""

import io
from functools import lru_cache

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=128)
def _png(text: str) -> bytes:
    image = Image.new("RGB", (240, 160), (214, 220, 226))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((30, 30, 210, 130), radius=12, fill=(38, 44, 52))
    font = ImageFont.load_default(size=40)
    draw.text((120, 80), text, fill=(120, 230, 150), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def reading_photo(celsius) -> SimpleUploadedFile:
    """An upload of a thermometer showing ``celsius`` (a fresh file object each time: services read it)."""
    return SimpleUploadedFile("reading.png", _png(f"{float(celsius):.1f} C"), content_type="image/png")
