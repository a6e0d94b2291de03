"""Who reads which entries: only published entries valid today are searched, and only those that apply
where the caller works (city, company, district, street) or to the household asked about."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.kb import selectors, services
from wennuan.kb.enums import ReviewState

from .factories import entry


def _found(user, q="暖气不热", **kw):
    return {h.entry.question for h in selectors.search(user=user, q=q, limit=20, **kw)}


@pytest.fixture
def placed(world):
    sup, o = world.users["supervisor"], world.objects
    return {
        "city": entry(by=sup, question="暖气不热全市口径"),
        "co1": entry(by=sup, question="暖气不热一公司口径", company=o["co1"]),
        "co2": entry(by=sup, question="暖气不热二公司口径", company=o["co2"]),
        "d_a": entry(by=sup, question="暖气不热城关区口径", district=o["d_a"]),
        "st_b": entry(by=sup, question="暖气不热西园街道口径", street=o["st_b"]),
    }


def test_each_role_searches_the_entries_of_where_it_works(world, placed):
    u = world.users
    assert _found(u["hotline"]) == {e.question for e in placed.values()}
    assert _found(u["dispatcher"]) == {
        "暖气不热全市口径",
        "暖气不热一公司口径",
        "暖气不热城关区口径",
        "暖气不热西园街道口径",
    }
    assert _found(u["crew"]) == _found(u["dispatcher"])
    assert _found(u["grid"]) == {
        "暖气不热全市口径",
        "暖气不热一公司口径",
        "暖气不热二公司口径",
        "暖气不热城关区口径",
    }
    assert _found(u["district"]) == _found(u["grid"])
    assert _found(u["noscope"]) == set()


def test_a_household_narrows_the_search_to_what_applies_to_it(world, placed):
    # h4: 七里河区 西园街道, station s3 of 热力二公司
    found = _found(world.users["hotline"], household=world.households["h4"])
    assert found == {"暖气不热全市口径", "暖气不热二公司口径", "暖气不热西园街道口径"}


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.RETIRED])
def test_only_published_entries_are_searched(world, state):
    entry(by=world.users["supervisor"], question="报停怎么办理", state=state)
    assert _found(world.users["hotline"], q="报停") == set()
    assert _found(world.users["supervisor"], q="报停") == set()


def test_entries_outside_their_validity_are_not_searched(world):
    today = timezone.localdate()
    sup = world.users["supervisor"]
    entry(
        by=sup,
        question="报停旧政策",
        valid_from=today - timedelta(days=400),
        valid_to=today - timedelta(days=1),
    )
    entry(by=sup, question="报停新政策", valid_from=today + timedelta(days=1))
    entry(by=sup, question="报停现行政策", valid_from=today, valid_to=today)
    assert _found(world.users["hotline"], q="报停") == {"报停现行政策"}
    assert _found(world.users["hotline"], q="报停", on=today + timedelta(days=1)) == {"报停新政策"}


def test_drafts_are_listed_only_to_those_who_edit_them(world):
    u = world.users
    own = services.create_entry(
        by=u["dispatcher"], fields=services.EntryFields(question="一公司草稿", answer="口径")
    )
    assert own.company == world.objects["co1"] and own.state == ReviewState.DRAFT
    assert own in selectors.entries(user=u["dispatcher"])
    assert own in selectors.entries(user=u["supervisor"])
    assert own not in selectors.entries(user=u["hotline"])
    assert own not in selectors.entries(user=u["grid"])


def test_the_index_follows_edits_and_deletes(world):
    sup = world.users["supervisor"]
    e = entry(by=sup, question="暖气片漏水怎么办")
    assert _found(sup, q="漏水") == {"暖气片漏水怎么办"}
    services.update_entry(
        entry=e, by=sup, fields=services.EntryFields(question="发票怎么开", answer="网上营业厅")
    )
    assert _found(sup, q="漏水") == set()
    assert _found(sup, q="发票") == {"发票怎么开"}
    services.move_entry(entry=e, by=sup, transition="retire")
    services.move_entry(entry=e, by=sup, transition="redraft")
    services.delete_entry(entry=e, by=sup)
    fresh = entry(by=sup, question="发票抬头开错")
    assert _found(sup, q="发票") == {fresh.question}
