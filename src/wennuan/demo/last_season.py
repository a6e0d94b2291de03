"""Last season in the demo city, so season on season has something to compare: its 12345 export imported
as closed cases through the importer a city would use (cases.services.history). The rows are this season's
own complaints a year (52 weeks, same weekdays) earlier, a sixth more of them, closed later and rated a
little worse: the city that improved 「投诉率、故障率双下降」. Deterministic with the season's seed."""

import csv
import io
import random
from datetime import timedelta

from wennuan.accounts.models import User
from wennuan.cases.enums import Satisfaction
from wennuan.cases.models import Case, Revisit
from wennuan.cases.services.history import import_history
from wennuan.core.roles import Role
from wennuan.registry.models import City
from wennuan.rules import defaults
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season

YEAR = timedelta(weeks=52)
MORE = 1 / 6  # last season had this share more complaints
HEADER = ["工单编号", "受理时间", "诉求地址", "诉求类别", "诉求内容", "办结时间", "满意度"]
LABEL = dict(Satisfaction.choices)


def _row(n: int, case: Case, rated: str, rng: random.Random) -> list[str]:
    received = case.received_at - YEAR + timedelta(minutes=rng.randint(-90, 90))
    took = (case.closed_at or case.resolved_at or case.received_at + timedelta(hours=30)) - case.received_at
    closed = received + took * rng.uniform(1.1, 1.6) + timedelta(hours=rng.uniform(1, 8))
    if rng.random() < 0.08:  # a satisfied answer then was a dissatisfied one more often
        rated = Satisfaction.UNSATISFIED
    place = case.address or (str(case.building) if case.building_id else "")
    return [f"LS{n:06d}", f"{received:%Y-%m-%d %H:%M}", place, case.get_category_display(), case.text,
            f"{closed:%Y-%m-%d %H:%M}", LABEL.get(rated, "")]  # fmt: skip


def seed_last_season(*, seed: int) -> dict:
    rng = random.Random(seed + 1)
    cases = list(Case.objects.filter(household__isnull=False).select_related("building").order_by("pk"))
    if not cases:
        return {"created": 0}
    rated = dict(Revisit.objects.filter(case__in=cases).order_by("at").values_list("case_id", "satisfaction"))
    picked = cases + rng.sample(cases, k=round(len(cases) * MORE))
    out = io.StringIO()
    sheet = csv.writer(out)
    sheet.writerow(HEADER)
    for n, case in enumerate(picked, start=1):
        sheet.writerow(_row(n, case, rated.get(case.pk, Satisfaction.SATISFIED), rng))
    for city in City.objects.all():  # the season the export is of (a city may have kept only this one)
        current = current_or_next_season(city=city.pk)
        if current is not None:
            name, start, end = defaults.season_dates(current.first_day.year - 1)
            Season.objects.get_or_create(city=city, starts_on=start, defaults={"name": name, "ends_on": end})
    by = User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()
    return import_history(source=io.BytesIO(out.getvalue().encode("utf-8")), by=by)
