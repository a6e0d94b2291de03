"""Recording a dispute measurement (测温): by the city's method, or refused with every reason.

The method's numbers are the city's ``MeasurementMethod`` in force on the day; the standard is the rules
app's. A company's refusal (to measure, to show the certificate, to sign) is recorded as such; whether it
counts as non-compliant is the city's refund rule (the engine reads it).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.categories import Category
from wennuan.core.errors import DomainError
from wennuan.core.images import image_kind
from wennuan.rules.selectors import indoor_standard

from .. import city_rules
from ..enums import Cause, Refusal
from ..models import Measurement, MeasurementRoom
from ..refunds.rules import num

MAX_ROOMS = 12
MIN_CELSIUS, MAX_CELSIUS = Decimal("-30"), Decimal("45")
MIN_OUTDOOR, MAX_OUTDOOR = Decimal("-50"), Decimal("45")
# Readings a little under the interval are a phone clock's jitter, not a method broken.
INTERVAL_SLACK = timedelta(seconds=5)
# China's extent: a fix outside it is a GPS error, not a household.
LATITUDES, LONGITUDES = (3.0, 54.0), (73.0, 136.0)


class MeasurementRefused(DomainError):
    """The record breaks the method; ``reasons`` lists every broken rule (Chinese), nothing was stored."""

    code = "measurement_refused"
    http_status = 422

    def __init__(self, reasons: list[str]):
        super().__init__("测温记录不符合测温方法，未保存：" + "；".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class RoomReading:
    name: str
    height_m: Decimal
    doors_closed_since: datetime
    stable_change: Decimal
    readings: list[tuple[datetime, Decimal]]
    area_m2: Decimal | None = None


@dataclass(frozen=True)
class MeasurementInput:
    measured_at: datetime
    rooms: list[RoomReading] = field(default_factory=list)
    instrument_serial: str = ""
    certificate_no: str = ""
    outdoor_celsius: Decimal | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo: object = None  # an uploaded file
    company_signed: bool = False
    resident_signed: bool = False
    resident_refused_to_sign: bool = False
    refusal: str = ""
    cause: str = ""
    cause_note: str = ""


def record_measurement(
    *, by, household, data: MeasurementInput, case=None, client_id=None, at=None
) -> Measurement:
    """Store a measurement that follows the city's method, else raise MeasurementRefused with every reason.

    ``household`` comes from a scoped selector; ``case``, when given, is the household's 测温退费 request.
    Idempotent on ``client_id`` (a retried submit returns the stored record). Recomputes the household's
    refund for the season. ``at``: when it is recorded (default now; the demo season replays past ones)."""
    if client_id is not None:
        stored = Measurement.objects.filter(client_id=client_id).first()
        if stored is not None:
            return stored
    city_id = household.station.company.city_id
    method = city_rules.method_on(city_id=city_id, on=data.measured_at)
    reasons = check(data=data, method=method, household=household, case=case)
    if reasons:
        raise MeasurementRefused(reasons)
    standard = indoor_standard(city=city_id, on=data.measured_at)
    rooms = [_room_row(room) for room in data.rooms]
    lowest = min((r.mean_celsius for r in rooms), default=None)
    with transaction.atomic():
        row = Measurement(
            household=household, case=case, measured_at=data.measured_at, measurer=by,
            instrument_serial=data.instrument_serial.strip(), certificate_no=data.certificate_no.strip(),
            outdoor_celsius=data.outdoor_celsius, latitude=data.latitude, longitude=data.longitude,
            company_signed=data.company_signed, resident_signed=data.resident_signed,
            resident_refused_to_sign=data.resident_refused_to_sign, refusal=data.refusal, cause=data.cause,
            cause_note=data.cause_note.strip(), lowest_celsius=lowest, standard_celsius=standard,
            compliant=None if lowest is None else lowest >= standard, recorded_at=at or timezone.now(),
        )  # fmt: skip
        if client_id is not None:
            row.client_id = client_id
        if data.photo is not None:
            row.photo.save(f"photo.{image_kind(data.photo)}", data.photo, save=False)
        row.save()
        for room in rooms:
            room.measurement = row
        MeasurementRoom.objects.bulk_create(rooms)
        audit.record(
            actor=by, action="billing.measurement_recorded", obj=row, summary=_summary(row, household)
        )
        from .refunds import recompute_refund

        recompute_refund(household=household, on=data.measured_at, by=by)
        if case is not None and case.onsite_at is None:
            _mark_onsite(case=case, by=by, note=f"入户测温：{_summary(row, household)}", at=at)
    return row


def _mark_onsite(*, case, by, note: str, at=None) -> None:
    """The measurement is the request's visit: it stops the measurement clock when the case is at that step."""
    from wennuan.cases.services import record_onsite

    try:
        with transaction.atomic():
            record_onsite(case=case, by=by, note=note, at=at)
    except DomainError:
        pass  # not dispatched or accepted yet, or not this user's step: the record stands on its own


