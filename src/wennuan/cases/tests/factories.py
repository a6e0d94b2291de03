"""Factories for cases tests: users of each role and cases pushed to a given state through the services."""

import itertools

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import services
from wennuan.cases.enums import Channel, RootCause, Satisfaction
from wennuan.cases.models import Case
from wennuan.core.categories import Category
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import HouseholdFactory


def agent():
    return UserFactory(role=Role.HOTLINE_AGENT)


def dispatcher_for(company):
    return UserFactory(role=Role.DISPATCHER, company=company)


def crew_for(station):
    return UserFactory(role=Role.STATION_CREW, station=station)


def grid_worker_for(grid):
    return UserFactory(role=Role.GRID_WORKER, grid=grid)


def supervisor():
    return UserFactory(role=Role.SUPERVISOR)


class Actors:
    """The people around one household's case: agent, dispatcher, crew, grid worker, supervisor."""

    def __init__(self, household):
        self.household = household
        self.agent = agent()
        self.dispatcher = dispatcher_for(household.station.company)
        self.crew = crew_for(household.station)
        self.grid_worker = grid_worker_for(household.grid)
        self.supervisor = supervisor()


_tickets = itertools.count(1)


def new_case(*, household=None, category=Category.NOT_WARM, by=None, **kwargs) -> Case:
    household = household or HouseholdFactory()
    defaults = {
        "channel": Channel.HOTLINE_12345,
        "external_id": f"GD{next(_tickets):08d}",
        "text": "暖气不热，室温只有14度",
        "reporter_name": household.resident_name,
        "reporter_phone": household.phone,
    }
    defaults.update(kwargs)
    case, created = services.receive_case(household=household, category=category, by=by, **defaults)
    assert created
    return case


def dispatched(case, by) -> Case:
    return services.dispatch_case(case=case, by=by)


def accepted(case, *, dispatcher, crew) -> Case:
    return services.accept_case(case=dispatched(case, dispatcher), by=crew)


def resolved(case, *, dispatcher, crew) -> Case:
    case = accepted(case, dispatcher=dispatcher, crew=crew)
    return services.resolve_case(
        case=case,
        by=crew,
        resolution="放气、清洗过滤网",
        root_cause=RootCause.RESIDENT,
        evidence={"temperature": 19.5},
    )


def closed(case, *, actors: Actors) -> Case:
    case = resolved(case, dispatcher=actors.dispatcher, crew=actors.crew)
    case, _ = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    return services.close_case(case=case, by=actors.agent)
