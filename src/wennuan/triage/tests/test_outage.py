from datetime import datetime, timedelta

import pytest

from wennuan.triage.outage import detect_mass_complaints

T0 = datetime(2026, 12, 1, 8, 0)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def test_k_complaints_from_one_building_within_the_window_form_a_cluster():
    rows = [(1, "b1", "s1", at(0)), (2, "b1", "s1", at(20)), (3, "b1", "s1", at(50))]
    clusters = detect_mass_complaints(rows, min_cases=3, window=timedelta(hours=1))
    kinds = {(c.kind, c.key): c.case_ids for c in clusters}
    assert kinds == {("building", "b1"): (1, 2, 3), ("station", "s1"): (1, 2, 3)}


def test_spread_out_complaints_are_not_a_cluster():
    rows = [(1, "b1", None, at(0)), (2, "b1", None, at(70)), (3, "b1", None, at(140))]
    assert detect_mass_complaints(rows, min_cases=3, window=timedelta(hours=1)) == []


def test_station_cluster_from_different_buildings():
    rows = [(i, f"b{i}", "s9", at(i * 5)) for i in range(4)]
    clusters = detect_mass_complaints(rows, min_cases=4, window=timedelta(minutes=30))
    assert [(c.kind, c.key, c.size) for c in clusters] == [("station", "s9", 4)]


def test_two_bursts_of_one_building_are_two_clusters():
    rows = [(i, "b1", None, at(i)) for i in range(3)] + [(10 + i, "b1", None, at(300 + i)) for i in range(3)]
    clusters = detect_mass_complaints(rows, min_cases=3, window=timedelta(minutes=10))
    assert [c.case_ids for c in clusters] == [(0, 1, 2), (10, 11, 12)]


def test_unresolved_complaints_without_building_are_ignored_for_buildings():
    rows = [(i, None, None, at(i)) for i in range(5)]
    assert detect_mass_complaints(rows) == []


def test_lone_early_complaint_outside_window_is_left_out():
    rows = [(0, "b1", None, at(0))] + [(i, "b1", None, at(100 + i)) for i in range(1, 4)]
    clusters = detect_mass_complaints(rows, min_cases=3, window=timedelta(minutes=30))
    assert clusters[0].case_ids == (1, 2, 3)
    assert clusters[0].first_at == at(101) and clusters[0].last_at == at(103)


def test_min_cases_must_be_positive():
    with pytest.raises(ValueError):
        detect_mass_complaints([], min_cases=0)
