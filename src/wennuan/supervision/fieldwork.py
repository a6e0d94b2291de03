"""Tallies of what is found in the field: room-temperature readings (测温达标率) and households first
visited in the season (走访覆盖率), per scope and day (weeks and months summed from the days).

Readings are appended, never edited, so a day is simply recounted when a reading of it arrived: the fold
finds new rows past each source's watermark (with an overlap, as ids may commit out of order) and recounts
their days. Visit coverage counts a household on the day of its first visit (入户) of the season; a visit
synced late with an earlier time moves that household's day, so the days of its later visits are recounted
too. ``rebuild`` recounts everything."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import timezone

from wennuan.billing.models import Measurement
from wennuan.cases.models import Revisit
from wennuan.rules import selectors as rules
from wennuan.visits.enums import Outcome
from wennuan.visits.models import TemperatureReading, Visit

from .footprint import HOUSEHOLD_PATHS
from .levels import Grain, month_of, week_of
from .models import FoldState, ReadingSource, ReadingTally

OVERLAP = 500

# From each source's row to its household (the scope paths hang off it), its moment, and "at standard".
SOURCES = {
    ReadingSource.VISIT: (
        TemperatureReading,
        "visit__household",
        "measured_at",
        Q(below_standard=False),
        Q(),
    ),
    ReadingSource.REVISIT: (
        Revisit,
        "case__household",
        "at",
        Q(below_standard=False),
        Q(temperature__isnull=False),
    ),
    ReadingSource.DISPUTE: (
        Measurement,
        "household",
        "measured_at",
        Q(compliant=True),
        Q(compliant__isnull=False),
    ),
}


def _bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, start + timedelta(days=1)


def _write_day(source: str, day: date, rows_by_level: dict) -> None:
    ReadingTally.objects.filter(source=source, grain=Grain.DAY, period=day).delete()
    ReadingTally.objects.bulk_create(
        ReadingTally(
            level=level, ref=ref, grain=Grain.DAY, period=day, source=source, readings=n, at_standard=ok
        )
        for level, rows in rows_by_level.items()
        for ref, n, ok in rows
        if ref is not None and n
    )


def _recount_readings(source: str, day: date) -> None:
    model, household, moment, ok_q, only_q = SOURCES[source]
    start, end = _bounds(day)
    rows = model.objects.filter(only_q, **{f"{moment}__gte": start, f"{moment}__lt": end})
    by_level = {}
    for level, path in HOUSEHOLD_PATHS.items():
        agg = rows.values(ref=F(f"{household}__{path}")).annotate(n=Count("id"), ok=Count("id", filter=ok_q))
        by_level[level] = [(r["ref"], r["n"], r["ok"]) for r in agg.order_by()]
    _write_day(source, day, by_level)


def season_start(day: date) -> date:
    from wennuan.registry.models import City

    firsts = []
    for city_id in City.objects.values_list("id", flat=True):
        season = rules.season_on(city=city_id, on=day) or rules.current_or_next_season(city=city_id, on=day)
        if season is not None and season.first_day <= day:
            firsts.append(season.first_day)
    return min(firsts) if firsts else day.replace(month=1, day=1)


def _recount_first_visits(day: date) -> None:
    start, end = _bounds(day)
    from_, _ = _bounds(season_start(day))
    entered = Visit.objects.filter(outcome=Outcome.VISITED)
    earlier = entered.filter(household=OuterRef("household"), visited_at__gte=from_, visited_at__lt=start)
    firsts = entered.filter(visited_at__gte=start, visited_at__lt=end).exclude(Exists(earlier))
    # The day's first-visited households with every level's ref, once, counted here: a query per level
    # repeated the anti-join eight times (2.5 s a day at a million households).
    levels = list(HOUSEHOLD_PATHS)
    counts = {level: Counter() for level in levels}
    paths = [f"household__{HOUSEHOLD_PATHS[level]}" for level in levels]
    for _household, *refs in firsts.values_list("household_id", *paths).distinct().order_by():
        for level, ref in zip(levels, refs, strict=True):
            counts[level][ref] += 1
    _write_day(
        ReadingSource.FIRST_VISIT,
        day,
        {lv: [(ref, n, 0) for ref, n in c.items()] for lv, c in counts.items()},
    )


def _roll_up(source: str, days: set[date]) -> None:
    """Week and month rows of ``source`` summed again from its day rows, for the periods of ``days``."""
    for grain, first_of, span in ((Grain.WEEK, week_of, lambda d: d + timedelta(days=7)),
                                  (Grain.MONTH, month_of, lambda d: (d.replace(day=28) + timedelta(days=4)).replace(day=1))):  # fmt: skip
        for period in {first_of(d) for d in days}:
            ReadingTally.objects.filter(source=source, grain=grain, period=period).delete()
            sums = (
                ReadingTally.objects.filter(
                    source=source, grain=Grain.DAY, period__gte=period, period__lt=span(period)
                )
                .values("level", "ref")
                .annotate(n=Sum("readings"), ok=Sum("at_standard"))
                .order_by()
            )
            ReadingTally.objects.bulk_create(
                ReadingTally(
                    level=r["level"],
                    ref=r["ref"],
                    grain=grain,
                    period=period,
                    source=source,
                    readings=r["n"],
                    at_standard=r["ok"],
                )  # fmt: skip
                for r in sums
            )


def _local_day(moment) -> date:
    return timezone.localtime(moment).date()


def fold() -> dict:
    """Recount the days that got new rows since the last run."""
    done = {}
    with transaction.atomic():
        state, _ = FoldState.objects.select_for_update().get_or_create(pk=1)
        marks = dict(state.reading_marks or {})
        for source, (model, _household, moment, _ok, only_q) in SOURCES.items():
            mark = marks.get(source, 0)
            fresh = model.objects.filter(only_q, id__gt=max(mark - OVERLAP, 0))
            rows = list(fresh.values_list("id", moment))
            days = {_local_day(at) for _, at in rows}
            for day in days:
                _recount_readings(source, day)
            _roll_up(source, days)
            marks[source] = max([mark, *(pk for pk, _ in rows)])
            done[source] = len(days)
        mark = marks.get(ReadingSource.FIRST_VISIT, 0)
        fresh = list(
            Visit.objects.filter(outcome=Outcome.VISITED, id__gt=max(mark - OVERLAP, 0)).values_list(
                "id", "household_id", "visited_at"
            )
        )
        days = {_local_day(at) for _, _, at in fresh}
        if fresh:
            # A household's first day may move: recount the days of its other visits after the new one.
            earliest = min(at for _, _, at in fresh)
            later = Visit.objects.filter(
                outcome=Outcome.VISITED, household_id__in={h for _, h, _ in fresh}, visited_at__gte=earliest
            ).values_list("visited_at", flat=True)
            days |= {_local_day(at) for at in later}
        for day in days:
            _recount_first_visits(day)
        _roll_up(ReadingSource.FIRST_VISIT, days)
        marks[ReadingSource.FIRST_VISIT] = max([mark, *(pk for pk, _, _ in fresh)])
        done["first_visit"] = len(days)
        state.reading_marks = marks
        state.save(update_fields=["reading_marks"])
    return done


def rebuild() -> dict:
    """Recount everything. The readings of each source in one INSERT … SELECT per level, grouped by scope
    and local day; the first visits day by day (a day's visits are found by their index); weeks and months
    summed from the day rows in one statement per source and grain. (The fold's day-by-day recount reads
    a source once per day and level: a season of five million readings took hours.) Returns
    {source: days with rows}."""
    with transaction.atomic():
        state, _ = FoldState.objects.select_for_update().get_or_create(pk=1)
        ReadingTally.objects.all().delete()
        marks, done = {}, {}
        tz = timezone.get_current_timezone()
        for source, (model, household, moment, ok_q, only_q) in SOURCES.items():
            rows = model.objects.filter(only_q)
            marks[source] = rows.aggregate(top=Max("id"))["top"] or 0
            for level, path in HOUSEHOLD_PATHS.items():
                _insert_days(
                    level,
                    source,
                    rows.values(ref=F(f"{household}__{path}"), day=TruncDate(moment, tzinfo=tz))
                    .annotate(n=Count("id"), ok=Count("id", filter=ok_q))
                    .order_by(),
                )
        visits = Visit.objects.filter(outcome=Outcome.VISITED)
        marks[ReadingSource.FIRST_VISIT] = visits.aggregate(top=Max("id"))["top"] or 0
        days = visits.annotate(day=TruncDate("visited_at", tzinfo=tz)).values_list("day", flat=True)
        for day in days.distinct().order_by():  # the distinct days in the database, not every visit
            _recount_first_visits(day)
        for source in ReadingSource:
            done[source.value] = _roll_up_everything(source)
        state.reading_marks = marks
        state.save(update_fields=["reading_marks"])
    return done


def _insert_days(level: str, source: str, rows) -> None:
    """The day rows of ``rows`` (a queryset of ref, day, n, ok) written in the database."""
    _insert_from(rows, "%s, q.ref, %s, q.day, %s, q.n, q.ok", [level, Grain.DAY, source],
                 where="q.ref IS NOT NULL AND q.n > 0")  # fmt: skip


def _roll_up_everything(source: str) -> int:
    """Week and month rows of ``source`` from all its day rows; returns how many days have rows."""
    days = ReadingTally.objects.filter(source=source, grain=Grain.DAY)
    for grain, trunc in ((Grain.WEEK, TruncWeek), (Grain.MONTH, TruncMonth)):
        sums = days.values("level", "ref", first=trunc("period")).annotate(
            n=Sum("readings"), ok=Sum("at_standard")
        )
        _insert_from(sums.order_by(), "q.level, q.ref, %s, q.first, %s, q.n, q.ok", [grain, source])
    return days.values("period").distinct().count()


def _insert_from(rows, select: str, params: list, *, where: str = "1 = 1") -> None:
    """INSERT INTO the tallies ``SELECT select FROM (rows) q``: a queryset's aggregate written in the
    database, never fetched."""
    sql, inner = rows.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO "{ReadingTally._meta.db_table}" (level, ref, grain, period, source, readings, '
            f"at_standard) SELECT {select} FROM ({sql}) q WHERE {where}",
            [*params, *inner],
        )


def sums_by_ref(level: str, refs, start: date, end: date, sources) -> dict[int, tuple[int, int]]:
    """{ref: (at_standard, readings)} over ``sources`` and the days start…end."""
    from .selectors import period_q

    rows = ReadingTally.objects.filter(level=level, source__in=list(sources)).filter(period_q(start, end))
    if refs is not None:
        rows = rows.filter(ref__in=refs)
    return {
        r["ref"]: (r["ok"], r["n"])
        for r in rows.values("ref").annotate(n=Sum("readings"), ok=Sum("at_standard")).order_by()
    }


def snapshot() -> dict:
    return {
        (r.level, r.ref, r.grain, r.period, r.source): (r.readings, r.at_standard)
        for r in ReadingTally.objects.all()
        if r.readings
    }
