"""Mass-complaint detection: many complaints from one building or one station in a short time.

A pure function over plain tuples, so the cases app (which sits above triage) can call it without
triage knowing about cases. The cases app raises a suspected outage from each cluster.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# Defaults only; callers pass the city's own values (domain.md: every number is configuration).
DEFAULT_MIN_CASES = 3
DEFAULT_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class MassComplaint:
    """A cluster: ``kind`` is "building" or "station", ``key`` that building's or station's id."""

    kind: str
    key: Hashable
    case_ids: tuple
    first_at: datetime
    last_at: datetime

    @property
    def size(self) -> int:
        return len(self.case_ids)


def detect_mass_complaints(
    complaints: Iterable[tuple[Hashable, Hashable | None, Hashable | None, datetime]],
    *,
    min_cases: int = DEFAULT_MIN_CASES,
    window: timedelta = DEFAULT_WINDOW,
) -> list[MassComplaint]:
    """Clusters of ≥ ``min_cases`` complaints from one building or one station within ``window``.

    ``complaints``: (case_id, building_id, station_id, received_at); a None building or station is
    ignored for that grouping. A complaint belongs to a cluster when some span of length ≤ ``window``
    holding it holds ≥ ``min_cases`` complaints of the same key; overlapping spans merge into one
    cluster. Result: building clusters then station clusters, each ordered by first complaint.
    """
    if min_cases < 1:
        raise ValueError("min_cases must be at least 1")
    groups: dict[tuple[str, Hashable], list[tuple[datetime, Hashable]]] = defaultdict(list)
    for case_id, building_id, station_id, received_at in complaints:
        if building_id is not None:
            groups["building", building_id].append((received_at, case_id))
        if station_id is not None:
            groups["station", station_id].append((received_at, case_id))
    out: list[MassComplaint] = []
    for (kind, key), events in groups.items():
        events.sort(key=lambda e: (e[0], str(e[1])))
        marked = [False] * len(events)
        left = 0
        for right in range(len(events)):
            while events[right][0] - events[left][0] > window:
                left += 1
            if right - left + 1 >= min_cases:
                for i in range(left, right + 1):
                    marked[i] = True
        cluster: list[tuple[datetime, Hashable]] = []
        for i, event in enumerate(events):
            # marked events whose spans touch (gap ≤ window, both marked) form one cluster
            if marked[i] and cluster and event[0] - cluster[-1][0] <= window:
                cluster.append(event)
                continue
            if len(cluster) >= min_cases:
                out.append(_cluster(kind, key, cluster))
            cluster = [event] if marked[i] else []
        if len(cluster) >= min_cases:
            out.append(_cluster(kind, key, cluster))
    out.sort(key=lambda m: (m.kind != "building", m.first_at, str(m.key)))
    return out


def _cluster(kind: str, key, events) -> MassComplaint:
    return MassComplaint(kind, key, tuple(c for _, c in events), events[0][0], events[-1][0])
