"""Every action on a case, once: its rule (``lifecycle.ACTIONS``: label, from which states, who), its input
(one ninja ``Schema``) and the one service that performs it.

The case page's forms (``views/detail.py``: a field partial per input field) and the API's
``POST /api/v1/cases/{case_id}/<code>`` endpoints (``api.py``) are both generated from ``ACTIONS``; adding an
action is one entry here plus its rule in ``lifecycle``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from ninja import Schema

from wennuan.core.errors import NotInScope
from wennuan.core.images import InvalidUpload
from wennuan.registry.models import Station

from . import lifecycle, selectors, services
from .models import Case
from .schemas import AnswerIn, AttachIn, DispatchIn, ReasonIn, ResolveIn, RevisitIn, SuperviseIn, Versioned


@dataclass(frozen=True)
class CaseAction:
    code: str
    schema: type[Schema]
    # (case=, by=, data=<schema instance>) -> the case after the one service for this action
    perform: Callable[..., Case]
    operation_id: str = ""  # the OpenAPI operationId's last part, when it is not the code

    @property
    def rule(self) -> lifecycle.Action:
        return lifecycle.ACTIONS[self.code]

    @property
    def label(self) -> str:
        return self.rule.label

    @property
    def done_label(self) -> str:
        """What the page says once it is done: 「已签收」, and 「已到场」 (not 「已已到场」) for a label that
        already says it."""
        return self.label if self.label.startswith("已") else f"已{self.label}"

    @property
    def fields(self) -> list[str]:
        """The input fields a person fills in, the note last (the version is the page's hidden field)."""
        names = [name for name in self.schema.model_fields if name not in ("version", "note")]
        return names + ["note"] * ("note" in self.schema.model_fields)


def _note(service):
    return lambda *, case, by, data: service(case=case, by=by, note=data.note)


def _reason(service):
    return lambda *, case, by, data: service(case=case, by=by, reason=data.reason)


def _dispatch(*, case, by, data: DispatchIn):
    station = None
    if data.station_id:
        # Stations are the city's reference data; which of them ``by`` may send to, the service decides.
        station = Station.objects.filter(pk=data.station_id).first()
        if station is None:
            raise NotInScope("换热站不存在")
    return services.dispatch_case(case=case, by=by, station=station, note=data.note)


def _resolve(*, case, by, data: ResolveIn):
    # A client names photos it uploaded for this case (the page's upload lands here the same way).
    evidence = {"temperature": data.temperature, "photos": services.own_photos(case, data.photos)}
    return services.resolve_case(
        case=case,
        by=by,
        resolution=data.resolution,
        root_cause=data.root_cause,
        evidence=evidence,
        note=data.note,
    )


def _revisit(*, case, by, data: RevisitIn):
    case, _ = services.record_revisit(
        case=case,
        by=by,
        satisfaction=data.satisfaction,
        temperature=data.temperature,
        photo=services.own_photos(case, [data.photo])[0] if data.photo.strip() else "",
        note=data.note,
    )
    return case


def _supervise(*, case, by, data: SuperviseIn):
    due = data.due_at
    if timezone.is_naive(due):  # a datetime-local field, or an API client without a zone: the city's time
        due = timezone.make_aware(due)
    services.issue_supervision(case=case, by=by, instruction=data.instruction, due_at=due)
    return case


def _attach(*, case, by, data: AttachIn):
    parent = selectors.case_for(user=by, pk=data.parent_id)
    return services.attach_to_incident(case=case, parent=parent, by=by, note=data.note)


def _answer(*, case, by, data: AnswerIn):
    return services.answer_case(case=case, by=by, ref=data.ref, note=data.note)


def perform(action: CaseAction, *, case: Case, by, data, upload=None) -> Case:
    """Run ``action``; a photo ``upload`` is checked and stored only after the action's own checks, in the
    same transaction as the change, and taken back if the change fails."""
    if upload is None:
        return action.perform(case=case, by=by, data=data)
    fields = type(data).model_fields
    if "photos" not in fields and "photo" not in fields:
        raise InvalidUpload(f"“{action.label}”不附照片")
    with (
        services.stored_photo(case=case, by=by, action=action.code, upload=upload) as path,
        transaction.atomic(),
    ):
        if "photos" in fields:
            data.photos = [*data.photos, path]
        else:
            data.photo = path
        return action.perform(case=case, by=by, data=data)


ACTIONS: dict[str, CaseAction] = {
    a.code: a
    for a in [
        CaseAction("dispatch", DispatchIn, _dispatch),
        CaseAction("accept", Versioned, _note(services.accept_case)),
        CaseAction("return", ReasonIn, _reason(services.return_case), operation_id="return_"),
        CaseAction("start", Versioned, _note(services.start_case)),
        CaseAction("contact", Versioned, _note(services.record_contact)),
        CaseAction("onsite", Versioned, _note(services.record_onsite)),
        CaseAction("pause", ReasonIn, _reason(services.pause_case)),
        CaseAction("resume", Versioned, _note(services.resume_case)),
        CaseAction("resolve", ResolveIn, _resolve),
        CaseAction("extend", ReasonIn, _reason(services.extend_case)),
        CaseAction("revisit", RevisitIn, _revisit),
        CaseAction("reopen", ReasonIn, _reason(services.reopen_case)),
        CaseAction("close", Versioned, _note(services.close_case)),
        CaseAction("supervise", SuperviseIn, _supervise),
        CaseAction("attach", AttachIn, _attach),
        CaseAction("answer", AnswerIn, _answer),
    ]
}
