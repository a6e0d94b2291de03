"""The webhook outbox: a case change a client must hear of becomes a WebhookEvent row, inside the
transaction of the change (registered with cases.hooks), so a change is never told without having
happened nor happens without being told."""

from wennuan.cases.enums import OPEN_STATES, CaseState
from wennuan.cases.hooks import CaseChange

from .enums import ACTION_EVENTS
from .models import Client, WebhookEvent
from .render import w3c


def public_status(state: str) -> str:
    """GeoReport knows two statuses: ``open`` while the unit still owes work, else ``closed``."""
    return "open" if state in OPEN_STATES else "closed"


def external_id_for(client: Client, external_id: str) -> str:
    """The ticket's id in the client's own terms: its reference for Open311 requests (stored on the case as
    ``311-<client>-<ref>``), the 12345 ticket number for tickets pushed through /api/v1/cases."""
    prefix = f"311-{client.pk}-"
    return external_id[len(prefix) :] if external_id.startswith(prefix) else external_id


def record_change(change: CaseChange) -> WebhookEvent | None:
    """cases.hooks listener: one event for the client whose account filed the case, if it has a webhook."""
    kind = ACTION_EVENTS.get(change.action)
    case = change.case
    if kind is None or not case.created_by_id:
        return None
    client = Client.objects.filter(user_id=case.created_by_id, is_active=True).exclude(webhook_url="").first()
    if client is None:
        return None
    state = change.state
    payload = {
        "event": kind.value,
        "event_label": kind.label,
        "occurred_at": w3c(change.at),
        "service_request_id": case.pk,
        "external_id": external_id_for(client, case.external_id),
        "status": public_status(state),
        "state": state,
        "state_label": CaseState(state).label if state in CaseState.values else state,
    }
    if "level" in change.data:
        payload["escalation_level"] = change.data["level"]
    return WebhookEvent.objects.create(
        client=client, case_id=case.pk, kind=kind, payload=payload, created_at=change.at
    )
