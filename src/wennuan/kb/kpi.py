"""知识库更新数 as a KPI (core.kpi_registry): the entries a company created or changed in the range (an
entry changed five times counts once), counted by the company the entry had when written. Asked for a
city, every update of its entries, the city's own included. Other levels have no knowledge base of their
own, so no value (—), not a misleading 0."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from wennuan.cases.selectors import day_range
from wennuan.core.kpi_registry import KpiDef, Unit, register

from .models import EntryRevision

KEY = "kb_updates"
# The scope level → the revision's column that places it there.
COLUMNS = {"company": "company_id", "city": "entry__city_id"}


def updates(level, refs, start: date, end: date, counts: dict) -> dict:
    column = COLUMNS.get(str(level))
    if column is None:
        return {ref: (None, None) for ref in counts}
    lo, hi = day_range(start, end)
    revisions = EntryRevision.objects.filter(at__gte=lo, at__lt=hi)
    if refs is None and column == COLUMNS["city"]:  # every city as one row
        total = revisions.aggregate(n=Count("entry", distinct=True))["n"]
        return {ref: (total, None) for ref in counts}
    if refs is not None:
        revisions = revisions.filter(**{f"{column}__in": list(refs)})
    found = dict(revisions.values_list(column).annotate(n=Count("entry", distinct=True)).order_by())
    return {ref: (found.get(ref, 0), None) for ref in counts}


def list_url(level, ref, start: date, end: date) -> str:
    """The entries the figure counts: the knowledge-base list filtered by company and update dates."""
    params = {"updated_from": start.isoformat(), "updated_to": end.isoformat()}
    if str(level) == "company" and ref:
        params["company"] = ref
    return f"{reverse('kb:list')}?{urlencode(params)}"


def register_kpi() -> None:
    register(
        KpiDef(
            KEY, "知识库更新数", Unit.COUNT, "higher", provider=updates, link=list_url, source="kb", order=90,
            note="统计期内新增或修改的知识库条目数（同一条目多次修改计一次），按写入时条目所属企业统计",
        )
    )  # fmt: skip
