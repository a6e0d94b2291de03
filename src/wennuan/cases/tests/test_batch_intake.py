"""Batch intake leaves what receiving the same tickets one by one leaves: compared on random batches
(repeats within and across the batch, tickets sent twice or already stored, outage clusters, refusals)."""

import random
from collections import Counter
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from wennuan.cases import services
from wennuan.cases.enums import CaseState, Channel
from wennuan.cases.models import Case, CaseEvent
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import HouseholdFactory, UnitFactory

from .factories import agent, dispatcher_for, new_case
from .test_api import bearer

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Rollback(Exception):
    pass


def _world():
    """Two buildings on one station and a third elsewhere; earlier cases open, closed lately, closed long ago."""
    a, b = UnitFactory(), UnitFactory()
    first = HouseholdFactory(unit=a, phone="13900000001")
    homes = [first]
    homes += [
        HouseholdFactory(unit=a, station=first.station, grid=first.grid, phone=f"1390000000{i}")
        for i in (2, 3)
    ]
    homes += [HouseholdFactory(unit=b, station=first.station, grid=first.grid, phone="13900000004")]
    homes += [HouseholdFactory(phone="13900000005")]
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        open_case = new_case(household=homes[0], external_id="OLD-OPEN")
        recent = new_case(household=homes[1], external_id="OLD-RECENT", category="leak")
        old = new_case(household=homes[4], external_id="OLD-LONG")
    Case.objects.filter(pk=recent.pk).update(state=CaseState.CLOSED, closed_at=NOW - timedelta(days=2))
    Case.objects.filter(pk=old.pk).update(state=CaseState.CLOSED, closed_at=NOW - timedelta(days=40))
    return homes, [open_case.pk, recent.pk, old.pk]


def _items(rng: random.Random, homes) -> list[dict]:
    items = []
    for n in range(rng.randint(1, 12)):
        household = rng.choice([*homes, None])
        ticket = rng.choice(["OLD-OPEN", "OLD-RECENT", f"N{n}", f"N{max(0, n - 1)}", ""])
        items.append(
            {
                "channel": rng.choice([Channel.HOTLINE_12345, Channel.HOTLINE_12345, Channel.WECHAT_GROUP]),
                "external_id": ticket,
                "text": "暖气不热" if household else "某小区暖气不热",
                "household": household,
                "category": rng.choice(["not_warm", "leak"]),
                "reporter_name": "王小英",
                "reporter_phone": rng.choice(["13900000001", "13900000004", "13700000000", ""]),
            }
        )
    return items


def _snapshot(results, before: set[int]) -> dict:
    rank = {
        pk: i
        for i, pk in enumerate(
            Case.objects.exclude(pk__in=before).order_by("id").values_list("id", flat=True)
        )
    }

    def ref(pk):
        return ("old", pk) if pk in before else ("new", rank.get(pk)) if pk else None

    fields = ("channel", "external_id", "category", "priority", "household_id", "building_id", "station_id",
              "state", "suspected_outage", "suspected_fake_closure", "triage_status", "resolve_due", "reporter_phone")  # fmt: skip
    cases = {
        ref(c["id"]): ({k: c[k] for k in fields}, ref(c["repeat_of_id"]))
        for c in Case.objects.values("id", "repeat_of_id", *fields)
    }
    events = Counter(
        (ref(case_id), action) for case_id, action in CaseEvent.objects.values_list("case_id", "action")
    )
    audits = Counter(
        (action, ref(int(pk)) if pk in {str(b) for b in before} else "new")
        for action, pk in AuditLog.objects.filter(object_type="cases.case").values_list("action", "object_id")
        if not (
            action == "case.suspect_outage" and pk not in {str(b) for b in before}
        )  # a flag a new row is born with
    )
    answers = [(ref(r.case.pk) if r.case else None, r.created, r.error) for r in results]
    return {"cases": cases, "events": events, "audits": audits, "answers": answers}


