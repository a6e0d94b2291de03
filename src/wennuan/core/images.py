"""Is an upload an image? Judged from its first bytes, so the stored name's extension never comes from the sender."""

# Leading bytes of the image formats phone cameras and browsers produce.
_IMAGE_SIGNATURES = [
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tif"),
    (b"MM\x00*", "tif"),
]


def image_kind(upload) -> str | None:
    """The file extension for an uploaded image, judged from its first bytes; None if it is no image."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":  # ISO media: HEIC/HEIF/AVIF from phone cameras
        return "avif" if head[8:12] in (b"avif", b"avis") else "heic"
    return next((ext for sig, ext in _IMAGE_SIGNATURES if head.startswith(sig)), None)
