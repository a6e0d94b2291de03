"""Who does what in the hall (pages, API and services share these sets)."""

from wennuan.core.roles import Role

# Payments arrive from the company's billing system: its dispatcher (own households) or the city.
IMPORTERS = frozenset({Role.DISPATCHER, Role.SUPERVISOR})
# Whole-season statements are the city's to compute.
STATEMENT_COMPUTERS = frozenset({Role.SUPERVISOR})
# Staff who file 报停/开栓 on a resident's behalf, or record a subsidy entitlement (优抚证, 低保证).
FILERS = frozenset(
    {
        Role.HOTLINE_AGENT,
        Role.DISPATCHER,
        Role.GRID_WORKER,
        Role.COMMUNITY_STAFF,
        Role.STREET_STAFF,
        Role.SUPERVISOR,
    }
)
# The company answers applications (its dispatcher); the city's supervisor may answer for it.
DECIDERS = frozenset({Role.DISPATCHER, Role.SUPERVISOR})
# Subsidies are approved and paid by the government side.
SUBSIDY_APPROVERS = frozenset({Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF})


def may(user, roles) -> bool:
    return user is not None and (user.is_superuser or getattr(user, "role", None) in roles)
