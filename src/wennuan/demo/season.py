"""The demo season: a city's heating season so far, replayed through the services in time order.

Every complaint, dispatch, visit, revisit, sweep and spot check is a call to the service that does it in
production, with its ``at=`` (the moment it happened) instead of now. The calls run in time order from one
queue — a discrete-event simulation — so what a service reads (an earlier case still open, a case
resolved four days ago, a deadline passed) is what the city looked like at that moment; the repeat links,
fake-closure flags, overdue marks, escalations and outage flags are the services' own conclusions, not
written by the seeder. Nothing after ``now`` is done: cases received this morning are still waiting.

One ``random.Random(seed)`` draws every choice in a fixed order, so the same seed, city and ``now`` give the
same season.
"""

import heapq
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from wennuan.core.errors import DomainError
from wennuan.registry.models import Household

from .staff import Staff

DEFAULT_DAYS = 28  # how much of the season lies behind: four weeks
DEFAULT_RATE = 0.05  # complaints per household over those weeks (repeats and visit findings come on top)


@dataclass
class Season:
    """The clock, the queue and the dice of one replay; the handlers (arrivals, lives, oversight, rounds,
    clusters) schedule each other through ``later``."""

    rng: random.Random
    now: datetime
    start: datetime
    staff: Staff
    households: list
    queue: list = field(default_factory=list)
    clock: datetime | None = None
    refused: Counter = field(default_factory=Counter)
    lives: dict = field(default_factory=dict)  # case id → its Life (lives.py)
    checks: set = field(default_factory=set)  # spot checks the checker has taken up
    checked: int = 0  # … and recorded
    tickets: int = 0  # 12345 ticket numbers handed out
    _seq: int = 0

    def later(self, when: datetime, fn, *args) -> None:
        """Do ``fn(season, when, *args)`` at ``when``, unless that is after now (the future is not seeded)."""
        if when > self.now:
            return
        self._seq += 1
        heapq.heappush(self.queue, (when, self._seq, fn, args))

    def hours(self, low: float, high: float) -> timedelta:
        return timedelta(hours=self.rng.uniform(low, high))

    def local(self, day, hour: float) -> datetime:
        """``hour`` o'clock (fractions allowed) on the local ``day``."""
        start = timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())
        return start + timedelta(hours=hour)

    def run(self) -> None:
        while self.queue:
            when, _, fn, args = heapq.heappop(self.queue)
            self.clock = when
            try:
                # A savepoint per step: a step the services refuse leaves nothing half-written.
                with transaction.atomic():
                    fn(self, when, *args)
            except DomainError as exc:
                # The plan asked for something the rules do not allow at that moment (a late return, a
                # revisit of a case someone reopened): the service said no, as it would to a person.
                self.refused[f"{fn.__name__}: {exc}"[:120]] += 1


def seed_season(
    *, seed: int, now: datetime | None = None, days: int = DEFAULT_DAYS, rate: float = DEFAULT_RATE
) -> dict | None:
    """Replay ``days`` of season up to ``now`` over the first city's households; returns the figures
    (``figures.season_figures``), or None when there is no demo city or its logins are missing."""
    from . import arrivals, clusters, oversight, rounds
    from .figures import season_figures
    from .staff import ensure_staff

    now = now or timezone.now()
    households = list(
        Household.objects.select_related("unit__building__estate", "station__company", "grid").order_by(
            "account"
        )
    )
    if not households:
        return None
    with transaction.atomic():
        staff = ensure_staff()
        if staff is None:
            return None
        season = Season(
            rng=random.Random(seed), now=now, start=now - timedelta(days=days), staff=staff,
            households=households,
        )  # fmt: skip
        arrivals.plan(season, count=round(len(households) * rate))
        clusters.plan(season)
        rounds.plan(season)
        oversight.plan(season)
        season.run()
    figures = season_figures()
    figures["refused"] = sum(season.refused.values())
    return figures
