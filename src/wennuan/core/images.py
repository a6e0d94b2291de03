"""Is an upload an image, and small enough? The one check every photo upload (cases and visits) goes
through. The kind is judged from the first bytes, so the stored name's extension never comes from the sender."""

from django.conf import settings

from .errors import DomainError


class InvalidUpload(DomainError):
    code = "invalid_upload"


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


def checked_image(upload) -> str:
    """The extension for ``upload`` if it is an image within ``settings.MAX_PHOTO_BYTES``; InvalidUpload
    saying why not otherwise. Nothing is stored here: the service that takes the photo stores it, after its
    own checks."""
    limit = settings.MAX_PHOTO_BYTES
    if upload.size is not None and upload.size > limit:
        raise InvalidUpload(f"照片过大（{upload.size / 2**20:.1f} MB），单张不超过 {limit / 2**20:.0f} MB")
    kind = image_kind(upload)
    if kind is None:
        raise InvalidUpload("只能上传照片（JPEG、PNG、HEIC 等图片文件）")
    return kind
