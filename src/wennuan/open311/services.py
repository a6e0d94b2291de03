"""Writes of the open311 app: issue a client's api_key, file a GeoReport request as a case (through the
cases intake, so routing, repeats and outage flags hold), replay a webhook event."""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from wennuan.cases.services import receive_case
from wennuan.core import audit
from wennuan.core.errors import BadServiceRequest, TransitionNotAllowed
from wennuan.registry.models import Building, Household

from . import catalog, locate
from .enums import DeliveryStatus
from .models import Client, Jurisdiction, ServiceRequest, WebhookEvent


def issue_client(
    *, name: str, jurisdiction: Jurisdiction, user, channel: str = "", webhook_url: str = "", by=None
) -> tuple[Client, str]:
    """A new 311 client (or 12345 platform) and its api_key, returned once; only its hash is kept."""
    if not (name or "").strip():
        raise BadServiceRequest("客户端名称不能为空")
    key = Client.new_key()
    client = Client(
        name=name.strip(),
        jurisdiction=jurisdiction,
        user=user,
        key_prefix=key[:8],
        key_hash=Client.hash(key),
        webhook_url=webhook_url,
        webhook_secret=secrets.token_hex(32),
    )
    if channel:
        client.channel = channel
    client.full_clean()
    with transaction.atomic():
        client.save()
        audit.record(
            actor=by, action="open311.client_issue", obj=client, summary=f"发放Open311 api_key：{client}"
        )
    return client, key


@dataclass(frozen=True)
class Submission:
    """A POST /requests, checked at the edge (views.parse_submission) and again here."""

    service_code: str
    description: str = ""
    address_string: str = ""
    address_id: int | None = None
    lat: float | None = None
    long: float | None = None
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    client_ref: str = ""
    attributes: dict | None = None  # {code: [values]}


LIMITS = {
    "description": 4000,
    "address_string": 200,
    "first_name": 25,
    "last_name": 25,
    "phone": 30,
    "client_ref": 50,
}


def submit_request(*, client: Client, submission: Submission) -> tuple[ServiceRequest, bool]:
    """File the request as a case; returns (its ServiceRequest, created).

    Idempotent on the client's reference (``client_ref``): a retried POST gets the one case back. The
    location is the address_string, else the registry's words for address_id or lat/long; the triage
    engine resolves it inside ``receive_case``. A household account attribute routes to the household."""
    s = submission
    svc = catalog.service(s.service_code)
    if svc is None:
        raise BadServiceRequest(f"service_code {s.service_code!r} not found")
    _check_lengths(s)
    if s.lat is not None and not -90 <= s.lat <= 90 or s.long is not None and not -180 <= s.long <= 180:
        raise BadServiceRequest("lat must be within -90..90 and long within -180..180")
    if (s.lat is None) != (s.long is None):
        raise BadServiceRequest("lat and long go together")
    if not (s.address_string.strip() or s.address_id or s.lat is not None):
        raise BadServiceRequest("a location is required: lat & long, address_string or address_id")
    values = catalog.read_attributes(svc, s.attributes or {})
    household = _household(client, values.get(catalog.ACCOUNT.code))
    address = _address(client, s)
    text = "；".join(
        p for p in ((s.description or "").strip() or svc.name, catalog.describe(svc, values)) if p
    )
    external_id = f"311-{client.pk}-{s.client_ref.strip()}" if s.client_ref.strip() else ""
    case, created = receive_case(
        channel=client.channel,
        text=text,
        address=address,
        external_id=external_id,
        reporter_name=f"{s.last_name.strip()}{s.first_name.strip()}",
        reporter_phone=s.phone,
        household=household,
        category=svc.code,
        by=client.user,
    )
    # Created after the case, so a crash in between is mended by the client's retry (which finds the case).
    try:
        with transaction.atomic():
            request, made = ServiceRequest.objects.get_or_create(
                case=case,
                defaults={
                    "client": client,
                    "client_ref": s.client_ref.strip(),
                    "token": secrets.token_hex(12),
                    "lat": s.lat,
                    "long": s.long,
                },
            )
            if made:
                audit.record(
                    actor=client.user,
                    action="open311.request",
                    obj=case,
                    summary=f"Open311 {client.name} 提交诉求，工单{case.number}",
                )
    except IntegrityError:  # the same retry raced us to it
        request, made = ServiceRequest.objects.get(case=case), False
    return request, created and made


def _check_lengths(s: Submission) -> None:
    for name, limit in LIMITS.items():
        if len(getattr(s, name) or "") > limit:
            raise BadServiceRequest(f"{name} is longer than {limit} characters")


def _household(client: Client, account) -> Household | None:
    if not account:
        return None
    household = (
        Household.objects.visible_to(client.user)
        .select_related("unit__building", "station")
        .filter(account=account, unit__building__estate__district__city_id=client.jurisdiction.city_id)
        .first()
    )
    if household is None:
        raise BadServiceRequest(
            f"attribute[{catalog.ACCOUNT.code}]: no such household account in this jurisdiction"
        )
    return household


def _address(client: Client, s: Submission) -> str:
    """What triage reads for the location (the case's address): the client's words come first."""
    city_id = client.jurisdiction.city_id
    parts = [s.address_string.strip()]
    if s.address_id:
        building = (
            Building.objects.select_related("estate")
            .filter(pk=s.address_id, estate__district__city_id=city_id)
            .first()
        )
        if building is None:
            raise BadServiceRequest(f"address_id {s.address_id} not found")
        parts.append(locate.building_address(building))
    elif s.lat is not None and not parts[0]:
        parts.append(
            locate.address_from_coordinates(
                city_id=city_id, lat=s.lat, long=s.long, within_m=client.jurisdiction.nearest_within_m
            )
        )
    return " ".join(p for p in parts if p)[:200]


def replay_event(*, event: WebhookEvent, by) -> WebhookEvent:
    """Send an event again (重发): back to pending, and its receiver's back-off cleared so it goes at once."""
    if event.status == DeliveryStatus.PENDING:
        raise TransitionNotAllowed("该事件尚在待投递队列中")
    with transaction.atomic():
        WebhookEvent.objects.filter(pk=event.pk).update(status=DeliveryStatus.PENDING, last_error="")
        Client.objects.filter(pk=event.client_id).update(webhook_retry_at=None)
        audit.record(
            actor=by,
            action="open311.webhook_replay",
            obj=event.case,
            summary=f"重发Webhook事件{event.pk}（{event.get_kind_display()}）至{event.client}",
        )
    event.status, event.last_error = DeliveryStatus.PENDING, ""
    return event
