"""Reads of the knowledge base: the entries a user may list, the search agents and residents use, one
entry, its history, and 知识库更新数 per company for the KPIs."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from rapidfuzz import fuzz

from wennuan.cases.selectors import day_start
from wennuan.core.errors import NotInScope
from wennuan.core.roles import Role

from . import search as engine
from . import text
from .enums import ReviewState
from .models import Entry, EntryRevision

# Entries a search answers at most.
MAX_RESULTS = 20
# The tie-break's reach: the engine's score is scaled by 1 − FUZZY_SHARE … 1 by how much the entry's question
# reads like what was asked (rapidfuzz), so ranks within about that share of each other go to the closer
# question and the engine decides everything further apart.
FUZZY_SHARE = 0.15


def entries(*, user, state: str = "", category: str = "", company=None, updated_from=None, updated_to=None):
    """Entries ``user`` may list, newest first: published ones where they apply to the user, and, for
    those who edit (a supervisor: every entry; a dispatcher: their company's), drafts and the rest.
    ``company``/``updated_from``/``updated_to`` (dates, inclusive): the entries 知识库更新数 counts —
    written in the range while they belonged to that company."""
    rows = Entry.objects.visible_to(user)
    if not getattr(user, "is_supervisor", False):
        mine = (
            Q(company_id=user.company_id) if user.role == Role.DISPATCHER and user.company_id else Q(pk=None)
        )
        rows = rows.filter(Q(state=ReviewState.PUBLISHED) | mine)
    if state:
        rows = rows.filter(state=state)
    if category:
        rows = rows.filter(category=category)
    if company or updated_from or updated_to:
        revised = EntryRevision.objects.all()
        if company:
            revised = revised.filter(company_id=company)
        if updated_from:
            revised = revised.filter(at__gte=day_start(updated_from))
        if updated_to:
            revised = revised.filter(at__lt=day_start(updated_to + timedelta(days=1)))
        rows = rows.filter(pk__in=revised.values("entry_id"))
    return rows.select_related("company", "district", "street", "author")


def entry_for(*, user, pk: int) -> Entry:
    """One entry ``user`` may list, else ``NotInScope``."""
    found = entries(user=user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("知识库条目不存在或不在您的范围内")
    return found


def revisions(entry: Entry):
    return entry.revisions.select_related("by").order_by("-at", "-id")


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # the engine's relevance (BM25 on SQLite, ts_rank on PostgreSQL): higher is better
    fuzzy: float  # rapidfuzz's similarity of the question asked to the entry's question, 0–100


def searchable(*, user, household=None, on: date | None = None):
    """What a search may answer: published entries valid on ``on`` (today) that apply where ``user``
    works, and to ``household`` when one is given (its city, company, district, street)."""
    rows = Entry.objects.visible_to(user).published().valid_on(on or timezone.localdate())
    if household is not None:
        rows = rows.applicable_to(household)
    return rows


def search(
    *, user, q: str, household=None, on: date | None = None, limit: int = 10, min_share: float = 0.0
) -> list[Hit]:
    """The entries that best answer ``q``, best first. The engine's full-text rank decides; near-equal
    ranks (within ``FUZZY_SHARE``) go to the entry whose question reads most like ``q``. ``min_share``
    drops entries scoring below that share of the best one (a list for people to read stops where the
    answers stop being about the question)."""
    terms = text.query_terms(q)
    if not terms:
        return []
    limit = max(1, min(limit, MAX_RESULTS))
    ranked = engine.ranked_ids(searchable(user=user, household=household, on=on), terms)
    if not ranked:
        return []
    # the questions of every candidate for the tie-break, then whole rows for those shown only
    questions = dict(Entry.objects.filter(pk__in=[pk for pk, _ in ranked]).values_list("pk", "question"))
    asked = text.normalize(q)[: text.MAX_QUERY_CHARS]
    order = [
        (pk, score, fuzz.partial_ratio(asked, text.normalize(questions[pk])))
        for pk, score in ranked
        if pk in questions
    ]
    order.sort(key=lambda o: (-_significant(o[1] * (1 - FUZZY_SHARE + FUZZY_SHARE * o[2] / 100)), o[0]))
    floor = order[0][1] * min_share
    shown = [o for o in order if o[1] >= floor][:limit]
    rows = Entry.objects.defer("question_terms", "body_terms").in_bulk([o[0] for o in shown])
    return [Hit(entry=rows[pk], score=score, fuzzy=fuzzy) for pk, score, fuzzy in shown if pk in rows]


def _significant(score: float) -> float:
    return float(f"{score:.3g}")


def updates_by_company(*, user, start: datetime, end: datetime) -> list[dict]:
    """知识库更新数: per company, the entries created or changed in [start, end) (an entry changed five
    times counts once), as [{"company_id", "company_name", "updates"}], most first; entries of no
    company (the city's own) under company None. Only entries ``user`` may read count."""
    visible = Entry.objects.visible_to(user).values("pk")
    rows = (
        EntryRevision.objects.filter(at__gte=start, at__lt=end, entry__in=visible)
        .values("company_id", company_name=F("company__name"))
        .annotate(updates=Count("entry", distinct=True))
        .order_by("-updates", "company_id")
    )
    return [
        {"company_id": r["company_id"], "company_name": r["company_name"], "updates": r["updates"]}
        for r in rows
    ]