def check(*, data: MeasurementInput, method, household, case=None) -> list[str]:
    """Every rule of the method the record breaks (empty when it may be stored)."""
    reasons: list[str] = []
    now = timezone.now()
    local = timezone.localtime(data.measured_at)
    if data.measured_at > now + timedelta(minutes=5):
        reasons.append("测温时间不能晚于当前时间")
    if (
        method.forbidden_from
        and method.forbidden_to
        and method.forbidden_from <= local.time() < method.forbidden_to
    ):
        reasons.append(
            f"本市禁止在{method.forbidden_from:%H:%M}–{method.forbidden_to:%H:%M}测温（测温时间{local:%H:%M}）"
        )
    if case is not None and (case.household_id != household.pk or case.category != Category.REFUND):
        reasons.append("关联工单须是本户的测温退费申请")
    if data.refusal and data.refusal not in Refusal.values:
        reasons.append("企业拒绝的类型无效")
    if data.cause and data.cause not in Cause.values:
        reasons.append("原因判定无效")
    if data.cause == Cause.RESIDENT and not data.cause_note.strip():
        reasons.append("判定为用户原因时须写明原因（如私改暖气片、门窗未关）")
    if data.refusal == Refusal.MEASURE:
        if data.rooms:
            reasons.append("记录企业拒绝测温时不应有读数")
        return reasons
    if data.refusal != Refusal.CERTIFICATE:
        if not data.instrument_serial.strip():
            reasons.append("须记录测温仪器编号")
        if not data.certificate_no.strip():
            reasons.append("须记录仪器检定证书编号")
    if data.outdoor_celsius is None:
        reasons.append("须记录室外温度")
    elif not MIN_OUTDOOR <= data.outdoor_celsius <= MAX_OUTDOOR:
        reasons.append(f"室外温度须在{MIN_OUTDOOR}～{MAX_OUTDOOR}℃之间")
    if data.latitude is None or data.longitude is None:
        reasons.append("须记录GPS定位")
    elif not (
        LATITUDES[0] <= data.latitude <= LATITUDES[1] and LONGITUDES[0] <= data.longitude <= LONGITUDES[1]
    ):
        reasons.append("GPS定位不在合理范围内")
    if data.photo is None:
        reasons.append("须上传现场照片")
    elif image_kind(data.photo) is None:
        reasons.append("现场照片须是图片文件")
    if data.refusal != Refusal.SIGN and not data.company_signed:
        reasons.append("须有企业测温人员签字（企业拒签请选择「企业拒绝签字」）")
    if not (data.resident_signed or data.resident_refused_to_sign):
        reasons.append("须有住户签字，或记录住户拒签")
    if not data.rooms:
        reasons.append("至少测一个房间")
    if len(data.rooms) > MAX_ROOMS:
        reasons.append(f"一次最多{MAX_ROOMS}个房间")
    for room in data.rooms[:MAX_ROOMS]:
        reasons.extend(
            f"{room.name or '房间'}：{why}" for why in _room_reasons(room, data, method, household)
        )
    return reasons


def _room_reasons(room: RoomReading, data: MeasurementInput, method, household) -> list[str]:
    reasons = []
    if not room.name.strip():
        reasons.append("须填写房间名称")
    if abs(room.height_m - method.height_m) > method.height_tolerance_m:
        reasons.append(
            f"测点高度{num(room.height_m)}m不符合{num(method.height_m)}±{num(method.height_tolerance_m)}m"
        )
    if room.area_m2 is not None and not Decimal("0") < room.area_m2 <= household.area:
        reasons.append("房间面积须大于0且不超过住户供热面积")
    if room.stable_change > method.stable_max_change:
        reasons.append(
            f"读数未稳定（10分钟变化{num(room.stable_change)}℃，须≤{num(method.stable_max_change)}℃）"
        )
    if len(room.readings) != method.readings:
        reasons.append(f"须有{method.readings}次读数（实有{len(room.readings)}次）")
        return reasons
    times = [at for at, _ in room.readings]
    if any(not MIN_CELSIUS <= c <= MAX_CELSIUS for _, c in room.readings):
        reasons.append(f"读数须在{MIN_CELSIUS}～{MAX_CELSIUS}℃之间")
    gap = timedelta(seconds=method.reading_interval_seconds) - INTERVAL_SLACK
    if any(later - earlier < gap for earlier, later in zip(times, times[1:], strict=False)):
        reasons.append(f"读数须间隔{method.reading_interval_seconds}秒")
    if times and (times[0] < data.measured_at or times[-1] > data.measured_at + timedelta(hours=2)):
        reasons.append("读数时间须在本次测温时间之后两小时内")
    if times and room.doors_closed_since > times[0] - timedelta(minutes=method.doors_closed_minutes):
        reasons.append(f"门窗须关闭至少{method.doors_closed_minutes}分钟后再读数")
    return reasons


def _room_row(room: RoomReading) -> MeasurementRoom:
    values = [c for _, c in room.readings]
    mean = (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return MeasurementRoom(
        name=room.name.strip(), area_m2=room.area_m2, height_m=room.height_m,
        doors_closed_since=room.doors_closed_since, stable_change=room.stable_change, mean_celsius=mean,
        readings=[{"at": at.isoformat(), "celsius": str(c)} for at, c in room.readings],
    )  # fmt: skip


def _summary(row: Measurement, household) -> str:
    if row.refusal:
        return f"{household.account} {row.get_refusal_display()}"
    verdict = "达标" if row.compliant else "不达标"
    return f"{household.account} 测温{row.lowest_celsius}℃（标准{row.standard_celsius}℃）{verdict}"
