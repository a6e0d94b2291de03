"""The demo season: a small city's four weeks replayed through the services, checked for every thing a
supervisor's pages show, for honest dates, and for the same figures from the same seed."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from wennuan.accounts.demo import build_demo
from wennuan.accounts.models import User
from wennuan.cases.enums import CaseState, Escalation
from wennuan.cases.models import Case, CaseEvent, Revisit
from wennuan.core import demo as core_demo
from wennuan.demo import seeder
from wennuan.demo.season import seed_season
from wennuan.rules import rulebook
from wennuan.supervision.selectors import season_on_season
from wennuan.visits.models import Visit

# A Thursday afternoon five weeks into the season (the city's season starts on 11-01).
NOW = timezone.make_aware(datetime(2026, 12, 10, 15, 30))
HOUSEHOLDS = 600


class _Rollback(Exception):
    pass


def _city() -> None:
    """The demo city, its logins, and what the seeders before the season add (tariff, campaign, outages,
    Open311), as ``wennuan run`` does on an empty database."""
    build_demo(households=HOUSEHOLDS)
    for order, _name, fn in core_demo._SEEDERS:
        if order < seeder.ORDER:
            fn()


def _season(seed: int) -> dict:
    _city()
    return seed_season(seed=seed, now=NOW)


def _figures_rolled_back(seed: int) -> dict:
    try:
        with transaction.atomic():
            raise _Rollback(_season(seed))
    except _Rollback as done:
        rulebook.forget_all()
        return done.args[0]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db(transaction=False)
def test_a_season_has_everything_a_supervisor_looks_at_and_the_same_seed_gives_the_same_season(media):
    with time_machine.travel(NOW, tick=False):
        first = _figures_rolled_back(seed=7)
        figures = _season(seed=7)

    assert figures == first  # same seed, same city, same now: the same season, figure for figure

    # Cases in every state, and every slip the supervisor's desk lists.
    assert set(figures["states"]) == set(CaseState.values), figures["states"]
    assert figures["overdue_open"] >= 1
    assert figures["escalation"].get(Escalation.TASK_FORCE, 0) >= 1
    climbed = CaseEvent.objects.filter(action="escalate").values_list("case_id", "data__level")
    ladders = {}
    for case_id, level in climbed:
        ladders.setdefault(case_id, set()).add(level)
    assert any(steps == {1, 2, 3} for steps in ladders.values())  # escalated through the steps
    assert figures["supervision_orders"] >= 1 and figures["supervision_overdue"] >= 1
    assert figures["supervision_open"] >= 1
    assert figures["reopened"] >= 2 and figures["returned"] >= 1
    assert figures["repeats"] >= 1 and figures["merged"] >= 3
    assert figures["suspected_outage"] >= 3 and figures["outages"] >= 2
    assert figures["fake_closure_suspects"] >= 1
    assert {"reopened", "repeat_soon", "no_agreement", "spot_check_failed"} <= set(
        figures["fake_closure_reasons"]
    ), figures["fake_closure_reasons"]
    assert figures["spot_checks_done"] >= 1 and figures["spot_checks_failed"] >= 1
    assert figures["spot_checks"] > figures["spot_checks_done"]  # this week's draw is still to check
    assert figures["revisits"] >= 10 and figures["revisits_effective"] >= 1
    assert Revisit.objects.filter(satisfaction="unsatisfied").exists()
    assert figures["measurements"] >= 1

    # Visits across grids, with readings under and over the standard, and re-surveys after fixes.
    assert figures["grids_visited"] >= 3
    assert figures["readings"]["below"] >= 1 and figures["readings"]["at_or_above"] >= 10
    assert Visit.objects.exclude(answer_satisfied="").exists()
    assert figures["resurveys"] >= 1

    # Honest dates: everything happened within the season so far, at its own moment, never at "now"
    # (a service that ignored its ``at`` would stamp the frozen clock).
    start = NOW - timedelta(days=29)
    assert not CaseEvent.objects.filter(at__gt=NOW).exists()
    assert not CaseEvent.objects.filter(at__lt=start).exists()
    # (other seeders' cases, such as hall's 开栓 order, are filed now)
    assert not CaseEvent.objects.filter(at=NOW).exclude(case__received_at=NOW).exists()
    assert not Case.objects.filter(received_at__gt=NOW).exists()
    assert figures["refused"] <= figures["cases"] // 10  # the plan rarely asks for what the rules refuse


@pytest.mark.django_db
def test_the_seeder_runs_after_the_others_and_not_again_once_there_are_cases(media):
    orders = {name: order for order, name, _ in core_demo._SEEDERS}
    # It needs the tariff, the campaign and the outages those seeders make.
    assert orders["season"] > max(orders[name] for name in ("billing", "visits", "outages", "open311"))
    with time_machine.travel(NOW, tick=False):
        _city()
        line = seeder.seed_demo_season()
        assert line.startswith("演示供暖季：工单")
        # last season came in as a 12345 export, a sixth more complaints than this season so far
        assert "上季12345工单导入" in line
        imported = Case.objects.filter(events__action="import_history")
        assert imported.exists() and not imported.exclude(state=CaseState.CLOSED).exists()
        sos = season_on_season(User.objects.get(username="supervisor"))
        assert sos["before"]["counts"]["received"] > sos["now"]["counts"]["received"] > 0
        cases, events = Case.objects.count(), CaseEvent.objects.count()
        assert seeder.seed_demo_season() == ""
    assert (Case.objects.count(), CaseEvent.objects.count()) == (cases, events)
