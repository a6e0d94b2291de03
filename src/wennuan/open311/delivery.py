"""The webhook worker: sends each client's pending events, oldest first, signed with HMAC-SHA256.

Order: a client's events go one at a time in id order, and the first refusal stops that client's round,
so every ticket's events arrive in the order they happened. Retries: a refusing receiver is left alone
for 2, 4, 8 … seconds, at most retry_cap(); when it is back, the whole queue follows in order. An event
still refused after GIVE_UP_AFTER is marked failed (the supervisor's page can replay it) so one dead
ticket does not hold the others for ever. Delivery is at least once: receivers dedupe by event_id."""

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .enums import DeliveryStatus
from .models import Client, WebhookAttempt, WebhookEvent

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(seconds=2)
GIVE_UP_AFTER = timedelta(days=3)
TIMEOUT_SECONDS = 10
BATCH = 100
LEASE = timedelta(seconds=BATCH * TIMEOUT_SECONDS + 60)
SIGNATURE_HEADER = "X-Wennuan-Signature"
TIMESTAMP_HEADER = "X-Wennuan-Timestamp"
EVENT_HEADER = "X-Wennuan-Event-Id"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256(secret, "<timestamp>." + body): what a receiver recomputes."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def body_of(event: WebhookEvent) -> bytes:
    return json.dumps({"event_id": event.pk, **event.payload}, ensure_ascii=False).encode()


def retry_cap() -> timedelta:
    """The longest wait (WENNUAN_WEBHOOK_RETRY_CAP_SECONDS, default 5 min): a receiver back after an hour
    down gets its queue at most this long after it returns."""
    return timedelta(seconds=settings.WEBHOOK_RETRY_CAP_SECONDS)


def backoff(failures: int) -> timedelta:
    return min(RETRY_BASE * (2 ** min(max(failures - 1, 0), 20)), retry_cap())  # 2**20 is beyond any cap


def post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """(HTTP status, "") or (None, why it failed to connect)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return None, str(getattr(exc, "reason", exc))[:300]


def due_clients(now) -> list[int]:
    pending = WebhookEvent.objects.filter(client=OuterRef("pk"), status=DeliveryStatus.PENDING)
    return list(
        Client.objects.filter(is_active=True)
        .exclude(webhook_url="")
        .filter(Q(webhook_retry_at__isnull=True) | Q(webhook_retry_at__lte=now))
        .filter(Q(webhook_lease_until__isnull=True) | Q(webhook_lease_until__lte=now))
        .filter(Exists(pending))
        .values_list("pk", flat=True)
    )


def deliver_client(client_id: int, *, send=post, batch: int = BATCH) -> int:
    """Send up to ``batch`` of the client's pending events in order; returns how many were sent."""
    now = timezone.now()
    claimed = (
        Client.objects.filter(pk=client_id)
        .filter(Q(webhook_lease_until__isnull=True) | Q(webhook_lease_until__lte=now))
        .update(webhook_lease_until=now + LEASE)
    )
    if not claimed:
        return 0  # another worker has it
    sent = 0
    try:
        client = Client.objects.get(pk=client_id)
        events = list(client.events.filter(status=DeliveryStatus.PENDING).order_by("id")[:batch])
        for event in events:
            sent += 1
            if not _send_one(client, event, send):
                break
    finally:
        Client.objects.filter(pk=client_id).update(webhook_lease_until=None)
    return sent


def _send_one(client: Client, event: WebhookEvent, send) -> bool:
    body = body_of(event)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "wennuan-webhooks/1",
        EVENT_HEADER: str(event.pk),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(client.webhook_secret, timestamp, body),
    }
    started = time.monotonic()
    status, error = send(client.webhook_url, body, headers)
    took = int((time.monotonic() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    with transaction.atomic():
        WebhookAttempt.objects.create(event=event, at=now, status_code=status, error=error, duration_ms=took)
        if ok:
            WebhookEvent.objects.filter(pk=event.pk).update(
                status=DeliveryStatus.DELIVERED, delivered_at=now, attempts=F("attempts") + 1, last_error=""
            )
            if client.webhook_failures:
                Client.objects.filter(pk=client.pk).update(webhook_failures=0, webhook_retry_at=None)
                client.webhook_failures = 0
            return True
        gave_up = now - event.created_at > GIVE_UP_AFTER
        WebhookEvent.objects.filter(pk=event.pk).update(
            status=DeliveryStatus.FAILED if gave_up else DeliveryStatus.PENDING,
            attempts=F("attempts") + 1,
            last_error=error or f"HTTP {status}",
        )
        if gave_up:
            return True  # the next event may go
        client.webhook_failures += 1
        Client.objects.filter(pk=client.pk).update(
            webhook_failures=client.webhook_failures, webhook_retry_at=now + backoff(client.webhook_failures)
        )
    return False


def work_once(*, send=post) -> int:
    """One round over every client with something due; returns how many events were attempted."""
    return sum(deliver_client(client_id, send=send) for client_id in due_clients(timezone.now()))


def loop(stop: threading.Event, *, idle_seconds: float = 1.0, send=post) -> None:
    """Deliver until ``stop`` is set; sleeps ``idle_seconds`` when nothing was due."""
    while not stop.is_set():
        # This thread's connection is never recycled by a request: drop a broken one (the database
        # restarted) before each round, or every later round would fail too.
        close_old_connections()
        try:
            done = work_once(send=send)
        except Exception:  # noqa: BLE001 - a database hiccup must not end the worker; it tries again
            log.exception("webhook round failed")
            done = 0
        if not done:
            stop.wait(idle_seconds)
