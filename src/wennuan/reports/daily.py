"""每日调度: the figures of one day in one city against the day before, and the report built from them.

Every figure is a KPI selector's (``cases.kpis.kpi_table``: by district, by company, by estate, and the
city's total), never a formula of its own; the lists (overdue, escalated, repeats, fake-closure
suspects) are the cases those counts are made of. ``build_daily_report(city, day)`` is what the CLI, the
page's background task and bench/dashboard.py call."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, Window
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.cases.enums import OPEN_STATES, FakeClosureReason, Limit
from wennuan.cases.kpis import RATES, in_city, kpi_table
from wennuan.cases.models import Case, CaseEvent
from wennuan.cases.selectors import day_range
from wennuan.core.roles import Role
from wennuan.registry.models import City

LIST_LIMIT = 50  # cases listed per section (the count says how many there are)
TOP_ESTATES = 10
TREND_DAYS = 7
# The rates the report shows (of cases.kpis.RATES), in the order a dispatch meeting reads them.
REPORT_RATES = ["on_time_rate", "completion_rate", "satisfaction_rate", "repeat_rate", "overdue_rate"]


def city_reader() -> User:
    """Who a city's report reads as: a city-wide role with names masked (never saved)."""
    return User(username="report", role=Role.SUPERVISOR, is_active=True)


@dataclass
class CaseLine:
    id: int
    number: str  # the case's public number (2026-000123), what the meeting reads out
    received_at: datetime
    category: str
    company: str
    address: str
    state: str
    note: str = ""


@dataclass
class Section:
    title: str
    count: int
    lines: list[CaseLine]


@dataclass
class DailyFigures:
    city: City
    day: date
    total: dict
    before: dict  # the day before's total
    districts: list[dict]  # rows of kpi_table(group="district"), each with "before": the day before's row
    companies: list[dict]
    estates: list[dict]  # the day's estates by complaints, most first
    sections: list[Section]
    trend: list[tuple[date, dict]] = field(default_factory=list)  # (day, total) for the last TREND_DAYS
    generated_at: datetime | None = None

    @property
    def rates(self):
        by_key = {k.key: k for k in RATES}
        return [by_key[k] for k in REPORT_RATES]


def resolve_city(city) -> City:
    """A City from an instance, id or name; with none given, the only city (ValueError otherwise)."""
    if isinstance(city, City):
        return city
    if city is None:
        cities = list(City.objects.all()[:2])
        if len(cities) != 1:
            raise ValueError("有多个城市，请指定 --city")
        return cities[0]
    found = City.objects.filter(Q(name=str(city)) | Q(pk=int(city) if str(city).isdigit() else None)).first()
    if found is None:
        raise ValueError(f"没有城市：{city}")
    return found


def _with_before(rows: list[dict], before: list[dict]) -> list[dict]:
    earlier = {r["group_id"]: r for r in before}
    out = []
    for row in rows:
        row = dict(row)
        row["before"] = earlier.get(row["group_id"], {})
        out.append(row)
    seen = {r["group_id"] for r in rows}
    for gid, row in earlier.items():  # a district with cases only the day before still shows (0 today)
        if gid not in seen:
            out.append({"group_id": gid, "group_name": row["group_name"], "received": 0, "before": row})
    return sorted(out, key=lambda r: (-(r.get("received") or 0), str(r.get("group_name") or "")))


def _line(case: Case, note: str = "") -> CaseLine:
    return CaseLine(
        id=case.pk,
        number=case.number,
        received_at=timezone.localtime(case.received_at),
        category=case.get_category_display(),
        company=case.company.name if case.company_id else "未确权",
        address=case.address or (str(case.building) if case.building_id else ""),
        state=case.get_state_display(),
        note=note,
    )


def _section(title: str, rows, note=lambda c: "") -> Section:
    # The count rides on the listed rows (a window over the whole list): one pass over a big city's
    # 150,000 overdue cases instead of two.
    rows = rows.select_related("company", "building__estate").annotate(listed=Window(Count("id")))
    first = list(rows[:LIST_LIMIT])
    return Section(title, first[0].listed if first else 0, [_line(c, note(c)) for c in first])


def daily_figures(city, day: date, *, user=None, now=None) -> DailyFigures:
    """The figures of ``day`` (local) in ``city`` (an instance, id or name), read as ``user`` (default: a
    city-wide reader); ``now`` is when the state lists are taken (default: the end of ``day``, or now)."""
    city = resolve_city(city)
    user = user or city_reader()
    start, end = day_range(day, day)
    before_start = start - timedelta(days=1)
    now = now or min(timezone.now(), end)
    args = {"user": user, "city": city.pk, "now": now}

    trend = [
        (
            day - timedelta(days=n),
            kpi_table(start=start - timedelta(days=n), end=end - timedelta(days=n), **args)["total"],
        )
        for n in range(TREND_DAYS - 1, -1, -1)
    ]
    (_, before), (_, total) = trend[-2:]  # the day and the day before are the trend's last two
    districts = _with_before(
        kpi_table(start=start, end=end, group="district", **args)["rows"],
        kpi_table(start=before_start, end=start, group="district", **args)["rows"],
    )
    companies = _with_before(
        kpi_table(start=start, end=end, group="company", **args)["rows"],
        kpi_table(start=before_start, end=start, group="company", **args)["rows"],
    )
    estates = sorted(
        (r for r in kpi_table(start=start, end=end, group="estate", **args)["rows"] if r["group_id"]),
        key=lambda r: (-r["received"], -r["repeats"], str(r["group_name"])),
    )[:TOP_ESTATES]

    cases = Case.objects.visible_to(user).filter(in_city(city.pk))
    received = cases.filter(received_at__gte=start, received_at__lt=end)
    flagged = CaseEvent.objects.filter(action="flag_fake_closure", at__gte=start, at__lt=end).values(
        "case_id"
    )
    sections = [
        _section(
            "超时未办结工单（截至日终）",
            cases.filter(state__in=OPEN_STATES, overdue_since__isnull=False, overdue_since__lt=end).order_by(
                "overdue_since", "id"
            ),
            lambda c: "超时环节：" + "、".join(_labels(Limit, c.overdue_limits)) if c.overdue_limits else "",
        ),
        _section(
            "升级督办中的工单",
            cases.filter(state__in=OPEN_STATES, escalation_level__gte=1).order_by(
                "-escalation_level", "received_at"
            ),
            lambda c: c.get_escalation_level_display(),
        ),
        _section(
            "当日重复投诉",
            received.filter(repeat_of__isnull=False).order_by("received_at"),
            lambda c: f"重复于工单{c.repeat_of_id}",
        ),
        _section(
            "当日新增疑似假办结",
            cases.filter(pk__in=flagged).order_by("id"),
            lambda c: "；".join(_labels(FakeClosureReason, c.fake_closure_reasons)),
        ),
    ]
    return DailyFigures(
        city=city,
        day=day,
        total=total,
        before=before,
        districts=districts,
        companies=companies,
        estates=estates,
        sections=sections,
        trend=trend,
        generated_at=timezone.now(),
    )


def _labels(enum, codes) -> list[str]:
    labels = dict(enum.choices)
    return [labels.get(c, c) for c in codes or []]


def build_daily_report(city, day: date, *, user=None) -> tuple[bytes, bytes]:
    """(xlsx, pdf) of ``day`` in ``city``: what ``wennuan report daily`` writes and the page's button makes."""
    from .render_pdf import daily_pdf
    from .render_xlsx import daily_xlsx

    figures = daily_figures(city, day, user=user)
    return daily_xlsx(figures), daily_pdf(figures)
