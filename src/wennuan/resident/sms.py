"""Sending a text message (the one-time code). The backend is a dotted path in ``settings.SMS_BACKEND``
(environment ``WENNUAN_SMS_BACKEND``): a city plugs in its SMS gateway with a class that has ``send``.
The default writes the message to the server log, so a demo and a development server need no gateway."""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from wennuan.core.masking import mask_phone

log = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str) -> None:
        """Deliver ``text`` to ``phone`` (an 11-digit mobile) or raise."""


class LogSmsBackend:
    """The default: the message (with the code) goes to the server log, the number masked."""

    def send(self, *, phone: str, text: str) -> None:
        log.warning("短信（未接短信网关，写入日志）→ %s：%s", mask_phone(phone), text)


class MemorySmsBackend:
    """Keeps every message in ``outbox`` (tests and the browser tests read the code from it)."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
