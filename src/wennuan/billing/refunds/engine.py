"""The refund engine (测温退费): a household's signed measurements in a season → days, bands, yuan, and why.

Pure Python: the CLI feeds it JSON lines, the ledger feeds it database rows; both get the same answer.
The rules are domain.md's "Refunds": refund = daily fee × non-compliant days × band share, where the daily
fee is the season fee (minus a city's base-fee share) ÷ the legal season days. A period runs from the first
failing signed measurement (or the complaint, when the company measured late) to the first passing
re-measurement (or the season's end), in whole 24-hour units; a failing re-measurement in another band
starts that band. Company-caused stoppages longer than 24 h refund their days in full, and those hours are
not counted twice. A period with a resident-side cause is void.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from ..enums import AreaRule, Cause, DayCounting, Refusal
from .rules import CityRule, num, pct

DAY = timedelta(hours=24)
CENT = Decimal("0.01")
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")

# Range checks at the edge (a typo, not a household): domain.md's sensor bounds for °C.
MIN_CELSIUS, MAX_CELSIUS = Decimal("-30"), Decimal("45")
MAX_AREA_M2 = Decimal("100000")
MAX_PRICE_PER_M2 = Decimal("1000")
MAX_DEADLINE_HOURS = Decimal("720")
MAX_READINGS = 1000


class InputError(ValueError):
    """The input cannot be computed; ``field`` names what is wrong and ``str()`` says why (Chinese)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}：{reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Reading:
    """One room's signed result at one visit (the mean of its three readings), or a recorded refusal."""

    at: datetime
    celsius: Decimal | None = None
    signed: bool = True
    cause: Cause | None = None
    cause_note: str = ""
    refusal: Refusal | None = None
    room: str = ""
    room_area_m2: Decimal | None = None


@dataclass(frozen=True)
class Interval:
    """A company-caused stoppage (停热) affecting the household."""

    start: datetime
    end: datetime
    note: str = ""


@dataclass(frozen=True)
class RefundInput:
    rule: CityRule
    season_start: date
    season_end: date  # the legal season's last day (inclusive)
    area_m2: Decimal
    price_per_m2: Decimal
    readings: tuple[Reading, ...] = ()
    outages: tuple[Interval, ...] = ()
    complaint_at: datetime | None = None
    measurement_deadline_hours: Decimal | None = None
    standard: Decimal | None = None  # the city's indoor standard from its rules; the preset's when None
    tz: tzinfo = DEFAULT_TZ

    @property
    def season_days(self) -> int:
        return (self.season_end - self.season_start).days + 1

    @property
    def opens(self) -> datetime:
        return datetime.combine(self.season_start, time.min, self.tz)

    @property
    def closes(self) -> datetime:
        return datetime.combine(self.season_end + timedelta(days=1), time.min, self.tz)

    def validate(self) -> None:
        """Raise InputError on the first value out of range (every number and date is checked here)."""
        if self.season_end <= self.season_start:
            raise InputError("season", "结束日期须晚于开始日期")
        if self.season_days > 366:
            raise InputError("season", "一个供暖季不能超过一年")
        if not Decimal("0") < self.area_m2 <= MAX_AREA_M2:
            raise InputError("area_m2", f"面积须大于0且不超过{MAX_AREA_M2}㎡")
        if not Decimal("0") <= self.price_per_m2 <= MAX_PRICE_PER_M2:
            raise InputError("price_per_m2", f"单价须在0～{MAX_PRICE_PER_M2}元/㎡之间")
        if self.standard is not None and not Decimal("5") <= self.standard <= Decimal("30"):
            raise InputError("standard", "室温标准须在5～30℃之间")
        if self.measurement_deadline_hours is not None and not (
            Decimal("0") <= self.measurement_deadline_hours <= MAX_DEADLINE_HOURS
        ):
            raise InputError("measurement_deadline_hours", f"测温时限须在0～{MAX_DEADLINE_HOURS}小时之间")
        if self.measurement_deadline_hours is not None and self.complaint_at is None:
            raise InputError("complaint_at", "给出测温时限时须给出诉求时间")
        if len(self.readings) > MAX_READINGS:
            raise InputError("readings", f"测温记录不能超过{MAX_READINGS}条")
        for i, reading in enumerate(self.readings, 1):
            _aware(reading.at, f"readings[{i}].at")
            if reading.celsius is None and reading.refusal is None:
                raise InputError(f"readings[{i}].celsius", "缺少温度（或企业拒绝的记录）")
            if reading.celsius is not None and not MIN_CELSIUS <= reading.celsius <= MAX_CELSIUS:
                raise InputError(f"readings[{i}].celsius", f"温度须在{MIN_CELSIUS}～{MAX_CELSIUS}℃之间")
            if reading.room_area_m2 is not None and not Decimal("0") < reading.room_area_m2 <= self.area_m2:
                raise InputError(f"readings[{i}].room_area_m2", "房间面积须大于0且不超过住户面积")
        for i, outage in enumerate(self.outages, 1):
            _aware(outage.start, f"outages[{i}].start")
            _aware(outage.end, f"outages[{i}].end")
            if outage.end <= outage.start:
                raise InputError(f"outages[{i}]", "恢复时间须晚于停热时间")
        if self.complaint_at is not None:
            _aware(self.complaint_at, "complaint_at")


@dataclass(frozen=True)
class Segment:
    """One explained piece of a refund: a band over some days, a stoppage, or a voided/waived period."""

    kind: str  # "measured", "outage", "voided", "waived", "note"
    start: datetime | None
    end: datetime | None
    days: int
    share: Decimal
    area_m2: Decimal
    amount: Decimal
    text: str


@dataclass(frozen=True)
class RefundResult:
    refund_yuan: Decimal
    days: int  # days refunded (at any share)
    segments: tuple[Segment, ...]
    standard: Decimal

    @property
    def explanation(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class _Session:
    """All signed readings taken at one moment (one visit): the household passes or fails as its worst room."""

    at: datetime
    failing: bool
    share: Decimal
    area: Decimal
    said: str  # 「测温15.0℃」 or 「企业拒绝签字」
    band: str  # 「14≤T<16档」
    resident_note: str | None = None


@dataclass
class _Period:
    start: datetime
    pieces: list[_Session]
    end: datetime | None = None
    closing: _Session | None = None
    late_note: str = ""
    resident_note: str | None = None


def compute(data: RefundInput) -> RefundResult:
    """The refund of one household in one season, with each step explained in Chinese."""
    data.validate()
    rule = data.rule
    standard = data.standard if data.standard is not None else rule.standard
    notes: list[Segment] = []
    sessions = _sessions(data, rule, standard, notes)
    periods = _periods(sessions, data)
    _backdate_late_measurement(periods, sessions, data)
    outages = _counted_outages(data, notes)

    daily = data.price_per_m2 * (1 - rule.base_fee_share) / data.season_days
    segments: list[Segment] = []
    for index, period in enumerate(periods):
        recurs = any(not later.resident_note for later in periods[index + 1 :])
        segments.extend(_period_segments(period, data, rule, standard, outages, recurs))
    for start, end in outages:
        days = _units(end - start, DayCounting.WHOLE_24H)
        amount = _money(data.area_m2 * daily * days * rule.outage_share)
        hours = num(Decimal((end - start) / timedelta(hours=1)).quantize(Decimal("0.1")))
        segments.append(
            Segment(
                "outage", start, end, days, rule.outage_share, data.area_m2, amount,
                f"企业原因停热{_moment(start, data.tz)}至{_moment(end, data.tz)}（连续{hours}小时，超过"
                f"{num(rule.outage_min_hours)}小时），计{days}天，按{pct(rule.outage_share)}退费："
                f"{_formula(data, rule, data.area_m2, days, rule.outage_share)}={amount}元。",
            )
        )  # fmt: skip
    total = sum((s.amount for s in segments), Decimal("0.00"))
    days = sum(s.days for s in segments if s.kind in ("measured", "outage"))
    if total > 0:
        closing = f"合计退费{total}元。"
    elif not sessions:
        closing = "无经双方签字的测温记录，不予退费。"
    else:
        closing = f"不予退费（室温标准{num(standard)}℃）。"
    if not any(s.kind in ("measured", "voided", "waived") for s in segments) and sessions:
        closing = f"测温均达标（≥{num(standard)}℃），" + closing
    tail = Segment("note", None, None, 0, Decimal("0"), Decimal("0"), Decimal("0.00"), closing)
    return RefundResult(total, days, (*segments, *notes, tail), standard)


def _sessions(data: RefundInput, rule: CityRule, standard: Decimal, notes: list[Segment]) -> list[_Session]:
    by_moment: dict[datetime, list[Reading]] = {}
    for reading in sorted(data.readings, key=lambda r: r.at):
        when = _day(reading.at, data.tz)
        if not data.opens <= reading.at < data.closes:
            notes.append(_note(f"{when}的测温不在供暖季内，不计。"))
        elif reading.refusal is None and not reading.signed:
            notes.append(_note(f"{when}测温{_c(reading.celsius)}未经双方签字，不计。"))
        else:
            by_moment.setdefault(reading.at, []).append(reading)
    sessions = []
    for at, readings in by_moment.items():
        refusals = [r.refusal for r in readings if r.refusal is not None]
        if refusals and rule.refusal_deems_noncompliant:
            said = "、".join(Refusal(r).label for r in dict.fromkeys(refusals))
            sessions.append(_Session(at, True, Decimal("1"), data.area_m2, said, "按规定视为不达标"))
            continue
        if refusals:
            said = "、".join(Refusal(r).label for r in dict.fromkeys(refusals))
            notes.append(_note(f"{_day(at, data.tz)}{said}（本市规则不据此视为不达标）。"))
        measured = [r for r in readings if r.refusal is None and r.celsius is not None and r.signed]
        if not measured:
            continue
        worst = min(measured, key=lambda r: r.celsius)
        failing = [r for r in measured if r.celsius < standard]
        rooms = "、".join(f"{r.room}{_c(r.celsius)}" for r in measured) if len(measured) > 1 else ""
        said = f"测温{_c(worst.celsius)}" + (f"（{rooms}，取最低）" if rooms else "")
        if not failing:
            sessions.append(_Session(at, False, Decimal("0"), Decimal("0"), said, ""))
            continue
        band = rule.band_for(worst.celsius, standard)
        share = band.share if band else Decimal("0")
        band_text = f"{band.label(rule.symbol)}档" if band else "不在任何退费档内"
        resident = next(
            (r.cause_note or Cause.RESIDENT.label for r in failing if r.cause == Cause.RESIDENT), None
        )
        sessions.append(
            _Session(at, True, share, _area(data, rule, failing), said, band_text, resident_note=resident)
        )
    return sessions


def _area(data: RefundInput, rule: CityRule, failing: list[Reading]) -> Decimal:
    """The area the daily fee applies to: the household's, or (Beijing) its failing rooms' when recorded."""
    if rule.area_rule != AreaRule.FAILING_ROOMS or any(r.room_area_m2 is None for r in failing):
        return data.area_m2
    return min(sum((r.room_area_m2 for r in failing), Decimal("0")), data.area_m2)


def _periods(sessions: list[_Session], data: RefundInput) -> list[_Period]:
    periods: list[_Period] = []
    current: _Period | None = None
    for session in sessions:
        if session.failing:
            if current is None:
                current = _Period(start=session.at, pieces=[session])
            elif (session.share, session.area) != (current.pieces[-1].share, current.pieces[-1].area):
                current.pieces.append(session)
            if session.resident_note and current.resident_note is None:
                current.resident_note = session.resident_note
        elif current is not None:
            current.end, current.closing = session.at, session
            periods.append(current)
            current = None
    if current is not None:
        current.end = data.closes
        periods.append(current)
    return periods


def _backdate_late_measurement(periods: list[_Period], sessions: list[_Session], data: RefundInput) -> None:
    """When the company measured after its deadline and found the room failing, days run from the complaint."""
    if data.complaint_at is None or data.measurement_deadline_hours is None:
        return
    first = next((s for s in sessions if s.at >= data.complaint_at), None)
    deadline = data.complaint_at + timedelta(hours=float(data.measurement_deadline_hours))
    if first is None or not first.failing or first.at <= deadline:
        return
    period = next((p for p in periods if p.pieces[0] is first), None)
    if period is None:
        return  # the room was already failing before the request: its period runs from that measurement
    period.start = max(data.complaint_at, data.opens)
    period.late_note = f"{_day(data.complaint_at, data.tz)}申请测温，企业未在时限（{_moment(deadline, data.tz)}）前测温，自申请时起算；"


def _counted_outages(data: RefundInput, notes: list[Segment]) -> list[tuple[datetime, datetime]]:
    """Company-caused stoppages, merged where they touch, clipped to the season; those over the limit."""
    clipped = sorted(
        (max(o.start, data.opens), min(o.end, data.closes))
        for o in data.outages
        if o.end > data.opens and o.start < data.closes
    )
    merged: list[tuple[datetime, datetime]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    limit = timedelta(hours=float(data.rule.outage_min_hours))
    counted = []
    for start, end in merged:
        if end - start > limit:
            counted.append((start, end))
        else:
            hours = num(Decimal((end - start) / timedelta(hours=1)).quantize(Decimal("0.1")))
            notes.append(
                _note(
                    f"停热{_moment(start, data.tz)}起{hours}小时，未超过{num(data.rule.outage_min_hours)}小时，不另计。"
                )
            )
    return counted


def _period_segments(
    period: _Period,
    data: RefundInput,
    rule: CityRule,
    standard: Decimal,
    outages: list[tuple[datetime, datetime]],
    recurs: bool,
) -> Iterable[Segment]:
    first = period.pieces[0]
    ends = f"至{_day(period.end, data.tz)}复测{period.closing.said.removeprefix('测温')}" if period.closing else (
        f"至供暖季结束（{_day(data.season_end, data.tz)}）未复测达标"
    )  # fmt: skip
    opening = f"{period.late_note}{_day(first.at, data.tz)}{first.said}（标准{num(standard)}℃）"
    if period.resident_note:
        yield Segment(
            "voided", period.start, period.end, 0, Decimal("0"), first.area, Decimal("0.00"),
            f"{opening}，{ends}，经查属用户原因（{period.resident_note}），本段不予退费。",
        )  # fmt: skip
        return
    raw = period.end - period.start
    waiver = timedelta(hours=float(rule.waiver_hours))
    if rule.waiver_hours and raw < waiver and not recurs:
        yield Segment(
            "waived", period.start, period.end, 0, Decimal("0"), first.area, Decimal("0.00"),
            f"{opening}，{ends}，{num(rule.waiver_hours)}小时内修复且未再出现，免于退费。",
        )  # fmt: skip
        return
    bounds = [period.start, *(p.at for p in period.pieces[1:]), period.end]
    cumulative = [_units(_outside(period.start, b, outages), rule.day_counting) for b in bounds]
    if rule.waiver_hours and raw < waiver and cumulative[-1] == 0:
        cumulative[-1] = 1  # waived only if it does not recur; it did, so it counts as a day
    for i, piece in enumerate(period.pieces):
        days = cumulative[i + 1] - cumulative[i]
        amount = _money(piece.area * data.price_per_m2 * (1 - rule.base_fee_share) * days * piece.share
                        / data.season_days)  # fmt: skip
        said = (
            opening if i == 0 else f"{_day(piece.at, data.tz)}复测{piece.said.removeprefix('测温')}，仍不达标"
        )
        if i + 1 < len(period.pieces):
            nxt = period.pieces[i + 1]
            until = f"至{_day(nxt.at, data.tz)}复测{nxt.said.removeprefix('测温')}"
        else:
            until = ends
        overlap = "（扣除已按停热计的时段）" if _overlaps(bounds[i], bounds[i + 1], outages) else ""
        yield Segment(
            "measured", bounds[i], bounds[i + 1], days, piece.share, piece.area, amount,
            f"{said}，{until}，计{days}天{overlap}，{piece.band}，按{pct(piece.share)}退费："
            f"{_formula(data, rule, piece.area, days, piece.share)}={amount}元。",
        )  # fmt: skip


def _outside(start: datetime, end: datetime, outages: list[tuple[datetime, datetime]]) -> timedelta:
    """The time in [start, end) not covered by a counted stoppage (those days are refunded in full)."""
    covered = sum(
        (
            min(end, o_end) - max(start, o_start)
            for o_start, o_end in outages
            if o_end > start and o_start < end
        ),
        timedelta(0),
    )
    return end - start - covered


def _overlaps(start, end, outages) -> bool:
    return any(o_end > start and o_start < end for o_start, o_end in outages)


def _units(span: timedelta, counting: DayCounting) -> int:
    whole, rest = divmod(span, DAY)
    return int(whole) + (1 if counting == DayCounting.STARTED_DAY and rest > timedelta(0) else 0)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _formula(data: RefundInput, rule: CityRule, area: Decimal, days: int, share: Decimal) -> str:
    base = f"×(1−{pct(rule.base_fee_share)}基本热费)" if rule.base_fee_share else ""
    return f"{num(area)}㎡×{num(data.price_per_m2)}元/㎡{base}÷{data.season_days}天×{days}天×{pct(share)}"


def _note(text: str) -> Segment:
    return Segment("note", None, None, 0, Decimal("0"), Decimal("0"), Decimal("0.00"), text)


def _c(celsius: Decimal | None) -> str:
    return f"{celsius.quantize(Decimal('0.1'))}℃" if celsius is not None else "—"


def _day(value: date | datetime, tz: tzinfo) -> str:
    if isinstance(value, datetime):
        value = value.astimezone(tz).date()
    return f"{value.month}月{value.day}日"


def _moment(value: datetime, tz: tzinfo) -> str:
    local = value.astimezone(tz)
    return f"{local.month}月{local.day}日{local.hour}:{local.minute:02d}"


def _aware(value: datetime, field: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, "时间须带时区（如 2025-12-10T09:30+08:00）")
