"""Campaign management from the app: the services validate dates and audit; the pages are the supervisor's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.errors import DomainError
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import CityFactory, DistrictFactory, StreetFactory
from wennuan.rules.models import IndoorStandard
from wennuan.visits import services
from wennuan.visits.models import Campaign, Phase, VisitTask

pytestmark = pytest.mark.django_db
D = dt.date


def _campaign(supervisor, city, **kw):
    args = dict(
        by=supervisor, name="2025–2026 访民问暖", city=city, starts_on=D(2025, 11, 5), ends_on=D(2026, 3, 31)
    )
    args.update(kw)
    return services.create_campaign(**args)


def test_update_campaign_checks_dates_against_its_phases_and_audits_the_change(supervisor, grid):
    city = grid.community.street.district.city
    campaign = _campaign(supervisor, city)
    services.add_phase(
        by=supervisor, campaign=campaign, name="集中走访", starts_on=D(2025, 11, 5), ends_on=D(2025, 12, 5)
    )
    with pytest.raises(DomainError, match="第1阶段"):
        services.update_campaign(
            by=supervisor, campaign=campaign, name="x", starts_on=D(2025, 11, 10), ends_on=D(2026, 3, 31),
            target_coverage=100, retry_after_days=2,
        )  # fmt: skip
    with pytest.raises(DomainError, match="早于"):
        services.update_campaign(
            by=supervisor, campaign=campaign, name="x", starts_on=D(2025, 11, 5), ends_on=D(2025, 11, 1),
            target_coverage=100, retry_after_days=2,
        )  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.name == "2025–2026 访民问暖"  # nothing written by a refused change
    services.update_campaign(
        by=supervisor, campaign=campaign, name="冬季访民问暖", starts_on=D(2025, 11, 1), ends_on=D(2026, 3, 31),
        target_coverage=Decimal("98.5"), retry_after_days=3,
    )  # fmt: skip
    campaign.refresh_from_db()
    assert (campaign.name, campaign.starts_on, campaign.target_coverage) == (
        "冬季访民问暖",
        D(2025, 11, 1),
        Decimal("98.5"),
    )
    entry = AuditLog.objects.get(action="visits.campaign_changed")
    assert entry.changes["name"] == ["2025–2026 访民问暖", "冬季访民问暖"] and "ends_on" not in entry.changes


@pytest.mark.parametrize(
    "fields, message",
    [
        (dict(target_coverage=Decimal("120")), "覆盖率"),
        (dict(retry_after_days=0), "改约"),
        (dict(ends_on=D(2027, 3, 31)), "一年"),
        (dict(name="  "), "名称"),
    ],
)
def test_create_campaign_range_checks_its_numbers_and_dates(supervisor, grid, fields, message):
    with pytest.raises(DomainError, match=message):
        _campaign(supervisor, grid.community.street.district.city, **fields)
    assert not Campaign.objects.exists()


def test_a_campaign_area_must_belong_to_its_city(supervisor):
    lanzhou, other = CityFactory(name="兰州市"), CityFactory(name="白银市")
    street = StreetFactory(district=DistrictFactory(city=other))
    with pytest.raises(DomainError, match="街道"):
        _campaign(supervisor, lanzhou, street=street)
    with pytest.raises(DomainError, match="区县"):
        _campaign(supervisor, lanzhou, district=street.district)


def test_phases_stay_within_the_campaign_and_changes_are_audited(supervisor, grid):
    campaign = _campaign(supervisor, grid.community.street.district.city)
    with pytest.raises(DomainError, match="活动日期"):
        services.add_phase(
            by=supervisor, campaign=campaign, name="早", starts_on=D(2025, 11, 1), ends_on=D(2025, 11, 30)
        )
    phase = services.add_phase(
        by=supervisor, campaign=campaign, name="集中走访", starts_on=D(2025, 11, 5), ends_on=D(2025, 12, 5)
    )
    with pytest.raises(DomainError, match="活动日期"):
        services.update_phase(
            by=supervisor, phase=phase, name="集中走访", starts_on=D(2025, 11, 5), ends_on=D(2026, 4, 5)
        )
    services.update_phase(
        by=supervisor, phase=phase, name="回头看", starts_on=D(2025, 11, 5), ends_on=D(2025, 12, 10)
    )
    phase.refresh_from_db()
    assert (phase.name, phase.ends_on) == ("回头看", D(2025, 12, 10))
    assert AuditLog.objects.filter(action="visits.phase_changed", object_id=str(phase.pk)).exists()


def test_only_supervisors_manage_campaigns(client, grid, worker):
    client.force_login(worker)
    assert client.get(reverse("visits:campaigns")).status_code == 403
    assert client.get(reverse("visits:campaign_new")).status_code == 403
    r = client.post(reverse("visits:campaign_new"), {"name": "x"})
    assert r.status_code == 403 and not Campaign.objects.exists()
    staff = UserFactory(role=Role.STREET_STAFF, street=grid.community.street)
    client.force_login(staff)
    assert client.get(reverse("visits:campaigns")).status_code == 403


def test_supervisor_creates_a_campaign_adds_a_phase_and_generates_its_tasks(
    client, supervisor, grid, households
):
    city = grid.community.street.district.city
    client.force_login(supervisor)
    form = {
        "name": "2025–2026 访民问暖", "city": city.pk, "district": grid.community.street.district.pk, "street": "",
        "starts_on": "2025-11-05", "ends_on": "2026-03-31", "target_coverage": "100", "retry_after_days": "2",
    }  # fmt: skip
    r = client.post(reverse("visits:campaign_new"), form)
    campaign = Campaign.objects.get()
    assert r.status_code == 302 and r.url == reverse("visits:campaign", args=[campaign.pk])
    assert campaign.scope_kind == "district"
    phase_form = {"phase-name": "集中走访", "phase-starts_on": "2025-11-05", "phase-ends_on": "2025-12-05"}
    assert client.post(reverse("visits:phase_new", args=[campaign.pk]), phase_form).status_code == 302
    phase = Phase.objects.get(campaign=campaign)
    assert client.post(reverse("visits:phase_generate", args=[campaign.pk, phase.pk])).status_code == 302
    assert VisitTask.objects.filter(phase=phase).count() == len(households)
    page = client.get(reverse("visits:campaign", args=[campaign.pk])).content.decode()
    assert "集中走访" in page and f"0 / {len(households)}" in page
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"visits.campaign_created", "visits.phase_added"} <= actions


def test_a_refused_form_keeps_what_was_typed_and_writes_nothing(client, supervisor, grid):
    client.force_login(supervisor)
    form = {
        "name": "冬季走访", "city": grid.community.street.district.city.pk, "starts_on": "2025-11-05",
        "ends_on": "2025-11-01", "target_coverage": "100", "retry_after_days": "2",
    }  # fmt: skip
    r = client.post(reverse("visits:campaign_new"), form)
    assert r.status_code == 200 and "结束日期不能早于开始日期" in r.content.decode()
    assert 'value="冬季走访"' in r.content.decode() and not Campaign.objects.exists()
    r = client.post(
        reverse("visits:campaign_new"), {**form, "ends_on": "2026-03-31", "target_coverage": "500"}
    )
    assert r.status_code == 200 and not Campaign.objects.exists()


def test_the_campaign_page_shows_the_citys_standard_from_its_rules(
    client, supervisor, phase, django_assert_max_num_queries
):
    campaign = phase.campaign
    IndoorStandard.objects.create(city=campaign.city, celsius=Decimal("20.0"), effective_from=D(2025, 10, 1))
    client.force_login(supervisor)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("visits:campaign", args=[campaign.pk])).content.decode()
    assert 'id="indoor-standard">20.0℃' in page
    assert "供暖季" in page and "卧室、起居室 20.0℃" in page


def test_a_campaign_for_chosen_priority_groups_visits_and_counts_only_them(client, supervisor, grid):
    from wennuan.registry.tests.factories import HouseholdFactory
    from wennuan.visits.coverage import households_for

    city = grid.community.street.district.city
    alone = HouseholdFactory(grid=grid, priority_groups="living_alone")
    poor = HouseholdFactory(grid=grid, priority_groups="disabled,low_income")
    HouseholdFactory(grid=grid)  # no group: not this campaign's
    HouseholdFactory(grid=grid, priority_groups="disabled")  # another group
    campaign = _campaign(supervisor, city, target_groups=["living_alone", "low_income"])
    assert campaign.target_label == "独居老人、低保户"
    phase = services.add_phase(
        by=supervisor,
        campaign=campaign,
        name="重点人群走访",
        starts_on=D(2025, 11, 5),
        ends_on=D(2025, 12, 5),
    )
    services.generate_phase_tasks(by=supervisor, phase=phase)
    assert set(VisitTask.objects.filter(phase=phase).values_list("household_id", flat=True)) == {
        alone.pk,
        poor.pk,
    }
    assert set(households_for(user=supervisor, phase=phase).values_list("pk", flat=True)) == {
        alone.pk,
        poor.pk,
    }
    with pytest.raises(DomainError, match="未知的重点人群"):
        _campaign(supervisor, city, target_groups=["nobody"])


def test_the_new_campaign_page_offers_the_priority_groups_and_keeps_the_choice(client, supervisor, grid):
    client.force_login(supervisor)
    page = client.get(reverse("visits:campaign_new")).content.decode()
    assert "走访对象" in page and 'value="low_income"' in page
    city = grid.community.street.district.city
    form = {
        "name": "低保户走访", "city": city.pk, "district": "", "street": "", "target_groups": ["low_income", "disabled"],
        "starts_on": "2025-11-05", "ends_on": "2026-03-31", "target_coverage": "100", "retry_after_days": "2",
    }  # fmt: skip
    assert client.post(reverse("visits:campaign_new"), form).status_code == 302
    campaign = Campaign.objects.get(name="低保户走访")
    assert campaign.target_group_codes == ["low_income", "disabled"]
    assert "低保户、残疾人" in client.get(reverse("visits:campaign", args=[campaign.pk])).content.decode()
