"""GeoReport answers in the spec's two formats from one value, so XML and JSON cannot disagree.

A value is a dict, a list or a scalar. Lists become a container element whose items take the tag of
``ITEM_TAGS`` (``services`` → ``service`` …), as in the spec's examples; dates are W3C datetimes with the
zone; booleans are ``true``/``false``; None is an empty element in XML and null in JSON."""

import json
from datetime import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def w3c(value: datetime | None) -> str | None:
    """``2010-04-14T06:37:38+08:00``: local time of the site with its offset, seconds precision."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _plain(value):
    if isinstance(value, datetime):
        return w3c(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(value) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def to_xml(root: str, value) -> str:
    element = ET.Element(root)
    _fill(element, root, _plain(value))
    return '<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="unicode")


def _fill(element: ET.Element, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), key, item)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        for item in value:
            _fill(ET.SubElement(element, item_tag), item_tag, item)
    elif value is None:
        return
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = str(value)


def respond(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    body = to_json(value) if fmt == "json" else to_xml(root, value)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error body: ``[{"code": 403, "description": …}]`` / ``<errors><error>…``."""
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
