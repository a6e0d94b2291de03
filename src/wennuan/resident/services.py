"""What a resident does on the self-service page. Every case goes in through the cases intake service
(channel 网上自助), gets an unguessable public reference as its ticket number, and is linked to the
household that filed it (``ResidentReport``), in one transaction with the audit entry."""

import re

from django.db import transaction
from django.utils import timezone

from wennuan.cases.enums import Channel
from wennuan.cases.models import Case
from wennuan.cases.references import public_reference
from wennuan.cases.services import add_photo, receive_case
from wennuan.core import audit
from wennuan.core.categories import Category
from wennuan.core.errors import DomainError
from wennuan.core.images import checked_image
from wennuan.registry.models import Building, Household

from . import selectors
from .models import ResidentReport
from .phones import checked_phone

# What a resident can report here; 测温, invoices and 报停/开栓 have their own forms.
REPORT_CATEGORIES = [
    Category.NOT_WARM, Category.INTERMITTENT, Category.LEAK, Category.BURST, Category.LOW_PRESSURE,
    Category.NOT_STARTED, Category.UNEVEN, Category.VALVE_FILTER, Category.REPAIR_DELAY, Category.BILLING,
    Category.SUBSIDY, Category.SERVICE_CONDUCT, Category.NOISE, Category.OTHER,
]  # fmt: skip
MAX_TEXT = 1000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class RequestRefused(DomainError):
    code = "request_refused"
    http_status = 422


def _file(*, household: Household, category: str, text: str, phone: str, building: Building | None = None,
          address: str = "") -> Case:  # fmt: skip
    """One case from the resident, linked to their household; about their own home unless ``building`` is
    another building of their estate (then routed by that building)."""
    own_building = household.unit.building
    about_home = building is None or building.pk == own_building.pk
    with transaction.atomic():
        case, _ = receive_case(
            channel=Channel.ONLINE, external_id=public_reference(), text=text, category=category,
            household=household if about_home else None, building=None if about_home else building,
            address=address or _address(household, building), reporter_name=household.resident_name,
            reporter_phone=phone,
        )  # fmt: skip
        ResidentReport.objects.create(household=household, case=case, created_at=timezone.now())
        audit.record(
            actor=None, action="resident.filed", obj=case,
            summary=f"户号{household.account} 网上自助：{case.get_category_display()} {case.external_id}",
        )  # fmt: skip
    return case


def _address(household: Household, building: Building | None) -> str:
    b = household.unit.building
    if building is not None and building.pk != b.pk:
        return f"{building.estate.name}{building.label}"
    return f"{b.estate.name}{b.label}{household.unit.label}{household.room}"


def report_problem(*, household: Household, building_id: int | None, category: str, text: str, phone: str,
                   photo=None) -> Case:  # fmt: skip
    """File a problem at a building picked from the registry (the estates of the resident's street), with a
    category, the resident's words, a contact phone and at most one photo (checked before anything is
    written). Missing or bad fields are refused by name."""
    errors = []
    building = selectors.building_near(household, building_id) if building_id else None
    if building is None:
        errors.append("请选择小区和楼号")
    if category not in REPORT_CATEGORIES:
        errors.append("请选择问题类别")
    text = (text or "").strip()
    if not text:
        errors.append("请填写问题描述")
    elif len(text) > MAX_TEXT:
        errors.append(f"问题描述不超过{MAX_TEXT}字")
    try:
        phone = checked_phone(phone)
    except DomainError as exc:
        errors.append(str(exc))
    if photo is not None:
        try:
            checked_image(photo)
        except DomainError as exc:
            errors.append(str(exc))
    if errors:
        raise RequestRefused("；".join(errors))
    case = _file(household=household, category=category, text=text, phone=phone, building=building)
    if photo is not None:
        add_photo(case=case, upload=photo, actor_label="群众（网上自助）")
    return case


def request_measurement(*, household: Household, phone: str, note: str = "") -> Case:
    """申请测温: a 测温退费 case for the household (the unit must measure within the city's clock). One open
    request at a time: a second one is refused with the first one's ticket number."""
    phone = checked_phone(phone)
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        raise RequestRefused(f"说明不超过{MAX_TEXT}字")
    existing = selectors.open_case_of(household, Category.REFUND)
    if existing is not None:
        raise RequestRefused(f"您已有测温申请在办理中（编号 {existing.external_id or existing.pk}）")
    text = "居民网上申请上门测温" + (f"：{note}" if note else "")
    return _file(household=household, category=Category.REFUND, text=text, phone=phone)


def request_invoice(*, household: Household, title: str, email: str, tax_id: str = "", phone: str,
                    season: str = "") -> Case:  # fmt: skip
    """Ask the company for an electronic invoice (发票): a case of category 发票 in the company's inbox
    carrying the title (抬头), optional tax id and the e-mail address to send it to."""
    errors = []
    title, email, tax_id = (title or "").strip(), (email or "").strip(), (tax_id or "").strip().upper()
    if not title:
        errors.append("请填写发票抬头")
    elif len(title) > 100:
        errors.append("发票抬头不超过100字")
    if not email:
        errors.append("请填写接收邮箱")
    elif not _EMAIL.match(email) or len(email) > 100:
        errors.append("接收邮箱格式不正确")
    if tax_id and not re.fullmatch(r"[0-9A-Z]{15,20}", tax_id):
        errors.append("税号应为15–20位数字或大写字母")
    try:
        phone = checked_phone(phone)
    except DomainError as exc:
        errors.append(str(exc))
    if errors:
        raise RequestRefused("；".join(errors))
    existing = selectors.open_case_of(household, Category.INVOICE)
    if existing is not None:
        raise RequestRefused(f"您已有发票申请在办理中（编号 {existing.external_id or existing.pk}）")
    text = (
        f"申请电子发票{('（' + season + '）') if season else ''}：抬头 {title}；"
        + (f"税号 {tax_id}；" if tax_id else "")
        + f"接收邮箱 {email}"
    )
    return _file(household=household, category=Category.INVOICE, text=text, phone=phone)
