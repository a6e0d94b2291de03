"""Roles: what a user does, and so which part of the city it reads (its scope kind) and whether it sees
names and phones. Low in the layers because scope, masking and the admin (all in core) depend on it;
``accounts.User`` stores the role."""

from django.db import models

from .scope import ScopeKind


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", "供热主管（住建）"
    DISTRICT_STAFF = "district_staff", "区县工作人员"
    STREET_STAFF = "street_staff", "街道工作人员"
    COMMUNITY_STAFF = "community_staff", "社区工作人员"
    GRID_WORKER = "grid_worker", "网格员"
    HOTLINE_AGENT = "hotline_agent", "12345坐席"
    DISPATCHER = "dispatcher", "供热企业调度"
    STATION_CREW = "station_crew", "换热站维修班组"
    SPOT_CHECKER = "spot_checker", "抽核员"


ROLE_SCOPE_KIND = {
    Role.SUPERVISOR: ScopeKind.CITY,
    Role.DISTRICT_STAFF: ScopeKind.DISTRICT,
    Role.STREET_STAFF: ScopeKind.STREET,
    Role.COMMUNITY_STAFF: ScopeKind.COMMUNITY,
    Role.GRID_WORKER: ScopeKind.GRID,
    Role.HOTLINE_AGENT: ScopeKind.CITY,
    Role.DISPATCHER: ScopeKind.COMPANY,
    Role.STATION_CREW: ScopeKind.STATION,
    Role.SPOT_CHECKER: ScopeKind.CITY,
}

# Roles that contact residents and so see names and phones unmasked.
ROLES_SEEING_PERSONAL_DATA = frozenset(
    {
        Role.GRID_WORKER,
        Role.COMMUNITY_STAFF,
        Role.HOTLINE_AGENT,
        Role.DISPATCHER,
        Role.STATION_CREW,
        Role.SPOT_CHECKER,
    }
)
