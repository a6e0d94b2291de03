"""Reads of the season's figures, all from the summary tables (never a scan of the season's cases).

The API other apps build on (reports, repairs): ``kpis``, ``rankings``, ``daily_figures``,
``season_range``; the dashboard's figures: ``tiles``, ``trend``, ``categories_over_time``, ``estates``;
``season_on_season``. Every read starts from the user's scope (``scopes.checked``)."""

from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db.models import Q, Sum

from wennuan.core.categories import Category
from wennuan.rules import selectors as rules

from . import counters, footprint, kpi_registry, scopes
from .kpi_registry import Unit
from .levels import ALL_CATEGORIES, Grain, Level, segments
from .models import ScoreRule, Tally
from .scopes import Scope

# Liaoning 12345's assessed columns (domain.md) as the default weights; a city sets its own (ScoreRule).
DEFAULT_WEIGHTS = {
    "completion_rate": 20,
    "satisfaction_rate": 25,
    "on_time_feedback_rate": 15,
    "effective_revisit_rate": 15,
    "on_time_rate": 15,
    "repeat_rate": 10,
}
SUMS = {c: Sum(c) for c in counters.ALL}


def period_q(start: date, end: date) -> Q:
    by_grain = {}
    for grain, period in segments(start, end):
        by_grain.setdefault(grain, []).append(period)
    return reduce(or_, (Q(grain=g, period__in=p) for g, p in by_grain.items()), Q(pk__in=[]))


def _rows(scope: Scope, *, category: str = ALL_CATEGORIES):
    rows = Tally.objects.filter(level=scope.level, category=category)
    return rows if scope.ref is None else rows.filter(ref=scope.ref)


def _clean(row: dict) -> dict:
    return {c: int(row.get(c) or 0) for c in counters.ALL}


def counts(scope: Scope, start: date, end: date, *, category: str = ALL_CATEGORIES) -> dict:
    """Every counter summed over ``scope`` and the days ``start``…``end`` (received in range; event-day
    counters by their own day). Not scoped to a user: callers check the scope first."""
    return _clean(_rows(scope, category=category).filter(period_q(start, end)).aggregate(**SUMS))


def counts_by_ref(level: Level, refs, start: date, end: date, *, only=None) -> dict[int, dict]:
    """{ref: counters summed over start…end}; ``only``: just those counters (the others read 0)."""
    rows = Tally.objects.filter(level=level, category=ALL_CATEGORIES).filter(period_q(start, end))
    if refs is not None:
        rows = rows.filter(ref__in=refs)
    sums = SUMS if only is None else {c: SUMS[c] for c in only}
    return {r["ref"]: _clean(r) for r in rows.values("ref").annotate(**sums).order_by()}


def _kpi_values(level: Level, refs, start, end, by_ref: dict[int, dict]) -> dict[int, list]:
    """{ref: [kpi dicts]} for the refs in ``by_ref``, providers asked once for all of them."""
    provided = {}
    for kpi in kpi_registry.all_kpis():
        if kpi.provider is not None:
            provided[kpi.key] = kpi.provider(level, refs, start, end, by_ref)
    out = {}
    for ref, c in by_ref.items():
        values = []
        for kpi in kpi_registry.all_kpis():
            if kpi.provider is not None:
                num, den = provided[kpi.key].get(ref, (0, 0))
            else:
                num, den = c.get(kpi.numerator, 0), c.get(kpi.denominator, 0)
            values.append(
                {"key": kpi.key, "label": kpi.label, "unit": kpi.unit, "better": kpi.better,
                 "value": kpi.value(num, den), "numerator": num, "denominator": den, "source": kpi.source}
            )  # fmt: skip
        out[ref] = values
    return out


