"""Set-based creation of a phase's visit tasks: one ``INSERT … SELECT`` over the households in scope.

A city has about a million households, so no household is loaded into Python: the SELECT is a Django
queryset compiled to SQL and inserted by the database in visiting order.
"""

from django.db import connection
from django.db.models import Case, DateField, DateTimeField, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from wennuan.registry.models import Household
from wennuan.registry.regions import region_id

from .complaints import recent_complaint_exists
from .enums import OrderGroup, ScopeKind, TaskPurpose, TaskStatus
from .models import Campaign, Phase, VisitTask

# The address order inside a grid: estate, building, unit, room (ids keep a stable tie-break).
ADDRESS_ORDER = ("unit__building__estate__name", "unit__building_id", "unit_id", "room", "id")


def households_in_scope(campaign: Campaign):
    """Every registry household the campaign covers: its area, narrowed to its target groups when it has
    some (a queryset, not evaluated). Task generation, coverage and the phase summary all count from it."""
    target = {
        ScopeKind.STREET: campaign.street_id,
        ScopeKind.DISTRICT: campaign.district_id,
        ScopeKind.CITY: campaign.city_id,
    }[campaign.scope_kind]
    households = Household.objects.filter(**{region_id(campaign.scope_kind): target})
    if campaign.target_group_codes:  # a campaign for chosen priority groups: households in any of them
        in_any = Q()
        for code in campaign.target_group_codes:
            in_any |= Q(priority_groups__contains=code)  # no group code is part of another
        households = households.filter(in_any)
    return households


def order_group_expression():
    """Priority-group households first, then those with an open or recent complaint, then the rest."""
    whens = [
        When(~Q(priority_groups=""), then=Value(OrderGroup.PRIORITY)),
        When(recent_complaint_exists("pk"), then=Value(OrderGroup.COMPLAINT)),
    ]
    return Case(*whens, default=Value(OrderGroup.ORDINARY), output_field=IntegerField())


def insert_missing_tasks(phase: Phase) -> int:
    """Insert a first-attempt task for each household in scope that has none in this phase.

    Returns the number of tasks inserted; running it again inserts only what is still missing.
    """
    now = timezone.now()
    has_task = VisitTask.objects.filter(phase_id=phase.pk, household_id=OuterRef("pk"))
    columns = {
        "phase": Value(phase.pk, output_field=IntegerField()),
        "household": F("pk"),
        "grid": F("grid_id"),
        "attempt": Value(1, output_field=IntegerField()),
        "order_group": order_group_expression(),
        "due_on": Value(phase.starts_on, output_field=DateField()),
        "status": Value(TaskStatus.PENDING.value),
        "purpose": Value(TaskPurpose.VISIT.value),
        "created_at": Value(now, output_field=DateTimeField()),
    }
    aliases = {f"t_{name}": expr for name, expr in columns.items()}
    select = (
        households_in_scope(phase.campaign)
        .filter(~Exists(has_task))
        .annotate(**aliases)
        .order_by("t_order_group", *ADDRESS_ORDER)
        .values_list(*aliases)
    )
    sql, params = select.query.sql_with_params()
    table = connection.ops.quote_name(VisitTask._meta.db_table)
    names = ", ".join(connection.ops.quote_name(VisitTask._meta.get_field(n).column) for n in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)
        return max(cursor.rowcount, 0)
