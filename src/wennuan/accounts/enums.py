from django.db import models


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


# Which scope kind (core.scope.KINDS) each role reads; "city" is the whole city.
ROLE_SCOPE_KIND = {
    Role.SUPERVISOR: "city",
    Role.DISTRICT_STAFF: "district",
    Role.STREET_STAFF: "street",
    Role.COMMUNITY_STAFF: "community",
    Role.GRID_WORKER: "grid",
    Role.HOTLINE_AGENT: "city",
    Role.DISPATCHER: "company",
    Role.STATION_CREW: "station",
    Role.SPOT_CHECKER: "city",
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
