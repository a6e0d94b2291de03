"""Who is told (消息提醒) at each escalation step, of a 督办, and of a dispatch — once each."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import notify, services
from wennuan.cases.enums import Escalation, RootCause
from wennuan.cases.models import Case, CaseEvent
from wennuan.cases.sweep import run_sweep
from wennuan.core.roles import Role
from wennuan.notices import services as notices
from wennuan.notices.enums import NoticeKind
from wennuan.notices.models import Notice
from wennuan.registry.tests.factories import CompanyFactory, HouseholdFactory, StationFactory, StreetFactory

from .factories import dispatched, new_case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def people():
    """Everyone around one household, and people who must never hear about its case."""
    household = HouseholdFactory()
    grid, station = household.grid, household.station
    community = grid.community
    street = community.street

    def user(name, role, **scope):
        return UserFactory(username=name, role=role, **scope)

    return SimpleNamespace(
        household=household,
        dispatcher=user("dispatcher", Role.DISPATCHER, company=station.company),
        crew=user("crew", Role.STATION_CREW, station=station),
        community=user("community", Role.COMMUNITY_STAFF, community=community),
        street=user("street", Role.STREET_STAFF, street=street),
        district=user("district", Role.DISTRICT_STAFF, district=street.district),
        supervisor=user("supervisor", Role.SUPERVISOR),
        agent=user("agent", Role.HOTLINE_AGENT),
        grid_worker=user("grid", Role.GRID_WORKER, grid=grid),
        other_company=user("other-company", Role.DISPATCHER, company=CompanyFactory()),
        other_station=user(
            "other-station", Role.STATION_CREW, station=StationFactory(company=station.company)
        ),
        other_street=user("other-street", Role.STREET_STAFF, street=StreetFactory(district=street.district)),
        retired=UserFactory(
            username="retired", role=Role.DISPATCHER, company=station.company, is_active=False
        ),
    )


NEVER_TOLD = ("agent", "grid", "other-company", "other-station", "other-street", "retired")


def told(kind, *, key=None) -> list[str]:
    rows = Notice.objects.filter(kind=kind)
    if key is not None:
        rows = rows.filter(key=key)
    return sorted(rows.values_list("recipient__username", flat=True))


def test_each_escalation_step_tells_its_people_exactly_once(people):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=people.household), people.dispatcher)
        traveller.move_to(at("2026-11-23 10:30"))  # the 1-hour accept limit has passed
        run_sweep()
        run_sweep()
        assert told(NoticeKind.ESCALATION, key="0-1") == ["crew", "dispatcher"]
        traveller.move_to(at("2026-11-24 10:31"))  # the breach has lasted > 24 h: 网格吹哨
        run_sweep()
        assert told(NoticeKind.ESCALATION, key="0-2") == ["community", "crew", "dispatcher", "street"]
        traveller.move_to(at("2026-11-25 10:31"))  # > 48 h: 街道专班
        run_sweep()
        run_sweep()
    assert told(NoticeKind.ESCALATION, key="0-3") == [
        "community",
        "crew",
        "dispatcher",
        "district",
        "street",
        "supervisor",
    ]
    assert Notice.objects.filter(kind=NoticeKind.ESCALATION).count() == 2 + 4 + 6
    assert not Notice.objects.filter(recipient__username__in=NEVER_TOLD).exists()
    notice = Notice.objects.get(kind=NoticeKind.ESCALATION, key="0-3", recipient=people.supervisor)
    assert notice.subject == f"case:{case.pk}" and notice.link == reverse("cases:detail", args=[case.pk])
    assert notice.title == f"工单{case.number}超时升级：街道专班" and "签收" in notice.body


def test_a_late_sweep_tells_every_step_it_climbs_and_a_second_run_nothing(people):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        dispatched(new_case(household=people.household), people.dispatcher)
        traveller.move_to(at("2026-11-26 09:00"))  # nobody ran the sweep for three days
        run_sweep()
        before = Notice.objects.count()
        run_sweep()
    assert Notice.objects.count() == before
    keys = sorted(people.dispatcher.notices.filter(kind=NoticeKind.ESCALATION).values_list("key", flat=True))
    assert keys == ["0-1", "0-2", "0-3"]
    assert people.supervisor.notices.count() == 1


def test_a_reopened_case_climbs_the_ladder_again_and_is_told_again(people):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=people.household), people.dispatcher)
        traveller.move_to(at("2026-11-23 10:30"))
        run_sweep()
        case.refresh_from_db()
        case = services.accept_case(case=case, by=people.crew)
        case = services.record_contact(case=case, by=people.crew)
        case = services.resolve_case(
            case=case,
            by=people.crew,
            resolution="放气",
            root_cause=RootCause.RESIDENT,
            evidence={"temperature": 16},
        )
        case = services.reopen_case(case=case, by=people.agent, reason="群众来电：仍不热")
        traveller.move_to(at("2026-11-27 09:00"))  # the new resolve limit has passed
        run_sweep()
    keys = set(people.dispatcher.notices.filter(kind=NoticeKind.ESCALATION).values_list("key", flat=True))
    assert {"0-1", "1-1"} <= keys and "0-2" not in keys  # first round stopped at step 1; the redo starts over


def test_unrelated_people_and_inactive_users_are_never_recipients(people):
    case = dispatched(new_case(household=people.household), people.dispatcher)
    everyone = set(
        notify.escalation_recipients(case, Escalation.TASK_FORCE).values_list("username", flat=True)
    )
    assert everyone == {"dispatcher", "crew", "community", "street", "district", "supervisor"}


def test_a_case_without_unit_or_place_tells_only_the_roles_it_can(people):
    nowhere = Case()  # no company, station or grid
    assert list(notify.escalation_recipients(nowhere, Escalation.COMPANY_SUPERVISOR)) == []
    assert list(notify.escalation_recipients(nowhere, Escalation.STREET_WHISTLE)) == []
    assert list(notify.escalation_recipients(nowhere, Escalation.TASK_FORCE)) == [people.supervisor]
    assert list(notify.dispatch_recipients(nowhere)) == []
    only_place = Case(grid=people.household.grid)
    assert {u.username for u in notify.escalation_recipients(only_place, Escalation.STREET_WHISTLE)} == {
        "community",
        "street",
    }


def test_an_escalation_step_and_its_notices_land_together(people, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("notices unavailable")

    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=people.household), people.dispatcher)
        traveller.move_to(at("2026-11-23 10:30"))
        monkeypatch.setattr(notices, "notify", broken)
        with pytest.raises(RuntimeError):
            run_sweep()
    case.refresh_from_db()
    assert case.escalation_level == Escalation.NONE
    assert not CaseEvent.objects.filter(case=case, action="escalate").exists()


def test_supervision_tells_the_unit_and_when_overdue_also_the_issuer(people):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=people.household), people.dispatcher)
        order = services.issue_supervision(
            case=case,
            by=people.supervisor,
            instruction="今日内上门",
            due_at=timezone.now() + timedelta(hours=4),
        )
        assert told(NoticeKind.SUPERVISION, key=str(order.pk)) == ["crew", "dispatcher"]
        assert "今日内上门" in Notice.objects.filter(kind=NoticeKind.SUPERVISION).first().body
        traveller.move_to(at("2026-11-23 14:00"))
        run_sweep()
        run_sweep()
    assert told(NoticeKind.SUPERVISION_OVERDUE, key=str(order.pk)) == ["crew", "dispatcher", "supervisor"]
    assert not Notice.objects.filter(recipient__username__in=NEVER_TOLD).exists()


def test_dispatch_tells_the_station_crew_and_a_redispatch_tells_them_again(people):
    case = dispatched(new_case(household=people.household), people.dispatcher)
    assert told(NoticeKind.DISPATCHED) == ["crew"]
    notice = Notice.objects.get(kind=NoticeKind.DISPATCHED)
    assert notice.title.startswith(f"新工单{case.number}") and notice.link == reverse(
        "cases:detail", args=[case.pk]
    )
    case = services.return_case(case=case, by=people.crew, reason="非本站负责")
    dispatched(case, people.dispatcher)
    assert told(NoticeKind.DISPATCHED) == ["crew", "crew"]


def test_a_notice_says_where_from_the_registry_when_the_resident_gave_no_address(people):
    h = people.household
    dispatched(new_case(household=h, address=""), people.dispatcher)
    body = Notice.objects.get(kind=NoticeKind.DISPATCHED).body
    assert body == f"{h.unit.building.estate.name}{h.unit.building.label}{h.unit.label}{h.room}"
    assert notify.where(Case(address="建设路3号", household=h)) == "建设路3号"
    assert notify.where(Case()) == "地址未确权"


def test_telling_the_crew_costs_one_query_for_them_and_one_insert(people, django_assert_num_queries):
    case = new_case(household=people.household)
    with django_assert_num_queries(2):
        notify.tell(
            notify.dispatch_recipients(case), case=case, kind=NoticeKind.DISPATCHED, title="新工单", key="x"
        )
    assert told(NoticeKind.DISPATCHED) == ["crew"]
