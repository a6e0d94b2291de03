"""Open311 GeoReport v2 at /open311/v2/: thin views that parse, call a selector or service, render.

Every resource answers as ``.json`` or ``.xml``; errors are the spec's ``errors`` body with the HTTP
status. GET needs no api_key when the jurisdiction names a public reader; POST always needs one."""

from datetime import timedelta
from functools import wraps

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wennuan.core.errors import ApiKeyInvalid, BadServiceRequest, DomainError

from . import catalog, selectors, services, throttle
from .render import error, respond

SPEC = "http://wiki.open311.org/GeoReport_v2"
FORMATS = ["text/xml", "application/json"]
DEFAULT_DAYS = 90  # the spec: without dates, the last 90 days; a range may span at most 90 days
ANONYMOUS_PER_MINUTE = 60


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


def georeport(view):
    """Turn domain errors into the spec's error body; throttle per api_key (else per address)."""

    @wraps(view)
    def wrapper(request, *args, fmt, **kwargs):
        key = request.POST.get("api_key") or request.GET.get("api_key") or ""
        client = selectors.client_for_key(key)
        who, limit = (
            (f"c{client.pk}", client.requests_per_minute)
            if client
            else (f"ip{request.META.get('REMOTE_ADDR', '')}", ANONYMOUS_PER_MINUTE)
        )
        if not throttle.allow(who, limit):
            return error(fmt, 429, "Too many requests: slow down and retry after a minute")
        try:
            if key and client is None:
                raise ApiKeyInvalid("Invalid api_key received -- can't proceed")
            return view(request, *args, fmt=fmt, client=client, **kwargs)
        except DomainError as exc:
            return error(fmt, exc.http_status, str(exc))

    return wrapper


def _jurisdiction(request, client):
    """The jurisdiction asked for: ``jurisdiction_id``, else the client's, else the only one served."""
    code = (request.POST.get("jurisdiction_id") or request.GET.get("jurisdiction_id") or "").strip()
    all_ = selectors.jurisdictions()
    if code:
        found = next((j for j in all_ if j.code == code), None)
        if found is None:
            raise NotFound(f"jurisdiction_id {code!r} not found")
        if client is not None and client.jurisdiction_id != found.pk:
            raise ApiKeyInvalid("this api_key is not valid for that jurisdiction_id")
        return found, len(all_) > 1
    if client is not None:
        return client.jurisdiction, len(all_) > 1
    if len(all_) == 1:
        return all_[0], False
    if not all_:
        raise NotFound("no jurisdiction is served here")
    raise BadServiceRequest("jurisdiction_id is required (this endpoint serves several)")


@require_http_methods(["GET"])
@georeport
def discovery(request, *, fmt, client):
    base = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "json"})).rsplit("/", 1)[0]
    changeset = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    return respond(fmt, "discovery", {
        "changeset": changeset,
        "contact": "供热服务热线 12345 · heating hotline 12345",
        "key_service": "向供热主管部门申请 api_key · ask the city's heating office for an api_key",
        "endpoints": [
            {"specification": SPEC, "url": base + "/", "changeset": changeset, "type": "production",
             "formats": FORMATS},
        ],
    })  # fmt: skip


@require_http_methods(["GET"])
@georeport
def service_list(request, *, fmt, client):
    _jurisdiction(request, client)
    return respond(fmt, "services", [
        {"service_code": s.code, "service_name": s.name, "description": s.name, "metadata": s.metadata,
         "type": "realtime", "keywords": s.code.replace("_", " "), "group": s.group}
        for s in catalog.services()
    ])  # fmt: skip


@require_http_methods(["GET"])
@georeport
def service_definition(request, code, *, fmt, client):
    _jurisdiction(request, client)
    svc = catalog.service(code)
    if svc is None:
        raise NotFound(f"service_code {code!r} not found")
    attributes = []
    for i, a in enumerate(svc.attributes, start=1):
        attr = {"variable": a.variable, "code": a.code, "datatype": a.datatype, "required": a.required,
                "datatype_description": a.datatype_description or None, "order": i,
                "description": a.description}  # fmt: skip
        if a.values:
            attr["values"] = [{"key": k, "name": n} for k, n in a.values]
        attributes.append(attr)
    return respond(fmt, "service_definition", {"service_code": svc.code, "attributes": attributes})


@csrf_exempt  # machine clients authenticate with api_key, not a session cookie
@require_http_methods(["GET", "POST"])
@georeport
def requests_(request, *, fmt, client):
    if request.method == "POST":
        return _post_request(request, fmt=fmt, client=client)
    return _get_requests(request, fmt=fmt, client=client)


