"""The tallies equal a full recount after any stream of changes, folded at any points."""

import contextlib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wennuan.cases import services
from wennuan.cases.enums import CaseState, RootCause, Satisfaction
from wennuan.cases.models import Case
from wennuan.cases.sweep import run_sweep
from wennuan.cases.tests.factories import new_case
from wennuan.core.errors import DomainError
from wennuan.supervision import fold

pytestmark = pytest.mark.django_db

OPS = ["new", "new_leak", "advance", "advance", "advance", "advance", "return", "contact", "revisit_bad",
       "revisit_none", "reopen", "sweep", "later", "much_later", "fold", "fold"]  # fmt: skip
# "advance" takes the picked case one step along its usual life.
NEXT = {
    CaseState.RECEIVED: "dispatch",
    CaseState.RETURNED: "dispatch",
    CaseState.DISPATCHED: "accept",
    CaseState.ACCEPTED: "resolve",
    CaseState.IN_PROGRESS: "resolve",
    CaseState.RESOLVED: "revisit_ok",
    CaseState.REVISITED: "close",
}


def _act(op: str, world, pick: int) -> None:
    who = world["a"] if pick % 2 == 0 else world["b"]
    cases = list(Case.objects.filter(household=who.household).order_by("id"))
    case = cases[pick % len(cases)] if cases else None
    tm = world["tm"]
    if op in ("new", "new_leak"):
        new_case(household=who.household, category="leak" if op == "new_leak" else "not_warm")
    elif op == "later":
        tm.shift(timedelta(hours=7))
    elif op == "much_later":
        tm.shift(timedelta(days=2, hours=3))
    elif op == "sweep":
        run_sweep()
    elif op == "fold":
        fold.fold()
    elif case is not None:
        if op == "advance":
            op = NEXT.get(case.state, "reopen")
        steps = {
            "dispatch": lambda: services.dispatch_case(case=case, by=who.dispatcher),
            "accept": lambda: services.accept_case(case=case, by=who.crew),
            "return": lambda: services.return_case(case=case, by=who.crew, reason="非本站"),
            "contact": lambda: services.record_contact(case=case, by=who.crew),
            "resolve": lambda: services.resolve_case(
                case=case,
                by=who.crew,
                resolution="放气",
                root_cause=RootCause.COMPANY,
                evidence={"temperature": 19},
            ),
            "revisit_ok": lambda: services.record_revisit(
                case=case,
                by=who.grid_worker,
                satisfaction=Satisfaction.SATISFIED,
                temperature=20,
                photo="r.jpg",
            ),
            "revisit_bad": lambda: services.record_revisit(
                case=case,
                by=who.grid_worker,
                satisfaction=Satisfaction.UNSATISFIED,
                temperature=15,
                photo="r.jpg",
            ),
            "revisit_none": lambda: services.record_revisit(
                case=case, by=who.grid_worker, satisfaction=Satisfaction.UNREACHABLE
            ),
            "close": lambda: services.close_case(case=case, by=who.agent),
            "reopen": lambda: services.reopen_case(case=case, by=who.supervisor, reason="群众不认可"),
        }
        with contextlib.suppress(DomainError):  # not allowed in this state: the stream goes on
            steps[op]()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 7)), min_size=5, max_size=50))
def test_tallies_equal_a_full_recount_after_any_stream(world, monkeypatch, stream):
    # No safety margins: the watermark and the due-time look-up must find every changed case by themselves.
    monkeypatch.setattr(fold, "EVENT_OVERLAP", 0)
    monkeypatch.setattr(fold, "TIME_OVERLAP", timedelta(0))
    for op, pick in [("new", 0), ("new", 1), *stream]:
        _act(op, world, pick)
    fold.fold()
    folded = fold.tally_snapshot()
    fold.rebuild()
    recounted = fold.tally_snapshot()
    assert folded == recounted
    assert folded  # something was counted


def test_a_change_moves_the_case_between_cells(world):
    """Redispatching to another station moves its counts; a fold without changes moves nothing."""
    a = world["a"]
    case = new_case(household=a.household)
    fold.fold()
    before = fold.tally_snapshot()
    assert fold.fold()["changed"] == 0
    services.dispatch_case(case=case, by=a.dispatcher)
    assert fold.fold()["changed"] == 1
    after = fold.tally_snapshot()
    assert before != after
    fold.rebuild()
    assert fold.tally_snapshot() == after
    assert Case.objects.get(pk=case.pk).state == CaseState.DISPATCHED


def test_a_case_falls_due_with_time_alone(world, monkeypatch):
    """``due`` (按时办结率's denominator) moves when the resolve limit passes, with no event on the case."""
    monkeypatch.setattr(fold, "EVENT_OVERLAP", 0)
    monkeypatch.setattr(fold, "TIME_OVERLAP", timedelta(0))
    case = services.dispatch_case(case=new_case(household=world["a"].household), by=world["a"].dispatcher)
    assert case.resolve_due is not None
    world["tm"].shift(timedelta(minutes=1))
    fold.fold()
    world["tm"].shift(timedelta(days=6))
    assert fold.fold()["changed"] == 1
    folded = fold.tally_snapshot()
    fold.rebuild()
    assert fold.tally_snapshot() == folded
