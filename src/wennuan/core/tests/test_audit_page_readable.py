"""The audit log reads as Chinese (issue #20): action and object names, the person's name and role, each
change as old → new in words and local time; the filters list the same names; no Python dict, no UTC."""

import re

import pytest
from django.urls import reverse

from wennuan.cases.tests.factories import Actors, accepted, new_case
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.rules.models import CaseRules

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    household = HouseholdFactory()
    CaseRules.objects.update(outage_min_cases=100)
    actors = Actors(household)
    actors.crew.first_name = "王班组"
    actors.crew.save()
    actors.supervisor.is_staff = True
    actors.supervisor.save()
    case = accepted(new_case(household=household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.supervisor)
    return case, client.get(reverse("core:audit")).content.decode()


def test_actions_objects_and_people_are_named_in_chinese(page):
    case, html = page
    rows = html.split('id="audit-rows"', 1)[1]
    assert "工单签收" in rows and "受理工单" in rows
    shown = re.sub(r"<[^>]+>", " ", rows)  # the text a person reads, without the links' filter values
    assert "case.accept" not in shown and "cases.case" not in shown
    assert f"诉求工单 {case.number}" in shown
    assert "王班组" in rows and "换热站维修班组" in rows


def test_changes_are_old_to_new_in_words_and_local_time(page):
    case, html = page
    rows = html.split('id="audit-rows"', 1)[1]
    assert "<del>已派单</del> → <ins>已签收</ins>" in rows  # the state by its label, old → new
    accepted_local = case.accepted_at.astimezone().strftime("%Y-%m-%d")
    assert re.search(r"签收时间：</span><del>空</del> → <ins>\d{4}-\d\d-\d\d \d\d:\d\d</ins>", rows)
    assert accepted_local[:4] in rows
    assert "{'" not in rows and "False" not in rows and "+00:00" not in rows


def test_the_filters_list_the_same_chinese_names(page):
    _, html = page
    actions = re.search(r'<select name="action".*?</select>', html, re.S).group(0)
    assert '<option value="case.accept" >工单签收</option>' in actions
    objects = re.search(r'<select name="object_type".*?</select>', html, re.S).group(0)
    assert '<option value="cases.case" >诉求工单</option>' in objects


def test_a_case_change_records_old_and_new_values(page):
    case, _ = page
    entry = AuditLog.objects.filter(action="case.accept", object_id=str(case.pk)).get()
    assert entry.changes["state"] == ["dispatched", "accepted"]


def test_related_rows_and_code_lists_are_named(page):
    _, html = page
    rows = html.split('id="audit-rows"', 1)[1]
    assert "换热站：</span><del>" in rows or "换热站：</span>" in rows
    # the dispatch entry names the station, not its id
    dispatch = rows.split("工单派单", 1)[1].split("</li>\n</ul>", 1)[0]
    assert re.search(r"换热站：</span><del>[^<]*</del> → <ins>[^<\d][^<]*</ins>", dispatch)