def _post_request(request, *, fmt, client):
    if client is None:
        raise ApiKeyInvalid("api_key is required to create a service request")
    _jurisdiction(request, client)
    sr, _ = services.submit_request(client=client, submission=parse_submission(request))
    return respond(fmt, "service_requests", [
        {"service_request_id": sr.case_id, "token": sr.token, "service_notice": None, "account_id": None}
    ])  # fmt: skip


def parse_submission(request) -> services.Submission:
    p = request.POST
    attributes: dict[str, list[str]] = {}
    for name in p:
        if name.startswith("attribute[") and name.endswith("]"):
            attributes[name[len("attribute[") : -1]] = p.getlist(name)
    code = (p.get("service_code") or "").strip()
    if not code:
        raise BadServiceRequest("service_code is required")
    return services.Submission(
        service_code=code,
        description=p.get("description", ""),
        address_string=p.get("address_string", ""),
        address_id=_int(p.get("address_id"), "address_id"),
        lat=_float(p.get("lat"), "lat"),
        long=_float(p.get("long"), "long"),
        first_name=p.get("first_name", ""),
        last_name=p.get("last_name", ""),
        phone=p.get("phone", ""),
        client_ref=p.get("client_reference", "") or request.headers.get("Idempotency-Key", ""),
        attributes=attributes,
    )


def _float(value, name):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise BadServiceRequest(f"{name} must be a number") from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise BadServiceRequest(f"{name} must be a finite number")
    return number


def _int(value, name):
    if value in (None, ""):
        return None
    if not str(value).isdigit() or len(str(value)) > 12:
        raise BadServiceRequest(f"{name} must be a positive whole number")
    return int(value)


def _reader(jurisdiction, client):
    if client is not None:
        return client.user
    if jurisdiction.reader_id is None:
        raise ApiKeyInvalid("api_key is required to read service requests here")
    return jurisdiction.reader


def _get_requests(request, *, fmt, client):
    jurisdiction, several = _jurisdiction(request, client)
    cases = selectors.cases_of(user=_reader(jurisdiction, client), jurisdiction=jurisdiction, several=several)
    q = request.GET
    ids = _list(q.get("service_request_id"))
    if ids:
        if not all(i.isdigit() and len(i) <= 12 for i in ids):
            raise BadServiceRequest("service_request_id must be a comma-separated list of numbers")
        cases = cases.filter(pk__in=[int(i) for i in ids])
    else:
        codes = _list(q.get("service_code"))
        unknown = [c for c in codes if catalog.service(c) is None]
        if unknown:
            raise BadServiceRequest(f"service_code {unknown[0]!r} not found")
        if codes:
            cases = cases.filter(category__in=codes)
        start, end = _date(q.get("start_date"), "start_date"), _date(q.get("end_date"), "end_date")
        end_ = end or timezone.now()
        start_ = start or end_ - timedelta(days=DEFAULT_DAYS)
        if start_ > end_:
            raise BadServiceRequest("start_date is after end_date")
        if end_ - start_ > timedelta(days=DEFAULT_DAYS):
            raise BadServiceRequest(f"start_date to end_date may span at most {DEFAULT_DAYS} days")
        cases = cases.filter(received_at__gte=start_, received_at__lte=end_)
        statuses = _list(q.get("status"))
        if any(s not in ("open", "closed") for s in statuses):
            raise BadServiceRequest("status must be open, closed or both (comma-separated)")
        if len(set(statuses)) == 1:
            from wennuan.cases.enums import OPEN_STATES

            cases = (cases.filter if statuses[0] == "open" else cases.exclude)(state__in=OPEN_STATES)
    rows = [selectors.request_row(c) for c in cases[: selectors.MAX_RESULTS]]
    return respond(fmt, "service_requests", rows)


def _list(value) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _date(value, name):
    if not value:
        return None
    try:
        parsed = parse_datetime(value.strip().replace(" ", "+"))  # a "+" in a query string arrives as " "
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadServiceRequest(f"{name} must be a W3C datetime such as 2026-11-29T08:00:00+08:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@require_http_methods(["GET"])
@georeport
def request_detail(request, request_id, *, fmt, client):
    jurisdiction, several = _jurisdiction(request, client)
    cases = selectors.cases_of(user=_reader(jurisdiction, client), jurisdiction=jurisdiction, several=several)
    case = cases.filter(pk=int(request_id)).first() if len(request_id) <= 12 else None
    if case is None:
        raise NotFound(f"service_request_id {request_id} not found")
    return respond(fmt, "service_requests", [selectors.request_row(case)])


@require_http_methods(["GET"])
@georeport
def token(request, token, *, fmt, client):
    _jurisdiction(request, client)
    found = selectors.request_by_token(token)
    if found is None:
        raise NotFound(f"token {token!r} not found")
    return respond(fmt, "service_requests", [{"service_request_id": found.case_id, "token": found.token}])
