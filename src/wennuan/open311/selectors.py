"""Reads of the open311 app. Cases are read through ``Case.objects.visible_to`` of the client's account
(or the jurisdiction's public reader), and answered with public fields only: no name, phone, room or text."""

from django.db.models import OuterRef, Q, Subquery

from wennuan.cases.models import Case, CaseEvent
from wennuan.core.scope import ScopeKind
from wennuan.core.selectors import one_or_none
from wennuan.registry.regions import region_id

from .enums import DeliveryStatus
from .locate import building_address
from .models import Client, Jurisdiction, ServiceRequest, WebhookEvent
from .outbox import public_status

MAX_RESULTS = 1000  # the spec's default cap on a GET requests answer


def client_for_key(key: str) -> Client | None:
    if not key:
        return None
    return one_or_none(
        Client.objects.select_related("jurisdiction", "user").filter(
            key_hash=Client.hash(key), is_active=True, user__is_active=True
        )
    )


def jurisdictions() -> list[Jurisdiction]:
    return list(Jurisdiction.objects.select_related("reader").order_by("code"))


def cases_of(*, user, jurisdiction: Jurisdiction, several: bool):
    """The cases ``user`` may see in the jurisdiction (with several cities served, the ones placed in its
    city or filed through one of its clients), newest first, with what an answer needs loaded."""
    cases = Case.objects.visible_to(user)
    if several:
        city = jurisdiction.city_id
        cases = cases.filter(
            Q(building__estate__district__city_id=city)
            | Q(**{region_id(ScopeKind.CITY): city})
            | Q(open311_request__client__jurisdiction=jurisdiction)
        )
    latest = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    return (
        cases.select_related("building__estate", "company")
        .annotate(updated_at=Subquery(latest))
        .order_by("-received_at", "-id")
    )


def request_row(case: Case) -> dict:
    """A case as a GeoReport service request: public fields only (no name, phone, room or free text)."""
    building = case.building
    estate = building.estate if building else None
    return {
        "service_request_id": case.pk,
        "status": public_status(case.state),
        "status_notes": case.get_state_display(),
        "service_name": case.get_category_display(),
        "service_code": case.category,
        "description": None,
        "agency_responsible": case.company.name if case.company else None,
        "service_notice": None,
        "requested_datetime": case.received_at,
        "updated_datetime": getattr(case, "updated_at", None) or case.received_at,
        "expected_datetime": case.resolve_due,
        "address": building_address(building) if building else None,
        "address_id": building.pk if building else None,
        "zipcode": None,
        "lat": estate.latitude if estate else None,
        "long": estate.longitude if estate else None,
        "media_url": None,
    }


def request_by_token(token: str) -> ServiceRequest | None:
    return one_or_none(ServiceRequest.objects.filter(token=token))


def events_for(*, user, status: str = "", client_id: int | None = None):
    """The supervisor's delivery log: webhook events in the user's scope, newest first."""
    events = WebhookEvent.objects.visible_to(user).select_related("client")
    if status in DeliveryStatus.values:
        events = events.filter(status=status)
    if client_id:
        events = events.filter(client_id=client_id)
    return events.order_by("-id")