@pytest.mark.parametrize("seed", range(30))
def test_a_batch_leaves_what_one_by_one_leaves(seed):
    homes, before = _world()
    user = agent()
    items = _items(random.Random(seed), homes)
    with time_machine.travel(NOW, tick=False):
        try:
            with transaction.atomic():
                one_by_one = []
                for item in items:
                    try:
                        one_by_one.append(services.Received(*services.receive_case(by=user, **item)))
                    except services.IntakeRejected as exc:
                        one_by_one.append(services.Received(error=str(exc)))
                expected = _snapshot(one_by_one, set(before))
                raise Rollback
        except Rollback:
            pass
        got = _snapshot(services.receive_cases(items, by=user), set(before))
    assert got == expected


def test_a_batch_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    homes, _ = _world()
    user = agent()
    items = [
        {"channel": Channel.HOTLINE_12345, "external_id": f"Q{i}", "text": "暖气不热", "household": homes[i % 4],
         "category": "not_warm", "reporter_phone": f"1380000{i:04d}"}
        for i in range(60)
    ]  # fmt: skip
    # 14: on SQLite the cases' INSERT is split by its 999-variable limit (60 cases × 50 columns: 4 statements),
    # and one query counts the households of the batch's stations (the outage threshold scales with them)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(14):
        results = services.receive_cases(items, by=user)
    assert all(r.created for r in results) and Case.objects.filter(external_id__startswith="Q").count() == 60


def test_api_batch_answers_each_ticket(client):
    home = HouseholdFactory()
    user = agent()
    bearer(client, user)
    new_case(household=home, external_id="SEEN")
    body = {"items": [
        {"channel": "hotline_12345", "external_id": "B1", "text": "暖气不热", "household_id": home.pk},
        {"channel": "hotline_12345", "external_id": "SEEN", "text": "暖气不热", "household_id": home.pk},
        {"channel": "hotline_12345", "external_id": "", "text": "暖气不热", "household_id": home.pk},
        {"channel": "hotline_12345", "external_id": "B1", "text": "暖气不热", "household_id": home.pk},
        {"channel": "hotline_12345", "external_id": "B2", "text": "暖气不热", "household_id": 10**9},
    ]}  # fmt: skip
    r = client.post("/api/v1/cases/batch", body, content_type="application/json")
    assert r.status_code == 200, r.content
    data = r.json()
    assert [x["status"] for x in data["results"]] == [201, 200, 422, 200, 404]
    assert data["results"][0]["id"] == data["results"][3]["id"]
    assert "12345工单号" in data["results"][2]["detail"]
    assert (data["created"], data["existing"], data["refused"]) == (1, 2, 2)
    assert Case.objects.filter(external_id="B1").count() == 1


def test_api_batch_takes_only_households_in_the_senders_scope(client):
    mine = HouseholdFactory()
    elsewhere = HouseholdFactory()  # another station of another company
    assert elsewhere.station.company_id != mine.station.company_id
    bearer(client, dispatcher_for(mine.station.company))
    body = {"items": [
        {"channel": "company_hotline", "external_id": "S1", "text": "暖气不热", "household_id": mine.pk},
        {"channel": "company_hotline", "external_id": "S2", "text": "暖气不热", "household_id": elsewhere.pk},
    ]}  # fmt: skip
    r = client.post("/api/v1/cases/batch", body, content_type="application/json")
    assert [x["status"] for x in r.json()["results"]] == [201, 404]
    assert not Case.objects.filter(household=elsewhere).exists()


def test_api_batch_refuses_more_than_the_limit(client):
    bearer(client, agent())
    item = {"channel": "wechat_group", "text": "暖气不热"}
    r = client.post(
        "/api/v1/cases/batch", {"items": [item] * (services.MAX_BATCH + 1)}, content_type="application/json"
    )
    assert r.status_code == 422