def weights_for(city_id: int | None, on: date) -> tuple[dict, str]:
    """The city's score weights in force on ``on`` (newest effective_from wins), else the default."""
    if city_id is not None:
        rule = (
            ScoreRule.objects.filter(city_id=city_id, effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
            .order_by("-effective_from", "-id")
            .first()
        )
        if rule is not None:
            return dict(rule.weights), rule.basis or f"{rule.effective_from} 起"
    return dict(DEFAULT_WEIGHTS), "默认（辽宁12345考核项）"


def score(values: list[dict], weights: dict) -> float | None:
    """Σ weight × normalised rate ÷ Σ weight over the weighted KPIs that have a value (0…100)."""
    total = weight_sum = 0.0
    for v in values:
        w = weights.get(v["key"])
        if not w or v["value"] is None or v["unit"] != Unit.RATE:
            continue
        good = v["value"] if v["better"] == "higher" else 1 - v["value"]
        total += w * good
        weight_sum += w
    return round(total / weight_sum * 100, 1) if weight_sum else None


def kpis(user, *, scope: Scope | None = None, start: date, end: date) -> dict:
    """The full KPI set for one scope and range: {"scope", "start", "end", "counts", "kpis", "score",
    "weights"}. ``scope`` defaults to the user's own; NotInScope outside it."""
    scope = scopes.checked(user, scope)
    c = counts(scope, start, end)
    ref = scope.ref if scope.ref is not None else 0
    refs = None if scope.ref is None else [scope.ref]
    if scope.is_everything:
        values = _kpi_values(Level.CITY, None, start, end, {0: c})[0]
    else:
        values = _kpi_values(scope.level, refs, start, end, {ref: c})[ref]
    weights, basis = weights_for(scopes.city_of(scope), end)
    return {
        "scope": {"level": scope.level.value, "ref": scope.ref, "name": scopes.name_of(scope)},
        "start": start,
        "end": end,
        "counts": c,
        "kpis": values,
        "score": score(values, weights),
        "weights": {"weights": weights, "basis": basis},
    }


def rankings(
    user, *, level: Level | str, by: str = "score", start: date, end: date, within: Scope | None = None
):
    """Every scope of ``level`` inside ``within`` (default: the user's scope), with its KPIs and score,
    best first by ``by`` (a KPI key or "score"); scopes without a value last."""
    level = Level(level)
    within = scopes.checked(user, within)
    if by != "score" and by not in kpi_registry.known_keys():
        raise ValueError(f"未知指标 {by}")
    refs = scopes.refs_within(within, level)
    refs = None if refs is None else list(refs.values_list("pk", flat=True))
    by_ref = counts_by_ref(level, refs, start, end)
    values = _kpi_values(level, refs, start, end, by_ref)
    named = scopes.names(level, by_ref)
    weights, basis = weights_for(scopes.city_of(within), end)
    rows = []
    for ref, c in by_ref.items():
        row_values = values[ref]
        rows.append({"ref": ref, "name": named.get(ref, "未确权" if not ref else str(ref)), "counts": c,
                     "kpis": row_values, "score": score(row_values, weights)})  # fmt: skip
    better = "higher" if by == "score" else kpi_registry.get(by).better

    def sort_value(row):
        v = row["score"] if by == "score" else next(k["value"] for k in row["kpis"] if k["key"] == by)
        return (v is None, -(v or 0) if better == "higher" else (v or 0), row["name"])

    rows.sort(key=sort_value)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return {"level": level.value, "by": by, "start": start, "end": end, "rows": rows,
            "weights": {"weights": weights, "basis": basis}}  # fmt: skip


def daily_figures(city, day: date, *, levels=(Level.DISTRICT, Level.COMPANY)) -> dict:
    """One day of one city for the daily report (每日调度): the counters of ``day`` (received that day;
    办结/归档 that day), for the city and each district and company in it, and by category.
    Not scoped to a user: the caller (the report, a supervisor's job) decides who reads it."""
    city_id = getattr(city, "pk", city)
    scope = Scope(Level.CITY, city_id)
    out = {"day": day, "city": city_id, "total": counts(scope, day, day), "by": {}}
    for level in levels:
        refs = list(scopes.refs_within(scope, level).values_list("pk", flat=True))
        by_ref = counts_by_ref(level, refs, day, day)
        named = scopes.names(level, by_ref)
        out["by"][level.value] = sorted(
            ({"ref": r, "name": named.get(r, str(r)), **c} for r, c in by_ref.items()),
            key=lambda row: (-row["received"], row["name"]),
        )
    rows = Tally.objects.filter(level=Level.CITY, ref=city_id, grain=Grain.DAY, period=day).exclude(
        category=ALL_CATEGORIES
    )
    out["by_category"] = {r.category: r.received for r in rows if r.received}
    return out


def season_range(city, season="current", *, on: date | None = None):
    """(first day, last day, Season) of a city's season: "current" (heating now, else the next, else the
    last), "last" (the one before the current), a season's name ("2025-2026") or a Season. (None, None,
    None) when the city has none."""
    found = None
    if hasattr(season, "first_day"):
        found = season
    elif season == "current":
        found = rules.current_or_next_season(city=city, on=on)
    elif season == "last":
        current = rules.current_or_next_season(city=city, on=on)
        if current is not None:
            found = rules.seasons(city=city).filter(starts_on__lt=current.starts_on).first()
    else:
        found = rules.seasons(city=city).filter(name=season).first()
    if found is None:
        return None, None, None
    return found.first_day, found.last_day, found


def trend(scope: Scope, start: date, end: date) -> list[dict]:
    """Per day: received, resolved that day, closed that day (day rows of one scope)."""
    rows = _rows(scope).filter(grain=Grain.DAY, period__gte=start, period__lte=end)
    by_day = {r["period"]: r for r in rows.values("period").annotate(**SUMS).order_by()}
    out, day = [], start
    while day <= end:
        r = by_day.get(day, {})
        out.append({"day": day, "received": int(r.get("received") or 0),
                    "resolved": int(r.get("resolved_on_day") or 0), "closed": int(r.get("closed_on_day") or 0)})  # fmt: skip
        day += timedelta(days=1)
    return out


def categories_over_time(scope: Scope, start: date, end: date, *, grain: str | None = None) -> dict:
    """Received per category per period (days; weeks past 62 days): {"periods", "series": {category: [...]}}."""
    grain = grain or (Grain.DAY if (end - start).days <= 62 else Grain.WEEK)
    rows = Tally.objects.filter(level=scope.level, grain=grain).exclude(category=ALL_CATEGORIES)
    if scope.ref is not None:
        rows = rows.filter(ref=scope.ref)
    first = start if grain == Grain.DAY else start - timedelta(days=start.weekday())
    rows = rows.filter(period__gte=first, period__lte=end)
    data = {}
    for r in rows.values("period", "category").annotate(n=Sum("received")).order_by():
        if r["n"]:
            data.setdefault(r["category"], {})[r["period"]] = int(r["n"])
    periods, day = [], first
    step = timedelta(days=1 if grain == Grain.DAY else 7)
    while day <= end:
        periods.append(day)
        day += step
    labels = dict(Category.choices)
    series = {
        cat: {"label": labels.get(cat, cat), "values": [by.get(p, 0) for p in periods]}
        for cat, by in sorted(data.items(), key=lambda kv: -sum(kv[1].values()))
    }
    return {"grain": grain, "periods": periods, "series": series}


def tiles(scope: Scope, today: date) -> dict:
    """Today's intake and closures, and open / overdue / escalated now (all received days summed)."""
    now = _clean(_rows(scope).filter(grain=Grain.MONTH).aggregate(**SUMS))
    day = counts(scope, today, today)
    return {
        "received_today": day["received"],
        "resolved_today": day["resolved_on_day"],
        "closed_today": day["closed_on_day"],
        "open": now["open_now"],
        "overdue": now["overdue_open_now"],
        "escalated": now["escalated_open_now"],
    }


def estates(scope: Scope, start: date, end: date, *, limit: int = 500) -> list[dict]:
    """Estates of the scope by complaints per 100 households (received in range), with coordinates."""
    from wennuan.registry.models import Estate

    refs = scopes.refs_within(scope, Level.ESTATE)
    refs = None if refs is None else list(refs.values_list("pk", flat=True))
    by_ref = counts_by_ref(Level.ESTATE, refs, start, end, only=["received"])  # thousands of estates
    feet = footprint.of(Level.ESTATE, list(by_ref))
    info = {
        e["pk"]: e
        for e in Estate.objects.filter(pk__in=list(by_ref)).values("pk", "name", "latitude", "longitude")
    }
    rows = []
    for ref, c in by_ref.items():
        households = feet[ref].households if ref in feet else 0
        e = info.get(ref, {})
        rows.append({
            "ref": ref, "name": e.get("name", str(ref)), "received": c["received"], "households": households,
            "per_100": round(c["received"] * 100 / households, 2) if households else None,
            "latitude": e.get("latitude"), "longitude": e.get("longitude"),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["per_100"] is None, -(r["per_100"] or 0)))
    return rows[:limit]


def season_on_season(user, *, scope: Scope | None = None, city=None, on: date | None = None) -> dict:
    """The same KPIs this season (to ``on``) and last season over the same number of days, per scope:
    「投诉率、故障率双下降」. {"now": kpis, "before": kpis, "changes": [{key, label, now, before, delta,
    better}]}; empty when the city has no earlier season."""
    scope = scopes.checked(user, scope)
    city_id = getattr(city, "pk", city) or scopes.city_of(scope) or scopes.only_city()
    on = on or date.today()
    start, last, season = season_range(city_id, "current", on=on)
    prev_start, prev_last, prev = season_range(city_id, "last", on=on)
    if season is None or prev is None:
        return {"now": None, "before": None, "changes": [], "seasons": []}
    end = min(on, last)
    days = (end - start).days
    prev_end = min(prev_start + timedelta(days=days), prev_last)
    now_k = kpis(user, scope=scope, start=start, end=end)
    before_k = kpis(user, scope=scope, start=prev_start, end=prev_end)
    changes = []
    for a, b in zip(now_k["kpis"], before_k["kpis"], strict=True):
        delta = None if a["value"] is None or b["value"] is None else round(a["value"] - b["value"], 4)
        improved = None if delta is None or delta == 0 else (delta > 0) == (a["better"] == "higher")
        changes.append({**a, "now": a["value"], "before": b["value"], "delta": delta, "improved": improved})
    return {"now": now_k, "before": before_k, "changes": changes,
            "seasons": [{"name": season.name, "start": start, "end": end},
                        {"name": prev.name, "start": prev_start, "end": prev_end}]}  # fmt: skip
